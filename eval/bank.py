"""The dev set's labelled question bank (../shared/devset/question-bank.yaml), split by
conversation into a part the understanding may train on and a part held aside for measuring.

A follow-up always lands in the same part as the question it follows. The split is a hash of
the conversation's first id, so it is the same on every machine and never looks at the text."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"
BANK = DEVSET / "question-bank.yaml"
HELD_OUT_SHARE = 40  # per cent of conversations held aside

Part = Literal["train", "held_out"]


class BankPeriod(BaseModel):
    text: str
    start: dt.date | None = Field(None, alias="from")
    end: dt.date | None = Field(None, alias="to")


class BankAsk(BaseModel):
    about: str
    shape: str
    members: list[str] = Field(default_factory=list)
    agency_or_role: str | list[str] | None = None
    type: str | list[str] | None = None
    outcome: str | None = None
    source_type: str | list[str] | None = None
    current_only: bool = False
    period: BankPeriod | None = None
    topic: str | None = None


class BankItem(BaseModel):
    id: str
    question: str
    case: str | None = None
    follow_up_of: str | None = None
    asks: list[BankAsk]
    answerable: bool = True
    notes: str = ""
    conversation: str = ""
    part: Part = "train"


def _part(conversation: str) -> Part:
    digest = hashlib.sha256(conversation.encode()).digest()
    return "held_out" if digest[0] * 100 // 256 < HELD_OUT_SHARE else "train"


def load_bank(path: Path = BANK) -> list[BankItem]:
    """Every bank item with its conversation and part; [] when the bank is absent."""
    if not path.exists():
        return []
    raw: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    items: list[BankItem] = []
    root: dict[str, str] = {}
    for entry in raw:
        item = BankItem.model_validate(entry)
        conversation = root.get(item.follow_up_of or "", item.id)
        root[item.id] = conversation
        items.append(
            item.model_copy(update={"conversation": conversation, "part": _part(conversation)})
        )
    return items


def bank_part(part: Part, path: Path = BANK) -> list[BankItem]:
    return [item for item in load_bank(path) if item.part == part]


def export_training_part(target: Path) -> int:
    """Write the training part of the bank in the classifier's format (prompts/understanding),
    with the dev family's names as the roster to mask. Returns the number of items."""
    case = yaml.safe_load((DEVSET / "cases" / "FAM-D1" / "case.yaml").read_text(encoding="utf-8"))
    children = [m for m in case["members"] if m["role"] in ("child", "unborn")]
    adults = [m for m in case["members"] if m["role"] not in ("child", "unborn")]

    def names(members: list[dict]) -> list[str]:
        found = {
            n for m in members for n in [m["name"], m["name"].split()[0], *m.get("aliases", [])]
        }
        return sorted(n for n in found if len(n) > 2)

    items = bank_part("train")
    data = {
        "roster": {"children": names(children), "adults": names(adults)},
        "examples": [
            {
                "q": item.question,
                "asks": [
                    {
                        "about": a.about,
                        "shape": a.shape,
                        **({"current": True} if a.current_only else {}),
                    }
                    for a in item.asks
                ],
            }
            for item in items
        ],
    }
    header = (
        "# The training part of the dev set's question bank (../shared/devset/\n"
        "# question-bank.yaml, written by someone else), split by conversation in\n"
        "# eval/bank.py; the other part is held aside and never used here.\n"
        "# Regenerate with: python -m eval.bank\n"
    )
    target.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    return len(items)


if __name__ == "__main__":
    count = export_training_part(ROOT / "prompts" / "understanding" / "bank-train.yaml")
    print(f"wrote {count} training items")
