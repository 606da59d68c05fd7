"""Dates and periods in questions: 'since 2016', 'last year', 'in the last six months',
'before the move to Kelby'. Relative phrases resolve against settings' today."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

from bot.types import Period
from ingest.fields import parse_datetime
from ingest.models import Address

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
NUMBERS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{4}}|\d{{4}})"
)


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _bounds(text: str) -> tuple[dt.date, dt.date] | None:
    """First and last day a date phrase covers: '2016' is the whole year."""
    text = text.strip().lower()
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if match := re.fullmatch(rf"({_MONTH})\s+(\d{{4}})", text):
        month = MONTHS.get(match.group(1)[:3])
        if month is None:
            return None
        year = int(match.group(2))
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if match := re.fullmatch(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\s+(\d{{4}})", text):
        month = MONTHS.get(match.group(2)[:3])
        try:
            day = dt.date(int(match.group(3)), month or 0, int(match.group(1)))
        except ValueError:
            return None
        return day, day
    parsed = parse_datetime(text)
    return (parsed[0], parsed[0]) if parsed else None


def _move_date(
    area: str | None, addresses: Sequence[Address], today: dt.date, *, first: bool = False
) -> dt.date | None:
    """Start of the address moved to: the named area (its first or latest time), else the most
    recent move."""
    moves = [a for a in addresses[1:] if a.start <= today] if len(addresses) > 1 else []
    if area:
        named = [a for a in addresses if area.lower() in a.area.lower()]
        return (named[0] if first else named[-1]).start if named else None
    return moves[-1].start if moves else None


def parse_period(
    question: str,
    today: dt.date,
    addresses: Sequence[Address] = (),
    expected_birth: dt.date | None = None,
) -> Period | None:
    q = question.lower()
    found = _parse(q, today, addresses, expected_birth)
    if found is None:
        return None
    period, match = found
    return period.model_copy(update={"span": question[match.start() : match.end()]})


def _parse(
    q: str, today: dt.date, addresses: Sequence[Address], expected_birth: dt.date | None
) -> tuple[Period, re.Match[str]] | None:
    move = re.search(
        r"\b(since|after|before|prior to)\s+(?:the|their|they)?\s*"
        r"(?:last\s+|latest\s+|most recent\s+)?"
        r"(?:move|moved|moving)(?:\s+to\s+([a-z][a-z' -]+?))?(?=[?.,!]|\s+(?:and|or|for|with)\b|$)",
        q,
    )
    if move:
        before = move.group(1) in ("before", "prior to")
        day = _move_date(move.group(2), addresses, today, first=before)
        if day is not None:
            where = f" to {move.group(2).strip().title()}" if move.group(2) else ""
            if before:
                return Period(end=day - dt.timedelta(days=1), label=f"before the move{where}"), move
            return Period(start=day, label=f"since the move{where} on {day.isoformat()}"), move
    if expected_birth and (match := re.search(r"\b(this|current|the) pregnancy\b", q)):
        start = expected_birth - dt.timedelta(days=280)
        return Period(start=start, label=f"this pregnancy (from about {start.isoformat()})"), match
    if match := re.search(rf"\bbetween\s+({_DATE})\s+and\s+({_DATE})", q) or re.search(
        rf"\bfrom\s+({_DATE})\s+(?:to|until|till)\s+({_DATE})", q
    ):
        first, last = _bounds(match.group(1)), _bounds(match.group(2))
        if first and last:
            return Period(start=first[0], end=last[1], label=f"{first[0]} to {last[1]}"), match
    if match := re.search(
        r"\b(?:in|during|over|within)\s+the\s+(?:last|past|previous)\s+(\w+)?\s*"
        r"(day|week|month|year)s?\b",
        q,
    ) or re.search(r"\b(?:last|past)\s+(\w+)\s+(day|week|month|year)s\b", q):
        count_word = match.group(1) or "1"
        count = int(count_word) if count_word.isdigit() else NUMBERS.get(count_word, 1)
        unit = match.group(2)
        if unit == "day":
            start = today - dt.timedelta(days=count)
        elif unit == "week":
            start = today - dt.timedelta(weeks=count)
        else:
            start = _shift_months(today, -count * (12 if unit == "year" else 1))
        return Period(start=start, end=today, label=f"in the last {count} {unit}(s)"), match
    if match := re.search(r"\blast year\b", q):
        year = today.year - 1
        year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return Period(start=year_start, end=year_end, label=f"in {year}"), match
    if match := re.search(r"\bthis year\b", q):
        return Period(
            start=dt.date(today.year, 1, 1), end=today, label=f"{today.year} so far"
        ), match
    if match := re.search(r"\blast month\b", q):
        first = _shift_months(today.replace(day=1), -1)
        last = today.replace(day=1) - dt.timedelta(days=1)
        return Period(start=first, end=last, label=f"{first:%B %Y}"), match
    if (match := re.search(rf"\b(since|after|from)\s+({_DATE})", q)) and (
        bounds := _bounds(match.group(2))
    ):
        start = bounds[0] if match.group(1) != "after" else bounds[1] + dt.timedelta(days=1)
        return Period(start=start, label=f"{match.group(1)} {match.group(2)}"), match
    if (match := re.search(rf"\b(before|until|prior to)\s+({_DATE})", q)) and (
        bounds := _bounds(match.group(2))
    ):
        return Period(end=bounds[0] - dt.timedelta(days=1), label=f"before {match.group(2)}"), match
    if (match := re.search(rf"\b(?:in|during|on)\s+({_DATE})\b", q)) and (
        bounds := _bounds(match.group(1))
    ):
        label = f"on {match.group(1)}" if bounds[0] == bounds[1] else f"in {match.group(1)}"
        return Period(start=bounds[0], end=bounds[1], label=label), match
    return None
