"""The case overview and the timeline: pure functions over typed records, every figure
carrying the record ids it rests on. Demo data (read from the session's demo store) and
small hand-made records."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from bot.overview import age_words, case_overview, explain_moves, last_seen, missed_appointments
from bot.records import Records
from bot.timeline import (
    FAMILIES,
    MISSED_CATEGORY,
    agencies_by_family,
    agency_family,
    date_range,
    families,
    lanes,
    timeline,
)
from ingest.models import (
    MISSED_OUTCOMES,
    Address,
    Appointment,
    Case,
    ChronologyEvent,
    EventType,
    Member,
    MemberRole,
    Outcome,
    Seen,
)
from ingest.store import LiveVersion
from tests.conftest import DEMO_TODAY

_BUILT = itertools.count()


def make_records(*items: object) -> Records:
    """A tiny case built by hand, as RecordCache would hold it."""
    # a version of its own for each case built, so per-version caches never mix two of them
    built = next(_BUILT)
    version = LiveVersion(
        key="case:FAM-X", collection=f"cb-case.FAM-X.t{built}", version=1, content_hash=f"h{built}"
    )
    case = Case(case_id="FAM-X", title="Test family")
    return Records(version, case, tuple(items), {})  # type: ignore[arg-type]


CHILD = Member(
    id="child-a", file="case.yaml", name="Child A", aliases=("Sam",), role=MemberRole.CHILD
)


def event(
    id: str, day: str, summary: str, seen: Seen | None = None, **extra: object
) -> ChronologyEvent:
    return ChronologyEvent(
        id=id,
        file="chronology.csv",
        row=2,
        date=dt.date.fromisoformat(day),
        agency=str(extra.pop("agency", "Children's Social Care")),
        event_type=extra.pop("event_type", EventType.HOME_VISIT),  # type: ignore[arg-type]
        summary=summary,
        child_seen={"child-a": seen} if seen else {},
        **extra,  # type: ignore[arg-type]
    )


def appointment(id: str, day: str, outcome: Outcome) -> Appointment:
    return Appointment(
        id=id,
        file="appointments.csv",
        row=2,
        date=dt.date.fromisoformat(day),
        member="child-a",
        agency="Community Paediatrics",
        type="outpatient",
        outcome=outcome,
    )


# -- overview ------------------------------------------------------------------------------------


def test_members_have_ages_as_of_today_and_live_at_the_current_address(ashdown: Records):
    overview = case_overview(ashdown, DEMO_TODAY)
    ages = {m.member_id: (m.age, m.born) for m in overview.members}
    assert ages["child-a"] == ("16 years 5 months", "18 Jan 2002")
    assert ages["child-d"] == ("7 years 10 months", "14 Aug 2010")  # not "7½"
    assert ages["child-b"] == ("14 years", "9 Jun 2004")
    assert ages["mother"] == ("34 years", "30 Sep 1983")  # adults in years, not "34½"
    assert ages["unborn"] == ("unborn", "due 19 Oct 2018")
    assert all(m.lives_at_current_address for m in overview.members)


@pytest.mark.parametrize(
    ("born", "role", "expected"),
    [
        ("2018-06-01", MemberRole.CHILD, "1 month"),
        ("2018-06-03", MemberRole.CHILD, "0 months"),
        ("2017-07-02", MemberRole.CHILD, "1 year"),
        ("2016-05-01", MemberRole.CHILD, "2 years 2 months"),
        ("1999-07-03", MemberRole.CHILD, "18 years 11 months"),
        ("1999-07-02", MemberRole.ADULT, "19 years"),
        ("2001-01-01", MemberRole.PARENT, "17 years 6 months"),
    ],
)
def test_ages_children_in_years_and_months_adults_in_years(
    born: str, role: MemberRole, expected: str
):
    member = Member(
        id="m", file="case.yaml", name="M", role=role, date_of_birth=dt.date.fromisoformat(born)
    )
    assert age_words(member, DEMO_TODAY) == expected


def test_current_address_and_moves_cite_addresses_and_move_events(ashdown: Records):
    overview = case_overview(ashdown, DEMO_TODAY)
    assert overview.current_address.value == "Hasleby, Marlow Vale County"
    assert overview.current_address.record_ids == ("addr-13",)
    assert overview.moves.value == "12"
    assert overview.moves.record_ids == tuple(f"addr-{n:02d}" for n in range(1, 14))
    assert overview.move_events.value == "13"
    assert all(
        ashdown.by_id[i].event_type == EventType.MOVE for i in overview.move_events.record_ids
    )
    assert overview.moves_explained == (
        "13 addresses recorded, so 12 moves between them. The chronology records 13 moves. "
        "One of them is the move into the first recorded address (Harrowdene, 15 Nov 2004), "
        "which has no address before it."
    )


def address(id: str, start: str) -> Address:
    return Address(id=id, file="case.yaml", start=dt.date.fromisoformat(start), area=id)


def test_moves_explained_when_the_two_counts_disagree():
    records = make_records(
        address("a1", "2010-01-01"),
        address("a2", "2012-01-01"),
        address("a3", "2014-01-01"),
        event("chr-1", "2012-01-05", "Moved.", event_type=EventType.MOVE),
        event("chr-2", "2013-03-01", "Moved in with an aunt.", event_type=EventType.MOVE),
    )
    assert explain_moves(records) == (
        "3 addresses recorded, so 2 moves between them. The chronology records 2 moves. "
        "1 move in the chronology matches no address (1 Mar 2013). "
        "1 address change has no move in the chronology (1 Jan 2014)."
    )


def test_lead_and_involvement_are_current_on_today(ashdown: Records, brierley: Records):
    overview = case_overview(ashdown, DEMO_TODAY)
    assert overview.lead.value == "Hannah Okafor"
    assert overview.lead.record_ids == ("pro-029",)
    involved = {p.record_id for p in overview.involved_now}
    assert "pro-029" in involved and len(involved) == 16
    for record_id in involved:
        professional = ashdown.by_id[record_id]
        assert professional.start <= DEMO_TODAY
        assert professional.end is None or professional.end >= DEMO_TODAY
    assert case_overview(brierley, DEMO_TODAY).lead.record_ids == ("pro-005",)


def test_missed_appointments_follow_the_spec_definition(ashdown: Records):
    children = {c.member_id: c for c in case_overview(ashdown, DEMO_TODAY).children}
    assert children["child-f"].missed.record_ids == ("apt-060", "apt-066", "apt-068", "apt-069")
    assert children["child-f"].missed.note == "3 was not brought, 1 no access"
    for child in children.values():
        for record_id in child.missed.record_ids:
            found = ashdown.by_id[record_id]
            assert found.member == child.member_id and found.outcome in MISSED_OUTCOMES
    assert "apt-056" not in children["child-f"].missed.record_ids  # cancelled by the service


def test_last_seen_and_seen_alone_cite_their_events(ashdown: Records):
    children = {c.member_id: c for c in case_overview(ashdown, DEMO_TODAY).children}
    assert children["child-a"].last_seen.value == "13 Mar 2018"
    assert children["child-a"].last_seen.record_ids == ("chr-176",)
    assert children["child-a"].last_seen_alone.record_ids == ("chr-119",)
    assert children["child-e"].last_seen_alone.value == "no record"
    assert children["child-e"].last_seen_alone.record_ids == ()


def test_last_seen_flags_a_record_that_contradicts_itself():
    records = make_records(
        CHILD,
        event("chr-1", "2018-01-10", "Child A seen in the lounge.", Seen.YES),
        event("chr-2", "2018-02-10", "Visit. Child A was not at home.", Seen.YES),
    )
    figure = last_seen(records, CHILD)
    assert figure.value == "10 Feb 2018"
    assert figure.record_ids == ("chr-2", "chr-1")
    assert figure.note is not None and figure.note.startswith("Records disagree")


def test_missed_since_a_date():
    records = make_records(
        CHILD,
        appointment("apt-1", "2017-01-01", Outcome.WAS_NOT_BROUGHT),
        appointment("apt-2", "2018-01-01", Outcome.DID_NOT_ATTEND),
        appointment("apt-3", "2018-02-01", Outcome.RESCHEDULED),
    )
    assert [a.id for a in missed_appointments(records, "child-a")] == ["apt-1", "apt-2"]
    since = dt.date(2017, 6, 1)
    assert [a.id for a in missed_appointments(records, "child-a", since)] == ["apt-2"]


def test_overview_needs_a_case():
    learning = Records(make_records().version, None, (), {})
    with pytest.raises(ValueError, match="needs a case"):
        case_overview(learning, DEMO_TODAY)


# -- timeline ------------------------------------------------------------------------------------


def test_timeline_has_every_event_moves_and_missed_appointments(ashdown: Records):
    marks = timeline(ashdown)
    kinds = {m.record_id: m.kind for m in marks}
    assert len([k for k in kinds.values() if k == "move"]) == 13
    missed = [m for m in marks if m.kind == "missed appointment"]
    assert len(missed) == sum(a.outcome in MISSED_OUTCOMES for a in ashdown.appointments)
    assert all(m.category == MISSED_CATEGORY for m in missed)
    assert len(marks) == len(ashdown.chronology) + len(missed)
    assert [m.date for m in marks] == sorted(m.date for m in marks)
    chr_205 = next(m for m in marks if m.record_id == "chr-205")
    assert chr_205.lane == "Midwifery (Marlow Vale Hospital)" and chr_205.family == "Health"
    assert chr_205.category == "home visit" and chr_205.members == "Mother and Unborn baby"


def test_visits_where_a_child_was_not_seen_have_their_own_mark(ashdown: Records):
    marks = {m.record_id: m for m in timeline(ashdown)}
    for event in ashdown.chronology:
        not_seen = event.event_type == EventType.NO_ACCESS_VISIT or Seen.NO in (
            event.child_seen.values()
        )
        if event.event_type != EventType.MOVE:
            assert (marks[event.id].kind == "child not seen") == not_seen, event.id
    assert sum(m.kind == "child not seen" for m in marks.values()) == 22


@pytest.mark.parametrize(
    ("agency", "family"),
    [
        ("Marlow Vale Children's Social Care", "Social care"),
        ("Marlow Vale Early Help", "Social care"),
        ("Dunmere Contact Centre", "Social care"),
        ("Midwifery (Marlow Vale Hospital)", "Health"),
        ("GP (Ottersbrook Surgery)", "Health"),
        ("Marlow Vale School Nursing", "Health"),
        ("CAMHS", "Health"),
        ("Hasleby Academy", "Education"),
        ("Marlow Vale EHE Team", "Education"),
        ("Police (Public Protection Unit)", "Police"),
        ("Brackenlow Homes", "Housing"),
        ("Kelsworth Environmental Health", "Housing"),
        ("Family Court", "Other"),
    ],
)
def test_agencies_fall_into_six_families(agency: str, family: str):
    assert agency_family(agency) == family


def test_every_agency_has_a_family_and_the_lanes_are_families(ashdown: Records):
    grouped = agencies_by_family(ashdown)
    assert list(grouped) == [f for f in FAMILIES if f in grouped]
    agencies = {m.lane for m in timeline(ashdown)}
    assert sorted(a for names in grouped.values() for a in names) == sorted(agencies)
    assert len(agencies) == 39 and len(grouped) == 6
    assert families(timeline(ashdown)) == list(grouped)


def test_timeline_keeps_only_the_chosen_agencies(ashdown: Records):
    marks = timeline(ashdown, agencies=["Police", "CAMHS"])
    assert marks and {m.lane for m in marks} == {"Police", "CAMHS"}
    assert timeline(ashdown, agencies=[]) == []


def test_timeline_filters_by_member_and_period(ashdown: Records):
    start, end = dt.date(2016, 1, 1), dt.date(2017, 12, 31)
    marks = timeline(ashdown, ["child-f"], start, end)
    assert marks and all(start <= m.date <= end for m in marks)
    for mark in marks:
        record = ashdown.by_id[mark.record_id]
        if mark.kind == "missed appointment":
            assert record.member == "child-f"
        else:
            assert not record.members or "child-f" in record.members
    expected = {
        a.id
        for a in ashdown.appointments
        if a.member == "child-f" and a.outcome in MISSED_OUTCOMES and start <= a.date <= end
    }
    assert expected and expected == {m.record_id for m in marks if m.kind == "missed appointment"}


def test_lanes_follow_first_appearance_and_date_range_spans_the_marks(ashdown: Records):
    marks = timeline(ashdown)
    order = lanes(marks)
    assert order[0] == marks[0].lane and len(order) == len(set(order))
    assert date_range(ashdown) == (marks[0].date, marks[-1].date)
    assert date_range(make_records(CHILD)) is None
