"""Absolute dates: days, months, years and seasons read from the calendar's words alone ('3 May
2026', 'march', 'in 2025', 'late summer', 'the 14th')."""

from __future__ import annotations

import datetime as dt
import re

from bot.understand.periods.candidates import _Atom, _Ctx
from bot.understand.periods.date_phrases import _prep_before
from bot.understand.periods.dates import (
    _month_end,
    _month_number,
    _ordinal_day,
    _parse_day,
    _part_of,
    _pick_year,
    _season_bounds,
    _season_year,
)
from bot.understand.periods.patterns import _ATOM, _PREFIX_DATE, _WORD_RE
from bot.understand.periods.words import NOT_YEAR_AFTER, NOT_YEAR_BEFORE, SEASONS, _words


def _calendar_atoms(ctx: _Ctx) -> list[_Atom]:
    return _calendar_atoms_between(ctx, 0, len(ctx.text.norm), keep_ordinals=True)


def _calendar_atom(m: re.Match[str], g: dict[str, str | None], ctx: _Ctx) -> _Atom | None:
    today = ctx.today
    a, b = m.start(), m.end()
    how = "future" if ctx.future else "past"
    if g["iso"]:
        day = dt.date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))  # type: ignore[arg-type]
        return _Atom(a, b, day, day, "day")
    if g["num"]:
        year = int(g["num_y"])  # type: ignore[arg-type]
        year += 2000 if year < 100 else 0
        day = dt.date(year, int(g["num_m"]), int(g["num_d"]))  # type: ignore[arg-type]
        return _Atom(a, b, day, day, "day")
    if g["dmn"]:  # "core group 24/09": UK day-first, the year as for "24 sept"
        number, month = int(g["dmn_d"]), int(g["dmn_m"])  # type: ignore[arg-type]
        if not (1 <= number <= 31 and 1 <= month <= 12):
            return None

        def day_of(y: int, month: int = month, number: int = number) -> tuple[dt.date, dt.date]:
            d = dt.date(y, month, number)
            return d, d

        picked = _pick_year(day_of, today, how)
        if picked is None:
            return _Atom(a, b, dt.date.min, dt.date.min, "invalid")  # "31/02"
        return _Atom(a, b, picked[0], picked[1], "day", False, day_of, month)
    if g["dm"] or g["md"]:
        key = "dm" if g["dm"] else "md"
        if key == "md" and (month_year := _month_of_short_year(m, g, ctx)) is not None:
            return month_year
        if key == "md" and not (g["md_o"] or g["md_y"]) and g["md_m"] == "may":
            return None  # "may 3 ..." is too often not a date
        # the grammar found the words; dateparser reads them ("the 3rd of may 2026")
        parsed = _parse_day(m.group(key).removeprefix("the "), today, ctx.future)
        if parsed is None:
            return _Atom(a, b, dt.date.min, dt.date.min, "invalid")  # "31 feb"
        month, number, year = parsed
        if year:
            day = dt.date(year, month, number)
            return _Atom(a, b, day, day, "day")

        def day_in(y: int, month: int = month, number: int = number) -> tuple[dt.date, dt.date]:
            d = dt.date(y, month, number)
            return d, d

        picked = _pick_year(day_in, today, how)
        if picked is None:
            return None
        return _Atom(a, b, picked[0], picked[1], "day", False, day_in, month)
    if g["ord"]:
        number = int(g["ord_d"])  # type: ignore[arg-type]
        if not 1 <= number <= 31:
            return None
        found = _ordinal_day(number, today, ctx.future)
        if found is None:
            return None
        return _Atom(a, b, found, found, "ord", needs_prep=True)
    mod = g["mod"]
    part = g["part"]
    if mod and (g["my"] or g["year"]):
        return None  # "this 2025"
    if g["my"]:
        month = _month_number(g["my_m"])  # type: ignore[arg-type]
        year = int(g["my_y"])  # type: ignore[arg-type]
        lo, hi = dt.date(year, month, 1), _month_end(year, month)
        atom = _Atom(a, b, lo, hi, "month", month=month)
    elif g["year"]:
        year = int(g["year_y"])  # type: ignore[arg-type]
        atom = _Atom(
            a,
            b,
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
            "year",
            needs_prep=True,
            word_year=_year_as_word(ctx.text.norm, m.start("year_y"), m.end("year_y")),
        )
    elif g["sea"]:
        name = g["sea_n"]
        bounds = _season_bounds(name)  # type: ignore[arg-type]
        if g["sea_y"]:
            year = int(g["sea_y"])  # type: ignore[arg-type]
            lo, hi = bounds(year)
            atom = _Atom(a, b, lo, hi, "season", month=SEASONS[name])  # type: ignore[index]
        else:
            picked = _season_year(bounds, today, mod, g["ymod"], ctx.future)
            if picked is None:
                return None
            atom = _Atom(
                a, b, picked[0], picked[1], "season", bool(mod or g["ymod"]), bounds,
                SEASONS[name], needs_prep=not (mod or g["the"] or g["ymod"]),  # type: ignore[index]
            )  # fmt: skip
    elif g["mon"]:
        word = g["mon_m"]
        month = _month_number(word)  # type: ignore[arg-type]

        def month_in(y: int, month: int = month) -> tuple[dt.date, dt.date]:
            return dt.date(y, month, 1), _month_end(y, month)

        picked = _season_year(month_in, today, mod, g["ymod"], ctx.future)
        if picked is None:
            return None
        explicit = bool(mod or g["ymod"])
        atom = _Atom(
            a, b, picked[0], picked[1], "month", explicit, month_in, month,
            needs_prep=word in ("may", "mar") and not (mod or g["ymod"] or part),
        )  # fmt: skip
        if ctx.index and not (mod or g["ymod"] or part):
            original = ctx.text.original(m.start("mon"), m.end("mon"))
            if original[:1].isupper() and word in ctx.index.person_words:
                atom.needs_prep = True  # "April" the person, unless "in April"
    else:
        return None
    if part:
        atom.lo, atom.hi = _part_of(atom.lo, atom.hi, part)
        atom.needs_prep = False
    return atom


