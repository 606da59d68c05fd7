"""A case at a glance: who is in the family, where they live, who is involved, and per child
the missed appointments and when they were last seen. Every figure carries its record ids."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from pydantic import BaseModel, ConfigDict, Field

from bot.evidence import fmt_date, plural
from bot.patterns import Indicator, indicators
from bot.records import Records
from bot.tools.appointments import outcome_words
from bot.tools.chronology import type_words
from bot.tools.involvement import is_current, overlapping_leads
from bot.tools.seen import says_absent
from config.settings import PatternThresholds
from ingest.models import (
    MISSED_OUTCOMES,
    Address,
    Appointment,
    ChronologyEvent,
    EventType,
    Member,
    MemberRole,
    Professional,
    Seen,
)


class Figure(BaseModel):
    """One figure shown to the user (a count, a date, a name) and the records behind it."""

    model_config = ConfigDict(frozen=True)

    label: str = Field(description="What the figure is, e.g. 'Missed appointments'.")
    value: str = Field(description="The figure as shown, e.g. '6' or '12 Jun 2018'.")
    record_ids: tuple[str, ...] = ()
    note: str | None = Field(None, description="A caveat, e.g. records that disagree.")


class MemberRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    member_id: str
    name: str
    role: str
    age: str = Field(description="Children in years and months, adults in years.")
    born: str = Field(description="Date of birth, or the expected date for an unborn baby.")
    lives_at_current_address: bool
    notes: str | None = None


class InvolvedRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    record_id: str
    name: str
    role: str
    agency: str
    works_with: str
    since: dt.date
    contact: str
    lead: bool


class ChildRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    member_id: str
    name: str
    age: str
    born: str
    missed: Figure
    last_seen: Figure
    last_seen_alone: Figure


class CaseOverview(BaseModel):
    model_config = ConfigDict(frozen=True)

    case_id: str
    title: str
    today: dt.date
    members: list[MemberRow]
    current_address: Figure
    moves: Figure
    move_events: Figure
    moves_explained: str = Field(description="Why the two move counts can differ.")
    lead: Figure
    involved_now: list[InvolvedRow]
    children: list[ChildRow]
    indicators: list[Indicator] = Field(
        default_factory=list, description="Pattern indicators (bot/patterns/), not a decision."
    )


def current_addresses(records: Records) -> list[Address]:
    return [a for a in records.addresses if a.end is None]


def lives_at(member: Member, addresses: list[Address]) -> bool:
    """An address with no members listed is the whole household's."""
    return any(not a.members or member.id in a.members for a in addresses)


def current_address(records: Records) -> Figure:
    current = current_addresses(records)
    if not current:
        return Figure(label="Current address", value="not recorded")
    values = [
        f"{a.area}" + (f", {a.local_authority}" if a.local_authority else "") for a in current
    ]
    since = max(a.start for a in current)
    return Figure(
        label="Current address",
        value="; ".join(values),
        record_ids=tuple(a.id for a in current),
        note=f"since {fmt_date(since)}",
    )


def moves(records: Records) -> tuple[Figure, Figure]:
    """Moves between recorded addresses, and the move events of the chronology."""
    addresses = records.addresses
    count = max(len(addresses) - 1, 0)
    between = Figure(
        label="Moves",
        value=str(count),
        record_ids=tuple(a.id for a in addresses),
        note=f"between {len(addresses)} recorded addresses",
    )
    events = [e for e in records.chronology if e.event_type == EventType.MOVE]
    recorded = Figure(
        label="Move events in the chronology",
        value=str(len(events)),
        record_ids=tuple(e.id for e in events),
    )
    return between, recorded


MATCHING_DAYS = 31  # a move event and an address start this close are the same move


def _near(day: dt.date, other: dt.date) -> bool:
    return abs((day - other).days) <= MATCHING_DAYS


def explain_moves(records: Records) -> str:
    """Why 'moves between addresses' and 'move events' differ, in words, from the records."""
    addresses = records.addresses
    events = [e for e in records.chronology if e.event_type == EventType.MOVE]
    between = max(len(addresses) - 1, 0)
    text = (
        f"{plural(len(addresses), 'address', 'addresses')} recorded, so "
        f"{plural(between, 'move')} between them. The chronology records "
        f"{plural(len(events), 'move')}."
    )
    if not addresses or not events:
        return text
    first = addresses[0]
    into_first = [e for e in events if _near(e.date, first.start)]
    unmatched = [e for e in events if not any(_near(e.date, a.start) for a in addresses)]
    silent = [a for a in addresses[1:] if not any(_near(e.date, a.start) for e in events)]
    if into_first:
        text += (
            f" One of them is the move into the first recorded address ({first.area}, "
            f"{fmt_date(first.start)}), which has no address before it."
        )
    if unmatched:
        days = ", ".join(fmt_date(e.date) for e in unmatched)
        verb = "matches" if len(unmatched) == 1 else "match"
        text += f" {plural(len(unmatched), 'move')} in the chronology {verb} no address ({days})."
    if silent:
        days = ", ".join(fmt_date(a.start) for a in silent)
        verb = "has" if len(silent) == 1 else "have"
        changes = plural(len(silent), "address change")
        text += f" {changes} {verb} no move in the chronology ({days})."
    return text


def _months_between(born: dt.date, day: dt.date) -> int:
    return (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)


