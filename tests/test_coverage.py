"""The coverage map on the demo cases (gaps exactly, with the records either side), and the gap
note an answer carries when the period asked about falls in a gap, and only then."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.answer import Engine
from bot.compose import compose
from bot.coverage import Coverage, coverage
from bot.evidence import Line, ToolResult
from bot.records import Records
from config.settings import load_settings
from tests.conftest import DEMO_TODAY

HEALTH_EDUCATION = ("Health", "Education")


def gap_rows(map_: Coverage, member_id: str | None = "any") -> list[tuple[object, ...]]:
    return [
        (g.family, g.member_id, g.start.isoformat(), g.end.isoformat(), g.before_id, g.after_id)
        for g in map_.gaps()
        if member_id == "any" or g.member_id == member_id
    ]


@pytest.fixture(scope="module")
def engine(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The demo store, read only: audit log and conversations in a private folder."""
    private = tmp_path_factory.mktemp("coverage-engine")
    return Engine(
        load_settings(
            store=demo_store,
            today=DEMO_TODAY,
            audit_path=private / "audit.sqlite3",
            conversations_path=private / "conversations.sqlite3",
        )
    )


def test_brierley_gaps_exactly(brierley: Records):
    assert gap_rows(coverage(brierley, 12, HEALTH_EDUCATION)) == [
        ("Health", None, "2013-04-16", "2014-05-13", "apt-001", "apt-002"),
        ("Health", None, "2014-05-13", "2015-09-17", "apt-002", "chr-002"),
        ("Education", None, "2017-01-10", "2018-01-15", "chr-010", "chr-016"),
        ("Health", "child-a", "2013-04-16", "2014-05-13", "apt-001", "apt-002"),
        ("Health", "child-a", "2014-05-13", "2015-09-29", "apt-002", "chr-003"),
        ("Health", "child-a", "2015-09-29", "2017-02-21", "chr-003", "apt-006"),
        ("Health", "child-a", "2017-02-21", "2018-03-06", "apt-006", "apt-011"),
        ("Education", "child-a", "2017-01-10", "2018-01-15", "chr-010", "chr-016"),
    ]


def test_ashdown_gaps_of_child_a_exactly(ashdown: Records):
    map_ = coverage(ashdown, 12, HEALTH_EDUCATION)
    assert gap_rows(map_, "child-a") == [
        ("Health", "child-a", "2008-01-15", "2009-05-12", "chr-030", "apt-016"),
        ("Health", "child-a", "2010-04-14", "2011-06-08", "chr-062", "apt-031"),
        ("Health", "child-a", "2011-06-08", "2013-03-12", "chr-078", "apt-035"),
        ("Health", "child-a", "2013-03-12", "2014-06-17", "apt-035", "apt-042"),
        ("Health", "child-a", "2014-11-25", "2016-01-25", "apt-044", "chr-142"),
        ("Health", "child-a", "2017-02-14", "2018-03-15", "chr-153", "apt-071"),
        ("Education", "child-a", "2016-07-05", "2018-03-09", "chr-148", "chr-172"),
    ]
    assert len(map_.gaps()) == 29
    assert gap_rows(map_, "child-e") == gap_rows(map_, "child-f") == []  # the youngest: none
    # police are recorded only when involved: looked for, their stretches are gaps too
    police = coverage(ashdown, 12, ("Police",))
    assert ("Police", "child-a", "2014-01-18", "2018-06-29", "chr-105", None) in gap_rows(police)


def test_covered_periods_meet_the_gaps(ashdown: Records):
    row = coverage(ashdown, 12, HEALTH_EDUCATION).row("Education", "child-a")
    assert row is not None
    assert [(c.start, c.end, c.first_id, c.last_id) for c in row.covered][-1] == (
        dt.date(2018, 3, 9),
        dt.date(2018, 4, 26),
        "chr-172",
        "chr-188",
    )
    assert all(c.end == g.start for c, g in zip(row.covered, row.gaps, strict=False))
    police = coverage(ashdown, 12, ("Police",)).row("Police", "child-a")
    assert police is not None and police.gaps[-1].open_ended
    assert len(police.covered) == len(police.gaps)  # an open gap ends the last covered period
    assert police.covered[-1].last_id == "chr-105"


def test_an_answer_whose_period_falls_in_a_gap_says_so_citing_its_bounds(engine: Engine):
    # every appointment was read and none is of 2011: no answer, so the gap's bounds are
    # named, not cited
    answer = engine.ask("What health appointments did Child B have in 2011?", "FAM-0107")
    assert answer.abstained and not answer.citations
    note = (
        "No health records for Child B between 12 May 2009 and 12 Mar 2013 (records apt-017 "
        "and apt-036): the answer may be incomplete."
    )
    assert f"_{note}_" in answer.answer.replace("\\", "")


@pytest.mark.parametrize(
    "question",
    [
        "What health appointments did Child B have?",  # no period
        "What happened with Child E in 2017?",  # Child E's records have no gap
        "What happened in March 2012?",  # no gap of the whole case then
        "What did Child B disclose on 9 March 2018?",  # one day: an event, not a stretch
        "Who was involved with Child B in 2011?",  # involvements are spans, not dated records
    ],
)
def test_no_gap_note_otherwise(engine: Engine, question: str):
    answer = engine.ask(question, "FAM-0107")
    assert "the answer may be incomplete" not in answer.answer


def test_an_abstention_names_the_records_that_bound_the_gap():
    caveat = Line(
        "No education records for Child A after 3 Feb 2015: the answer may be incomplete.",
        ("chr-120",),
        note=True,
    )
    missed = ToolResult("events", [Line("No chronology record matches.", ())], "x", False)
    composed = compose([missed], {}, [], [caveat])
    assert composed.abstained and composed.citations == []
    assert composed.text.endswith(
        "_No education records for Child A after 3 Feb 2015 (records chr-120): the answer "
        "may be incomplete._"
    )


def test_a_period_meets_a_gap_only_on_days_without_records():
    from bot.coverage import Gap
    from bot.request import Period

    closed = Gap(
        family="Health",
        member_id=None,
        start=dt.date(2015, 3, 1),
        end=dt.date(2016, 6, 1),
        before_id="a",
        after_id="b",
    )
    opened = closed.model_copy(update={"after_id": None})
    day = dt.date
    assert closed.overlaps(Period(start=day(2016, 1, 1), end=day(2016, 12, 31)))
    assert not closed.overlaps(Period(start=day(2014, 1, 1), end=day(2015, 3, 1)))  # its bound
    assert not closed.overlaps(Period(start=day(2016, 6, 1)))
    assert opened.overlaps(Period(start=day(2019, 1, 1)))  # after the last record: still none
    assert closed.months == 15 and opened.record_ids == ("a",)


def test_gap_notes_are_bounded(ashdown: Records):
    from bot.coverage import gap_notes
    from bot.request import Ask, Period

    ask = Ask(
        about="appointments",
        shape="list",
        clause="appointments of Child B in 2011",
        members=("child-b",),
        period=Period(start=dt.date(2011, 1, 1), end=dt.date(2011, 12, 31)),
    )
    map_ = coverage(ashdown, 12, HEALTH_EDUCATION)
    assert gap_notes(ask, ashdown, map_, 1) == [
        (
            "No health records for Child B between 12 May 2009 and 12 Mar 2013: the answer may "
            "be incomplete.",
            ("apt-017", "apt-036"),
        ),
        ("And 2 more gaps in this period.", ()),
    ]
    assert len(gap_notes(ask, ashdown, map_)) == 3
    assert gap_notes(ask, ashdown, map_, 0) == []
