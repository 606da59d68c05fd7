"""Date phrases: calendar atoms with the words around them ('since march', 'before the 14th',
'between jan and mar 2025', 'pre-2012')."""

from __future__ import annotations

import datetime as dt
import re

from bot.understand.periods.candidates import _Atom, _Ctx, _Found
from bot.understand.periods.dates import _describe, _fmt
from bot.understand.periods.patterns import (
    _CONNECTOR,
    _PREFIX_DATE,
    _PREP_BEFORE,
    _TO_NOW,
    _UPCOMING,
)


def _prep_before(norm: str, a: int) -> str | None:
    """The preposition just before norm[a:] ('since', 'in the'), if any."""
    m = _PREP_BEFORE.search(norm, max(0, a - 20), a)
    return m.group(1) if m else None


_SINCE_EARLIER = re.compile(r"\b(?:ever\s)?since\b")


def _clause_before(norm: str, a: int) -> str:
    """The words of norm before a, back to the last clause break."""
    head = norm[:a]
    breaks = [head.rfind(mark) for mark in ".;?!,"]
    return head[max(breaks) + 1 :]


def _prep_start(norm: str, a: int) -> int:
    """Where the preposition before norm[a:] begins (a when there is none)."""
    m = _PREP_BEFORE.search(norm, max(0, a - 20), a)
    return m.start(1) if m else a


def _date_phrases(ctx: _Ctx, atoms: list[_Atom]) -> list[_Found]:
    """Atoms with the words around them: 'since march', 'between jan and mar 2025'."""
    norm, today = ctx.text.norm, ctx.today
    atoms = _longest(atoms)
    by_start = {atom.a: atom for atom in atoms}
    found: list[_Found] = []
    used: set[int] = set()
    for atom in atoms:
        if id(atom) in used:
            continue
        prep = _prep_before(norm, atom.a)
        a = _prep_start(norm, atom.a)
        if prep is None and atom.kind == "ago" and _SINCE_EARLIER.search(_clause_before(norm, a)):
            # 'since I was last covering this family a fortnight ago': the point it began
            prep = "since"
        prefix = _PREFIX_DATE.search(norm[: atom.a]) if prep is None else None
        if prefix and atom.kind in ("year", "month", "day", "season", "holiday"):
            prep = "before" if prefix.group("p") == "pre" else "after"  # "pre-2012"
            a = prefix.start("p")
        if atom.kind == "invalid":  # said as a date, but there is no such day
            found.append(_Found(a, atom.b, unresolved=True, rank=1))
            continue
        # a range: "jan-mar 2026", "between 2019 and 2021", "from march to june last year"
        conn = _CONNECTOR.match(norm, atom.b)
        other = by_start.get(conn.end()) if conn else None
        if other is not None and conn is not None:
            word = conn.group().strip()
            ok = (word == "and") == (prep == "between") and (
                prep in ("between", "from")
                or atom.kind not in ("year", "ord")
                or (other.kind == "year" and word in ("-", "to"))
            )
            ranged = atom.kind not in ("rolling", "calendar") and other.kind != "rolling"
            lo, hi = _range(atom, other, today) if ok and ranged else (atom.hi, atom.lo)
            if ok and ranged and lo <= hi:
                used |= {id(atom), id(other)}
                a = a if prep in ("between", "from") else atom.a
                found.append(_Found(a, other.b, lo, hi, _describe(lo, hi), rank=2))
                continue
        if prep == "between":
            prep = None
            a = atom.a
        the = norm[atom.a : atom.b].startswith("the ") or norm[: atom.a].endswith("the ")
        if not _prep_ok(atom, prep, the):
            continue
        phrase = _phrase(ctx, atom, prep, a)
        if phrase is None:
            continue
        # the time of something upcoming, not of the question: "before tomorrow's visit",
        # "before the visit tomorrow"
        possessive = norm.startswith("'s", atom.b) and prep is not None
        upcoming = prep in (None, "on", "at") and _UPCOMING.search(norm[:a]) is not None
        if atom.lo > today and (possessive or upcoming):
            phrase.plan = True
        found.append(phrase)
    return found


