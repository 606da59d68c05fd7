"""Question understanding: people, filters, parts, misspellings and follow-ups become a typed
Request; markers and sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.access import LOCAL
from bot.citations import parse_markers, render_markers
from bot.records import RecordCache, Records
from bot.request import Request
from bot.search import sentences, tokens
from bot.understand import Understander
from bot.understand.clauses import asking_part, split_clauses, split_comparison
from bot.understand.members import find_members
from bot.understand.spelling import Speller
from bot.understand.terms import find_terms
from config.settings import load_settings
from ingest.models import EventType, Outcome, SourceType
from ingest.pipeline import ingest_cases
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
    assert find_members(question, records, (), frozenset()).ids == expected


def test_misspelt_name_is_read_as_the_member(records: Records):
    found = find_members("when was Asch last seen", records, (), frozenset())
    assert found.ids == ("child-a",)
    assert found.readings == (("asch", "Ash"),)


def test_pronoun_and_sibling_resolve_against_previous_ask(records: Records):
    she = find_members("when was she last seen?", records, ("child-b",), frozenset())
    assert (she.ids, she.from_previous) == (("child-b",), True)
    brother = find_members("what about her brother?", records, ("child-b",), frozenset())
    assert brother.ids == ("child-a",)


def _terms(text: str):
    return find_terms(text, text, None)


def test_abbreviations():
    assert "health visit" in _terms("who's the HV").agency_or_role
    assert "designated safeguarding" in _terms("DSL contact?").role_terms
    assert _terms("list the WNBs").outcomes == (Outcome.WAS_NOT_BROUGHT,)
    assert _terms("any DNA for mum").outcomes == (Outcome.DID_NOT_ATTEND,)
    assert _terms("list the NAVs").event_types == (EventType.NO_ACCESS_VISIT,)
    assert EventType.SECTION_47 in _terms("when was the s47 started").event_types
    assert _terms("how many appts missed (WNB etc)?").outcome_group == "missed"


def test_outcomes_negated_or_set_side_by_side():
    """'not attended' is a miss; 'attended v missed' asks both sides, so no outcome filters."""
    negated = _terms("appointments not attended by kayden")
    assert negated.outcome_group == "missed"
    assert Outcome.ATTENDED not in negated.outcomes
    both = _terms("perinatal appts - attended v missed?")
    assert (both.outcomes, both.outcome_group) == ((), None)
    assert _terms("which appointments were attended").outcomes == (Outcome.ATTENDED,)


def test_excluded_sources_are_not_wanted():
    terms = _terms("which referrals came from neighbours rather than professionals?")
    assert terms.source_types == (SourceType.NEIGHBOUR,)


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("when was he last seen and was he seen alone?", 2),
        ("who is the LP and how do I contact them?", 2),
        ("when did they move and why", 1),
        ("who's the HV and the DSL?", 1),
    ],
)
def test_parts_of_a_question(question: str, parts: int):
    assert len(split_clauses(question)) == parts


def test_a_leading_scene_belongs_to_the_part_after_it():
    assert split_clauses("in the ICPC minutes, when was the first core group due by?") == [
        "in the ICPC minutes, when was the first core group due by"
    ]


def test_a_sentence_that_only_tells_is_no_ask_of_its_own():
    assert split_clauses(
        "what's the old school DSL's email? I want to ask about Sam's attendance last year"
    ) == ["what's the old school DSL's email; I want to ask about Sam's attendance last year"]
    assert len(split_clauses("who is the SW? and the HV?")) == 2


def test_a_comparison_is_the_question_and_its_other_time():
    assert split_comparison("how often has he gone missing this year compared with last year?") == (
        "how often has he gone missing this year",
        "last year",
    )
    assert split_comparison("how does his attendance compare with his brother's") is None


@pytest.mark.parametrize(
    ("part", "asked"),
    [
        (
            "There's a gap in Leo's health visiting record around the move back, so I need to "
            "know which health visitor he had during 2014 before I chase the notes.",
            "which health visitor he had during 2014",
        ),
        ("who is the HV so I can ring her", "who is the HV"),
        ("what happened to Sam before I took over", "what happened to Sam before I took over"),
        ("who is the SW", "who is the SW"),
    ],
)
def test_what_a_rambling_part_asks(part: str, asked: str):
    assert asking_part(part) == asked


def test_ordinary_words_are_never_corrected(records: Records):
    corrected, readings = Speller().correct("when did they hand over the worked notes", records)
    assert corrected == "when did they hand over the worked notes"
    assert readings == []


def test_what_the_period_grammar_reads_and_contractions_are_no_misspellings(records: Records):
    """'hols' is a word of the period grammar and 'theyre' a contraction without its
    apostrophe: neither is read as the nearest case word ('hold', 'there')."""
    corrected, readings = Speller().correct("visits over the summer hols when theyre away", records)
    assert corrected == "visits over the summer hols when they're away"
    assert readings == []


def test_misspelt_record_word_is_read_and_said(records: Records):
    corrected, readings = Speller().correct("any dentl appointments?", records)
    assert "dental" in corrected
    assert readings == [("dentl", "dental")]


@pytest.fixture(scope="module")
def understander(tmp_path_factory: pytest.TempPathFactory) -> Understander:
    settings = load_settings(store=tmp_path_factory.mktemp("u"))
    return Understander(settings.embedder(), settings.model_cache_dir())


def _asks(request: Request) -> list[tuple[str, str]]:
    return [(a.about, a.shape) for a in request.asks]


def test_each_part_is_an_ask(understander: Understander, records: Records):
    request = understander.understand(
        "when was Ash last seen and was he seen alone?", records, TODAY
    )
    assert [a.about for a in request.asks] == ["last_seen", "last_seen_alone"]
    assert all(a.members == ("child-a",) for a in request.asks)


def test_follow_up_reads_over_the_previous_request(understander: Understander, records: Records):
    first = understander.understand("what appointments has Bee missed?", records, TODAY)
    follow = understander.understand("and the attended ones?", records, TODAY, first, ("apt-001",))
    (ask,) = follow.asks
    assert (ask.about, ask.members, ask.outcomes) == (
        "appointments",
        ("child-b",),
        (Outcome.ATTENDED,),
    )
    assert follow.follow_up


def test_learning_question_without_a_case_is_learning(understander: Understander):
    request = understander.understand("what do reviews say about non-engagement?", None, TODAY)
    assert [a.about for a in request.asks] == ["learning"]


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


def test_a_name_of_several_words_the_case_does_not_hold_is_unresolved(
    understander: Understander, records: Records
):
    # each word alone is near something of the case ('Westmoor Academy'), the name is not
    request = understander.understand("what did St Mary's Academy say about Ash?", records, TODAY)
    assert request.asks[0].unresolved == ("St Mary's Academy",)
    named = understander.understand("what did Westmoor Academy say about Ash?", records, TODAY)
    assert named.asks[0].unresolved == ()
    title_case = understander.understand("When Was Ash Last Seen By The School?", records, TODAY)
    assert title_case.asks[0].unresolved == ()


def test_either_of_them_after_a_switch_of_person_means_both(
    understander: Understander, records: Records
):
    first = understander.understand("who is Bee's health visitor?", records, TODAY)
    second = understander.understand("what about Ash?", records, TODAY, first, ("prof-01",))
    third = understander.understand(
        "is there a social worker for either of them?", records, TODAY, second, ("prof-03",)
    )
    assert set(third.asks[0].members) == {"child-a", "child-b"}
    assert third.asks[0].restrict_to == ()  # one record before: 'of them' is the people


def test_a_later_part_asking_its_own_thing_shares_people_and_time_not_filters(
    understander: Understander, records: Records
):
    request = understander.understand(
        "which of Bee's appointments were missed in 2017, and how old is she?", records, TODAY
    )
    first, second = request.asks
    assert (first.about, second.about) == ("appointments", "household_members")
    assert second.members == ("child-b",)
    assert second.outcomes == ()
