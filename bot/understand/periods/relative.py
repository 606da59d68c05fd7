"""Relative spans, counted from today: 'the last 6 weeks', 'a fortnight ago', 'last month', 'the
end of term', 'yesterday', 'since Christmas', 'on Monday'."""

from __future__ import annotations

import datetime as dt

from bot.understand.periods.candidates import _Atom, _Ctx
from bot.understand.periods.dates import (
    _back,
    _calendar_unit,
    _count,
    _monday,
    _month_end,
    _part_of,
    _pick_year,
    _shift_months,
)
from bot.understand.periods.patterns import (
    _AGO,
    _AHEAD,
    _CALENDAR,
    _DAYWORD,
    _EDGE,
    _HOLIDAY,
    _HOLIDAYS,
    _ROLLING,
    _TERM,
    _WEEKDAY,
)
from bot.understand.periods.school import _term
from bot.understand.periods.words import WEEKDAYS


def _relative_atoms(ctx: _Ctx) -> list[_Atom]:
    today, norm = ctx.today, ctx.text.norm
    atoms: list[_Atom] = []
    for m in _ROLLING.finditer(norm):
        unit = m.group("unit")
        half = unit.startswith("half")
        n = m.group("n")
        if not (m.group("the") or n or half or m.group("dir") in ("past", "preceding")):
            continue  # "last week": the calendar week
        if not n and not half and unit.endswith("s") and not m.group("the"):
            continue
        if unit.startswith("day") and not n and not m.group("the"):
            continue
        count, unit = (6, "months") if half else (_count(n), unit)
        atoms.append(_Atom(m.start(), m.end(), _back(today, count, unit), today, "rolling"))
    for m in _AHEAD.finditer(norm):
        unit, n = m.group("unit"), m.group("n")
        if not n and not unit.startswith("fortnight"):
            continue  # 'next week', 'the next month': the calendar's; 'the coming weeks': vague
        end = _back(today, -_count(n), unit)  # today plus n units
        atoms.append(_Atom(m.start(), m.end(), today, end, "rolling", future_deictic=True))
    for m in _AGO.finditer(norm):
        n, unit = _count(m.group("n")), m.group("unit").rstrip("s")
        point = _back(today, n, unit)
        if unit == "day":
            lo = hi = point
        elif unit in ("week", "fortnight"):
            lo = _monday(point)
            hi = lo + dt.timedelta(days=6)
        elif unit == "month":
            lo, hi = point.replace(day=1), _month_end(point.year, point.month)
        else:
            lo, hi = dt.date(point.year, 1, 1), dt.date(point.year, 12, 31)
        atoms.append(_Atom(m.start(), m.end(), lo, min(hi, today), "ago", point=point))
    for m in _CALENDAR.finditer(norm):
        if m.group("tly"):
            point = _shift_months(today, -12)
            atoms.append(_Atom(m.start(), m.end(), point, point, "ago", point=point))
            continue
        if m.group("ytd"):
            unit = "year" if "year" in m.group("ytd") else "month"
            lo = today.replace(month=1, day=1) if unit == "year" else today.replace(day=1)
            atoms.append(_Atom(m.start(), m.end(), lo, today, "calendar"))
            continue
        mod, unit = m.group("mod"), m.group("unit")
        lo, hi = _calendar_unit(today, mod, unit)
        if mod == "this" and (m.group("sofar") or m.group("sofar2")):
            hi = today
        ahead = mod == "next" or (mod == "this" and unit != "year" and hi > today)
        atoms.append(_Atom(m.start(), m.end(), lo, hi, "calendar", future_deictic=ahead))
    for m in _EDGE.finditer(norm):
        mod = {"the": "this", None: "this"}.get(m.group("mod"), m.group("mod"))
        if m.group("unit") == "term":
            found = _term(today, mod, None, "term")
            if found is None:
                continue
            lo, hi = found
        else:
            lo, hi = _calendar_unit(today, mod, m.group("unit"))  # type: ignore[arg-type]
        if m.group("part") in ("start", "beginning") and m.group("unit") != "week":
            hi = min(hi, lo + dt.timedelta(days=13))  # "since the start of term"
        else:
            lo, hi = _part_of(lo, hi, "the " + m.group("part") + " of")
        atoms.append(_Atom(m.start(), m.end(), lo, hi, "calendar"))
    for m in _TERM.finditer(norm):
        if not (m.group("mod") or m.group("name")) and m.group("unit") == "term":
            continue  # "term" alone: too often not a time
        found = _term(today, m.group("mod"), m.group("name"), m.group("unit"), m.group("y"))
        if found is not None:
            atoms.append(_Atom(m.start(), m.end(), found[0], found[1], "calendar"))
    for m in _DAYWORD.finditer(norm):
        word = m.group("w")
        shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}.get(word, 0)
        day = today + dt.timedelta(days=shift)
        atoms.append(
            _Atom(m.start(), m.end(), day, day, "day", point=day,
                  future_deictic=shift > 0 or word.startswith(("tonight", "this")))
        )  # fmt: skip
    for m in _HOLIDAY.finditer(norm):  # "since Christmas", "over new year"
        month, day, length, offset = _HOLIDAYS[m.group("h")]

        def holiday(
            y: int,
            month: int = month,
            day: int = day,
            length: int = length,
            new_year: bool = m.group("h").startswith("new"),
        ) -> tuple[dt.date, dt.date]:
            lo = dt.date(y - 1 if new_year and month == 12 else y, month, day)
            return lo, lo + dt.timedelta(days=length - 1)  # fmt: skip

        if m.group("y"):
            lo, hi = holiday(int(m.group("y")))
        else:
            how = {"last": "last", "next": "next", "this": "this"}.get(m.group("mod") or "")
            picked = _pick_year(holiday, today, how or ("future" if ctx.future else "past"))
            if picked is None:
                continue
            lo, hi = picked
        atoms.append(
            _Atom(m.start(), m.end(), lo, hi, "holiday", point=lo + dt.timedelta(days=offset),
                  needs_prep=not m.group("mod"))
        )  # fmt: skip
    for m in _WEEKDAY.finditer(norm):
        mod, wd = m.group("mod"), WEEKDAYS[m.group("wd")]
        if mod == "this":
            day = _monday(today) + dt.timedelta(days=wd)
        elif mod == "next" or (mod is None and ctx.future):
            day = today + dt.timedelta(days=(wd - today.weekday() - 1) % 7 + 1)
        else:
            day = today - dt.timedelta(days=(today.weekday() - wd - 1) % 7 + 1)
        atoms.append(
            _Atom(m.start(), m.end(), day, day, "weekday", point=day, needs_prep=mod is None,
                  future_deictic=mod in (None, "next"))
        )  # fmt: skip
    return atoms
