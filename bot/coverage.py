"""Coverage map: per agency family and per child, the periods the records cover and the gaps
between them longer than a threshold (e.g. no health record for a child for 18 months), each
gap bounded by the records either side of it. Pure: reads typed Records, returns models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel, ConfigDict, Field

from bot.evidence import fmt_date
from bot.records import Records
from bot.request import Ask, Period
from bot.timeline import FAMILIES, Family, agency_family
from bot.understand.terms import matches_terms
from config.settings import Settings
from ingest.models import EventType, Member, Outcome

# Event types that say which family recorded them even when the agency's name does not.
TYPE_FAMILY: dict[EventType, Family] = {
    EventType.EDUCATION: "Education",
    EventType.HEALTH: "Health",
    EventType.POLICE: "Police",
    EventType.HOUSING: "Housing",
    EventType.ENVIRONMENTAL_HEALTH: "Housing",
    EventType.MOVE: "Housing",
}
# Asks answered from what is not a dated agency record (the corpus, case.yaml's household and
# addresses, involvement spans) get no gap note.
NO_COVERAGE_ABOUTS = frozenset(
    {
        "learning",
        "procedure",
        "unanswerable",
        "household_members",
        "addresses_moves",
        "people_involved",
        "lead_professional",
        "contact_details",
    }
)
# A period shorter than this ('on 9 March') asks about one event, not a stretch of records.
MIN_PERIOD_DAYS = 28


class Covered(BaseModel):
    """A stretch of time with no gap longer than the threshold between records."""

    model_config = ConfigDict(frozen=True)

    start: dt.date
    end: dt.date
    first_id: str
    last_id: str
    records: int


class Gap(BaseModel):
    """No record of `family` (about `member_id`, or anyone) between two records."""

    model_config = ConfigDict(frozen=True)

    family: Family
    member_id: str | None = Field(description="The child; None = any member of the case.")
    start: dt.date = Field(description="Date of the last record before the gap.")
    end: dt.date = Field(description="Date of the next record, or the case's last record date.")
    before_id: str = Field(description="The record that bounds the gap before.")
    after_id: str | None = Field(description="The record that bounds it after; None = open.")

    @property
    def open_ended(self) -> bool:
        return self.after_id is None

    @property
    def record_ids(self) -> tuple[str, ...]:
        return (self.before_id,) if self.after_id is None else (self.before_id, self.after_id)

    @property
    def months(self) -> int:
        return months_between(self.start, self.end)

    def overlaps(self, period: Period) -> bool:
        """Whether the period has days strictly inside the gap (no record on them); an open
        gap runs on past the case's last record."""
        before_end = self.open_ended or period.start is None or period.start < self.end
        return before_end and (period.end is None or period.end > self.start)


class CoverageRow(BaseModel):
    """One agency family for one child (or the whole case): covered periods and gaps."""

    model_config = ConfigDict(frozen=True)

    family: Family
    member_id: str | None
    member: str = Field(description="The child's name, or 'Everyone'.")
    covered: list[Covered]
    gaps: list[Gap]


class Coverage(BaseModel):
    model_config = ConfigDict(frozen=True)

    case_id: str
    threshold_months: int
    gap_families: tuple[Family, ...] = Field(description="The families whose gaps are looked for.")
    case_end: dt.date | None = Field(
        description="The case's last dated record: open gaps end here."
    )
    rows: list[CoverageRow]

    def gaps(self) -> list[Gap]:
        return [g for row in self.rows for g in row.gaps]

    def row(self, family: Family, member_id: str | None) -> CoverageRow | None:
        return next((r for r in self.rows if r.family == family and r.member_id == member_id), None)


@dataclass(frozen=True)
class Dated:
    """A dated record as coverage sees it: when, which family, about whom (empty = everyone)."""

    record_id: str
    day: dt.date
    family: Family
    members: tuple[str, ...]


def dated_records(records: Records) -> list[Dated]:
    """Chronology events, appointments (not those still to come) and dated case documents
    with an agency, in date order."""
    items = [
        Dated(e.id, e.date, TYPE_FAMILY.get(e.event_type) or agency_family(e.agency), e.members)
        for e in records.chronology
    ]
    items += [
        Dated(a.id, a.date, agency_family(a.agency), (a.member,))
        for a in records.appointments
        if a.outcome != Outcome.UPCOMING
    ]
    items += [
        Dated(p.id, p.date, agency_family(p.agency), p.members)
        for p in records.passages
        if p.date and p.agency
    ]
    return sorted(items, key=lambda d: (d.day, d.record_id))


