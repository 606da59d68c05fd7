"""Understanding accuracy on the part of the dev set's question bank held aside from training
(eval/bank.py): per field (about, shape, members, period), ask by ask, for answerable items.

A question's asks are compared in order; a question with a different number of asks counts
every field of the missing or extra asks as wrong."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from pydantic import BaseModel

from bot.records import Records
from bot.request import Ask, Request
from bot.understand import Understander
from eval.bank import BankAsk, bank_part

DEVSET_TODAY = dt.date(2026, 11, 20)
FIELDS = ("about", "shape", "members", "period")


class FieldScores(BaseModel):
    items: int
    asks: int
    correct: dict[str, int]
    unanswerable_items: int
    failures: list[str]

    def accuracy(self, field: str) -> float:
        return self.correct[field] / self.asks if self.asks else 0.0


def _matches(field: str, gold: BankAsk, got: Ask) -> bool:
    if field == "about":
        return gold.about == got.about
    if field == "shape":
        return gold.shape == got.shape
    if field == "members":
        return set(gold.members) == set(got.members)
    period = got.period
    if gold.period is None:
        return period is None
    return period is not None and (period.start, period.end) == (gold.period.start, gold.period.end)


def score_understanding(
    understander: Understander, records: Records | None, learning_ok: bool = True
) -> FieldScores:
    items = [i for i in bank_part("held_out") if i.answerable]
    correct: Counter[str] = Counter()
    asks = 0
    failures: list[str] = []
    previous: dict[str, Request] = {}
    for item in items:
        case = records if item.case else None
        before = previous.get(item.follow_up_of or "")
        request = understander.understand(item.question, case, DEVSET_TODAY, before)
        previous[item.id] = request
        asks += max(len(item.asks), len(request.asks))
        for gold, got in zip(item.asks, request.asks, strict=False):
            wrong = [f for f in FIELDS if not _matches(f, gold, got)]
            for field in FIELDS:
                correct[field] += field not in wrong
            if wrong:
                why = ", ".join(_explain(f, gold, got) for f in wrong)
                failures.append(f"{item.id} {item.question!r}: {why}")
        if len(item.asks) != len(request.asks):
            failures.append(
                f"{item.id} {item.question!r}: {len(request.asks)} asks, gold {len(item.asks)}"
            )
    unanswerable = len([i for i in bank_part("held_out") if not i.answerable])
    return FieldScores(
        items=len(items),
        asks=asks,
        correct=dict(correct),
        unanswerable_items=unanswerable,
        failures=failures,
    )


def _explain(field: str, gold: BankAsk, got: Ask) -> str:
    if field == "period":
        mine = (got.period.start, got.period.end) if got.period else None
        theirs = (gold.period.start, gold.period.end) if gold.period else None
        return f"period {mine} != {theirs}"
    return f"{field} {getattr(got, field)!r} != {getattr(gold, field)!r}"


def report(scores: FieldScores) -> str:
    lines = [
        f"Understanding, held-out bank: {scores.items} answerable questions, {scores.asks} asks",
        "",
        "| field | accuracy |",
        "|---|---|",
    ]
    lines += [f"| {f} | {scores.accuracy(f):.2f} |" for f in FIELDS]
    return "\n".join(lines)
