"""Anchors: time phrases that name something in the case's records ('since the ICPC', 'between
her birth and the transfer', 'pre-ICPC', 'in the hostel period'), found by their keywords."""

from __future__ import annotations

import datetime as dt
import re

from bot.understand.periods.absolute import _calendar_atom, _modifies_noun
from bot.understand.periods.candidates import _NOT_TIME, _Atom, _Ctx, _Found
from bot.understand.periods.dates import _back, _count, _describe, _fmt
from bot.understand.periods.family import _member_phrase_end
from bot.understand.periods.patterns import (
    _ANCHOR_KW,
    _ATOM,
    _DURATION_BEFORE,
    _FIRST_PERSON,
    _HARD_STOP,
    _PERIOD_NOUN,
    _PREFIX_ANCHOR,
    _PREGNANCY,
    _PREGNANT_WITH,
    _TO_NOW,
    _WINDOW,
    _WORD_RE,
)
from bot.understand.periods.resolve import _resolve
from bot.understand.periods.words import (
    _ANAPHORA,
    _AUX,
    _GENERIC_FIRST,
    _SUBJECTS,
    ABBREVIATIONS,
    PREFIX_NOT_TIME,
    PREFIX_THING_NOUNS,
)


def _anchor_words(norm: str, start: int, limit: int = 14) -> tuple[list[tuple[str, int, int]], int]:
    """The words after a keyword up to where the clause ends, with their norm offsets."""
    stop = _HARD_STOP.search(norm, start)
    end = stop.start() if stop else len(norm)
    words = [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(norm, start, end)]
    # a new clause: an auxiliary then a subject ("since the ICPC has kai been seen"), or
    # the speaker ("since the plans started in April I'm worried that ...")
    for i in range(1, len(words)):
        if _FIRST_PERSON.fullmatch(words[i][0]) or (
            i < len(words) - 1 and words[i][0] in _AUX
            and (words[i + 1][0] in _SUBJECTS or words[i + 1][0] in ("the", "any", "anyone"))
        ):  # fmt: skip
            words = words[:i]
            break
    words = words[:limit]
    return words, (words[-1][2] if words else start)


