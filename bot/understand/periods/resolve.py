"""Resolving an anchor: whether its words are a time phrase at all, what kind of thing they
name, and the period the matching records give."""

from __future__ import annotations

import datetime as dt
import re

from bot.understand.periods.absolute import _calendar_atoms_between, _modifies_noun
from bot.understand.periods.candidates import _NOT_TIME, _Atom, _Ctx, _Found, _Hit
from bot.understand.periods.date_phrases import _prep_before, _prep_start
from bot.understand.periods.dates import _describe, _fmt
from bot.understand.periods.family import (
    _BIRTH_COMPOUND,
    _a_child_arrived,
    _births,
    _members_in,
    _pregnancy,
)
from bot.understand.periods.index import _Index, _stem
from bot.understand.periods.matching import _event_types, _involvement, _match, _split_concepts
from bot.understand.periods.places import _moves, _moves_to_person, _names_an_address
from bot.understand.periods.verbs import _gerund_clause, _is_past_verb
from bot.understand.periods.words import (
    _ANAPHORA,
    _DETERMINERS,
    _GENERIC_FIRST,
    _KEEP_ING,
    _PRESENT,
    ABBREVIATIONS,
    ANCHOR_STOPWORDS,
    EVENT_TYPE_PHRASES,
    INVOLVEMENT_WORDS,
    LEAVE_WORDS,
    LIVE_WORDS,
    MOVE_WORDS,
    PERSON_HEADS,
)

_FROM_ON = ("since", "ever since", "after", "following")  # an anchor's words for 'from it on'
_UP_TO_BEFORE = ("before", "prior to")  # and for 'up to the day before it'


_BE = frozenset({"was", "were", "is", "are", "been", "being"})


def _with_a_service(tokens: list[str], index: _Index | None) -> bool:
    """'when the family were with Early Help', 'while he was with CAMHS': being with a service
    or a worker is their involvement, when every word after 'with' is a word of one
    professional's agency, role or name."""
    if index is None or "with" not in tokens[1:]:
        return False
    at = tokens.index("with", 1)
    if tokens[at - 1] not in _BE:
        return False
    stems = {_stem(w) for w in tokens[at + 1 :] if w not in ANCHOR_STOPWORDS}
    return bool(stems) and any(stems <= index.docs[i].stems for i in index.professionals)


