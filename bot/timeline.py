"""The chronology as marks on a timeline: one lane per agency, moves and missed appointments
included, filtered by member and period. Pure data; the app draws it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.records import Records
from bot.tools.appointments import outcome_words
from bot.tools.chronology import type_words
from ingest.models import MISSED_OUTCOMES, EventType

MarkKind = Literal["event", "move", "missed appointment"]
MISSED_CATEGORY = "missed appointment"


class Mark(BaseModel):
    """One point on the timeline, naming the record it comes from."""

    model_config = ConfigDict(frozen=True)

    record_id: str
    date: dt.date
    lane: str
    category: str
    kind: MarkKind
    summary: str
    members: str


def _members(records: Records, member_ids: Collection[str]) -> str:
    return records.names(list(member_ids)) if member_ids else "the household"


def timeline(
    records: Records,
    members: Collection[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[Mark]:
    """Chronology events (moves marked as such) and missed appointments, in date order.

    With `members`, events about any of them or about the whole household (no members
    recorded) are kept, and appointments of those members."""
    wanted = set(members)

    def in_period(day: dt.date) -> bool:
        return (start is None or day >= start) and (end is None or day <= end)

    marks: list[Mark] = []
    for event in records.chronology:
        if not in_period(event.date):
            continue
        if wanted and event.members and not wanted & set(event.members):
            continue
        marks.append(
            Mark(
                record_id=event.id,
                date=event.date,
                lane=event.agency,
                category=type_words(event.event_type),
                kind="move" if event.event_type == EventType.MOVE else "event",
                summary=event.summary,
                members=_members(records, event.members),
            )
        )
    for appointment in records.appointments:
        if appointment.outcome not in MISSED_OUTCOMES or not in_period(appointment.date):
            continue
        if wanted and appointment.member not in wanted:
            continue
        marks.append(
            Mark(
                record_id=appointment.id,
                date=appointment.date,
                lane=appointment.agency,
                category=MISSED_CATEGORY,
                kind="missed appointment",
                summary=f"{appointment.type}: {outcome_words(appointment.outcome)}"
                + (f". {appointment.notes}" if appointment.notes else ""),
                members=records.name(appointment.member),
            )
        )
    return sorted(marks, key=lambda m: (m.date, m.record_id))


def lanes(marks: list[Mark]) -> list[str]:
    """Agencies ordered by their first mark, so the chart reads top-down through time."""
    return list(dict.fromkeys(m.lane for m in marks))


def date_range(records: Records) -> tuple[dt.date, dt.date] | None:
    """First and last day of the case's timeline (all members, all time)."""
    days = [m.date for m in timeline(records)]
    return (min(days), max(days)) if days else None