def add_months(day: dt.date, months: int) -> dt.date:
    return day + relativedelta(months=months)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end."""
    span = relativedelta(end, start)
    return span.years * 12 + span.months


def _about(item: Dated, child: Member | None) -> bool:
    if child is None:
        return True
    if child.id in item.members:
        return True
    born = child.date_of_birth
    return not item.members and (born is None or item.day >= born)


def _row(
    items: list[Dated], family: Family, child: Member | None, threshold: int | None, end: dt.date
) -> CoverageRow | None:
    """`threshold` None: the family's covered span only, no gaps looked for."""
    mine = [i for i in items if i.family == family and _about(i, child)]
    if not mine:
        return None
    covered: list[Covered] = []
    gaps: list[Gap] = []
    member_id = child.id if child else None
    first = mine[0]
    count = 0
    for before, after in zip(mine, [*mine[1:], None], strict=True):
        count += 1
        stop = after.day if after else end
        if threshold is None or add_months(before.day, threshold) >= stop:
            continue
        covered.append(Covered(start=first.day, end=before.day, first_id=first.record_id,
                               last_id=before.record_id, records=count))  # fmt: skip
        gaps.append(
            Gap(
                family=family,
                member_id=member_id,
                start=before.day,
                end=stop,
                before_id=before.record_id,
                after_id=after.record_id if after else None,
            )
        )
        count = 0
        if after:
            first = after
    if count:
        last = mine[-1]
        covered.append(Covered(start=first.day, end=last.day, first_id=first.record_id,
                               last_id=last.record_id, records=count))  # fmt: skip
    name = child.name if child else "Everyone"
    return CoverageRow(family=family, member_id=member_id, member=name, covered=covered, gaps=gaps)


def coverage(
    records: Records, threshold_months: int, gap_families: Iterable[str] = FAMILIES
) -> Coverage:
    """Per agency family, for the whole case and for each child: covered periods and, for
    `gap_families`, the gaps longer than `threshold_months` (a family's last record more than
    that before the case's last record is an open gap)."""
    checked = set(gap_families)
    items = dated_records(records)
    end = items[-1].day if items else None
    rows: list[CoverageRow] = []
    if end is not None:
        for child in [None, *records.children]:
            for family in FAMILIES:
                threshold = threshold_months if family in checked else None
                row = _row(items, family, child, threshold, end)
                if row is not None:
                    rows.append(row)
    return Coverage(
        case_id=records.case_id or "",
        threshold_months=threshold_months,
        gap_families=tuple(f for f in FAMILIES if f in checked),
        case_end=end,
        rows=rows,
    )


def family_words(family: Family) -> str:
    return "social care" if family == "Social care" else family.lower()


def gap_sentence(gap: Gap, records: Records) -> str:
    """'No education records for Child A after 3 Feb 2015' or '... between X and Y'."""
    who = f" for {records.name(gap.member_id)}" if gap.member_id else ""
    what = f"No {family_words(gap.family)} records{who}"
    if gap.open_ended:
        return f"{what} after {fmt_date(gap.start)}"
    return f"{what} between {fmt_date(gap.start)} and {fmt_date(gap.end)}"


def ask_families(ask: Ask, records: Records) -> set[Family]:
    """The agency families an ask concerns: agencies its words name, the family words
    themselves ('school', 'health'), the event types it names, else for appointments the
    families that offer them; empty = any."""
    terms = ask.agency_or_role + ask.role_terms
    found: set[Family] = set()
    if terms:
        agencies = {e.agency for e in records.chronology} | {a.agency for a in records.appointments}
        found |= {agency_family(a) for a in agencies if matches_terms(a, terms)}
        found |= {agency_family(t) for t in terms} - {"Other"}
    found |= {TYPE_FAMILY[t] for t in ask.event_types if t in TYPE_FAMILY}
    if not found and ask.about == "appointments":  # asked of the agencies that offer them
        found = {agency_family(a.agency) for a in records.appointments}
    return found


def gaps_for_ask(ask: Ask, records: Records, map_: Coverage) -> list[Gap]:
    """The gaps an ask's period falls in: of the agency families it concerns (none when it
    names none), for the children it names (the whole case when it names none)."""
    period = ask.period
    if period is None or ask.about in NO_COVERAGE_ABOUTS:
        return []
    if period.start and period.end and (period.end - period.start).days + 1 < MIN_PERIOD_DAYS:
        return []
    families = ask_families(ask, records)
    if not families:
        # a question that names no agency, service or kind of record ('what happened in
        # 2010?') is not made less complete by one service's quiet stretch
        return []
    children = {c.id for c in records.children}
    wanted: Iterable[str | None] = [m for m in ask.members if m in children] or [None]
    found = []
    for member_id in wanted:
        for gap in map_.gaps():
            if gap.member_id != member_id or (families and gap.family not in families):
                continue
            if gap.overlaps(period):
                found.append(gap)
    return found


def gap_notes(
    ask: Ask, records: Records, map_: Coverage, limit: int = 3
) -> list[tuple[str, tuple[str, ...]]]:
    """The sentences an answer adds for the gaps its ask's period falls in, each with the
    records that bound the gap; at most `limit`, then how many more."""
    if limit <= 0:
        return []
    gaps = gaps_for_ask(ask, records, map_)
    notes = [
        (f"{gap_sentence(g, records)}: the answer may be incomplete.", g.record_ids)
        for g in gaps[:limit]
    ]
    if len(gaps) > limit:
        more = len(gaps) - limit
        notes.append((f"And {more} more gap{'s' if more > 1 else ''} in this period.", ()))
    return notes


def case_coverage(records: Records, settings: Settings) -> Coverage:
    """The coverage map with the threshold and families of the settings."""
    return coverage(records, settings.coverage_gap_months, settings.coverage_gap_families)
