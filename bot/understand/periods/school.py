"""School time: the summer holidays (dated by the case's education records when they can),
school terms and the school year."""

from __future__ import annotations

import datetime as dt
import re

from bot.understand.periods.candidates import _Atom, _Ctx
from bot.understand.periods.dates import _month_end, _shift_months
from bot.understand.periods.index import _Index
from bot.understand.periods.patterns import _TERMS

_SCHOOL_SUMMER = re.compile(
    r"\b(?:(?P<mod>last|this)\s)?(?:the\s)?(?:school\s)?summer\s(?:holidays?|hols|break)"
    r"(?:\s(?P<y>(?:19|20)\d\d)|\s(?P<rel>last|this)\syear)?\b"
)

# England's schools break up in the third or fourth week of July and go back in the first
# week of September: used when the case's education records do not date it.
SUMMER_TERM_ENDS = (7, 22)

AUTUMN_TERM_STARTS = (9, 3)


def _school_summer(index: _Index | None, year: int) -> tuple[dt.date, dt.date]:
    """The school summer holidays of a year: from the day after the last education record of
    July (the end of the summer term) to the day before the first of late August or
    September (the new term), else England's usual dates."""
    ends, starts = dt.date(year, *SUMMER_TERM_ENDS), dt.date(year, *AUTUMN_TERM_STARTS)
    if index is not None:
        education = [
            index.docs[i].date
            for i in index.events
            if index.docs[i].event_type == "education" and index.docs[i].date
        ]
        july = [d for d in education if d.year == year and d.month == 7]
        autumn = [d for d in education if dt.date(year, 8, 25) <= d <= dt.date(year, 9, 15)]
        ends = max(july, default=ends)
        starts = min((d for d in autumn if d > ends), default=starts)
    return ends + dt.timedelta(days=1), starts - dt.timedelta(days=1)


def _school_holiday_atoms(ctx: _Ctx) -> list[_Atom]:
    """'the summer holidays', 'over the summer hols', 'last summer holidays', 'the summer
    hols last year'."""
    atoms: list[_Atom] = []
    for m in _SCHOOL_SUMMER.finditer(ctx.text.norm):
        if m.group("y"):
            year = int(m.group("y"))
        elif m.group("rel"):  # 'the summer hols last year'
            year = ctx.today.year - (m.group("rel") == "last")
        else:
            this_year = _school_summer(ctx.index, ctx.today.year)
            begun = this_year[0] <= ctx.today
            year = ctx.today.year if begun and m.group("mod") != "last" else ctx.today.year - 1
            if m.group("mod") == "last" and this_year[1] < ctx.today:
                year = ctx.today.year
        lo, hi = _school_summer(ctx.index, year)
        hi = hi if lo > ctx.today else min(hi, ctx.today)  # a summer ahead stays whole
        atoms.append(_Atom(m.start(), m.end(), lo, hi, "holiday", point=lo))
    return atoms


def _term(
    today: dt.date, mod: str | None, name: str | None, unit: str, year: str | None = None
) -> tuple[dt.date, dt.date] | None:
    """A school term or school year: this (the one begun most recently), last, next; or of a
    year named ("the autumn term 2023": the autumn term that begins in 2023; "the school year
    2023": the one that begins in September 2023)."""
    if year is not None:
        if unit != "term":
            return dt.date(int(year), 9, 1), dt.date(int(year) + 1, 8, 31)
        if name is None:
            return None
        month, length = _TERMS[name]
        lo = dt.date(int(year), month, 1)
        end = _shift_months(lo, length - 1)
        return lo, _month_end(end.year, end.month)
    if unit != "term":
        first = today.year if today.month >= 9 else today.year - 1
        shift = {"last": -1, "previous": -1, "next": 1}.get(mod or "", 0)
        return dt.date(first + shift, 9, 1), dt.date(first + shift + 1, 8, 31)
    terms = []
    for year in range(today.year - 2, today.year + 2):
        for term, (month, length) in _TERMS.items():
            if name is None or term == name:
                lo = dt.date(year, month, 1)
                end = _shift_months(lo, length - 1)
                terms.append((lo, _month_end(end.year, end.month)))
    terms.sort()
    begun = [t for t in terms if t[0] <= today]
    if mod in ("last", "previous"):
        ended = [t for t in terms if t[1] < today]
        if name is None and begun and begun[-1][1] >= today:  # in term: the one before
            return begun[-2] if len(begun) > 1 else None
        return ended[-1] if ended else None
    if mod == "next":
        return next((t for t in terms if t[0] > today), None)
    return begun[-1] if begun else None
