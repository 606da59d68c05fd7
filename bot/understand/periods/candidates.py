"""Candidates: the working types of one reading (a calendar atom, a phrase found, a record's
date that an anchor matched, the question's context)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from bot.understand.periods.index import _Index
from bot.understand.periods.text import _Text


@dataclass
class _Found:
    a: int  # norm offsets of the phrase
    b: int
    start: dt.date | None = None
    end: dt.date | None = None
    label: str = ""
    unresolved: bool = False
    fallback: _Found | None = None  # an unresolved anchor's own date ("... in august")
    context: bool = False  # maybe the speaker's own plans: not the question's period
    plan: bool = False  # surely the time of something upcoming ("before tomorrow's visit")
    anchor: bool = False  # read from the case's records, not from the calendar alone
    inner: tuple[int, int] | None = None  # a date inside an anchor that won: its words
    rank: int = 0  # longer/anchored readings win an overlap
    atom: bool = False  # read from a date alone, not from the records
    hits: list[dt.date] | None = None  # every date an anchor matched (for "between")
    anchor_ids: tuple[str, ...] = ()  # the records the anchor's date was read from


@dataclass
class _Atom:
    a: int
    b: int
    lo: dt.date
    hi: dt.date
    kind: str
    explicit_year: bool = True
    reyear: Callable[[int], tuple[dt.date, dt.date]] | None = None
    month: int | None = None
    point: dt.date | None = None
    needs_prep: bool = False
    future_deictic: bool = False
    word_year: bool = False  # a year standing as a word: a period without a preposition


@dataclass
class _Ctx:
    text: _Text
    today: dt.date
    index: _Index | None
    future: bool

    @property
    def opened(self) -> dt.date | None:
        return self.index.opened if self.index else None


@dataclass
class _Hit:
    date: dt.date
    end: dt.date | None = None  # a span: an address lived at, an involvement
    ids: tuple[str, ...] = ()  # the records it was read from


_NOT_TIME = "not time"