def age_words(member: Member, today: dt.date) -> str:
    """'7 years 10 months' for a child, '34 years' for an adult, 'unborn' before birth."""
    if member.date_of_birth is None:
        return "unborn" if member.role == MemberRole.UNBORN else "not recorded"
    months = _months_between(member.date_of_birth, today)
    if months < 0:
        return "not born yet"
    years, rest = divmod(months, 12)
    if member.role != MemberRole.CHILD and years >= 18:
        return plural(years, "year")
    parts = [plural(years, "year")] if years else []
    if rest or not years:
        parts.append(plural(rest, "month"))
    return " ".join(parts)


def born_words(member: Member) -> str:
    if member.date_of_birth:
        return fmt_date(member.date_of_birth)
    if member.expected_date:
        return f"due {fmt_date(member.expected_date)}"
    return "not recorded"


def involved_now(records: Records, today: dt.date) -> list[Professional]:
    return [p for p in records.professionals if is_current(p, today)]


def contact(professional: Professional) -> str:
    return ", ".join(filter(None, [professional.phone, professional.email])) or "not recorded"


def lead_professional(records: Records, today: dt.date) -> Figure:
    leads = [p for p in involved_now(records, today) if p.lead]
    if not leads:
        return Figure(label="Lead professional", value="none recorded")
    clash = overlapping_leads(leads)
    roles = "; ".join(f"{p.role}, {p.agency}" for p in leads)
    return Figure(
        label="Lead professional",
        value=" and ".join(p.name for p in leads),
        record_ids=tuple(p.id for p in leads),
        note=f"Records disagree: more than one current lead professional. {roles}"
        if clash
        else roles,
    )


def missed_appointments(
    records: Records, member_id: str, since: dt.date | None = None
) -> list[Appointment]:
    """Appointments the family missed (spec: was_not_brought, did_not_attend, no_access,
    cancelled_by_family); cancelled by the service or rescheduled do not count."""
    return [
        a
        for a in records.appointments
        if a.member == member_id
        and a.outcome in MISSED_OUTCOMES
        and (since is None or a.date >= since)
    ]


def missed_figure(records: Records, member_id: str, since: dt.date | None = None) -> Figure:
    missed = missed_appointments(records, member_id, since)
    counts = Counter(outcome_words(a.outcome) for a in missed)
    breakdown = ", ".join(f"{n} {w}" for w, n in counts.most_common())
    return Figure(
        label="Missed appointments",
        value=str(len(missed)),
        record_ids=tuple(a.id for a in missed),
        note=breakdown or None,
    )


def _seen_events(
    records: Records, member: Member, wanted: tuple[Seen, ...]
) -> list[ChronologyEvent]:
    return [e for e in records.chronology if e.child_seen.get(member.id) in wanted]


def _seen_figure(label: str, events: list[ChronologyEvent], member: Member) -> Figure:
    if not events:
        return Figure(label=label, value="no record")
    last = events[-1]
    note = f"{type_words(last.event_type)}, {last.agency}"
    ids: tuple[str, ...] = (last.id,)
    if says_absent(last, member):
        believable = [e for e in events if not says_absent(e, member)]
        note = (
            f"Records disagree: {last.id} marks {member.name} as seen but its summary says "
            f"{member.name} was not there."
        )
        if believable:
            note += f" The latest record that does not contradict itself: {believable[-1].id}."
            ids += (believable[-1].id,)
    return Figure(label=label, value=fmt_date(last.date), record_ids=ids, note=note)


def last_seen(records: Records, member: Member) -> Figure:
    events = _seen_events(records, member, (Seen.YES, Seen.ALONE))
    return _seen_figure("Last seen", events, member)


def last_seen_alone(records: Records, member: Member) -> Figure:
    events = _seen_events(records, member, (Seen.ALONE,))
    return _seen_figure("Last seen alone", events, member)


def child_row(records: Records, member: Member, today: dt.date) -> ChildRow:
    return ChildRow(
        member_id=member.id,
        name=member.name,
        age=age_words(member, today),
        born=born_words(member),
        missed=missed_figure(records, member.id),
        last_seen=last_seen(records, member),
        last_seen_alone=last_seen_alone(records, member),
    )


def member_rows(records: Records, today: dt.date) -> list[MemberRow]:
    current = current_addresses(records)
    return [
        MemberRow(
            member_id=m.id,
            name=m.name,
            role=m.role.value,
            age=age_words(m, today),
            born=born_words(m),
            lives_at_current_address=lives_at(m, current),
            notes=m.notes,
        )
        for m in records.members
    ]


def involved_row(records: Records, professional: Professional) -> InvolvedRow:
    works_with = (
        records.names(list(professional.members)) if professional.members else "the whole family"
    )
    return InvolvedRow(
        record_id=professional.id,
        name=professional.name,
        role=professional.role,
        agency=professional.agency,
        works_with=works_with,
        since=professional.start,
        contact=contact(professional),
        lead=professional.lead,
    )


def case_overview(
    records: Records, today: dt.date, limits: PatternThresholds | None = None
) -> CaseOverview:
    """The overview of one case as of `today`."""
    if records.case is None:
        raise ValueError("An overview needs a case's records, not the learning corpus.")
    between, recorded = moves(records)
    children = [m for m in records.members if m.role in (MemberRole.CHILD,)]
    return CaseOverview(
        case_id=records.case.case_id,
        title=records.case.title,
        today=today,
        members=member_rows(records, today),
        current_address=current_address(records),
        moves=between,
        move_events=recorded,
        moves_explained=explain_moves(records),
        lead=lead_professional(records, today),
        involved_now=[involved_row(records, p) for p in involved_now(records, today)],
        children=[child_row(records, m, today) for m in children],
        indicators=indicators(records, today, limits),
    )
