"""Fresh wordings: questions written by colleagues who saw no code, each with the records a
careful practitioner would cite, read straight from the bundles.

- R1: 180 questions (207 turns) on the demo families and the dev set's FAM-D1;
- R7: a family exported another way (professionals as xlsx, a BOM, docx and pdf documents),
  110 questions, and 40 more on the old cases;
- R8: another family (chronology as xlsx, CRLF csv), 120 questions, held out: run to measure,
  never read to fix;
- R9 and R10 (a later session): two more families by two more colleagues, 120 questions each
  (R9: four children, two fathers, home education, moves between two councils, appointments as
  xlsx; R10: a pre-birth case, chronology as xlsx with Excel dates, a BOM and CRLF). R10 is
  used to find failures; R9 is held out like R8;
- R11: a fifth family (exploitation risk, 8 documents, a chronology with quoted newlines and
  Excel dates among the professionals), 120 questions, held out;
- R12: a sixth (rural neglect, a young carer, professionals as xlsx with text dates), 120
  questions, used to find failures;
- R13: a seventh (a blended family, exploitation and a school exclusion, a chronology csv in
  its own column order, appointments as xlsx with Title Case headers and text dates, a BOM),
  120 questions, held out;
- R14: an eighth (a mother with a learning disability, ten homes over two councils, a transfer
  that lost the domestic abuse history, a child off roll for home education; day-first dates
  with times, padded upper-case headers, extra columns), 120 questions, written at 7ea5257
  by a colleague who saw no code: measured there first, then used to find failures.

A turn is correct when it cites every expected record (a document by its file name) and at
most 2n+3 records, or abstains when nothing should be cited.

    python -m eval.fresh_wordings [--sets R1,R7,R8,R9,R10,R11,R12,R13,R14] [--failures] [--work DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, TypeAdapter

from bot.access import LOCAL
from bot.answer import Engine
from bot.types import Answer, Turn
from config.settings import load_settings
from eval.bank import DEVSET

HERE = Path(__file__).resolve().parent / "fresh"
DEMO = HERE.parents[1] / "demo"
SETS = ("R1", "R7", "R8", "R9", "R10", "R11", "R12", "R13", "R14")


class FreshQuestion(BaseModel):
    store: str  # 'demo', 'devset' or 'fresh' (the families in eval/fresh/cases)
    case: str
    today: dt.date
    q: str = ""  # one question; or `turns`, a conversation
    turns: list[str] | None = None
    expect_ids: list[str] | list[list[str]]
    expect_note: str = ""

    def asked(self) -> Iterator[tuple[str, list[str]]]:
        """Each turn with the records it should cite."""
        if self.turns:
            for turn, ids in zip(self.turns, self.expect_ids, strict=True):
                yield turn, list(ids)  # type: ignore[arg-type]
        else:
            yield self.q, [str(i) for i in self.expect_ids]


class Cited(BaseModel):
    record_id: str
    source: str

    def meets(self, expected: str) -> bool:
        """The record itself, or a passage of the document (or section) expected."""
        document = self.source.removeprefix("documents/")
        stem = document.split(" § ")[0].rsplit(".", 1)[0]
        return (
            expected == self.record_id
            or self.record_id.startswith(expected + "#")
            or document.startswith(expected)
            or expected == stem  # a document named without its extension
        )


class TurnScore(BaseModel):
    question: str
    expected: list[str]
    cited: list[Cited]
    abstained: bool

    @property
    def correct(self) -> bool:
        if not self.expected:
            return self.abstained or not self.cited
        return (
            not self.abstained
            and all(any(c.meets(e) for c in self.cited) for e in self.expected)
            and len(self.cited) <= 2 * len(self.expected) + 3
        )


def load(name: str) -> list[FreshQuestion]:
    lines = (HERE / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    adapter = TypeAdapter(FreshQuestion)
    return [adapter.validate_json(line) for line in lines if line.strip()]


def _cited(answer: Answer) -> list[Cited]:
    """The records cited, once each."""
    found = {c.record_id: Cited(record_id=c.record_id, source=c.source) for c in answer.citations}
    return list(found.values())


def _folders(store: str) -> tuple[list[Path], list[Path]] | None:
    """The case and learning folders a question's store is made of; None when not here."""
    if store == "demo":
        return [DEMO / "cases"], [DEMO / "learning"]
    if store == "devset":
        if not (DEVSET / "cases").exists():
            return None
        return [DEVSET / "cases"], [DEVSET / "learning"]
    return [HERE / "cases"], []


def score(questions: list[FreshQuestion], work: Path) -> tuple[list[TurnScore], int]:
    """Every turn scored, and how many questions were skipped (their store is not here)."""
    from ingest.pipeline import ingest_cases, ingest_learning

    scores: list[TurnScore] = []
    skipped = 0
    engines: dict[tuple[str, dt.date], Engine] = {}
    for question in questions:
        folders = _folders(question.store)
        if folders is None:
            skipped += 1
            continue
        key = (question.store, question.today)
        if key not in engines:
            settings = load_settings(store=work / question.store, today=question.today)
            if not (work / question.store).exists():
                ingest_cases(folders[0], settings)
                if folders[1]:
                    ingest_learning(folders[1], settings)
            engines = {key: Engine(settings)}  # one at a time: memory
        engine = engines[key]
        history: list[Turn] = []
        for text, expected in question.asked():
            answer = engine.ask(text, question.case, LOCAL, history)
            if answer.turn:
                history.append(answer.turn)
            scores.append(TurnScore(question=text, expected=expected, cited=_cited(answer),
                                    abstained=answer.abstained))  # fmt: skip
    return scores, skipped


def report(name: str, scores: list[TurnScore], skipped: int, failures: bool) -> str:
    correct = sum(s.correct for s in scores)
    text = f"| {name} | {len(scores)} | {correct} | {correct / max(len(scores), 1):.2f} |"
    if skipped:
        text += f" ({skipped} questions skipped: their store is not here)"
    if failures:
        text += "".join(
            f"\n  - {s.question!r}: expected {s.expected}, cited {len(s.cited)}"
            f"{' (abstained)' if s.abstained else ''}"
            for s in scores
            if not s.correct
        )
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--failures", action="store_true")
    parser.add_argument("--work", type=Path, default=None, help="Stores are kept here.")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="casebrief-fresh-"))
    print("| set | turns | correct | share |\n|---|--:|--:|--:|")
    for name in args.sets.split(","):
        scores, skipped = score(load(name), work)
        print(report(name, scores, skipped, args.failures), flush=True)


if __name__ == "__main__":
    main()