# 'in feb 25', 'during march 24': after these, a month and two digits name a month of a year
# (as 'in March 2025' would); 'on feb 25' and 'feb 25th' are days
MONTH_YEAR_PREPOSITIONS = frozenset({"in", "during", "since", "from", "until", "till", "by"})


def _month_of_short_year(m: re.Match[str], g: dict[str, str | None], ctx: _Ctx) -> _Atom | None:
    """'in feb 25': February 2025, when the two digits (no 'th') follow one of the
    MONTH_YEAR_PREPOSITIONS and name a year no later than next year."""
    number = g["md_d"] or ""
    if g["md_o"] or g["md_y"] or len(number) != 2:
        return None
    year = 2000 + int(number)
    if _prep_before(ctx.text.norm, m.start()) not in MONTH_YEAR_PREPOSITIONS or (
        year > ctx.today.year + 1
    ):
        return None
    month = _month_number(g["md_m"])  # type: ignore[arg-type]
    lo, hi = dt.date(year, month, 1), _month_end(year, month)
    return _Atom(m.start(), m.end(), lo, hi, "month", month=month)


def _year_as_word(norm: str, a: int, b: int) -> bool:
    """Whether a four-digit number stands as a year ('visits 2015', "Kerry's 2015 misses"),
    not as a label or a count ('room 2015', '2015 hours', '07700 2015', '£2015')."""
    if not 1990 <= int(norm[a:b]) <= 2099:
        return False
    before = norm[max(0, a - 24) : a]
    if re.search(r"(?:\d[\s,./:-]?|[£$€#]\s?|[a-z]-)$", before) and not _PREFIX_DATE.search(before):
        return False
    word = re.search(r"([a-z]+)\.?\s$", before)
    if word and word.group(1) in NOT_YEAR_BEFORE:
        return False
    after = re.match(r"\s?(%|[a-z]+)", norm[b : b + 16])
    return not (after and (after.group(1) == "%" or after.group(1) in NOT_YEAR_AFTER))


_NOT_NOUN = frozenset(
    _words(
        "and or but to until till through onwards on in at of for from with by is are was were "
        "has have had did do does what who which when where why how then so if than as"
    )
)


def _modifies_noun(norm: str, atom: _Atom) -> bool:
    """A year standing before a noun, saying which one ('the 2017 move', 'his 2021 arrest')."""
    nxt = _WORD_RE.match(norm, atom.b + 1) if norm[atom.b : atom.b + 1] == " " else None
    return (
        atom.kind == "year" and atom.word_year and nxt is not None
        and re.fullmatch(r"(?:the\s)?\d{4}", norm[atom.a : atom.b]) is not None
        and nxt.group().isalpha() and nxt.group() not in _NOT_NOUN
    )  # fmt: skip


def _calendar_atoms_between(
    ctx: _Ctx, a: int, b: int, *, keep_ordinals: bool = False
) -> list[_Atom]:
    out = []
    for m in _ATOM.finditer(ctx.text.norm, a, b):
        try:
            atom = _calendar_atom(m, m.groupdict(), ctx)
        except ValueError:  # "31/02/2026": a date, but no day
            atom = _Atom(m.start(), m.end(), dt.date.min, dt.date.min, "invalid")
        if atom is not None and (keep_ordinals or atom.kind != "ord"):
            out.append(atom)
    return out
