"""What crosses the bot's boundary: questions in, cited answers out."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from bot.request import Period, Request

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
    caveat: bool = Field(
        False,
        description="Cited only by a closing caveat (the records either side of a gap in the "
        "period asked about), not by the answer itself.",
    )


class Turn(BaseModel):
    """What a follow-up question needs from the previous one: how it was understood and which
    records answered it."""

    question: str
    request: Request
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
    request: Request | None = Field(None, description="How the question was understood.")
    turn: Turn | None = Field(None, exclude=True)


__all__ = ["INTENTS", "Answer", "Citation", "Intent", "Period", "Turn"]
