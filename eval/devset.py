"""The independent dev set (../shared/devset): its family and learning folder ingested into a
store of their own, its 40 questions asked of CaseBrief and of the top-4 baseline, and both
scored by the dev set's own scorer (score.py), so the figures are the author's, not ours."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import yaml
from pydantic import BaseModel

from bot.answer import Engine
from bot.markup import plain
from bot.types import Answer, Turn
from eval.bank import DEVSET
from eval.evaluate import Baseline

DEVSET_TODAY = dt.date(2026, 11, 20)  # the dev set's "now" (its README)


class DevsetScores(BaseModel):
    casebrief: str
    baseline: str


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
    return DevsetScores(
        casebrief=_score(questions_file, ours, work, "casebrief"),
        baseline=_score(questions_file, theirs, work, "baseline"),
    )


def last_line(report: str) -> str:
    return report.strip().splitlines()[-1] if report.strip() else ""
