"""Members in an anchor: named or described children ('the youngest', 'the baby'), their births
and the pregnancies before them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from bot.understand.periods.candidates import _Ctx, _Hit
from bot.understand.periods.index import _Index
from bot.understand.periods.patterns import _PLACE_IN_FAMILY, _WORD_RE
from bot.understand.periods.words import ELDEST_WORDS, FEMALE_HEADS, MALE_HEADS, _words
from ingest.models import MemberRole

_BIRTH_COMPOUND = frozenset(_words("pre post new ante"))


def _a_child_arrived(index: _Index, tokens: list[str], members: list[str]) -> bool:
    """'since the baby arrived', 'when the youngest arrived': a child of the family named
    as arriving nowhere in particular arrived by being born ('arrived at school' is not)."""
    at = next(i for i, t in enumerate(tokens) if t in ("arrived", "arrive", "arrives", "arrival"))
    if any(t in ("at", "in", "to", "into", "back", "home", "here", "there", "from")
           for t in tokens[at + 1 :]):  # fmt: skip
        return False
    named = [index.members.get(m) for m in members]
    return len(members) == 1 and any(
        m is not None and m.role in (MemberRole.CHILD, MemberRole.UNBORN)
        and (m.date_of_birth or m.expected_date)
        for m in named
    )  # fmt: skip


def _members_in(index: _Index, joined: str, today: dt.date, forward: bool) -> list[str]:
    """Members the words name ('Poppy', the case's 'the baby') or describe ('the eldest
    girl': the description is read first, so the case's 'the eldest' does not also count)."""
    described = _described_members(index, joined, today, forward)
    masked = joined
    for _, a, b in described:
        masked = masked[:a] + " " * (b - a) + masked[b:]
    members = _mentioned_members(index, masked)
    return members + [m for m, _, _ in described if m not in members]


def _member_phrase_end(index: _Index, norm: str, at: int, today: dt.date) -> int | None:
    """Where a member's name or description ('Poppy', 'the youngest') starting at `at` ends."""
    ends = [
        at + len(phrase) for phrase, _ in index.member_phrases
        if norm.startswith(phrase, at) and not _WORD_RE.match(norm, at + len(phrase))
    ]  # fmt: skip
    described = _PLACE_IN_FAMILY.match(norm, at)
    if described and _described_members(index, described.group(), today, False):
        ends.append(described.end())
    return max(ends, default=None)


def _described_members(
    index: _Index, joined: str, today: dt.date, forward: bool
) -> list[tuple[str, int, int]]:
    """Children named by their place in the family, with where the words are: 'the
    youngest', 'the eldest girl', 'the baby' / 'the little one' (the youngest born; the
    unborn baby when the words look forward), by date of birth. The case's own aliases come
    first ('the baby' may be one), unless the words say more ('the eldest girl')."""
    found: list[tuple[str, int, int]] = []
    aliases = dict(index.member_phrases)
    for m in _PLACE_IN_FAMILY.finditer(joined):
        head = m.group("head") or ""
        if m.group() in aliases or (
            head in ("", "child", "one", "kid", "sibling") and f"the {m.group('w')}" in aliases
        ):
            continue  # named by the case already
        gender = "male" if head in MALE_HEADS else "female" if head in FEMALE_HEADS else None
        children = [
            c for c in index.members.values()
            if c.role == MemberRole.CHILD and c.date_of_birth and c.date_of_birth <= today
            and (gender is None or (c.gender or "").lower() in (gender, ""))
        ]  # fmt: skip
        word = m.group("w")
        if word in ("baby", "little one") and forward:
            unborn = [c for c in index.members.values() if c.role == MemberRole.UNBORN
                      and c.expected_date]  # fmt: skip
            children = unborn or children
        if not children:
            continue
        key: Callable[[Any], dt.date] = lambda c: c.date_of_birth or c.expected_date  # noqa: E731
        pick = min(children, key=key) if word in ELDEST_WORDS else max(children, key=key)
        found.append((pick.id, m.start(), m.end()))
    return found


