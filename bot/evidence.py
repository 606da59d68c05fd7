"""What a tool returns: sentences, each resting on the records it names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bot.entities import Mentions
from bot.records import Records
from bot.types import Intent, Period


@dataclass(frozen=True)
class Line:
    """One sentence of an answer and the record ids it rests on (never empty in an answer)."""

    text: str
    record_ids: tuple[str, ...]
    bullet: bool = False
    learning: bool = False


@dataclass
class ToolResult:
    intent: Intent
    lines: list[Line]
    searched: str
    found: bool
    record_ids: list[str] = field(default_factory=list)
    filters: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Query:
    """A routed question with everything resolved: the tools only filter typed records."""

    question: str
    records: Records | None
    mentions: Mentions
    period: Period | None
    today: dt.date
    restrict_to: tuple[str, ...] = ()  # a follow-up over "those" earlier results

    @property
    def lower(self) -> str:
        return self.question.lower()


def fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d %b %Y").lstrip("0") if day else "an unrecorded date"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"
