"""The independent dev set (../shared/devset): its family and learning folder ingested into a
store of their own, its 40 questions asked of CaseBrief and of the top-4 baseline, and both
scored by the dev set's own scorer (score.py), so the figures are the author's, not ours."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import yaml
from pydantic import BaseModel

from bot.answer import Engine
from bot.markup import plain
from bot.types import Answer, Turn
from eval.bank import DEVSET
from eval.categories import CATEGORIES, Outcome, table
from eval.evaluate import Baseline

DEVSET_TODAY = dt.date(2026, 11, 20)  # the dev set's "now" (its README)


class DevsetScores(BaseModel):
    casebrief: str
    baseline: str
    categories: str = ""  # the per-category table (document, learning, procedure, topic)


def available() -> bool:
    return (DEVSET / "questions.yaml").exists() and (DEVSET / "score.py").exists()


def _line(answer: Answer, question_id: str) -> str:
    return json.dumps(
        {
            "id": question_id,
            "answer": plain(answer.answer),  # the text, as a reader sees it
            "citations": [c.model_dump(mode="json") for c in answer.citations],
            "abstained": answer.abstained,
        }
    )


def _score(questions: Path, answers: list[str], work: Path, name: str) -> str:
    path = work / f"{name}-answers.jsonl"
    path.write_text("\n".join(answers) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(DEVSET / "score.py"), str(questions), str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def run_devset(engine: Engine, work: Path) -> DevsetScores:
    """`engine` must use a store holding the dev set's case and learning folder."""
    questions_file = DEVSET / "questions.yaml"
    questions = yaml.safe_load(questions_file.read_text(encoding="utf-8"))
    baseline = Baseline(engine)
    conversations: dict[str, list[Turn]] = defaultdict(list)
    ours: list[str] = []
    theirs: list[str] = []
    for item in questions:
        history = conversations[item.get("follow_up_of") or item["id"]]
        answer = engine.ask(item["question"], item.get("case"), conversation=list(history))
        if answer.turn:
            history.append(answer.turn)
            conversations[item["id"]] = history
        ours.append(_line(answer, item["id"]))
        theirs.append(_line(baseline.ask(item["question"], item.get("case")), item["id"]))
    work.mkdir(parents=True, exist_ok=True)
    outcomes = _outcomes(questions, ours, "casebrief") + _outcomes(questions, theirs, "baseline")
    return DevsetScores(
        casebrief=_score(questions_file, ours, work, "casebrief"),
        baseline=_score(questions_file, theirs, work, "baseline"),
        categories=table(outcomes),
    )


def _scorer() -> ModuleType:
    """The dev set's own score.py, imported: its completeness and citation-hit rules."""
    spec = importlib.util.spec_from_file_location("devset_score", DEVSET / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _outcomes(questions: list[dict], lines: list[str], system: str) -> list[Outcome]:
    """Per question of a table category: the scorer's completeness and facts; precision =
    citations hitting a must_cite or may_cite entry (score.py's hit rule)."""
    scorer = _scorer()
    outcomes = []
    for item, line in zip(questions, lines, strict=True):
        if item.get("kind") not in CATEGORIES:
            continue
        answer = json.loads(line)
        scored = scorer.score_one(item, answer)
        entries = [
            alt.strip()
            for entry in (item.get("must_cite") or []) + (item.get("may_cite") or [])
            for alt in str(entry).split("|")
        ]
        citations = answer["citations"]
        relevant = [
            c for c in citations if any(scorer.hits(e, c, item.get("case")) for e in entries)
        ]
        found, due = scored["facts"]
        precision = len(relevant) / len(citations) if citations else 0.0
        outcomes.append(
            Outcome(system, item["kind"], bool(scored["complete"]), precision, found, due)
        )
    return outcomes


def last_line(report: str) -> str:
    return report.strip().splitlines()[-1] if report.strip() else ""
