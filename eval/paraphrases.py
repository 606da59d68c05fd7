"""Paraphrase benchmark: 30 questions of our own about the demo families, five wordings each
(typo, slang, two-part, terse, rambling). A wording passes when it is answered (not abstained)
and cites every record of `expect` (and, for the two-part wording, of `two_part_also` too);
a group is consistent when all five wordings pass. `eval/paraphrases.yaml` says how each
expected set was computed from the demo files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from bot.answer import Engine

DATA = Path(__file__).resolve().parent / "paraphrases.yaml"
KINDS = ("typo", "slang", "two_part", "terse", "rambling")


class Wording(BaseModel):
    group: str
    kind: str
    question: str
    expected: list[str]
    cited: list[str]
    abstained: bool

    @property
    def passed(self) -> bool:
        return not self.abstained and set(self.expected) <= set(self.cited)

    def why(self) -> str:
        missing = sorted(set(self.expected) - set(self.cited))
        where = f"{self.group}-{self.kind} {self.question!r}"
        return f"{where}: abstained={self.abstained} missing={missing}"


class ParaphraseReport(BaseModel):
    wordings: list[Wording]

    @property
    def passed(self) -> int:
        return sum(w.passed for w in self.wordings)

    @property
    def consistent_groups(self) -> int:
        groups = {w.group for w in self.wordings}
        return sum(all(w.passed for w in self.wordings if w.group == g) for g in groups)

    def table(self) -> str:
        rows = ["| wording | passed |", "|---|---|"]
        for kind in KINDS:
            mine = [w for w in self.wordings if w.kind == kind]
            rows.append(f"| {kind} | {sum(w.passed for w in mine)}/{len(mine)} |")
        groups = len({w.group for w in self.wordings})
        rows.append(f"| all | {self.passed}/{len(self.wordings)} |")
        rows.append(
            f"| groups with all five wordings passing | {self.consistent_groups}/{groups} |"
        )
        return "\n".join(rows)


def load_groups(path: Path = DATA) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run_paraphrases(engine: Engine, path: Path = DATA) -> ParaphraseReport:
    """Every wording as a fresh conversation, on an engine over the demo store."""
    wordings: list[Wording] = []
    for group in load_groups(path):
        for kind in KINDS:
            question = group["wordings"][kind]
            expected = list(group["expect"])
            if kind == "two_part":
                expected += group.get("two_part_also", [])
            answer = engine.ask(question, group["case"])
            wordings.append(
                Wording(
                    group=group["id"],
                    kind=kind,
                    question=question,
                    expected=expected,
                    cited=[c.record_id for c in answer.citations],
                    abstained=answer.abstained,
                )
            )
    return ParaphraseReport(wordings=wordings)
