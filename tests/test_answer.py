"""The answer engine on a small fictional case: exact records cited, exhaustive lists,
abstention, follow-ups, conflicts and injected instructions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.answer import CaseNotFound, Engine
from bot.citations import parse_markers
from bot.types import Answer, Turn
from config.settings import load_settings
from ingest.pipeline import ingest_cases, ingest_learning
from tests.conftest import DATA, DEMO, SHARED


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    settings = load_settings(
        store=tmp_path_factory.mktemp("answer-store"), today=dt.date(2018, 7, 2)
    )
    ingest_cases([DATA], settings)
    ingest_learning([DEMO / "learning"], settings)  # the project's own fictional corpus
    return Engine(settings)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The real published review (../shared/corpus), which only the team's machines hold."""
    settings = load_settings(store=tmp_path_factory.mktemp("published-store"))
    ingest_learning([SHARED / "corpus"], settings)
    return Engine(settings)


def cited(answer: Answer) -> list[str]:
    return [c.record_id for c in answer.citations]


def assert_every_sentence_cited(answer: Answer) -> None:
    markers = {c.marker for c in answer.citations}
    for paragraph in answer.answer.split("\n"):
        text = paragraph.strip()
        if not text or text.startswith("_Not found"):
            continue
        used = parse_markers(text)
        assert used, f"uncited: {text!r}"
        assert used <= markers, f"marker without a record: {text!r}"


def test_missed_appointments_are_exhaustive_and_exclude_service_changes(engine: Engine):
    answer = engine.ask("what appointments were missed?", "FAM-T1")
    assert answer.intent == "appointments"
    assert answer.answer.startswith("2 missed appointments recorded")
    assert cited(answer) == ["apt-001", "apt-003", "apt-004"]
    assert "Not counted as missed: 1 cancelled by service" in answer.answer
    assert_every_sentence_cited(answer)
    assert answer.citations[0].source == "appointments.csv row 2"


def test_follow_up_narrows_previous_results(engine: Engine):
    first = engine.ask("what appts were missed", "FAM-T1")
    follow = engine.ask("and which of those were dental?", "FAM-T1", conversation=[first.turn])
    assert cited(follow) == ["apt-001"]
    assert follow.answer.startswith("1 missed appointment recorded")


def test_abbreviation_resolves_role(engine: Engine):
    answer = engine.ask("who's the HV", "FAM-T1")
    assert cited(answer) == ["prof-01"]
    assert "01632 960001" in answer.answer


def test_lead_professional(engine: Engine):
    answer = engine.ask("who is the lead professional?", "FAM-T1")
    assert cited(answer) == ["prof-02"]


def test_two_tools_in_one_question(engine: Engine):
    answer = engine.ask("who is involved with Bee and when was she last seen?", "FAM-T1")
    assert answer.intent == "people_involved+last_seen"
    assert cited(answer) == ["prof-01", "prof-02", "chr-003"]
    assert_every_sentence_cited(answer)


def test_last_seen_alone(engine: Engine):
    answer = engine.ask("when was the eldest last seen alone?", "FAM-T1")
    assert "Child A was last seen alone on 3 Mar 2018" in answer.answer
    assert cited(answer) == ["chr-003"]


def test_referrals_from_neighbours_abstains_and_says_what_was_searched(engine: Engine):
    answer = engine.ask("which referrals came from neighbours?", "FAM-T1")
    assert answer.abstained
    assert answer.citations == []
    assert "all 4 chronology records of case FAM-T1" in answer.searched
    assert "source neighbour" in answer.searched


def test_unanswerable_question_abstains(engine: Engine):
    answer = engine.ask("what is Child A's blood group?", "FAM-T1")
    assert answer.abstained
    assert answer.answer.startswith("I found no records that answer this.")


def test_injected_instruction_is_quoted_not_obeyed(engine: Engine):
    answer = engine.ask("what did the letter say about visits and instructions?", "FAM-T1")
    assert not answer.abstained
    assert cited(answer) == ["letter.txt#1"]
    assert "\u201c" in answer.answer  # quoted as data
    assert "case is closed" not in answer.answer.split("\u201c")[0]


def test_learning_question_cites_the_review(engine: Engine):
    answer = engine.ask("what do reviews say about non-engagement?")
    assert answer.intent == "learning"
    assert answer.case_id is None
    assert all(c.record_id.startswith("family-k-six-children-review.md#") for c in answer.citations)
    assert "non-engagement" in answer.answer.lower()
    assert all(c.case_id is None for c in answer.citations)


@pytest.mark.skipif(
    not (SHARED / "corpus").exists(),
    reason="needs the published review in ../shared/corpus, which a clone of the repo does not "
    "have; the demo review stands in for it above",
)
def test_learning_question_cites_the_published_review(published: Engine):
    answer = published.ask("what do reviews say about non-engagement?")
    assert answer.intent == "learning"
    assert answer.citations
    assert all(
        c.record_id.startswith("serious-case-review-six-children.md#") for c in answer.citations
    )
    assert "non-engagement" in answer.answer.lower()


def test_moves_and_local_authorities(engine: Engine):
    answer = engine.ask("how many times have they moved?", "FAM-T1")
    assert "2 addresses recorded from 1 Nov 2004, so 1 move between them." in answer.answer
    assert "Northvale Borough and Southdale County" in answer.answer


def test_unknown_case_is_refused(engine: Engine):
    with pytest.raises(CaseNotFound):
        engine.ask("who is involved?", "FAM-NOPE")


def test_pronoun_follow_up_keeps_the_member(engine: Engine):
    first = engine.ask("what appointments has Child B missed?", "FAM-T1")
    follow = engine.ask("what about her attended ones?", "FAM-T1", conversation=[first.turn])
    assert cited(follow) == ["apt-002"]


def test_turn_is_not_serialised(engine: Engine):
    answer = engine.ask("who lives there?", "FAM-T1")
    assert "turn" not in answer.model_dump_json(exclude={"turn"})
    assert isinstance(answer.turn, Turn)


def test_case_scoped_question_never_cites_another_case(engine: Engine, tmp_path: Path):
    answer = engine.ask("what happened in March 2018?", "FAM-T1")
    assert {c.case_id for c in answer.citations} == {"FAM-T1"}
