"""Roles named the way a council writes them, on the demo: initials no vocabulary holds are
read against the case's own role and agency names ('CMHN'); a role asked about unsurely is
asked about its people; a place beside a role narrows it; a role no lead holds is no question
about the lead; a professional's contact details are no member's; an event type named only by
an agency does not filter what was seen; a question naming no type or time is not answered
with every record."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer import Answer, Engine
from config.settings import load_settings
from tests.conftest import DEMO_TODAY


@pytest.fixture(scope="module")
def engine(demo_store: Path) -> Engine:
    return Engine(load_settings(store=demo_store, today=DEMO_TODAY))


def cited(answer: Answer) -> list[str]:
    return [c.record_id for c in answer.citations]


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
