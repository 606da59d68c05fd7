"""Address history (moves, current address, areas, local authorities) and the household."""

from __future__ import annotations

import datetime as dt
import re

from bot.evidence import Line, Query, ToolResult, fmt_date, plural
from bot.records import join_words
from ingest.models import Address, EventType, Member

_AUTHORITIES = re.compile(r"\b(local authorit\w*|councils?|areas?|towns?)\b")
_CURRENT = re.compile(r"\b(current|now|currently|present|live now|living now|latest)\b")


def _describe(address: Address) -> str:
    until = f"to {fmt_date(address.end)}" if address.end else "to now (current)"
    where = address.area + (f", {address.local_authority}" if address.local_authority else "")
    note = f" {address.notes.rstrip('.')}." if address.notes else ""
    return f"{where}: from {fmt_date(address.start)} {until}.{note}"


def addresses(query: Query) -> ToolResult:
    records = query.records
    assert records is not None
    history = list(records.addresses)
    searched = f"the {len(history)} address records in case.yaml of case {records.case_id}"
    if query.period:
        history = [a for a in history if query.period.overlaps(a.start, a.end)]
        searched += f", {query.period.label}"
    if not history:
        return ToolResult(
            "addresses",
            [Line("No address matching the question is recorded.", ())],
            searched,
            False,
        )
    ids = [a.id for a in history]
    if _CURRENT.search(query.lower) and not query.period:
        current = [a for a in history if a.end is None]
        if not current:
            return ToolResult(
                "addresses", [Line("No current address is recorded.", ())], searched, False
            )
        lines = [Line(f"Current address: {_describe(a)}", (a.id,)) for a in current]
        return ToolResult("addresses", lines, searched, True, [a.id for a in current])
    if _AUTHORITIES.search(query.lower):
        return _areas(history, searched)
    moves = [e for e in records.chronology if e.event_type == EventType.MOVE]
    if query.period:
        moves = [e for e in moves if query.period.contains(e.date)]
    lines = [
        Line(
            f"{plural(len(history), 'address', 'addresses')} recorded "
            f"from {fmt_date(history[0].start)}, "
            f"so {plural(len(history) - 1, 'move')} between them.",
            tuple(ids),
        )
    ]
    if moves:
        lines.append(
            Line(
                f"The chronology records {plural(len(moves), 'move')}.", tuple(e.id for e in moves)
            )
        )
    authorities = list(dict.fromkeys(a.local_authority for a in history if a.local_authority))
    if authorities:
        lines.append(
            Line(
                f"{plural(len(authorities), 'local authority', 'local authorities')}: "
                f"{join_words(authorities)}.",
                tuple(a.id for a in history if a.local_authority),
            )
        )
    lines += [Line(_describe(a), (a.id,), bullet=True) for a in history]
    return ToolResult("addresses", lines, searched, True, ids + [e.id for e in moves])


def _areas(history: list[Address], searched: str) -> ToolResult:
    authorities = list(
        dict.fromkeys(a.local_authority or "an unrecorded authority" for a in history)
    )
    lines = [
        Line(
            f"{plural(len(authorities), 'local authority', 'local authorities')}: "
            f"{join_words(authorities)}.",
            tuple(a.id for a in history),
        )
    ]
    for authority in authorities:
        here = [a for a in history if (a.local_authority or "an unrecorded authority") == authority]
        areas = join_words(list(dict.fromkeys(a.area for a in here)))
        lines.append(
            Line(
                f"{authority}: {plural(len(here), 'address', 'addresses')} in {areas}.",
                tuple(a.id for a in here),
                bullet=True,
            )
        )
    return ToolResult("addresses", lines, searched, True, [a.id for a in history])


def age_on(member: Member, day: dt.date) -> str:
    if member.date_of_birth is None:
        if member.expected_date:
            return f"unborn, expected {fmt_date(member.expected_date)}"
        return "age not recorded"
    born = member.date_of_birth
    months = (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)
    years, rest = divmod(months, 12)
    return f"{years}" + ("½" if rest >= 6 else "") + f" (born {fmt_date(born)})"


def household(query: Query) -> ToolResult:
    records = query.records
    assert records is not None
    members = [records.members_by_id[m] for m in query.mentions.members] or records.members
    searched = f"the {len(records.members)} member records in case.yaml of case {records.case_id}"
    children = [m for m in members if m.role.value == "child"]
    lines = [
        Line(
            f"{plural(len(members), 'member')} recorded, "
            f"{plural(len(children), 'child', 'children')}.",
            tuple(m.id for m in members),
        )
    ]
    for member in members:
        role = member.role.value
        aliases = f", also called {join_words(list(member.aliases))}" if member.aliases else ""
        lines.append(
            Line(
                f"{member.name} ({role}{aliases}): {age_on(member, query.today)}.",
                (member.id,),
                bullet=True,
            )
        )
    current = [] if query.mentions.members else [a for a in records.addresses if a.end is None]
    for address in current:
        lines.append(Line(f"Current address: {_describe(address)}", (address.id,)))
    return ToolResult("household", lines, searched, True, [m.id for m in members])