def _mentioned_members(index: _Index, joined: str) -> list[str]:
    found: list[str] = []
    for phrase, member_id in index.member_phrases:
        if re.search(rf"(?:^|\s){re.escape(phrase)}(?:'s)?(?:\s|$)", joined) and (
            member_id not in found
        ):
            found.append(member_id)
    return found


def _births(
    index: _Index, tokens: list[str], members: list[str], ctx: _Ctx, forward: bool = False
) -> list[_Hit]:
    """Births: of the members named ('since Poppy was born', children before parents: 'since
    mum had Poppy'), else of the one member the question names, else the youngest child's
    (born by today, unless the words look forward: 'when the baby is born')."""
    people = [index.members[m] for m in members if m in index.members]
    people = [m for m in people if m.date_of_birth or m.expected_date]
    young = [m for m in people if m.role in (MemberRole.CHILD, MemberRole.UNBORN)]
    people = young or people
    if not people:  # "has Sam been seen since birth": the one child the question names
        named = [index.members[m] for m in _mentioned_members(index, ctx.text.norm)]
        named = [m for m in named if (m.date_of_birth or m.expected_date)
                 and m.role in (MemberRole.CHILD, MemberRole.UNBORN)]  # fmt: skip
        people = named if len(named) == 1 else []
    if not people:
        gender = None
        if any(t in ("her", "she") for t in tokens):
            gender = "female"
        elif any(t in ("his", "he", "him") for t in tokens):
            gender = "male"
        people = [
            m for m in index.members.values()
            if (m.date_of_birth or m.expected_date)
            and (gender is None or (m.gender or "").lower() in (gender, ""))
        ]  # fmt: skip
        children = [m for m in people if m.role in (MemberRole.CHILD, MemberRole.UNBORN)]
        people = children or people
        if not forward:  # "since the little one was born": a birth that has happened
            people = [m for m in people if (m.date_of_birth or m.expected_date) <= ctx.today
                      ] or people  # fmt: skip
        if people:
            people = [max(people, key=lambda m: m.date_of_birth or m.expected_date)]
    return [_Hit(m.date_of_birth or m.expected_date, ids=(m.id,)) for m in people
            if m.date_of_birth or m.expected_date]  # fmt: skip


def _pregnancy(index: _Index, tokens: list[str], today: dt.date) -> list[_Hit]:
    """A pregnancy: 280 days up to the birth. 'The pregnancy with Poppy' / 'pregnant with the
    youngest': that child's; else the unborn baby's; else (not 'this pregnancy') the latest
    birth's, when it was in the case's time."""
    babies = []
    if "with" in tokens or "of" in tokens:  # the child named after "with" ("the pregnancy
        at = max(tokens.index(w) for w in ("with", "of") if w in tokens)  # with Poppy")
        rest = " ".join(tokens[at + 1 :])
        named = _members_in(index, rest, today, False)
        babies = [
            index.members[m] for m in named if m in index.members
            and index.members[m].role in (MemberRole.CHILD, MemberRole.UNBORN)
            and (index.members[m].date_of_birth or index.members[m].expected_date)
        ]  # fmt: skip
    if babies:
        born = max(b.date_of_birth or b.expected_date for b in babies)  # type: ignore[type-var]
        return [_Hit(born - dt.timedelta(days=280), born)]
    unborn = [m for m in index.members.values() if m.expected_date]
    if unborn:
        due = max(m.expected_date for m in unborn)
        return [_Hit(due - dt.timedelta(days=280), due)]
    if "this" in tokens or "current" in tokens:
        return []
    born = [m for m in index.members.values() if m.date_of_birth and m.role == MemberRole.CHILD]
    if not born or (index.opened and max(m.date_of_birth for m in born) < index.opened):
        return []
    dob = max(m.date_of_birth for m in born)
    return [_Hit(dob - dt.timedelta(days=280), dob)]