def _range(first: _Atom, second: _Atom, today: dt.date) -> tuple[dt.date, dt.date]:
    """A range's bounds; an end without a year takes it from the other end ('between
    november 2025 and february': February 2026)."""
    if first.month and second.month and first.reyear and not first.explicit_year:
        if second.explicit_year or second.reyear is None:
            year = second.lo.year - (1 if first.month > second.month else 0)
            try:
                return first.reyear(year)[0], second.hi
            except ValueError:
                return first.lo, second.hi
        year = first.lo.year + (1 if second.month < first.month else 0)
        return first.lo, second.reyear(year)[1]  # neither dated: the first as read
    if first.month and second.month and second.reyear and not second.explicit_year:
        year = first.lo.year + (1 if second.month < first.month else 0)
        return first.lo, second.reyear(year)[1]
    return first.lo, second.hi


def _prep_ok(atom: _Atom, prep: str | None, after_the: bool = False) -> bool:
    """Whether an atom that needs a preposition ('may', 'the 14th') has one; a year standing
    as a word needs none ('visits 2015', 'for 2015'), but 'at 2030' is a time of day. A month
    after 'the' is one ('at the may visit': never the verb)."""
    if not atom.needs_prep or prep not in (None, "of", "at", "by", "around", "for", "as of"):
        return True
    if atom.kind == "month" and after_the:
        return True
    if atom.kind == "year":
        return atom.word_year and prep in (None, "for", "of")
    if atom.kind == "month":
        return prep in ("of", "for", "by", "around")  # "the diary for december"
    return atom.kind == "holiday" and prep in ("at", "around", "for")  # "at christmas"


def _phrase(ctx: _Ctx, atom: _Atom, prep: str | None, a: int) -> _Found | None:
    norm, today, opened = ctx.text.norm, ctx.today, ctx.opened
    b = atom.b
    lo, hi = atom.lo, atom.hi
    words = ctx.text.original(a, b)
    if prep in ("since", "ever since"):
        start = atom.point or lo
        if start > today:
            return None
        return _Found(a, b, start, today, f"since {_fmt(start)}", rank=1)
    if prep in ("after", "following"):
        start = (atom.point or hi) + dt.timedelta(days=1)
        return _Found(
            a,
            b,
            start,
            today if start <= today else None,
            f"after {_describe(lo, hi).removeprefix('in ').removeprefix('on ')}",
            rank=1,
        )
    if prep in ("before", "prior to"):
        end = (atom.point or lo) - dt.timedelta(days=1)
        start = opened if opened and opened <= end else None
        return _Found(a, b, start, end, f"before {_fmt(end + dt.timedelta(days=1))}", rank=1)
    if prep in ("until", "till", "up until", "up to"):
        start = opened if opened and opened <= hi else None
        return _Found(a, b, start, hi, f"up to {_fmt(hi)}", rank=1)
    if prep == "from":
        tail = _TO_NOW.match(norm, b)
        if tail:
            onwards = tail.group().strip() in ("onwards", "on")
            end = None if onwards else today
            return _Found(a, tail.end(), lo, end, f"from {_fmt(lo)}", rank=1)
    if atom.kind == "rolling":
        return _Found(a, b, lo, hi, f"{words} ({_fmt(lo)} to {_fmt(hi)})", rank=1)
    found = _Found(a, b, lo, hi, _describe(lo, hi), rank=1)
    found.context = atom.future_deictic
    return found


def _longest(atoms: list[_Atom]) -> list[_Atom]:
    """Non-overlapping atoms, the longest reading of any stretch."""
    kept: list[_Atom] = []
    for atom in sorted(atoms, key=lambda t: (-(t.b - t.a), t.a)):
        if all(atom.b <= k.a or atom.a >= k.b for k in kept):
            kept.append(atom)
    return sorted(kept, key=lambda t: t.a)
