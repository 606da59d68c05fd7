"""`find_period`: every candidate phrase read, the speaker's own plans dropped, and the
question's period chosen."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.types import Period
from bot.understand.periods.absolute import _calendar_atoms
from bot.understand.periods.anchors import _anchors
from bot.understand.periods.candidates import _Ctx, _Found
from bot.understand.periods.date_phrases import _date_phrases
from bot.understand.periods.index import _index
from bot.understand.periods.patterns import (
    _CLAUSE_BREAK,
    _FIRST_PERSON,
    _FUTURE_RE,
    _TRIGGER,
    _WH_CLAUSE,
    _WORD_RE,
)
from bot.understand.periods.relative import _relative_atoms
from bot.understand.periods.school import _school_holiday_atoms
from bot.understand.periods.text import _normalise
from bot.understand.periods.words import (
    _AUX,
    _IRREGULAR_PAST,
    _PRESENT,
    ASKING_VERBS,
    REQUEST_VERBS,
)

if TYPE_CHECKING:
    from bot.records import Records


@dataclass(frozen=True)
class PeriodParse:
    """What `find_period` read: the period, or the time phrase it could not resolve."""

    period: Period | None
    unresolved: str | None  # a time phrase found but not resolvable ("since the adoption")


def _clause(norm: str, a: int, b: int) -> tuple[int, int]:
    """The bounds of the clause around norm[a:b] (punctuation and ' - ' end one)."""
    left = max(norm.rfind(c, 0, a) for c in ".?!;,") + 1
    dash = norm.rfind(" - ", 0, a)
    left = max(left, dash + 3 if dash >= 0 else 0)
    right_candidates = [norm.find(c, b) for c in ".?!;,"] + [norm.find(" - ", b)]
    right = min((r for r in right_candidates if r >= 0), default=len(norm))
    return left, right


def _speaker_context(ctx: _Ctx, found: _Found) -> bool:
    """'I'm covering ... next week', 'I'm going out tomorrow', 'so I can decide whether to
    visit this week': the speaker's own plans. Not when the speaker asks ('what have I got
    on next week', 'I want the visits this week', 'I need to know who saw Sam this week')."""
    norm = ctx.text.norm
    left, right = _clause(norm, found.a, found.b)
    for m in _FIRST_PERSON.finditer(norm, left, right):
        before = _WORD_RE.findall(norm[left : m.start()])
        if before and before[-1] in _AUX:
            continue  # "what have I got on next week": a question
        after = _WORD_RE.findall(norm[m.end() : right])[:4]
        after = [w for w in after if w not in _AUX and w not in ("just", "really", "also")]
        if (
            after
            and after[0] in REQUEST_VERBS
            and not (len(after) > 2 and after[1] == "to" and after[2] not in ASKING_VERBS)
        ):
            continue  # "I want / I'd like / I need to know": asking, not planning
        if m.end() <= found.a and _WH_CLAUSE.search(norm, m.end(), found.a):
            continue  # "I want to know who saw Sam this week": the time of the question
        return True
    return False


_ASKING = re.compile(
    r"\b(?:what|what's|which|who|who's|whom|when|where|why|how|could|can|would|will\syou"
    r"|please|list|tell|give|show|any|anything|is\sthere|are\sthere)\b"
)


def _told_ahead(ctx: _Ctx, found: _Found) -> bool:
    """A time still to come, told in a statement before the question is asked in another
    clause ('Dr Kemble is going to examine Callum next week and asked me for his history;
    could you give me ...', 'the conference is next Tuesday - what has happened?'): the time
    of someone's plan, not of the question. A time alone ('For next week, list ...') or in
    the asking clause ('what's booked next week?') stays."""
    norm = ctx.text.norm
    if found.start is None or found.start <= ctx.today:
        return False
    left, right = _clause(norm, found.a, found.b)
    if norm[right : right + 1] == "?":
        return False
    own = norm[left : found.a] + " " + norm[found.b : right]
    words = _WORD_RE.findall(own)
    if _ASKING.search(own) or not any(
        w in _AUX or w in _PRESENT or w in _IRREGULAR_PAST for w in words
    ):
        return False
    return _ASKING.search(norm, right) is not None


def _same_clause(norm: str, x: _Found, y: _Found) -> bool:
    first, second = (x, y) if x.a <= y.a else (y, x)
    return _CLAUSE_BREAK.search(norm, first.b, max(first.b, second.a)) is None


# "he isn't in nursery until September", "won't be seen until June": a present or future
# negative before 'until' looks ahead, so a month without a year is the next one
_NOT_UNTIL = re.compile(
    r"\b(?:isn'?t|aren'?t|won'?t|doesn'?t|don'?t|not|can'?t|cannot)\b[^.;?]{0,40}?\buntil\b"
)


def find_period(text: str, today: dt.date, records: Records | None = None) -> PeriodParse:
    """The period a question asks about, or the time phrase it names that no record holds.

    `today` resolves relative words; `records` (a case's) resolves anchors such as 'since
    the ICPC'. With no records, an anchor is returned as unresolved."""
    if isinstance(today, dt.datetime):
        today = today.date()
    if not text or not _TRIGGER.search(text.lower()):
        quick = _normalise(text or "", frozenset())
        if not _TRIGGER.search(quick.norm):
            return PeriodParse(None, None)
    index = _index(records) if records is not None else None
    norm_text = _normalise(text, index.keep if index else frozenset())
    future = bool(_FUTURE_RE.search(norm_text.norm) or _NOT_UNTIL.search(norm_text.norm))
    ctx = _Ctx(norm_text, today, index, future)
    atoms = _calendar_atoms(ctx) + _relative_atoms(ctx) + _school_holiday_atoms(ctx)
    candidates = _date_phrases(ctx, atoms) + _anchors(ctx, atoms)
    kept: list[_Found] = []
    order = sorted(
        candidates, key=lambda c: (c.unresolved and not c.fallback, -c.rank, -(c.b - c.a), c.a)
    )
    for cand in order:
        if all(cand.b <= k.a or cand.a >= k.b for k in kept):
            kept.append(cand)
    kept.sort(key=lambda c: c.a)
    kept = [
        c for c in kept
        if not c.plan and not (c.context and _speaker_context(ctx, c)) and not _told_ahead(ctx, c)
    ]  # fmt: skip
    resolved = [c for c in kept if not c.unresolved or c.fallback]
    unresolved = [c for c in kept if c.unresolved]
    period = None
    if resolved:
        chosen = resolved[-1]
        if chosen.anchor and not chosen.unresolved:  # the calendar's words beat the records'
            dated = [c for c in resolved if not c.anchor and not c.unresolved
                     and _same_clause(norm_text.norm, c, chosen)]  # fmt: skip
            chosen = dated[-1] if dated else chosen
        source = chosen.fallback if chosen.unresolved and chosen.fallback else chosen
        a, b = chosen.inner or (chosen.a, chosen.b)
        span = norm_text.original(a, b)
        period = Period(
            start=source.start,
            end=source.end,
            label=source.label,
            span=span,
            anchor_ids=source.anchor_ids,
        )
    words = norm_text.original(unresolved[0].a, unresolved[0].b) if unresolved else None
    return PeriodParse(period, words)
