"""What crosses the bot's boundary: questions in, cited answers out."""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

Intent = Literal[
    "involvement",
    "appointments",
    "chronology",
    "last_seen",
    "addresses",
    "household",
    "documents",
    "learning",
]
INTENTS: tuple[Intent, ...] = get_args(Intent)


class Citation(BaseModel):
    """One cited record; `marker` is the number shown as [n] in the answer."""

    model_config = ConfigDict(frozen=True)

    marker: int
    record_id: str
    case_id: str | None
    kind: str
    source: str = Field(description="File and row, or file and heading/page.")
    date: str | None = None
    text: str = Field(description="The record's text, or the quoted passage.")


class Turn(BaseModel):
    """What a follow-up question needs from the previous one."""

    question: str
    intents: list[Intent]
    filters: dict[str, object] = Field(default_factory=dict)
    record_ids: list[str] = Field(default_factory=list)


class Answer(BaseModel):
    id: str | int | None = None
    question: str
    case_id: str | None
    intent: str
    answer: str
    citations: list[Citation]
    abstained: bool
    searched: str
    turn: Turn | None = Field(None, exclude=True)


class Period(BaseModel):
    """Inclusive date bounds; either may be open."""

    model_config = ConfigDict(frozen=True)

    start: dt.date | None = None
    end: dt.date | None = None
    label: str = ""
    span: str = Field("", description="The words of the question that gave the period.")

    def strip_from(self, text: str) -> str:
        """The question without the words that gave the period ('since 2016')."""
        return text.replace(self.span, " ") if self.span else text

    def overlaps(self, start: dt.date, end: dt.date | None) -> bool:
        """Whether a span (an address, an involvement; end None = still open) meets the period."""
        return (self.end is None or start <= self.end) and (
            self.start is None or end is None or end >= self.start
        )

    def contains(self, day: dt.date | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)