def _resolve(
    ctx: _Ctx,
    kw: str,
    words: list[tuple[str, int, int]],
    *,
    address_span: bool = False,
    want_hits: bool = False,
) -> _Found | str | None:
    """An anchor's period, _NOT_TIME when the words are no time phrase, or an unresolved
    _Found when they are one that the records do not hold."""
    today = ctx.today
    tokens = [w for w, _, _ in words]
    first = tokens[0]
    joined = " ".join(tokens)
    pregnancy = any(t.startswith("pregnan") for t in tokens[:4])
    index = ctx.index
    # a subject before a gerund is a clause like "they moved": "them moving to Calverdale",
    # "him going missing", "him being reported missing", "mum moving in with Lee"
    gerund_clause = _gerund_clause(tokens, index)
    if not pregnancy and not gerund_clause:
        if first in _ANAPHORA or first in _GENERIC_FIRST:
            return _NOT_TIME
        if first == "her" and len(tokens) == 1:
            return _NOT_TIME
    if tokens[-1] in ("hours", "hour", "minutes", "days", "weeks", "months", "years"):
        return _NOT_TIME
    if first.endswith(("'s", "'ve", "'re", "'d", "'ll")) and first.split("'")[0] in (
        "he", "she", "it", "they", "we", "i", "you", "there", "that", "what", "who",
    ):  # fmt: skip
        return _NOT_TIME  # "since he's been missing so much": because, not since when
    if re.search(r"\b(?:next|upcoming|coming|forthcoming|future|tomorrow|tomorrow's|tonight)\b",
                 joined):  # fmt: skip
        return _NOT_TIME  # "before the next core group": a plan, not a time in the records
    qualifier = None
    if re.search(r"\b(?:last|latest|most recent|recent|previous)\b", joined):
        qualifier = "latest"
    elif re.search(
        r"\b(?:first|earliest|1st|started|began|begun|opened|(?:went|go|gone|put|placed) on"
        r"|(?:made|became|become) subject)\b",
        joined,
    ):
        # "since the CP plans started", "when the kids went on CP plans": when they began
        qualifier = "first"
    has_past = any(
        _is_past_verb(t) and not (i and tokens[i - 1] in _DETERMINERS | _GENERIC_FIRST)
        for i, t in enumerate(tokens)
    )  # not "the allocated worker", "a missed appointment": adjectives
    has_present = any(
        t in _PRESENT and not (t == "may" and i and tokens[i - 1] in ("in", "of", "during"))
        for i, t in enumerate(tokens)
    )  # not "in may": the month
    gerund = first.endswith("ing") and first not in _KEEP_ING
    kind_move = any(t in MOVE_WORDS for t in tokens) or bool(
        re.search(r"\b(?:got|came|come|get|getting|coming)\s(?:to|into|back\sto)\b", joined)
    )
    kind_leave = any(t in LEAVE_WORDS for t in tokens) or "moved out" in joined
    kind_live = any(t in LIVE_WORDS for t in tokens)
    kind_birth = any(
        t in ("born", "birth", "birthday") and (i == 0 or tokens[i - 1] not in _BIRTH_COMPOUND)
        for i, t in enumerate(tokens)
    )  # not "the pre-birth assessment", "the new birth visit"
    # a birth to come counts: "when the baby is born", "before birth", "pre-birth"
    forward = (
        re.search(r"\b(?:is|will|'ll|due|expected|arrives|comes)\b", joined) is not None
        and re.search(r"\b(?:was|were|had|has|have|did)\b", joined) is None
    ) or (kw in _UP_TO_BEFORE and not has_past)
    kind_opened = "case" in tokens and bool(
        re.search(r"\b(?:open|opened|opening|allocated|started|began)\b", joined)
    )
    kind_involved = any(w in joined.split() or (" " in w and w in joined)
                        for w in INVOLVEMENT_WORDS) or _with_a_service(tokens, index)  # fmt: skip
    if has_present and not has_past and not (kind_birth or pregnancy):
        return _NOT_TIME  # "when a child goes missing", "before I meet mum"
    if gerund and not (kind_move or kind_leave or kind_live or kind_birth):
        return _NOT_TIME  # "before reporting a child missing"
    known_abbrev = first in ABBREVIATIONS or any(
        re.match(rf"{re.escape(p)}\b", joined) for p, _ in EVENT_TYPE_PHRASES
    )
    clause = has_past or kind_birth or gerund_clause
    if not (
        first in _DETERMINERS
        or first.endswith("'s")
        or known_abbrev
        or clause
        or pregnancy
        or gerund
        or address_span
        or (index and first in dict(index.member_phrases) and has_past)
        or (index and _names_an_address(index, tokens))  # "before greywell": the move there
    ):
        return _NOT_TIME  # "after school", "before bed"
    members = _members_in(index, joined, today, forward) if index else []
    content = [t for t in tokens if t not in ANCHOR_STOPWORDS]
    if index and not clause and not pregnancy:
        names = [t for t in content if _stem(t) in {_stem(p) for p in index.person_words}]
        if content and len(names) == len(content):
            return _NOT_TIME  # "before priya": who came before, not when
    if not clause and not pregnancy and content and content[-1] in PERSON_HEADS:
        return _NOT_TIME  # "the one before her", "before the current social worker"
    special = pregnancy or kind_birth or kind_opened or kind_involved or address_span
    if not content and not special and not (kind_move or kind_leave or kind_live):
        return _NOT_TIME  # "when she was told": nothing in it to find
    if index is None:
        return _unresolved(ctx, words)
    constraint = _inner_dates(ctx, words)
    plain = [w for w, a, _ in words if constraint is None or not constraint.a <= a < constraint.b]
    hits: list[_Hit] = []
    to_person: list[_Hit] | None = None
    span_mode = kw in ("while", "whilst", "during") or address_span
    types, _ = _event_types(plain)
    kind_place = kind_move or kind_leave or kind_live or address_span
    if (
        any(t in ("arrived", "arrive", "arrives", "arrival") for t in tokens)
        and _a_child_arrived(index, tokens, members)
        and not _names_an_address(index, plain)
    ):
        kind_birth, kind_place = True, False  # "since the baby arrived", "when Poppy arrived"
    if pregnancy:
        hits = _pregnancy(index, tokens, today)
        span_mode = True
    elif kind_opened and index.opened:
        hits = [_Hit(index.opened)]
    elif kind_birth:
        hits = _births(index, tokens, members, ctx, forward)
    elif kind_involved:
        hits = _involvement(index, ctx, plain, members, words, kw)
    elif kind_place:
        to_person = _moves_to_person(index, plain) if kind_move else None
        if to_person is not None:  # "since mum moved in with Lee": where the move went
            hits = to_person
        else:
            hits = _moves(index, plain, kind_leave, kind_live or span_mode, qualifier, ctx)
    elif not types and _names_an_address(index, plain):  # "since the hostel"
        hits = _moves(index, plain, False, span_mode, qualifier, ctx)
    if constraint is not None and span_mode and hits:
        # a span named by the records gives way to the calendar words inside it ("when mum
        # was pregnant with Poppy in 2015": 2015); the rest of the words stay in the question
        lo, hi = constraint.lo, constraint.hi
        return _Found(0, words[-1][2], lo, hi, _describe(lo, hi), rank=3,
                      inner=(constraint.a, constraint.b))  # fmt: skip
    if constraint is not None:
        hits = [h for h in hits if constraint.lo <= h.date <= constraint.hi]
    if not hits and (kind_move or kind_leave) and not address_span and to_person is None:
        hits = _match(index, ctx, plain, members, constraint, kw, ("move",))
    if not hits and not (
        pregnancy or kind_birth or kind_opened or address_span or kind_move or kind_leave
    ):
        required, bonus = _split_concepts(plain, index)
        if not (required or bonus or constraint or _event_types(plain)[0]):
            return _NOT_TIME  # "when she was told": nothing in it to find
        hits = _match(index, ctx, plain, members, constraint, kw, ())
    if not hits:
        return _unresolved(ctx, words, constraint, kw)
    phrase = ctx.text.original(words[0][1], words[-1][2])
    return _period_from_hits(ctx, kw, hits, qualifier, phrase, words[-1][2], span_mode,
                             want_hits, dated=constraint is not None)  # fmt: skip


