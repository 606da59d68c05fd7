"""The chronology as marks on a timeline: agencies grouped into a few families (health,
education, police, social care, housing, other), moves, missed appointments and visits where
a child was not seen marked as such, filtered by member, agency and period. Pure data; the app
draws it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.records import Records
from bot.tools.appointments import outcome_words
from bot.tools.chronology import type_words
from ingest.models import MISSED_OUTCOMES, ChronologyEvent, EventType, Seen

MarkKind = Literal["event", "move", "missed appointment", "child not seen"]
KINDS: tuple[MarkKind, ...] = ("event", "move", "missed appointment", "child not seen")
MISSED_CATEGORY = "missed appointment"

Family = Literal["Health", "Education", "Police", "Social care", "Housing", "Other"]
FAMILIES: tuple[Family, ...] = ("Social care", "Health", "Education", "Police", "Housing", "Other")
# First match wins, so "School Nursing" is health and "Environmental Health" is housing (it
# inspects the family's home). Words are matched whole, case-insensitively.
FAMILY_WORDS: tuple[tuple[Family, tuple[str, ...]], ...] = (
    ("Police", ("police", "constabulary", "public protection")),
    ("Housing", ("housing", "homes", "tenancy", "homeless", "environmental health", "landlord")),
    (
        "Health",
        (
            "health", "gp", "nhs", "hospital", "midwifery", "midwife", "paediatrics",
            "paediatric", "camhs", "nursing", "nurse", "dental", "dentist", "audiology",
            "speech and language", "therapy", "surgery", "medical", "clinic", "ambulance",
            "a&e", "pharmacy", "optician",
        ),
    ),
    (
        "Education",
        (
            "school", "academy", "college", "nursery", "education", "ehe", "ewo",
            "pre-school", "preschool", "sencos", "senco",
        ),
    ),
    (
        "Social care",
        (
            "social care", "social services", "children's services", "early help", "mash",
            "family support", "social work", "children's centre", "leaving care", "fostering",
            "contact centre",
        ),
    ),
)  # fmt: skip


class Mark(BaseModel):
    """One point on the timeline, naming the record it comes from."""

    model_config = ConfigDict(frozen=True)

    record_id: str
    date: dt.date
    lane: str
    family: Family
    category: str
    kind: MarkKind
    summary: str
    members: str


@lru_cache(maxsize=4096)  # a case names a few dozen agencies, asked of on every question
def agency_family(agency: str) -> Family:
    """Which of the six families an agency belongs to ('Other' when no word matches)."""
    text = agency.lower()
    for family, words in FAMILY_WORDS:
        if any(re.search(rf"(?<![\w&]){re.escape(word)}(?![\w&])", text) for word in words):
            return family
    return "Other"


def agencies_by_family(records: Records) -> dict[Family, list[str]]:
    """Every agency of the case's timeline, grouped by family (families in FAMILIES order)."""
    names = {m.lane for m in timeline(records)}
    grouped: dict[Family, list[str]] = {}
    for family in FAMILIES:
        members = sorted(n for n in names if agency_family(n) == family)
        if members:
            grouped[family] = members
    return grouped


def _members(records: Records, member_ids: Collection[str]) -> str:
    return records.names(list(member_ids)) if member_ids else "the household"


def not_seen(event: ChronologyEvent) -> bool:
    """A visit or contact where a child the record names was not seen (or no one was in)."""
    return event.event_type == EventType.NO_ACCESS_VISIT or Seen.NO in event.child_seen.values()


def _kind(event: ChronologyEvent) -> MarkKind:
    if event.event_type == EventType.MOVE:
        return "move"
    return "child not seen" if not_seen(event) else "event"


def timeline(
    records: Records,
    members: Collection[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    agencies: Collection[str] | None = None,
) -> list[Mark]:
    """Chronology events and missed appointments, in date order.

    With `members`, events about any of them or about the whole household (no members
    recorded) are kept, and appointments of those members. With `agencies`, only marks of
    those agencies (an empty collection keeps none)."""
    wanted = set(members)
    allowed = None if agencies is None else set(agencies)

    def keep(day: dt.date, agency: str) -> bool:
        in_period = (start is None or day >= start) and (end is None or day <= end)
        return in_period and (allowed is None or agency in allowed)

    marks: list[Mark] = []
    for event in records.chronology:
        if not keep(event.date, event.agency):
            continue
        if wanted and event.members and not wanted & set(event.members):
            continue
        marks.append(
            Mark(
                record_id=event.id,
                date=event.date,
                lane=event.agency,
                family=agency_family(event.agency),
                category=type_words(event.event_type),
                kind=_kind(event),
                summary=event.summary,
                members=_members(records, event.members),
            )
        )
    for appointment in records.appointments:
        if appointment.outcome not in MISSED_OUTCOMES:
            continue
        if not keep(appointment.date, appointment.agency):
            continue
        if wanted and appointment.member not in wanted:
            continue
        marks.append(
            Mark(
                record_id=appointment.id,
                date=appointment.date,
                lane=appointment.agency,
                family=agency_family(appointment.agency),
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


def families(marks: list[Mark]) -> list[Family]:
    """The families that have marks, in FAMILIES order (the chart's lanes)."""
    present = {m.family for m in marks}
    return [f for f in FAMILIES if f in present]


def date_range(records: Records) -> tuple[dt.date, dt.date] | None:
    """First and last day of the case's timeline (all members, all time)."""
    days = [m.date for m in timeline(records)]
    return (min(days), max(days)) if days else None