def _anchors(ctx: _Ctx, atoms: list[_Atom]) -> list[_Found]:
    norm, today = ctx.text.norm, ctx.today
    atom_starts = {atom.a: atom for atom in atoms}
    found: list[_Found] = []
    for m in _ANCHOR_KW.finditer(norm):
        kw, e = m.group("kw"), m.end()
        if kw.startswith("on the"):
            kw = "at the time of"  # "on the night of the DA incident": that day
        at = atom_starts.get(e)
        if at is not None and kw != "between" and not _modifies_noun(norm, at):
            continue  # "since march", "before the 14th": a date phrase ("since the 2017 move"
            # is an anchor: the year says which move)
        before = norm[: m.start()]
        if kw == "when" and _interrogative_when(norm, m.start(), e):
            continue
        if kw == "following" and before.endswith(("the ", "a ")):
            continue
        if before.endswith("for ") and kw in ("after", "before"):
            continue  # "a meeting for after his assessment": a plan, not a filter
        window = bool(_DURATION_BEFORE.search(before[-24:])) if kw in (
            "after", "following", "before") else False  # fmt: skip
        if window and not re.search(r"\b(?:in|within|for)\s(?:the\s)?\S+\s\S+\s$", before):
            continue  # "wait 24 hours before reporting"
        words, end = _anchor_words(norm, e)
        if not words:
            continue
        if kw == "between":
            result = _between(ctx, words)
        elif kw in ("from when", "from the time", "from the time that", "from the time when"):
            result = _from_when(ctx, words)
        else:
            result = _resolve(ctx, kw, words)
        if result is None or result == _NOT_TIME:
            continue
        assert isinstance(result, _Found)
        result.a = m.start()
        if result.b <= 0:
            result.b = end
        if kw in ("from when", "from the time"):
            tail = _TO_NOW.match(norm, result.b)
            if tail:
                result.b = tail.end()
        found.append(result)
    for m in _WINDOW.finditer(norm):  # "in the month after the ICPC"
        words, end = _anchor_words(norm, m.end())
        if not words:
            continue
        after = m.group("dir") in ("after", "following", "since")
        result = _resolve(ctx, "since" if after else "before", words)
        if not isinstance(result, _Found) or result.unresolved or result.start is None:
            if isinstance(result, _Found):
                result.a, result.b = m.start(), end
                found.append(result)
            continue
        n, unit = _count(m.group("n")), m.group("unit")
        if after:
            day = result.start
            lo, hi = day, _back(day, -n, unit)
        else:
            day = (result.end or today) + dt.timedelta(days=1)
            lo, hi = _back(day, n, unit), day - dt.timedelta(days=1)
        phrase = ctx.text.original(m.start(), end)
        found.append(_Found(m.start(), end, lo, hi, f"{phrase} ({_fmt(lo)} to {_fmt(hi)})",
                            rank=4))  # fmt: skip
    for m in _PREGNANCY.finditer(norm):
        end = m.end()
        child = _PREGNANT_WITH.match(norm, end)  # "the pregnancy with Poppy"
        if child and ctx.index is not None:
            end = _member_phrase_end(ctx.index, norm, child.end(), ctx.today) or end
        words = [
            (w.group(), w.start(), w.end()) for w in _WORD_RE.finditer(norm, m.start("det"), end)
        ]
        result = _resolve(ctx, "during", words)
        if isinstance(result, _Found):
            result.a, result.b = m.start(), end
            found.append(result)
    for m in _PERIOD_NOUN.finditer(norm):
        x = m.group("x1") or m.group("x2")
        xa = m.start("x1") if m.group("x1") else m.start("x2")
        words = [(w.group(), w.start(), w.end()) for w in _WORD_RE.finditer(norm, xa, xa + len(x))]
        if not words or words[0][0] in _GENERIC_FIRST or words[0][0] in _ANAPHORA:
            continue
        if words[0][0] in ("last", "past", "first", "next", "previous", "same", "whole"):
            continue
        result = _resolve(ctx, "while", words, address_span=True)
        if result == _NOT_TIME or result is None:
            continue
        assert isinstance(result, _Found)
        result.a, result.b = m.start(), m.end()
        if not result.unresolved and result.start and result.end and result.inner is None:
            phrase = ctx.text.original(m.start(), m.end())
            result.label = f"{phrase} ({_fmt(result.start)} to {_fmt(result.end)})"
        found.append(result)
    found += _prefix_anchors(ctx)
    for result in found:
        result.anchor = result.inner is None
    return found


def _prefix_anchors(ctx: _Ctx) -> list[_Found]:
    """'pre-ICPC', 'post-move', 'pre-birth': before / after the thing named, unless the
    compound is a term of its own ('pre-eclampsia') or names a kind of thing ('the
    pre-birth assessment', 'a pre-proceedings letter'). 'pre X' with a space only before
    an abbreviation ('pre ICPC'); dates ('pre-2012') are read as date phrases."""
    norm = ctx.text.norm
    found: list[_Found] = []
    for m in _PREFIX_ANCHOR.finditer(norm):
        x = m.group("x") or m.group("y")
        if m.group("y") and x not in ABBREVIATIONS:
            continue
        if x in PREFIX_NOT_TIME:
            continue
        nxt = _WORD_RE.match(norm, m.end() + 1) if norm[m.end() : m.end() + 1] == " " else None
        if nxt and nxt.group() in PREFIX_THING_NOUNS:
            continue  # "the pre-birth assessment": a kind of assessment, not a time
        xa, xb = m.start("x") if m.group("x") else m.start("y"), m.end()
        kw = "before" if m.group("p") == "pre" else "after"
        result = _resolve(ctx, kw, [("the", xa, xa), (x, xa, xb)])
        if not isinstance(result, _Found):
            continue
        result.a, result.b = m.start(), xb
        phrase = ctx.text.original(xa, xb)
        result.label = result.label.replace(f"{kw} {phrase}", f"{kw} the {phrase}", 1)
        found.append(result)
    return found


