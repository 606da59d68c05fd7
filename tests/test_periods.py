"""The period grammar (bot.understand.periods): pure tests over small hand-built records.

Most tests read "today" as Friday 20 November 2026; some as Monday 2 July 2018 (the demo's
today), so nothing depends on the year the tests are run in."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
import time

import pytest

from bot.records import Records
from bot.understand.periods import PeriodParse, find_period
from ingest.models import (
    Address,
    Appointment,
    Case,
    ChronologyEvent,
    EventType,
    Member,
    MemberRole,
    Outcome,
    Professional,
    SourceType,
)
from ingest.store import LiveVersion

TODAY = dt.date(2026, 11, 20)  # a Friday
OLD_TODAY = dt.date(2018, 7, 2)  # a Monday
D = dt.date.fromisoformat
OPENED = D("2025-06-01")


_BUILT = itertools.count()


def make_records(*items: object, opened: dt.date | None = OPENED) -> Records:
    """A tiny case built by hand, as RecordCache would hold it."""
    # a version of its own for each case built, so per-version caches never mix two of them
    built = next(_BUILT)
    version = LiveVersion(
        key="case:FAM-X", collection=f"cb-case.FAM-X.t{built}", version=1, content_hash=f"h{built}"
    )
    case = Case(case_id="FAM-X", title="Test family", opened=opened)
    return Records(version, case, tuple(items), {})  # type: ignore[arg-type]


def member(id: str, name: str, role: MemberRole, **kw: object) -> Member:
    return Member(id=id, file="case.yaml", name=name, role=role, **kw)  # type: ignore[arg-type]


def address(id: str, start: str, end: str | None, area: str, la: str, notes: str = "") -> Address:
    return Address(
        id=id, file="case.yaml", start=D(start), end=D(end) if end else None, area=area,
        local_authority=la, notes=notes or None,
    )  # fmt: skip


def event(id: str, day: str, kind: EventType, summary: str, **kw: object) -> ChronologyEvent:
    return ChronologyEvent(
        id=id, file="chronology.csv", row=2, date=D(day), event_type=kind, summary=summary,
        agency=str(kw.pop("agency", "Children's Social Care")), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def professional(id: str, name: str, role: str, agency: str, start: str, end: str | None,
                 **kw: object) -> Professional:  # fmt: skip
    return Professional(
        id=id, file="professionals.csv", row=2, name=name, role=role, agency=agency,
        start=D(start), end=D(end) if end else None, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


MUM = member("jo", "Jo Smith", MemberRole.PARENT, date_of_birth=D("1990-01-01"), gender="female",
             aliases=("Mum",))  # fmt: skip
SAM = member("sam", "Sam Smith", MemberRole.CHILD, date_of_birth=D("2014-02-01"), gender="male")
ROSIE = member("rosie", "Rosie Smith", MemberRole.CHILD, date_of_birth=D("2026-03-10"),
               gender="female", aliases=("the baby", "Rosie-May"))  # fmt: skip
ADDRESSES = (
    address("addr-1", "2015-01-01", "2026-02-01", "Northfield", "Example Borough"),
    address("addr-2", "2026-02-01", "2026-05-01", "Southgate", "Example Borough"),
    address("addr-3", "2026-05-01", "2026-08-01", "Kelby", "Other Council",
            "Family hostel (temporary accommodation), placed out of borough."),
    address("addr-4", "2026-08-01", None, "Ashby", "Other Council", "Council tenancy."),
)  # fmt: skip
EVENTS = (
    event("e01", "2025-06-01", EventType.REFERRAL, "Neighbour rang to say the children are "
          "often left alone.", source="neighbour", source_type=SourceType.NEIGHBOUR),
    event("e02", "2025-09-01", EventType.ASSESSMENT, "Early Help assessment started.",
          agency="Early Help"),
    event("e03", "2026-01-10", EventType.REFERRAL, "School DSL referral: Sam has a bruise.",
          source="school", source_type=SourceType.PROFESSIONAL, members=("sam",)),
    event("e04", "2026-01-12", EventType.STRATEGY_DISCUSSION,
          "Strategy discussion: threshold met for section 47 enquiries."),
    event("e05", "2026-01-13", EventType.SECTION_47, "Section 47 enquiry started."),
    event("e06", "2026-02-01", EventType.MOVE, "Family moved from Northfield to Southgate."),
    event("e07", "2026-02-20", EventType.CONFERENCE,
          "Initial child protection conference: plans for both children."),
    event("e08", "2026-03-05", EventType.CORE_GROUP, "Core group: plan reviewed."),
    event("e09", "2026-04-02", EventType.HOME_VISIT, "Home visit: children seen."),
    event("e10", "2026-05-01", EventType.MOVE, "Family moved to a hostel in Kelby."),
    event("e11", "2026-05-20", EventType.CONFERENCE,
          "Transfer-in child protection conference: case transferred to Other Council."),
    event("e12", "2026-06-15", EventType.CORE_GROUP, "Core group: school place found."),
    event("e13", "2026-07-10", EventType.NO_ACCESS_VISIT, "No access visit: nobody answered."),
    event("e14", "2026-09-15", EventType.POLICE, "Sam reported missing by his mother; found "
          "the next day.", members=("sam",), agency="Police"),
    event("e15", "2026-10-05", EventType.HOME_VISIT, "Home visit at Ashby: children seen."),
    event("e16", "2026-10-20", EventType.ENVIRONMENTAL_HEALTH, "Noise complaint from neighbours.",
          source="neighbours", source_type=SourceType.NEIGHBOUR, agency="Environmental Health"),
    event("e17", "2026-11-02", EventType.STRATEGY_DISCUSSION, "Strategy discussion about "
          "exploitation."),
    event("e18", "2026-11-10", EventType.CORE_GROUP, "Core group: plan continues."),
)  # fmt: skip
PROFESSIONALS = (
    professional("p1", "Gemma White", "Family Support Worker", "Example Early Help",
                 "2025-09-01", "2026-01-15"),
    professional("p2", "Alex Green", "Social Worker", "Example Children's Social Care",
                 "2026-01-15", "2026-05-20", lead=True),
    professional("p3", "Priya Shah", "Social Worker", "Other Council Children's Social Care",
                 "2026-05-20", None, lead=True),
)  # fmt: skip
APPOINTMENTS = (
    Appointment(id="ap1", file="appointments.csv", row=2, date=D("2026-03-20"), member="rosie",
                agency="Health Visiting", type="new birth visit", outcome=Outcome.ATTENDED),
    Appointment(id="ap2", file="appointments.csv", row=3, date=D("2026-12-03"), member="sam",
                agency="Community Paediatrics", type="autism assessment",
                outcome=Outcome.UPCOMING),
)  # fmt: skip
CASE = make_records(MUM, SAM, ROSIE, *ADDRESSES, *EVENTS, *PROFESSIONALS, *APPOINTMENTS)


def bounds(text: str, today: dt.date = TODAY, records: Records | None = CASE) -> tuple:
    found = find_period(text, today, records)
    if found.period is None:
        return None
    return found.period.start, found.period.end


# -- absolute dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("How many referrals were there in 2025?", "2025-01-01", "2025-12-31"),
        ("what happened in March 2026", "2026-03-01", "2026-03-31"),
        ("was Sam seen on 3 May 2026?", "2026-05-03", "2026-05-03"),
        ("was Sam seen on the 3rd of May 2026?", "2026-05-03", "2026-05-03"),
        ("visits on 03/05/2026", "2026-05-03", "2026-05-03"),  # UK day-first
        ("visits 03/05/2026", "2026-05-03", "2026-05-03"),
        ("what was recorded on 2026-05-03", "2026-05-03", "2026-05-03"),
        ("anything in march?", "2026-03-01", "2026-03-31"),  # the latest March
        ("anything in november?", "2026-11-01", "2026-11-30"),  # this month: it has begun
        ("anything in december?", "2025-12-01", "2025-12-31"),  # not the one to come
        ("referrals since jan", "2026-01-01", "2026-11-20"),
        ("refferals for the famly since 2025", "2025-01-01", "2026-11-20"),
        ("anything after March?", "2026-04-01", "2026-11-20"),  # after the whole month
        ("what was recorded before 2026?", "2025-06-01", "2025-12-31"),  # from the opening
        ("who was seen on 15 oct?", "2026-10-15", "2026-10-15"),
        ("where did the 14 march referral come from?", "2026-03-14", "2026-03-14"),
        ("was he seen on the 14th?", "2026-11-14", "2026-11-14"),
        ("was he seen on the 30th?", "2026-10-30", "2026-10-30"),  # the latest 30th
        ("summarise the RHI report from september", "2026-09-01", "2026-09-30"),
        ("was the september RHI done in time?", "2026-09-01", "2026-09-30"),
        ("in early 2026", "2026-01-01", "2026-04-30"),
        ("what happened in mid-march", "2026-03-11", "2026-03-20"),
        ("late 2025", "2025-09-01", "2025-12-31"),
    ],
)
def test_absolute_dates(text: str, start: str, end: str) -> None:
    assert bounds(text) == (D(start), D(end))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("in septmber", "2026-09-01", "2026-09-30"),
        ("since febuary", "2026-02-01", "2026-11-20"),
        ("anything in Ocotber?", "2026-10-01", "2026-10-31"),
        ("what happened in decmber 2025", "2025-12-01", "2025-12-31"),
    ],
)
def test_misspelt_months_are_read_as_meant(text: str, start: str, end: str) -> None:
    assert bounds(text) == (D(start), D(end))


def test_a_forward_looking_question_means_the_next_month() -> None:
    assert bounds("what's in the diary for december") == (D("2026-12-01"), D("2026-12-31"))
    assert bounds("anything booked for march?") == (D("2027-03-01"), D("2027-03-31"))
    assert bounds("any appointments coming up on the 3rd?") == (D("2026-12-03"),) * 2
    # a negative before 'until' looks ahead: the next September, not the last
    assert bounds("he isn't in nursery until september", OLD_TODAY)[1] == D("2018-09-30")


def test_undated_months_and_days_with_an_older_today() -> None:
    assert bounds("in march", OLD_TODAY) == (D("2018-03-01"), D("2018-03-31"))
    assert bounds("in december", OLD_TODAY) == (D("2017-12-01"), D("2017-12-31"))
    assert bounds("since 15 oct", OLD_TODAY) == (D("2017-10-15"), OLD_TODAY)
    assert bounds("on the 14th", OLD_TODAY) == (D("2018-06-14"), D("2018-06-14"))
    assert bounds("since jan", OLD_TODAY) == (D("2018-01-01"), OLD_TODAY)


# -- ranges, seasons, calendar words ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("referrals between jan and mar 2025", "2025-01-01", "2025-03-31"),
        ("from March to June last year", "2025-03-01", "2025-06-30"),
        ("from March to June 2026", "2026-03-01", "2026-06-30"),
        ("jan-mar 2026 visits", "2026-01-01", "2026-03-31"),
        ("mar–may 2026", "2026-03-01", "2026-05-31"),  # an en dash
        ("between 2019 and 2021", "2019-01-01", "2021-12-31"),
        ("between 1 May 2026 and 3 June 2026", "2026-05-01", "2026-06-03"),
        ("from 01/05/2026 to 03/06/2026", "2026-05-01", "2026-06-03"),
        ("what happened between november 2025 and february", "2025-11-01", "2026-02-28"),
        ("anything in the spring", "2026-03-01", "2026-05-31"),
        ("what happened last summer", "2026-06-01", "2026-08-31"),
        ("over the winter", "2025-12-01", "2026-02-28"),
        ("in the autumn", "2026-09-01", "2026-11-30"),  # begun, not yet over
        ("what was in the chronolgy in autumn 2025?", "2025-09-01", "2025-11-30"),
        ("in the spring of last year", "2025-03-01", "2025-05-31"),
        ("appointments this week", "2026-11-16", "2026-11-22"),  # Monday to Sunday
        ("Anything booked in for next week?", "2026-11-23", "2026-11-29"),
        ("visits last week", "2026-11-09", "2026-11-15"),
        ("this month", "2026-11-01", "2026-11-30"),
        ("missed appointments last month", "2026-10-01", "2026-10-31"),
        ("this year", "2026-01-01", "2026-12-31"),
        ("referrals last year", "2025-01-01", "2025-12-31"),
        ("referrals so far this year", "2026-01-01", "2026-11-20"),
        ("anything since the start of the year", "2026-01-01", "2026-11-20"),
    ],
)
def test_ranges_seasons_and_calendar_words(text: str, start: str, end: str) -> None:
    assert bounds(text) == (D(start), D(end))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("what happened last summer", "2017-06-01", "2017-08-31"),  # this one is not over
        ("in the summer", "2018-06-01", "2018-08-31"),
        ("over the winter", "2017-12-01", "2018-02-28"),
        ("appointments this week", "2018-07-02", "2018-07-08"),
        ("visits last week", "2018-06-25", "2018-07-01"),
        ("last year", "2017-01-01", "2017-12-31"),
        ("last month", "2018-06-01", "2018-06-30"),
        ("between jan and mar", "2018-01-01", "2018-03-31"),
    ],
)
def test_calendar_words_with_an_older_today(text: str, start: str, end: str) -> None:
    assert bounds(text, OLD_TODAY) == (D(start), D(end))


# -- counted back from today ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("anything in the last half year?", "2026-05-20", "2026-11-20"),
        ("How many moves in the past 12 months?", "2025-11-20", "2026-11-20"),
        ("WNBs for ellis in the last 6 weeks?", "2026-10-09", "2026-11-20"),
        ("last 6 weeks", "2026-10-09", "2026-11-20"),
        ("in the last six weeks", "2026-10-09", "2026-11-20"),
        ("the last fortnight", "2026-11-06", "2026-11-20"),
        ("in the last 90 days", "2026-08-22", "2026-11-20"),
        ("in the last few months", "2026-08-20", "2026-11-20"),
        ("over the last couple of weeks", "2026-11-06", "2026-11-20"),
        ("in the last month", "2026-10-20", "2026-11-20"),  # counted back, not the calendar
        ("in the past year", "2025-11-20", "2026-11-20"),
        ("a fortnight ago", "2026-11-02", "2026-11-08"),  # the week of that day
        ("yesterday", "2026-11-19", "2026-11-19"),
        ("3 days ago", "2026-11-17", "2026-11-17"),
        ("since 3 weeks ago", "2026-10-30", "2026-11-20"),
        ("since last Tuesday", "2026-11-17", "2026-11-20"),
        ("since yesterday", "2026-11-19", "2026-11-20"),
        ("since last week", "2026-11-09", "2026-11-20"),
    ],
)
def test_counted_back_from_today(text: str, start: str, end: str) -> None:
    assert bounds(text) == (D(start), D(end))


def test_counted_back_with_an_older_today() -> None:
    assert bounds("since last Tuesday", OLD_TODAY) == (D("2018-06-26"), OLD_TODAY)
    assert bounds("the last half year", OLD_TODAY) == (D("2018-01-02"), OLD_TODAY)
    assert bounds("yesterday", OLD_TODAY) == (D("2018-07-01"),) * 2
    assert bounds("in the last 6 weeks", OLD_TODAY) == (D("2018-05-21"), OLD_TODAY)


# -- anchored to the case's own records -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("how many times has Sam been seen since the ICPC", "2026-02-20", "2026-11-20"),
        ("anything after the neighbour's call?", "2025-06-01", "2026-11-20"),
        ("has he been seen since they moved house?", "2026-08-01", "2026-11-20"),  # latest move
        ("visits since the move", "2026-05-01", "2026-11-20"),
        ("since the family moved to Ashby", "2026-08-01", "2026-11-20"),
        ("since they moved to Southgate", "2026-02-01", "2026-11-20"),
        ("since they arrived in Other Council", "2026-05-01", "2026-11-20"),  # the first there
        ("since they got to other council", "2026-05-01", "2026-11-20"),
        ("who was involved before the move?", "2025-06-01", "2026-04-30"),
        ("who was lead before the transfer?", "2025-06-01", "2026-05-19"),
        ("how many times has he gone missing since the transfer?", "2026-05-20", "2026-11-20"),
        ("since the last core group", "2026-11-10", "2026-11-20"),
        ("since the first core group", "2026-03-05", "2026-11-20"),
        ("anything after the strategy discussion?", "2026-11-02", "2026-11-20"),
        ("what happened before the strategy discussion?", "2025-06-01", "2026-01-11"),
        ("since the s47", "2026-01-13", "2026-11-20"),
        ("since the school referral", "2026-01-10", "2026-11-20"),
        ("since the baby was born", "2026-03-10", "2026-11-20"),
        ("since birth", "2026-03-10", "2026-11-20"),  # the youngest
        ("has Sam seen a dentist since birth?", "2014-02-01", "2026-11-20"),  # the one named
        ("since Rosie-May was born", "2026-03-10", "2026-11-20"),
        ("since the case was opened", "2025-06-01", "2026-11-20"),
        ("since the last home visit", "2026-10-05", "2026-11-20"),
        ("what happened between the ICPC and the move", "2026-02-20", "2026-05-01"),
        ("between her birth and the transfer", "2026-03-10", "2026-05-20"),
        (
            "who was the lead professional while Early Help were involved?",
            "2025-09-01",
            "2026-01-15",
        ),
        ("in the hostel period was Sam seen alone?", "2026-05-01", "2026-08-01"),
        ("did the lead change when they moved into the hostel?", "2026-05-01", "2026-05-01"),
        ("where were they living when Rosie was born?", "2026-03-10", "2026-03-10"),
        ("any new phones before he went missing in september?", "2025-06-01", "2026-09-14"),
        ("has anything changed since Priya took over?", "2026-05-20", "2026-11-20"),
        ("since they left Southgate", "2026-05-01", "2026-11-20"),
        ("from when the school raised the bruise up to now", "2026-01-10", "2026-11-20"),
        ("befor the move", "2025-06-01", "2026-04-30"),
        ("while they were at Southgate", "2026-02-01", "2026-05-01"),
        ("where did Sam go to school when they lived in Northfield?", "2015-01-01", "2026-02-01"),
        ("in the month after the ICPC", "2026-02-20", "2026-03-20"),
        ("in the 6 months before the move", "2025-11-01", "2026-04-30"),
        ("the two weeks following the strategy discussion", "2026-11-02", "2026-11-16"),
        ("during the section 47", "2026-01-13", "2026-01-13"),
        ("since the hostel", "2026-05-01", "2026-11-20"),
        ("since the baby arrived", "2026-03-10", "2026-11-20"),
        ("since the core group on 15 june", "2026-06-15", "2026-11-20"),
        ("since the first time he went missing", "2026-09-15", "2026-11-20"),
    ],
)
def test_anchors_resolve_to_the_case_records(text: str, start: str, end: str) -> None:
    assert bounds(text) == (D(start), D(end))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("anything since christmas?", "2025-12-25", "2026-11-20"),
        ("what happened before Christmas", "2025-06-01", "2025-12-24"),
        ("what happened over christmas 2025", "2025-12-24", "2025-12-26"),
        ("since new year", "2026-01-01", "2026-11-20"),
    ],
)
def test_holidays(text: str, start: str, end: str) -> None:
    assert bounds(text) == (D(start), D(end))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("his attendance this term", "2026-09-01", "2026-12-31"),
        ("was he in school last term?", "2026-04-01", "2026-07-31"),
        ("since the start of term", "2026-09-01", "2026-11-20"),
        ("in the last academic year", "2025-09-01", "2026-08-31"),
    ],
)
def test_school_terms_by_whole_months(text: str, start: str, end: str) -> None:
    assert bounds(text) == (D(start), D(end))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("visits on 31/02/2026", "on 31/02/2026"),
        ("anything since 30 february", "since 30 february"),
    ],
)
def test_a_date_with_no_such_day_is_unresolved(text: str, words: str) -> None:
    assert find_period(text, TODAY, CASE) == PeriodParse(None, words)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("referrals in 2025", "in 2025"),
        ("what happened in March 2026", "in March 2026"),
        ("between jan and mar 2025", "from January 2025 to March 2025"),
        ("since the ICPC", "since the ICPC on 20 February 2026"),
        ("before the move", "before the move on 1 May 2026"),
        ("in the last 6 weeks", "in the last 6 weeks (9 October 2026 to 20 November 2026)"),
    ],
)
def test_labels_are_plain_words(text: str, label: str) -> None:
    found = find_period(text, TODAY, CASE)
    assert found.period is not None and found.period.label == label


def test_an_anchor_label_and_span_are_the_question_words() -> None:
    found = find_period("How many visits since the family moved to Ashby?", TODAY, CASE)
    assert found.unresolved is None and found.period is not None
    assert found.period.span == "since the family moved to Ashby"
    assert found.period.label == "since the family moved to Ashby on 1 August 2026"
    assert found.period.strip_from("How many visits since the family moved to Ashby?") == (
        "How many visits  ?"
    )


def test_spans_are_exact_substrings_even_when_words_were_misspelt() -> None:
    for text in ("referals befor the move?", "Anything in Septmber 2026?", "visits mar–may 2026"):
        found = find_period(text, TODAY, CASE)
        assert found.period is not None
        assert found.period.span in text
    assert find_period("Anything in Septmber 2026?", TODAY, CASE).period.span == (  # type: ignore[union-attr]
        "in Septmber 2026"
    )


def test_this_pregnancy_needs_an_unborn_member() -> None:
    unborn = member("unborn", "Unborn baby", MemberRole.UNBORN, expected_date=D("2027-01-10"))
    records = make_records(MUM, SAM, unborn, *EVENTS)
    assert bounds("contacts during this pregnancy", TODAY, records) == (
        D("2026-04-05"), D("2027-01-10"),
    )  # fmt: skip
    assert find_period("this pregnancy", TODAY, CASE) == PeriodParse(None, "this pregnancy")


def test_before_an_anchor_is_open_when_the_case_has_no_opening_date() -> None:
    records = make_records(MUM, SAM, *ADDRESSES, *EVENTS, opened=None)
    assert bounds("before the move", TODAY, records) == (None, D("2026-04-30"))


def test_anchors_in_an_older_case() -> None:
    records = make_records(
        SAM,
        address("a1", "2012-01-01", "2017-09-01", "Northfield", "Example Borough"),
        address("a2", "2017-09-01", None, "Kelby", "Other Council"),
        event("o1", "2017-03-01", EventType.CONFERENCE, "Initial child protection conference."),
        event("o2", "2018-05-14", EventType.CORE_GROUP, "Core group."),
        opened=D("2016-05-03"),
    )
    assert bounds("since the ICPC", OLD_TODAY, records) == (D("2017-03-01"), OLD_TODAY)
    assert bounds("before the move to Kelby", OLD_TODAY, records) == (
        D("2016-05-03"), D("2017-08-31"),
    )  # fmt: skip
    assert bounds("since the last core group", OLD_TODAY, records) == (D("2018-05-14"), OLD_TODAY)


# -- unresolved time phrases ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("has he been seen since the adoption?", "since the adoption"),
        ("who was involved before the wedding", "before the wedding"),
        ("since they moved to Leeds", "since they moved to Leeds"),
        ("anything since his exclusion?", "since his exclusion"),
    ],
)
def test_a_time_phrase_the_records_do_not_hold_is_unresolved(text: str, words: str) -> None:
    assert find_period(text, TODAY, CASE) == PeriodParse(None, words)


def test_without_records_an_anchor_is_unresolved_but_dates_still_read() -> None:
    assert find_period("since the ICPC", TODAY) == PeriodParse(None, "since the ICPC")
    assert bounds("in March 2026", TODAY, None) == (D("2026-03-01"), D("2026-03-31"))


def test_an_unfound_event_with_a_date_keeps_the_date_and_says_so() -> None:
    found = find_period("what did the RHI say after Sam went missing in august?", TODAY, CASE)
    assert found.unresolved == "after Sam went missing in august"
    assert found.period is not None
    # after something in august: from august on (the event's day in it is not known)
    assert (found.period.start, found.period.end) == (D("2026-08-01"), TODAY)
    assert found.period.label == "after 1 August 2026"


# -- words that only look like time -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "who was the SW before her?",
        "who was the social worker before Priya?",
        "and the one before her - have we still got her details?",
        "when was Sam last seen?",
        "what happened at the last core group?",
        "what was the most recent visit?",
        "when was the first visit?",
        "has anything changed recently?",
        "was he seen after school?",
        "what should happen when a child goes missing?",
        "Before I meet mum I want to know what she wrote",
        "did Rosie have her 6-8 week check?",
        "what did the 9-12 month review find?",
        "was the RHI done within the 72 hours?",
        "do parents have to wait 24 hours before reporting a child missing?",
        "timescale for the screening tool after a strat?",
        "who's working with the baby at the momnet",
        "When did the CIN plan start, and when did it end?",
        "who's the paed for Sam and since when",
        "a professionals meeting for after his autism assessment",
        "and before that?",
        "can you list every time since then?",
        "found three times in a month at a flat",
        "how old is Sam now",
        "who referred the family in the first place",
        "may I ask who the GP is?",
        "what did mum say when she was told?",
        "since mum won't engage, what should we do?",
        "since he's been missing so much, is he at risk?",
        "what should the SW do before the next core group?",
        "christmas presents for the kids",
        "is there a plan for when he goes missing again?",
    ],
)
def test_words_that_only_look_like_time_are_no_period(text: str) -> None:
    assert find_period(text, TODAY, CASE) == PeriodParse(None, None)


def test_the_speakers_own_plans_are_no_period() -> None:
    assert bounds("I'm covering next week - who is open to the family?") is None
    assert bounds("I'm doing a joint visit on Monday, who lives there?") is None
    assert bounds("I'm going out to see them tomorrow on my own") is None
    assert bounds("I'm visiting on Monday; was Sam seen last week?") == (
        D("2026-11-09"), D("2026-11-15"),
    )  # fmt: skip
    assert bounds(
        "Going into core group on Tuesday I want to say which appointments since September "
        "were missed"
    ) == (D("2026-09-01"), TODAY)


def test_the_last_time_phrase_wins() -> None:
    text = (
        "Mum told me nothing has happened with Lee since March - is that borne out, or is "
        "there anything after March?"
    )
    found = find_period(text, TODAY, CASE)
    assert found.period is not None
    assert (found.period.start, found.period.end) == (D("2026-04-01"), TODAY)
    assert found.period.span == "after March"


def test_a_person_named_like_a_month_is_not_a_month() -> None:
    april = member("april", "April Jones", MemberRole.CARER)
    records = make_records(MUM, SAM, april, *EVENTS)
    assert bounds("what did April say about the move?", TODAY, records) is None
    assert bounds("what did she say in April?", TODAY, records) == (
        D("2026-04-01"), D("2026-04-30"),
    )  # fmt: skip


# -- speed ------------------------------------------------------------------------------------


def test_it_is_quick_on_a_typical_question() -> None:
    questions = [
        "has the social worker seen Sam on his own at school since the last core group?",
        "which of Sam's appointments were missed by the family and which by the service?",
        "how many referrals have there been about the family in the last six months?",
    ]
    for q in questions:
        find_period(q, TODAY, CASE)  # warm: the case's index is built once
    times = []
    for _ in range(20):
        for q in questions:
            started = time.perf_counter()
            find_period(q, TODAY, CASE)
            times.append(time.perf_counter() - started)
    assert statistics.median(times) < 0.002


# -- a family like the demo's, built by hand (no aliases: the grammar does the work) ----------

KERRY = member("kerry", "Kerry Ashdown", MemberRole.PARENT, date_of_birth=D("1983-09-30"),
               gender="female", aliases=("Mum",))  # fmt: skip
CALLUM = member("callum", "Callum Ashdown", MemberRole.CHILD, date_of_birth=D("2002-01-18"),
                gender="male")  # fmt: skip
JADE = member("jade", "Jade Ashdown", MemberRole.CHILD, date_of_birth=D("2004-06-09"),
              gender="female")  # fmt: skip
POPPY = member("poppy", "Poppy Ashdown", MemberRole.CHILD, date_of_birth=D("2016-01-11"),
               gender="female")  # fmt: skip
UNBORN = member("unborn", "Unborn baby", MemberRole.UNBORN, expected_date=D("2018-10-19"))
ASHDOWNS = make_records(
    KERRY, CALLUM, JADE, POPPY, UNBORN,
    address("h1", "2011-09-05", "2014-09-08", "Hasleby", "Marlow Vale County"),
    address("h2", "2014-09-08", "2017-07-17", "Ottersbrook", "Marlow Vale County",
            "Private rented."),
    address("h3", "2017-07-17", None, "Hasleby", "Marlow Vale County",
            "Private rented, four bedrooms."),
    event("a1", "2015-05-11", EventType.EDUCATION, "Callum taken off the school roll.",
          members=("callum",)),
    event("a2", "2015-07-21", EventType.HEALTH, "Antenatal booking. Previous pre-eclampsia.",
          members=("kerry",)),
    event("a3", "2016-01-11", EventType.HEALTH, "Poppy born by emergency caesarean.",
          members=("poppy", "kerry")),
    event("a4", "2017-07-17", EventType.MOVE, "Family moved to a house in Hasleby."),
    event("a5", "2018-04-03", EventType.CONFERENCE,
          "Initial child protection conference: child protection plans for all the children."),
    event("a7", "2018-04-17", EventType.CORE_GROUP, "First core group."),
    event("a8", "2018-05-29", EventType.CORE_GROUP, "Core group."),
    event("a6", "2018-06-07", EventType.ASSESSMENT, "Formal pre-birth assessment started.",
          members=("unborn", "kerry")),
    opened=D("2018-03-09"),
)  # fmt: skip


def old_bounds(text: str) -> tuple | None:
    return bounds(text, OLD_TODAY, ASHDOWNS)


@pytest.mark.parametrize(
    ("text", "start", "end", "span"),
    [
        ("no-access visits 2015", "2015-01-01", "2015-12-31", "2015"),
        ("children's 2017 misses", "2017-01-01", "2017-12-31", "2017"),
        ("Kerry's 2015 misses", "2015-01-01", "2015-12-31", "2015"),
        ("police 2016?", "2016-01-01", "2016-12-31", "2016"),
        ("missed appointments for 2015", "2015-01-01", "2015-12-31", "for 2015"),
        ("what was his 2021 conviction for?", "2021-01-01", "2021-12-31", "2021"),
        ("visits 2015 to 2017", "2015-01-01", "2017-12-31", "2015 to 2017"),
        ("core group 24/09", "2017-09-24", "2017-09-24", "24/09"),  # day-first, latest begun
    ],
)  # fmt: skip
def test_a_bare_year_is_a_period(text: str, start: str, end: str, span: str) -> None:
    found = find_period(text, OLD_TODAY, ASHDOWNS)
    assert found.period is not None
    assert (found.period.start, found.period.end, found.period.span) == (D(start), D(end), span)


@pytest.mark.parametrize(
    "text",
    [
        "did he have 2 phones?",
        "what's in room 2015?",
        "her number is 07700 900 2015",
        "£2015 arrears on the rent",
        "2015 hours of support",
        "the visit is at 2030",
        "2015-2017",
        "24/7 care",
        "he scored 3/10",
        "the 9/12 review",
        "the 6/52 check",
    ],
)
def test_numbers_that_are_not_years_are_no_period(text: str) -> None:
    assert find_period(text, OLD_TODAY, ASHDOWNS) == PeriodParse(None, None)


@pytest.mark.parametrize(
    ("text", "start", "end", "span"),
    [
        ("what happened pre-2012", None, "2011-12-31", "pre-2012"),  # opened 2018: open start
        ("what happened pre 2012", None, "2011-12-31", "pre 2012"),
        ("anything post-2015", "2016-01-01", "2018-07-02", "post-2015"),
        ("anything post 2015", "2016-01-01", "2018-07-02", "post 2015"),
        ("what happened pre-ICPC?", "2018-03-09", "2018-04-02", "pre-ICPC"),
        ("what happened pre ICPC?", "2018-03-09", "2018-04-02", "pre ICPC"),
        ("post-ICPC visits", "2018-04-03", "2018-07-02", "post-ICPC"),
        ("any visits post-move?", "2017-07-17", "2018-07-02", "post-move"),
        ("was mum seen pre-birth?", "2018-03-09", "2018-10-18", "pre-birth"),  # the coming birth
        ("since the pre-birth assessment", "2018-06-07", "2018-07-02",
         "since the pre-birth assessment"),  # an event, not a birth
    ],
)  # fmt: skip
def test_pre_and_post(text: str, start: str | None, end: str, span: str) -> None:
    found = find_period(text, OLD_TODAY, ASHDOWNS)
    assert found.period is not None
    got = (found.period.start, found.period.end, found.period.span)
    assert got == (D(start) if start else None, D(end), span)


def test_pre_ICPC_label_reads_as_words() -> None:
    found = find_period("what happened pre-ICPC?", OLD_TODAY, ASHDOWNS)
    assert found.period is not None
    assert found.period.label == "before the ICPC on 3 April 2018"


@pytest.mark.parametrize(
    "text",
    [
        "what did the pre-birth assessment find?",
        "when is the pre-birth conference?",
        "has the pre-birth procedure been followed?",
        "was her pre-eclampsia managed?",
        "did the parents get a pre-proceedings letter?",
        "is Poppy at pre-school?",
        "the post-natal check",
    ],
)
def test_pre_compounds_that_name_things_are_no_period(text: str) -> None:
    assert find_period(text, OLD_TODAY, ASHDOWNS) == PeriodParse(None, None)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("what happened when the youngest arrived", "2016-01-11", "2016-01-11"),
        ("since Poppy arrived", "2016-01-11", "2018-07-02"),
        ("when the baby was born", "2016-01-11", "2016-01-11"),  # born: not the unborn baby
        ("since the youngest was born", "2016-01-11", "2018-07-02"),
        ("since the little one was born", "2016-01-11", "2018-07-02"),
        ("where were they living when Poppy was born?", "2016-01-11", "2016-01-11"),
        ("where were they living when the youngest child was born?", "2016-01-11", "2016-01-11"),
        ("when the eldest was born", "2002-01-18", "2002-01-18"),
        ("since the eldest girl was born", "2004-06-09", "2018-07-02"),
        ("since birth", "2016-01-11", "2018-07-02"),  # the youngest born
    ],
)
def test_births_of_children_named_or_described(text: str, start: str, end: str) -> None:
    assert old_bounds(text) == (D(start), D(end))


def test_arriving_somewhere_is_not_a_birth() -> None:
    assert find_period("since Poppy arrived at school", OLD_TODAY, ASHDOWNS) == PeriodParse(
        None, "since Poppy arrived at school"
    )


def test_the_case_s_own_alias_names_a_child_first() -> None:
    eldest = member("kid", "Kid Ashdown", MemberRole.CHILD, date_of_birth=D("2010-01-01"),
                    aliases=("the eldest",))  # fmt: skip
    records = make_records(KERRY, CALLUM, eldest, opened=D("2018-03-09"))
    assert bounds("when the eldest was born", OLD_TODAY, records) == (D("2010-01-01"),) * 2


@pytest.mark.parametrize(
    ("text", "start", "end", "span"),
    [
        ("missed appointments during the pregnancy with Poppy", "2015-04-06", "2016-01-11",
         "during the pregnancy with Poppy"),
        ("missed appointments in the pregnancy with Poppy", "2015-04-06", "2016-01-11",
         "in the pregnancy with Poppy"),
        ("when mum was pregnant with Poppy", "2015-04-06", "2016-01-11",
         "when mum was pregnant with Poppy"),
        ("Kerry's pregnancy with Poppy", "2015-04-06", "2016-01-11",
         "Kerry's pregnancy with Poppy"),
        ("during her pregnancy with the eldest girl, was she seen?", "2003-09-03", "2004-06-09",
         "during her pregnancy with the eldest girl"),
        ("contacts during this pregnancy", "2018-01-12", "2018-10-19", "during this pregnancy"),
    ],
)  # fmt: skip
def test_a_pregnancy_with_a_named_child(text: str, start: str, end: str, span: str) -> None:
    found = find_period(text, OLD_TODAY, ASHDOWNS)
    assert found.period is not None
    assert (found.period.start, found.period.end, found.period.span) == (D(start), D(end), span)


@pytest.mark.parametrize(
    ("text", "start", "end", "span"),
    [
        # in one clause, the calendar's words beat a span or event read from the records
        ("missed appointments when mum was pregnant with Poppy in 2015", "2015-01-01",
         "2015-12-31", "in 2015"),
        ("missed appointments for 2015 during the pregnancy with Poppy", "2015-01-01",
         "2015-12-31", "for 2015"),
        ("what happened in 2015 when mum was pregnant with Poppy", "2015-01-01", "2015-12-31",
         "in 2015"),
        ("was Callum seen while they lived in Ottersbrook in 2015?", "2015-01-01", "2015-12-31",
         "in 2015"),
        # across clauses the last phrase still wins: the earlier one is context
        ("Mum says nothing happened in 2017 - what has happened since the ICPC?", "2018-04-03",
         "2018-07-02", "since the ICPC"),
        ("Mum says nothing happened in 2016, but what happened since the ICPC?", "2018-04-03",
         "2018-07-02", "since the ICPC"),
        # a date inside an event anchor still picks the event
        ("since the core group on 17/04", "2018-04-17", "2018-07-02",
         "since the core group on 17/04"),
    ],
)  # fmt: skip
def test_calendar_words_beat_the_records_in_one_clause(
    text: str, start: str, end: str, span: str
) -> None:
    found = find_period(text, OLD_TODAY, ASHDOWNS)
    assert found.period is not None
    assert (found.period.start, found.period.end, found.period.span) == (D(start), D(end), span)


@pytest.mark.parametrize(
    "text",
    [
        "since the Ashdowns moved to the address they are at now",
        "since they moved to their current address",
        "since moving into the current house",
        "since the family moved to the house they live in now",
    ],
)
def test_since_the_move_to_the_current_address(text: str) -> None:
    assert old_bounds(text) == (D("2017-07-17"), OLD_TODAY)  # the address with no end date
    assert bounds(text) == (D("2026-08-01"), TODAY)  # notes never say "current"


def test_since_moving_and_since_the_move_are_the_latest_move() -> None:
    assert old_bounds("since moving") == (D("2017-07-17"), OLD_TODAY)
    assert old_bounds("since the move") == (D("2017-07-17"), OLD_TODAY)
    # "since moving" / "since they moved house" is their latest move; "the move" is the one
    # that changed services (the move out of area).
    assert bounds("since moving") == (D("2026-08-01"), TODAY)
    assert bounds("since they moved house") == (D("2026-08-01"), TODAY)
    assert bounds("since the move") == (D("2026-05-01"), TODAY)


def test_this_week_as_a_modifier_is_a_period_but_week_long_is_not() -> None:
    assert old_bounds("this week's visit plan?") == (D("2018-07-02"), D("2018-07-08"))
    assert old_bounds("the week-long course") is None


@pytest.mark.parametrize(
    "text",
    [
        "before the visit tomorrow could you give me a summary?",
        "before tomorrow's visit could you give me a summary?",
        "I'm visiting tomorrow, what should I know?",
        "so I can decide whether to visit this week",
        "I need to visit tomorrow, what should I know?",
        "ahead of the core group next week, can you summarise the plan?",
    ],
)
def test_more_of_the_speakers_own_plans_are_no_period(text: str) -> None:
    assert find_period(text, OLD_TODAY, ASHDOWNS) == PeriodParse(None, None)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("so I can decide whether to visit this week, what happened last month?", "2018-06-01",
         "2018-06-30"),
        ("before tomorrow's visit, what happened last week?", "2018-06-25", "2018-07-01"),
        ("what have I got on next week?", "2018-07-09", "2018-07-15"),  # asked, not planned
        ("I want the visits this week", "2018-07-02", "2018-07-08"),
        ("I need to know who saw Poppy this week", "2018-07-02", "2018-07-08"),
        ("what's booked for the family tomorrow?", "2018-07-03", "2018-07-03"),
    ],
)  # fmt: skip
def test_the_speaker_asking_about_a_time_keeps_it(text: str, start: str, end: str) -> None:
    assert old_bounds(text) == (D(start), D(end))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("EH complaints since the 2017 move?", "2017-07-17", "2018-07-02"),  # which move
        ("what happened before the 2014 move?", None, "2014-09-07"),
        ("what home visists have happend since the begining of April 2018?", "2018-04-01",
         "2018-07-02"),
    ],
)  # fmt: skip
def test_a_year_naming_which_event_and_a_misspelt_beginning(
    text: str, start: str | None, end: str
) -> None:
    assert old_bounds(text) == (D(start) if start else None, D(end))


def test_an_anchor_ends_where_the_speaker_starts_a_new_clause() -> None:
    text = (
        "Since the child protection plans started in April I'm worried that visits haven't "
        "been happening; from the start of April 2018 up to today, which home visits got in?"
    )
    found = find_period(text, OLD_TODAY, ASHDOWNS)
    assert found.unresolved is None and found.period is not None
    assert (found.period.start, found.period.end) == (D("2018-04-01"), OLD_TODAY)


@pytest.mark.parametrize(
    "text",
    [
        "I'm covering the case while the allocated worker is off; when was Poppy last seen?",
        "Dr Kemble is going to examine Callum next week and asked me for his history; could "
        "you give me every appointment he was not brought to?",
        "the review is due next month, what's outstanding?",
    ],
)
def test_present_situations_and_others_plans_are_no_period(text: str) -> None:
    assert find_period(text, OLD_TODAY, ASHDOWNS) == PeriodParse(None, None)


@pytest.mark.parametrize(
    "text",
    [
        "For next week, list all appointments",
        "Callum has a paediatric appointment next week, is that right?",
        "Anything booked next week, and who is the GP?",
    ],
)
def test_a_future_time_the_question_asks_about_stays(text: str) -> None:
    assert old_bounds(text) == (D("2018-07-09"), D("2018-07-15"))


# -- anchors said with a gerund or a subject and verb ("them moving", "she was discharged") ---

SHANNON = member("shannon", "Shannon Lomax", MemberRole.PARENT, date_of_birth=D("1995-08-02"),
                 gender="female", aliases=("Mum", "mother"))  # fmt: skip
LEE = member("lee", "Lee Harrop", MemberRole.ADULT, date_of_birth=D("1990-12-11"), gender="male",
             aliases=("mum's partner",))  # fmt: skip
KAI = member("kai", "Kai Brennan", MemberRole.CHILD, date_of_birth=D("2013-04-11"), gender="male",
             aliases=("KJ",))  # fmt: skip
AMELIA = member("amelia", "Amelia Brennan", MemberRole.CHILD, date_of_birth=D("2026-02-20"),
                gender="female", aliases=("Millie", "the baby"))  # fmt: skip
LOMAX_EVENTS = (
    event("l01", "2025-11-14", EventType.MOVE, "Mother, Kai and Ellis moved from Hollinshaw into "
          "Lee Harrop's two-bedroom flat in Greywell.", members=("shannon", "lee", "kai")),
    event("l02", "2026-02-20", EventType.HEALTH, "Amelia born at Netherbrook General Hospital. "
          "Mother and baby discharged home to Greywell.", members=("amelia", "shannon")),
    event("l03", "2026-04-16", EventType.CONFERENCE, "Initial child protection conference: "
          "child protection plans for all three children."),
    event("l04", "2026-05-01", EventType.MOVE, "Household (mother, Lee and the three children) "
          "moved to family temporary accommodation at Kilnworth, in Calverdale."),
    event("l05", "2026-05-18", EventType.POLICE, "Hostel staff reported KJ missing at 21:30.",
          members=("kai",), agency="Calverdale Police"),
    event("l06", "2026-05-27", EventType.STRATEGY_DISCUSSION, "Strategy discussion about the "
          "risk of child criminal exploitation for Kai.", members=("kai",)),
    event("l07", "2026-08-17", EventType.MOVE, "Family moved from the Kilnworth hostel into the "
          "Strandfold tenancy."),
    event("l08", "2026-10-24", EventType.POLICE, "Kai missing overnight from Strandfold "
          "(reported by mother at 20:30).", members=("kai",), agency="Calverdale Police"),
    event("l09", "2026-10-30", EventType.STRATEGY_DISCUSSION, "Strategy discussion on child "
          "criminal exploitation.", members=("kai",)),
)  # fmt: skip
LOMAX_ADDRESSES = (
    address("la1", "2019-03-01", "2025-11-14", "Hollinshaw", "Brackenmoor Borough"),
    address("la2", "2025-11-14", "2026-05-01", "Greywell", "Brackenmoor Borough",
            "Lee Harrop's two-bedroom rented flat."),
    address("la3", "2026-05-01", "2026-08-17", "Kilnworth", "Calverdale Metropolitan Borough",
            "Family temporary accommodation (a hostel), placed out of borough."),
    address("la4", "2026-08-17", None, "Strandfold", "Calverdale Metropolitan Borough",
            "Three-bedroom council tenancy."),
)  # fmt: skip
LOMAX = make_records(SHANNON, LEE, KAI, AMELIA, *LOMAX_ADDRESSES, *LOMAX_EVENTS,
                     opened=D("2025-06-10"))  # fmt: skip


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("what happened between the icpc and them moving to calverdale", "2026-04-16",
         "2026-05-01"),
        ("between the ICPC and the move to Calverdale", "2026-04-16", "2026-05-01"),
        ("between the ICPC and them moving", "2026-04-16", "2026-05-01"),
        ("since them moving", "2026-08-17", "2026-11-20"),  # the latest move, as "since moving"
        ("since them moving to Calverdale", "2026-05-01", "2026-11-20"),
        ("after the family moving to Strandfold", "2026-08-17", "2026-11-20"),
        ("after the family moving to Calverdale", "2026-05-01", "2026-11-20"),
        ("before him going missing in October", "2025-06-10", "2026-10-23"),
        ("before him going missing in May", "2025-06-10", "2026-05-17"),  # "may": the month
        ("since Kai going missing in May", "2026-05-18", "2026-11-20"),  # a member as subject
        ("since she was discharged", "2026-02-20", "2026-11-20"),
        ("since her being discharged", "2026-02-20", "2026-11-20"),
        ("after they left the hostel", "2026-08-17", "2026-11-20"),  # the hostel address ends
        ("since them leaving the hostel", "2026-08-17", "2026-11-20"),
        ("since mum moving in with Lee", "2025-11-14", "2026-11-20"),  # the move naming Lee
        ("since mum moved in with Lee", "2025-11-14", "2026-11-20"),
        ("since they moved to Lee's", "2025-11-14", "2026-11-20"),
        ("between him being reported missing and the strategy discussion", "2026-10-24",
         "2026-10-30"),  # the latest report with a strategy discussion after it
        ("since him being reported missing", "2026-10-24", "2026-11-20"),
        ("since he was reported missing", "2026-10-24", "2026-11-20"),  # the same as the verb
    ],
)  # fmt: skip
def test_anchors_with_a_gerund_or_a_subject_and_verb(text: str, start: str, end: str) -> None:
    assert bounds(text, TODAY, LOMAX) == (D(start), D(end))


def test_a_gerund_anchor_span_and_label_are_the_question_words() -> None:
    text = "what happened between the icpc and them moving to calverdale"
    found = find_period(text, TODAY, LOMAX)
    assert found.unresolved is None and found.period is not None
    assert found.period.span == "between the icpc and them moving to calverdale"
    assert found.period.label == (
        "between the icpc (16 April 2026) and them moving to calverdale (1 May 2026)"
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("what happened between the ICPC and them moving to Kelby", "2026-02-20", "2026-05-01"),
        ("since them moving", "2026-08-01", "2026-11-20"),  # their latest move
        ("since them moving to Ashby", "2026-08-01", "2026-11-20"),
        ("after the family moving to Ashby", "2026-08-01", "2026-11-20"),
        ("before him going missing in september", "2025-06-01", "2026-09-14"),
        ("since Sam going missing", "2026-09-15", "2026-11-20"),
        ("after they left the hostel", "2026-08-01", "2026-11-20"),
        ("between him being reported missing and the strategy discussion", "2026-09-15",
         "2026-11-02"),
    ],
)  # fmt: skip
def test_gerund_anchors_in_the_small_case(text: str, start: str, end: str) -> None:
    assert bounds(text) == (D(start), D(end))


def test_a_move_in_with_someone_no_move_names_is_unresolved() -> None:
    # no member Lee at all, then a Lee whom no move event names: never some other move
    assert find_period("since mum moving in with Lee", TODAY, CASE) == PeriodParse(
        None, "since mum moving in with Lee"
    )
    lee = member("lee", "Lee Harrop", MemberRole.ADULT)
    records = make_records(MUM, SAM, lee, *ADDRESSES, *EVENTS)
    assert find_period("since mum moved in with Lee", TODAY, records) == PeriodParse(
        None, "since mum moved in with Lee"
    )


@pytest.mark.parametrize(
    "text",
    [
        "what happened before them?",
        "was he seen before her?",
        "do parents have to wait 24 hours before reporting a child missing?",
        "before us visiting, what should I know?",
    ],
)
def test_a_pronoun_or_gerund_alone_is_no_anchor(text: str) -> None:
    assert find_period(text, TODAY, LOMAX) == PeriodParse(None, None)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("who was the SW at the time of the section 47?", "2026-01-13", "2026-01-13"),
        ("who was in the house on the night of the missing episode?", "2026-09-15", "2026-09-15"),
        ("what happened on the day of the no access visit", "2026-07-10", "2026-07-10"),
    ],
)
def test_the_day_of_an_anchor(text: str, start: str, end: str) -> None:
    assert bounds(text) == (D(start), D(end))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("has anyone seen Sam since I was last covering this family a fortnight ago?",
         "2026-11-06", "2026-11-20"),
        ("where did they live before Southgate", "2025-06-01", "2026-01-31"),
        ("wher did they live befor kelby", "2025-06-01", "2026-04-30"),
    ],
)  # fmt: skip
def test_since_a_point_said_later_and_before_a_place(text: str, start: str, end: str) -> None:
    assert bounds(text) == (D(start), D(end))


def test_the_summer_holidays_come_from_the_school_records() -> None:
    term_ends = event("s1", "2026-07-17", EventType.EDUCATION, "Last day of the summer term.")
    term_starts = event("s2", "2026-09-07", EventType.EDUCATION, "Sam started at Ashby Academy.")
    schooled = make_records(MUM, SAM, *ADDRESSES, term_ends, term_starts)
    assert bounds("did anything happen over the summer holidays", records=schooled) == (
        D("2026-07-18"),
        D("2026-09-06"),
    )
    # no school record dates them: England's usual dates
    assert bounds("anything in the summer hols?") == (D("2026-07-23"), D("2026-09-02"))


def test_a_type_and_a_month_name_the_event_whatever_else_describes_it() -> None:
    # the police record never says 'frightening': the type ('incident') and the month do
    assert bounds("what has happened since the frightening incident in september?") == (
        D("2026-09-15"),
        TODAY,
    )


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("appointments in the next fortnight", "2026-12-04"),
        ("anything booked for the next 2 weeks?", "2026-12-04"),
        ("what's on within the next 10 days", "2026-11-30"),
        ("the coming few days", "2026-11-23"),  # a few: three
    ],
)
def test_periods_counted_ahead_from_today(text: str, end: str):
    found = find_period(text, TODAY, CASE).period
    assert found is not None and (found.start, found.end) == (TODAY, D(end))


def test_next_week_stays_the_calendar_week():
    found = find_period("visits next week", TODAY, CASE).period
    assert found is not None and found.start is not None and found.start > TODAY
    assert found.start.weekday() == 0


def test_a_month_after_the_is_that_month():
    found = find_period("was sam seen at the may visit?", TODAY, CASE).period
    assert found is not None and (found.start, found.end) == (D("2026-05-01"), D("2026-05-31"))
    assert find_period("mum may visit on her own", TODAY, CASE).period is None


def test_a_school_term_or_summer_of_a_year_named() -> None:
    assert bounds("attendance in the autumn term 2023") == (D("2023-09-01"), D("2023-12-31"))
    assert bounds("attendance in autumn term of 2023") == (D("2023-09-01"), D("2023-12-31"))
    assert bounds("any exclusions in the school year 2024") == (D("2024-09-01"), D("2025-08-31"))
    assert bounds("any missed appts over the summer hols last year?") == (
        D("2025-07-23"),
        D("2025-09-02"),
    )
    # a summer still ahead is the whole of it, not clipped to today
    assert bounds("what is planned for the summer holidays this year", D("2026-06-17")) == (
        D("2026-07-23"),
        D("2026-09-02"),
    )
