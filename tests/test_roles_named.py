"""Roles named the way a council writes them, on the demo: initials no vocabulary holds are
read against the case's own role and agency names ('CMHN'); a role asked about unsurely is
asked about its people; a place beside a role narrows it; a role no lead holds is no question
about the lead; a professional's contact details are no member's; an event type named only by
an agency does not filter what was seen; a question naming no type or time is not answered
with every record."""

from __future__ import annotations

import pytest

from bot.access import LOCAL
from bot.answer import Engine
from tests.conftest import cited


@pytest.fixture(scope="module")
def engine(demo_engine: Engine) -> Engine:
    return demo_engine


@pytest.mark.parametrize(
    ("case", "question", "ids"),
    [
        ("FAM-0215", "who is mum's CMHN?", ["pro-006"]),  # Community Mental Health Nurse
        ("FAM-0215", "mums CPN contact details", ["pro-006"]),
        ("FAM-0107", "who was the EHO in marlow vale", ["pro-019"]),  # not Kelsworth's
        ("FAM-0107", "which TM has the case at the moment", ["pro-030"]),
    ],
)
def test_a_role_named_is_answered_with_its_people(
    engine: Engine, case: str, question: str, ids: list[str]
):
    answer = engine.ask(question, case)
    assert not answer.abstained
    assert cited(answer) == ids


def test_initials_are_read_against_the_case_roles(engine: Engine):
    ask = engine.ask("who is mum's CMHN?", "FAM-0215").request.asks[0]
    assert ask.role_terms == ("community mental health nurse",)


def test_a_type_the_agency_names_does_not_filter_what_was_seen(engine: Engine):
    answer = engine.ask("has the EHE officer ever actually seen him", "FAM-0107")
    assert set(cited(answer)) == {"chr-133", "chr-148", "chr-188"}  # Janet Orme: not seen


def test_the_latest_record_of_everything_cites_only_itself(engine: Engine):
    answer = engine.ask("what category are the kids on now", "FAM-0107")
    assert cited(answer) == ["chr-203"]


def test_a_check_named_in_a_yes_no_question_is_that_type(engine: Engine):
    answer = engine.ask("was the 6-8 wk check done for poppy", "FAM-0107")
    assert cited(answer) == ["apt-055"]  # the 6-8 week review, attended


def test_referrals_from_school_are_referrals(engine: Engine):
    answer = engine.ask("referrals from school?", "FAM-0107")
    records = engine.cache.case("FAM-0107", LOCAL).by_id
    assert cited(answer)
    assert {records[i].event_type.value for i in cited(answer)} == {"referral"}


def test_a_phrase_the_records_say_is_a_topic(engine: Engine):
    order = engine.ask("tell me about the child arrangements order", "FAM-0215")
    assert "chr-014" in cited(order)  # the order itself, not the address history


def test_of_two_roles_asked_the_one_no_longer_held_is_said(engine: Engine):
    answer = engine.ask("are the HV and the family support worker still involved?", "FAM-0215")
    assert cited(answer) == ["pro-002", "pro-003"]
    assert "No current family support worker is recorded; the last: Priya Desai" in answer.answer


def test_the_one_event_answered_brings_its_days_document(engine: Engine):
    answer = engine.ask("when was the ICPC", "FAM-0107")
    assert cited(answer)[0] == "chr-183"  # 3 Apr 2018
    assert cited(answer)[1].startswith("2018-04-03-icpc-minutes.docx#")
    assert "A document of the same day: " in answer.answer


def test_a_relative_no_member_is_has_no_details(engine: Engine):
    answer = engine.ask("what is nan's phone number", "FAM-0215")  # no grandmother recorded
    assert answer.abstained and cited(answer) == []
    assert "No member of case FAM-0215 is recorded as the grandmother." in answer.answer


def test_a_word_naming_a_service_beside_the_lead_says_nothing_of_who_leads(engine: Engine):
    answer = engine.ask("How do I contact the lead professional?", "FAM-0107")
    assert cited(answer)[0] == "pro-029"  # Hannah Okafor, not a chronology record