def _unresolved(
    ctx: _Ctx,
    words: list[tuple[str, int, int]],
    constraint: _Atom | None = None,
    kw: str = "",
) -> _Found:
    """An anchor no record matched; a date inside it ('since my last visit on the 9th') is
    the time, on the side of it the anchor's word asks for."""
    found = _Found(0, words[-1][2], unresolved=True, rank=3)
    if constraint is None:
        return found
    lo, hi = constraint.lo, constraint.hi
    if kw in _FROM_ON:
        start = lo  # after something in august: from august on (which day in it, unknown)
        end = max(ctx.today, start)
        found.fallback = _Found(constraint.a, constraint.b, start, end,
                                f"{kw} {_fmt(start)}")  # fmt: skip
    elif kw in _UP_TO_BEFORE:
        end = lo - dt.timedelta(days=1)
        found.fallback = _Found(constraint.a, constraint.b, None, end, f"{kw} {_fmt(lo)}")
    else:
        found.fallback = _Found(constraint.a, constraint.b, lo, hi, _describe(lo, hi))
    return found


def _period_from_hits(
    ctx: _Ctx,
    kw: str,
    hits: list[_Hit],
    qualifier: str | None,
    phrase: str,
    b: int,
    span_mode: bool,
    want_hits: bool,
    dated: bool = False,
) -> _Found | None:
    today, opened = ctx.today, ctx.opened

    def on(day: dt.date) -> str:  # "since the ICPC on 16 April 2026"
        return f"{kw} {phrase} ({_fmt(day)})" if dated else f"{kw} {phrase} on {_fmt(day)}"

    hits = sorted(hits, key=lambda h: h.date)
    if kw in _FROM_ON:
        past = [h for h in hits if h.date <= today] or hits
        hit = past[0] if qualifier == "first" else past[-1]
        found = _Found(0, b, hit.date, today if hit.date <= today else None, on(hit.date),
                       rank=3, anchor_ids=hit.ids)  # fmt: skip
    elif kw in (*_UP_TO_BEFORE, "until", "till", "up until", "up to"):
        hit = hits[-1] if qualifier == "latest" else hits[0]
        end = hit.date - dt.timedelta(days=1) if kw in _UP_TO_BEFORE else hit.date
        start = opened if opened and opened <= end else None
        found = _Found(0, b, start, end, on(hit.date), rank=3, anchor_ids=hit.ids)
    elif span_mode:
        if qualifier == "first":
            chosen = hits[:1]
        elif qualifier == "latest":
            chosen = hits[-1:]
        else:
            chosen = hits
        lo = min(h.date for h in chosen)
        hi = max(h.end if h.end is not None else h.date for h in chosen)
        found = _Found(0, b, lo, hi, f"{kw} {phrase} ({_fmt(lo)} to {_fmt(hi)})", rank=3,
                       anchor_ids=tuple(i for h in chosen for i in h.ids))  # fmt: skip
    else:  # when, at the time of: the day itself, or the stay ("when they lived in X")
        past = [h for h in hits if h.date <= today] or hits
        hit = past[0] if qualifier == "first" else past[-1]
        end = hit.end if hit.end is not None else hit.date
        label = (
            f"{kw} {phrase}, on {_fmt(hit.date)}" if end == hit.date
            else f"{kw} {phrase} ({_fmt(hit.date)} to {_fmt(end)})"
        )  # fmt: skip
        found = _Found(0, b, hit.date, end, label, rank=3, anchor_ids=hit.ids)
    if want_hits:
        found.hits = [h.date for h in hits]
    return found


def _inner_dates(ctx: _Ctx, words: list[tuple[str, int, int]]) -> _Atom | None:
    """A date inside an anchor ('he went missing in september'): the event must fall in it."""
    a, b = words[0][1], words[-1][2]
    for atom in _calendar_atoms_between(ctx, a, b, keep_ordinals=True):
        if atom.kind == "ord" and _prep_before(ctx.text.norm, atom.a) != "on":
            continue  # 'my visit on the 9th' is a day; 'the 9th visit' is none
        if atom.kind in ("month", "day", "season", "year", "ord") and (
            _prep_before(ctx.text.norm, atom.a) in ("in", "on", "during", "of")
            or not atom.needs_prep
            or _modifies_noun(ctx.text.norm, atom)  # "the 2017 move"
        ):
            atom.a = _prep_start(ctx.text.norm, atom.a)
            return atom
    return None
