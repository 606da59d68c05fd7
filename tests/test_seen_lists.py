"""Seen questions in other shapes than 'when last', and homes of one person, on the demo:
'visits where callum wasn't seen' lists the records that say so; 'how many times ... seen
alone in 2018?' counts them; 'at the last home visit' is that one record; a parent who lives
apart has no current address (the household's is not his); a follow-up naming only an agency
keeps the role asked before; an appointment attended after the last record of a child seen is
said beside it."""

from __future__ import annotations

import pytest

from bot.answer import Engine
from tests.conftest import cited

CALLUM_NOT_SEEN = {  # FAM-0107 chronology rows whose child_seen says child-a: no
    "chr-010", "chr-056", "chr-122", "chr-123", "chr-133", "chr-142", "chr-148", "chr-150",
    "chr-155", "chr-158", "chr-179", "chr-187", "chr-188", "chr-189", "chr-193",
}  # fmt: skip


@pytest.fixture(scope="module")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


def test_visits_where_a_child_was_not_seen_are_listed(engine: Engine):
    answer = engine.ask("visits where callum wasnt seen", "FAM-0107")
    assert answer.request.asks[0].not_seen
    assert set(cited(answer)) == CALLUM_NOT_SEEN
    assert answer.answer.startswith("15 records show Child A not seen:")


def test_times_seen_alone_in_a_year_are_counted(engine: Engine):
    answer = engine.ask("how many times was jade seen alone in 2018?", "FAM-0107")
    assert cited(answer) == ["chr-177"]
    assert answer.answer.startswith("1 record in 2018 shows Child B seen alone:")


def test_seen_at_the_last_visit_of_a_type_is_that_record(engine: Engine):
    answer = engine.ask("was callum seen at the last home visit?", "FAM-0107")
    assert cited(answer) == ["chr-193"]
    assert answer.answer.startswith(
        "At the latest home visit recorded, on 22 May 2018 (Marlow Vale Children's Social "
        "Care), Child A was not seen."
    )


def test_a_parent_living_apart_has_no_current_address(engine: Engine):
    answer = engine.ask("father's current address?", "FAM-0215")
    assert answer.abstained and cited(answer) == []
    assert "No current address is recorded for Father." in answer.answer
    assert "the 3 address records in case.yaml of case FAM-0215, for Father" in answer.searched


def test_a_follow_up_naming_an_agency_keeps_the_role(engine: Engine):
    first = engine.ask("who is the social worker?", "FAM-0107")
    then = engine.ask("and who had it in kelsworth?", "FAM-0107", None, [first.turn])
    assert then.request.asks[0].within_agency == ("kelsworth",)
    # Kelsworth's two social workers, and the case closure the day the last one's ended
    assert set(cited(then)) == {"pro-014", "pro-006", "chr-039"}


def test_a_longer_follow_up_with_a_time_phrase_keeps_the_subject(engine: Engine):
    first = engine.ask("who is mum's mental health nurse?", "FAM-0215")
    then = engine.ask("is she still seeing them since the assessment?", "FAM-0215", None,
                      [first.turn])  # fmt: skip
    assert then.request.follow_up  # 'since the assessment' is its time, not a subject
    assert cited(then) == ["pro-006", "chr-020"]  # the assessment's record dates the time


def test_an_attended_appointment_after_the_last_seen_record_is_said(engine: Engine):
    """Poppy's last home visit marking her seen was 22 May 2018; she attended a paediatric
    outpatient appointment two days later: whoever held it saw her."""
    answer = engine.ask("when was poppy last seen", "FAM-0107")
    assert cited(answer)[:2] == ["chr-193", "apt-083"]
    assert (
        "Child F attended a paediatric outpatient (faltering growth) with Community Paediatrics "
        "on 24 May 2018" in answer.answer
    )
    alone = engine.ask("when was poppy last seen alone", "FAM-0107")
    assert "apt-083" not in cited(alone)  # an appointment says nothing of being alone


def test_an_adult_is_seen_at_the_records_of_them_not_the_childrens(engine: Engine):
    """'when did kerry last get seen by the midwife?': the mother's own latest record of being
    seen (the midwife's home visit, which says she was seen alone) and that day's appointment;
    not the children's child_seen."""
    answer = engine.ask("when did kerry last get seen by the midwife?", "FAM-0107")
    assert cited(answer) == ["chr-205", "apt-088"]
    assert answer.answer.startswith("Mother was last recorded as seen on 29 Jun 2018")
    assert "Mother was last recorded as seen alone on 29 Jun 2018" in answer.answer
    assert "Child A" not in answer.answer


def test_an_adult_never_recorded_alone_is_said_so(engine: Engine):
    """'has dad ever been seen on his own?': no record says so ('father refused to let him be
    spoken to alone' is of Child A); the last record of him seen is given with that gap."""
    answer = engine.ask("has dad ever been seen on his own?", "FAM-0107")
    assert cited(answer) == ["chr-193"]
    assert "No record shows Father seen alone." in answer.answer


def test_was_a_child_seen_alone_says_the_last_time_seen_was_not(engine: Engine):
    """'was he seen alone?': not on the landing with his father in March 2018, the last time
    he was seen; alone in his bedroom in October 2014, the last time he was."""
    answer = engine.ask("has callum been seen alone?", "FAM-0107")
    assert cited(answer) == ["chr-176", "chr-119"]
    assert answer.answer.startswith(
        "Child A was not seen alone the last time recorded as seen, on 13 Mar 2018"
    )
    assert "Child A was last seen alone on 14 Oct 2014" in answer.answer