def _interrogative_when(norm: str, a: int, e: int) -> bool:
    nxt = _WORD_RE.match(norm, e)
    if nxt and nxt.group() in _AUX:
        return True
    return norm[:a].rstrip().endswith("since")  # "since when": a question


def _from_when(ctx: _Ctx, words: list[tuple[str, int, int]]) -> _Found | str | None:
    """'from when the school raised it (up to now)', 'from when X to when Y'."""
    for i, (w, _, _) in enumerate(words):
        if w in ("to", "until", "till") and 0 < i < len(words) - 1:
            left = _resolve(ctx, "since", words[:i])
            right = _side(ctx, "until", words[i + 1 :])
            if isinstance(left, _Found) and isinstance(right, _Found) and left.start:
                end = right.end or left.start
                if left.unresolved or right.unresolved or end < left.start:
                    continue
                return _Found(0, words[-1][2], left.start, end, _describe(left.start, end),
                              rank=3)  # fmt: skip
    return _resolve(ctx, "since", words)


def _side(ctx: _Ctx, kw: str, words: list[tuple[str, int, int]]) -> _Found | str | None:
    """One end of a range: a date ('june 2026') or an anchor ('the move')."""
    text = ctx.text.norm[words[0][1] : words[-1][2]]
    m = _ATOM.fullmatch(text)
    if m:
        try:
            atom = _calendar_atom(m, m.groupdict(), ctx)
        except ValueError:
            atom = None
        if atom is not None and atom.kind == "invalid":
            return _Found(0, 0, unresolved=True)
        if atom is not None:
            return _Found(0, 0, atom.lo, atom.hi, _describe(atom.lo, atom.hi), atom=True)
    return _resolve(ctx, kw, words, want_hits=True)


def _between(ctx: _Ctx, words: list[tuple[str, int, int]]) -> _Found | str | None:
    splits = [i for i, (w, _, _) in enumerate(words) if w == "and" and 0 < i < len(words) - 1]
    seen_time = False
    for i in splits:
        left = _side(ctx, "since", words[:i])
        right = _side(ctx, "until", words[i + 1 :])
        if left == _NOT_TIME or right == _NOT_TIME:
            continue
        if isinstance(left, _Found) and isinstance(right, _Found) and left.atom and right.atom:
            return _NOT_TIME  # two dates: read as a date range
        seen_time = True
        if (
            isinstance(left, _Found)
            and isinstance(right, _Found)
            and not (left.unresolved or right.unresolved)
        ):
            lo, hi = _between_dates(left, right)
            if lo is None or hi is None or lo > hi:
                continue
            a_words = ctx.text.original(words[0][1], words[i - 1][2])
            b_words = ctx.text.original(words[i + 1][1], words[-1][2])
            label = f"between {a_words} ({_fmt(lo)}) and {b_words} ({_fmt(hi)})"
            # the records cited for the dates only when the dates are theirs
            ids = (*(left.anchor_ids if left.start == lo else ()),
                   *(right.anchor_ids if right.end == hi else ()))  # fmt: skip
            return _Found(0, words[-1][2], lo, hi, label, rank=3, anchor_ids=ids)
    if seen_time:
        return _Found(0, words[-1][2], unresolved=True, rank=3)
    return _NOT_TIME


def _between_dates(left: _Found, right: _Found) -> tuple[dt.date | None, dt.date | None]:
    lefts = left.hits or [left.start]
    rights = right.hits or [right.end]
    lefts = [d for d in lefts if d]
    rights = [d for d in rights if d]
    if not lefts or not rights:
        return None, None
    lo = max((d for d in lefts if any(r >= d for r in rights)), default=max(lefts))
    hi = min((r for r in rights if r >= lo), default=max(rights))
    return lo, hi
