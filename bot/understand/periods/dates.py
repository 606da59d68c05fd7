"""Dates: calendar arithmetic (month ends, shifts, weeks, thirds of a span), the year of an
undated month or season, and a period's plain-words label."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from functools import lru_cache

from bot.understand.periods.words import MONTH_ABBR, MONTHS, NUMBERS, SEASONS


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _fmt(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _describe(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        if start == end:
            return f"on {_fmt(start)}"
        if start.day == 1 and end == _month_end(start.year, start.month):
            return f"in {calendar.month_name[start.month]} {start.year}"
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            if start.year == end.year:
                return f"in {start.year}"
            return f"from {start.year} to {end.year}"
        if start.day == 1 and end == _month_end(end.year, end.month):
            first = f"{calendar.month_name[start.month]} {start.year}"
            return f"from {first} to {calendar.month_name[end.month]} {end.year}"
        return f"from {_fmt(start)} to {_fmt(end)}"
    if start:
        return f"from {_fmt(start)}"
    if end:
        return f"up to {_fmt(end)}"
    return "any time"


def _month_number(word: str) -> int:
    word = word.rstrip(".")
    return MONTHS.get(word) or MONTH_ABBR[word]


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = word.strip()
    if word.isdigit():
        return int(word)
    word = word.removeprefix("a ").strip()
    return NUMBERS.get(word, NUMBERS.get(word.removesuffix(" of"), 1))


def _back(today: dt.date, n: int, unit: str) -> dt.date:
    """today minus n units."""
    unit = unit.rstrip("s")
    if unit == "day":
        return today - dt.timedelta(days=n)
    if unit == "week":
        return today - dt.timedelta(weeks=n)
    if unit == "fortnight":
        return today - dt.timedelta(weeks=2 * n)
    if unit == "quarter":
        return _shift_months(today, -3 * n)
    if unit == "year":
        return _shift_months(today, -12 * n)
    return _shift_months(today, -n)


@lru_cache(maxsize=512)
def _parse_day(text: str, today: dt.date, future: bool) -> tuple[int, int, int | None] | None:
    """A written day ('3rd of may 2026', 'may 3', '15 oct') read by dateparser: (month, day,
    year or None when the words give none); None when it is no real day ('31 feb')."""
    from dateparser.date import DateDataParser  # imported on first use: it is slow to load

    parser = DateDataParser(
        languages=["en"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "future" if future else "past",
            "RELATIVE_BASE": dt.datetime.combine(today, dt.time(12)),
            "REQUIRE_PARTS": ["day", "month"],
        },
    )
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    return day.month, day.day, day.year if "year" in (data.parts or ()) else None


def _pick_year(
    reyear: Callable[[int], tuple[dt.date, dt.date]], today: dt.date, how: str
) -> tuple[dt.date, dt.date] | None:
    """The year of an undated month/day/season: 'past' = the latest begun, 'future' = the
    next not yet over, 'last' = the latest over, 'this' = this year's, 'next' = the next to
    begin."""
    years = range(today.year + 1, today.year - 3, -1)
    options: list[tuple[dt.date, dt.date]] = []
    for y in years:
        try:
            options.append(reyear(y))
        except ValueError:
            continue
    if how == "past":
        return next(((lo, hi) for lo, hi in options if lo <= today), None)
    if how == "last":
        return next(((lo, hi) for lo, hi in options if hi < today), None)
    if how == "future":
        return next(((lo, hi) for lo, hi in reversed(options) if hi >= today), None)
    if how == "next":
        return next(((lo, hi) for lo, hi in reversed(options) if lo > today), None)
    return next(((lo, hi) for lo, hi in options if lo.year == today.year), None)


def _season_bounds(name: str) -> Callable[[int], tuple[dt.date, dt.date]]:
    first = SEASONS[name]

    def bounds(year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, first, 1)
        last = _shift_months(start, 2)
        return start, _month_end(last.year, last.month)

    return bounds


def _season_year(
    bounds: Callable[[int], tuple[dt.date, dt.date]],
    today: dt.date,
    mod: str | None,
    ymod: str | None,
    future: bool,
) -> tuple[dt.date, dt.date] | None:
    if ymod:
        shift = {"last": -1, "this": 0, "next": 1}[ymod.split()[-2]]
        y = today.year + shift
        lo, hi = bounds(y)
        if lo.month == 12 and today.month <= 2 and shift == 0:
            lo, hi = bounds(y - 1)
        return lo, hi
    if mod == "last":
        return _pick_year(bounds, today, "last")
    if mod == "next":
        return _pick_year(bounds, today, "next")
    if mod == "this":
        lo, hi = bounds(today.year)
        if lo.month == 12 and today.month <= 2:  # this winter, in January
            return bounds(today.year - 1)
        return lo, hi
    return _pick_year(bounds, today, "future" if future else "past")


def _ordinal_day(number: int, today: dt.date, future: bool) -> dt.date | None:
    """'the 14th': the latest 14th not after today (the next one when looking forward)."""
    step = 1 if future else -1
    month = today.replace(day=1)
    for _ in range(14):
        if number <= calendar.monthrange(month.year, month.month)[1]:
            day = month.replace(day=number)
            if (day >= today) if future else (day <= today):
                return day
        month = _shift_months(month, step)
    return None


def _part_of(lo: dt.date, hi: dt.date, part: str) -> tuple[dt.date, dt.date]:
    """Early / mid / late thirds: of a year or season by whole months (early 2026 = January
    to April), of a month or week by days (early March = 1-10 March)."""
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    first = part == "early" or part.endswith(("start of", "beginning of"))
    last = part == "late" or part.endswith("end of")
    if lo.day == 1 and hi == _month_end(hi.year, hi.month) and months >= 3:
        third = months // 3
        if first:
            end = _shift_months(lo, third - 1)
            return lo, _month_end(end.year, end.month)
        if last:
            return _shift_months(lo, months - third), hi
        mid_lo = _shift_months(lo, third)
        mid_hi = _shift_months(lo, months - third - 1)
        return mid_lo, _month_end(mid_hi.year, mid_hi.month)
    total = (hi - lo).days + 1
    third = max(total // 3, 1)
    if first:
        return lo, lo + dt.timedelta(days=third - 1)
    if last:
        return lo + dt.timedelta(days=2 * third), hi
    return lo + dt.timedelta(days=third), lo + dt.timedelta(days=2 * third - 1)


def _calendar_unit(today: dt.date, mod: str, unit: str) -> tuple[dt.date, dt.date]:
    shift = {"this": 0, "last": -1, "previous": -1, "next": 1}[mod]
    if unit == "week":
        lo = _monday(today) + dt.timedelta(weeks=shift)
        return lo, lo + dt.timedelta(days=6)
    if unit == "weekend":
        saturday = _monday(today) + dt.timedelta(days=5, weeks=shift)
        if mod == "last" and saturday + dt.timedelta(days=1) >= today:
            saturday -= dt.timedelta(weeks=1)
        return saturday, saturday + dt.timedelta(days=1)
    if unit == "month":
        lo = _shift_months(today.replace(day=1), shift)
        return lo, _month_end(lo.year, lo.month)
    return dt.date(today.year + shift, 1, 1), dt.date(today.year + shift, 12, 31)
