"""Addresses and moves: 'since they moved to Calverdale', 'while at the hostel', 'since mum
moved in with Lee'."""

from __future__ import annotations

import re

from bot.understand.periods.candidates import _Ctx, _Hit
from bot.understand.periods.family import _mentioned_members
from bot.understand.periods.index import _Doc, _Index, _stem
from bot.understand.periods.matching import _best, _concepts, _holds, _score
from bot.understand.periods.patterns import _CURRENT_HOME
from bot.understand.periods.words import (
    _DESTINATION,
    ANCHOR_STOPWORDS,
    LEAVE_WORDS,
    LIVE_WORDS,
    MOVE_WORDS,
    _words,
)


def _place_words(tokens: list[str]) -> list[str]:
    verbs = MOVE_WORDS | LEAVE_WORDS | LIVE_WORDS | {"got", "came", "come", "get", "moved"}
    return [
        t for t in tokens
        if t not in _PLACE_STOP and t not in verbs and t not in ANCHOR_STOPWORDS
        and t not in ("borough", "county", "authority")
    ]  # fmt: skip


def _names_an_address(index: _Index, tokens: list[str]) -> bool:
    """Whether every word of the anchor is in one address ('the hostel', 'Greywell')."""
    concepts = _concepts(_place_words(tokens), index)
    if not concepts or not index.addresses:
        return False
    return any(
        all(_holds(index.docs[i].stems | index.docs[i].weak, alts) for alts in concepts)
        for i in index.addresses
    )


_PLACE_STOP = frozenset(
    _words(
        "to into in at from the a their new house home flat address area out of again away "
        "back there here"
    )
)


def _moves(
    index: _Index,
    tokens: list[str],
    leave: bool,
    live: bool,
    qualifier: str | None,
    ctx: _Ctx,
) -> list[_Hit]:
    """Moves: the start of an address (the named one: 'to Calverdale', 'into the hostel');
    'left X' the end of X; living/staying at X (or 'the hostel period') the whole stay."""
    order = index.addresses
    if not order:
        return []
    docs = [index.docs[i] for i in order]
    joined = " ".join(tokens)
    current = [d for d in docs if d.end is None]
    if not leave and current and _CURRENT_HOME.search(joined):
        # "since they moved to their current address", "the house they are at now"
        home = (current[-1].record_id,)
        return [_Hit(current[-1].date, ctx.today if live else None, home)]
    out_of_area = bool(re.search(r"\bout\sof\s(?:the\s)?(?:borough|area|county|authority)\b",
                                 joined))  # fmt: skip
    place = [] if out_of_area else _place_words(tokens)
    if place:  # "since the Ashdowns moved": the family's name is not a place
        people = {_stem(p) for p in index.person_words}
        places = set().union(*(d.stems | d.weak for d in docs))
        place = [t for t in place if _stem(t) not in people or _stem(t) in places]
    concepts = _concepts(place, index) if place else []
    if concepts:
        scores = _score(index, order, concepts)
        best = set(_best(scores))
        if not best:
            return []
        runs: list[list[int]] = []
        for pos, i in enumerate(order):
            if i in best:
                if runs and runs[-1][-1] == pos - 1:
                    runs[-1].append(pos)
                else:
                    runs.append([pos])
        if live:
            return [
                _Hit(docs[r[0]].date, docs[r[-1]].end or ctx.today, _ids(docs, r)) for r in runs
            ]
        if leave:
            return [
                _Hit(docs[r[-1]].end, ids=_ids(docs, r[-1:]))  # type: ignore[arg-type]
                for r in runs
                if docs[r[-1]].end
            ]
        return [_Hit(docs[r[0]].date, ids=_ids(docs, r[:1])) for r in runs]
    if live:
        return []
    moves = list(range(1, len(order)))
    las = index.address_las  # in the order of `order`: Records keeps addresses by start
    changes = [p for p in moves if las[p] and las[p - 1] and las[p] != las[p - 1]]
    # "the move" is the move that changed services (a new local authority); "since they
    # moved (house)" / "since moving" is simply their latest move.
    as_verb = bool(re.search(r"\b(?:moved|moving|relocated|relocating)\b", joined))
    if as_verb and not out_of_area and qualifier is None:
        return [_Hit(docs[p].date, ids=_ids(docs, [p])) for p in moves]
    if out_of_area or qualifier is None:
        if changes:
            moves = changes
        elif out_of_area:
            return []
    return [_Hit(docs[p].date, ids=_ids(docs, [p])) for p in moves]


def _ids(docs: list[_Doc], places: list[int]) -> tuple[str, ...]:
    return tuple(docs[p].record_id for p in places)


def _moves_to_person(index: _Index, tokens: list[str]) -> list[_Hit] | None:
    """A move whose destination is a person of the case ("since mum moved in with Lee",
    "since they moved to Lee's"): the move events whose summary names that person where the
    household went (after "to", "into" or "with": "moved into Lee Harrop's flat"), else the
    move events that name them at all. None when the move's destination names no member."""
    verb = next((i for i, t in enumerate(tokens) if t in MOVE_WORDS), None)
    if verb is None:
        return None
    to = next((i for i in range(verb + 1, len(tokens)) if tokens[i] in _DESTINATION), None)
    if to is None:
        return None
    named = _mentioned_members(index, " ".join(tokens[to + 1 :]))
    if not named:
        return None
    moves = [i for i in index.events if index.docs[i].event_type == "move"]
    names = {
        m: "|".join(re.escape(p) for p, who in index.member_phrases if who == m) for m in named
    }
    going = r"\b(?:to|into|with)\s(?:[a-z0-9&']+\s){{0,3}}?(?:{})(?:'s)?\b"
    for pattern in (going, r"\b(?:{})(?:'s)?\b"):
        hits = [
            _Hit(index.docs[i].date, ids=(index.docs[i].record_id,)) for i in moves
            if all(re.search(pattern.format(names[m]), index.docs[i].text) for m in named)
        ]  # fmt: skip
        if hits:
            return hits
    return []
