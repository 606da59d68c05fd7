"""Pure functions of question understanding: periods, members, abbreviations, markers."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.access import LOCAL
from bot.citations import parse_markers, render_markers
from bot.entities import find_event_types, find_members, find_outcomes, find_terms
from bot.periods import parse_period
from bot.records import RecordCache, Records
from bot.search import sentences, tokens
from ingest.models import EventType, Outcome
from ingest.pipeline import ingest_cases
from ingest.settings import load_settings
from ingest.store import Store
from tests.conftest import DATA

TODAY = dt.date(2018, 7, 2)


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Records:
    settings = load_settings(store=tmp_path_factory.mktemp("understanding"))
    ingest_cases([DATA], settings)
    loaded = RecordCache(Store(settings.chroma_client())).case("FAM-T1", LOCAL)
    assert loaded is not None
    return loaded


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("missed since 2016", dt.date(2016, 1, 1), None),
        ("what happened last year", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
        ("in the last six months", dt.date(2018, 1, 2), TODAY),
        ("in the past 3 weeks", dt.date(2018, 6, 11), TODAY),
        ("events in March 2018", dt.date(2018, 3, 1), dt.date(2018, 3, 31)),
        ("between 2015 and 2017", dt.date(2015, 1, 1), dt.date(2017, 12, 31)),
        ("since 04/03/2016", dt.date(2016, 3, 4), None),
        ("before 2010", None, dt.date(2009, 12, 31)),
        ("this year", dt.date(2018, 1, 1), TODAY),
        ("last month", dt.date(2018, 6, 1), dt.date(2018, 6, 30)),
    ],
)
def test_periods(question: str, start: dt.date | None, end: dt.date | None):
    period = parse_period(question, TODAY)
    assert period is not None
    assert (period.start, period.end) == (start, end)


def test_no_period_in_question():
    assert parse_period("who is the health visitor?", TODAY) is None


def test_periods_relative_to_moves(records: Records):
    since = parse_period("what appts were missed since the move", TODAY, records.addresses)
    assert since is not None and since.start == dt.date(2016, 2, 15)
    before = parse_period("what happened before the move to Westmoor?", TODAY, records.addresses)
    assert before is not None and before.end == dt.date(2016, 2, 14)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("when was Ash last seen", ("child-a",)),
        ("what has the eldest missed", ("child-a",)),
        ("appointments for the baby", ("child-b",)),
        ("did mum attend", ("mother",)),
        ("Child B's appointments", ("child-b",)),
        ("when were the children last seen", ("child-a", "child-b")),
        ("who is involved", ()),
    ],
)
def test_members(records: Records, question: str, expected: tuple[str, ...]):
    assert find_members(question, records)[0] == expected


def test_pronoun_and_sibling_resolve_against_previous_turn(records: Records):
    assert find_members("when was she last seen?", records, ("child-b",)) == (("child-b",), True)
    assert find_members("what about her brother?", records, ("child-b",))[0] == ("child-a",)


def test_abbreviations():
    assert "health visit" in find_terms("who's the HV", None)
    assert "designated safeguarding" in find_terms("DSL contact?", None)
    assert find_outcomes("list the WNBs")[0] == {Outcome.WAS_NOT_BROUGHT}
    assert find_outcomes("any DNA for mum")[0] == {Outcome.DID_NOT_ATTEND}
    assert find_event_types("list the NAVs") == {EventType.NO_ACCESS_VISIT}
    assert EventType.SECTION_47 in find_event_types("when was the s47 started")
    assert find_outcomes("what was missed")[0] == {
        Outcome.WAS_NOT_BROUGHT,
        Outcome.DID_NOT_ATTEND,
        Outcome.NO_ACCESS,
        Outcome.CANCELLED_BY_FAMILY,
    }


def test_markers_round_trip():
    assert render_markers([1, 2, 3, 7]) == "[1]–[3][7]"
    assert parse_markers("text [1]–[3][7].") == {1, 2, 3, 7}
    assert render_markers([5]) == "[5]"


def test_sentences_unwrap_and_keep_lists():
    text = (
        "The worker must complete an assessment\nthat includes:\n- both parents;\n"
        "- a chronology.\n\n"
        "cut fragment from a boundary. Next sentence is long enough to keep."
    )
    assert sentences(text) == [
        "The worker must complete an assessment that includes: both parents; a chronology.",
        "Next sentence is long enough to keep.",
    ]


def test_tokens_drop_stopwords_and_normalise():
    assert tokens("What did dad's letters say?") == ["father", "letter"]
