"""Professionals named in a question: their names on the case's involvement records (first
and last, a title and surname, a possessive typed without its apostrophe, a misspelling)
filter the involvements, the chronology they recorded and the children they saw. A post
title is no name; a word that is also a member's name or an ordinary word needs the whole
name."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.access import LOCAL
from bot.answer import Answer, Engine
from bot.understand.professionals import find_professionals, mask_professionals
from config.settings import load_settings
from ingest.models import MemberRole
from tests.conftest import DEMO_TODAY
from tests.test_periods import make_records, member, professional

CASE = make_records(
    member("sam", "Sam Smith", MemberRole.CHILD),
    member("jo", "Jo Hart", MemberRole.PARENT, aliases=("Mum",)),
    professional("pro-1", "Priya Nandakumar", "Social Worker", "Children's Social Care",
                 "2025-01-01", None),
    professional("pro-2", "Priya Nandakumar", "Social Worker", "Children's Social Care",
                 "2023-01-01", "2023-06-01"),
    professional("pro-3", "Dr Ruth Moss", "Community Paediatrician", "Community Paediatrics",
                 "2024-01-01", None),
    professional("pro-4", "Duty Social Worker", "Social Worker", "Children's Social Care",
                 "2024-01-01", None),
    professional("pro-5", "Owen Hart", "Health Visitor", "Health Visiting", "2024-01-01", None),
)  # fmt: skip


@pytest.mark.parametrize(
    ("question", "ids"),
    [
        ("priya nandakumars number?", ("pro-1", "pro-2")),  # every record of the person
        ("when did Nandakumar start", ("pro-1", "pro-2")),  # a surname no word or member has
        ("email for priya", ("pro-1", "pro-2")),  # the only professional called Priya
        ("priya nandakumer's email", ("pro-1", "pro-2")),  # misspelt
        ("dr moss contact", ("pro-3",)),  # a title before an ordinary word
        ("ruth moss contact", ("pro-3",)),
        ("any moss on the walls?", ()),  # an ordinary word alone is no name
        ("who is the duty social worker", ()),  # a post title is no name
        ("what did hart say", ()),  # a member's surname too: not this professional alone
        ("owen hart's number", ("pro-5",)),
    ],
)
def test_professionals_named(question: str, ids: tuple[str, ...]):
    assert set(find_professionals(question, CASE).ids) == set(ids)


def test_a_named_professional_reads_as_the_worker():
    assert mask_professionals("priya nandakumars number?", CASE) == "the worker's number?"
    assert mask_professionals("Dr Moss email", CASE) == "the worker email"


@pytest.fixture(scope="module")
def engine(demo_store: Path) -> Engine:
    return Engine(load_settings(store=demo_store, today=DEMO_TODAY))


def cited(answer: Answer) -> list[str]:
    return [c.record_id for c in answer.citations]


@pytest.mark.parametrize(
    ("case", "question", "ids", "start"),
    [
        ("FAM-0107", "hannah okafors phone number + email", ["pro-029"], "1 current"),
        ("FAM-0107", "what's dr kemble's email address", ["pro-032"], "1 current"),
        ("FAM-0107", "when did janet orme first get involved?", ["pro-021"], "1 matching"),
        ("FAM-0215", "how do i get hold of tom whitcombe", ["pro-005"], "1 current"),
    ],
)
def test_a_named_professional_is_answered_with_their_record(
    engine: Engine, case: str, question: str, ids: list[str], start: str
):
    answer = engine.ask(question, case, None)
    assert cited(answer) == ids
    assert answer.answer.startswith(start)


def test_events_a_named_professional_recorded(engine: Engine):
    answer = engine.ask("list the visits janet orme made", "FAM-0107", None)
    assert answer.request.asks[0].professionals == ("pro-021",)
    assert cited(answer)
    assert all("Janet Orme" in (engine.cache.case("FAM-0107", LOCAL).by_id[i].recorded_by or "")
               for i in cited(answer))  # fmt: skip


def test_what_a_named_professional_has_done_is_what_they_recorded(engine: Engine):
    answer = engine.ask("what has janet orme done with callum?", "FAM-0107", None)
    ask = answer.request.asks[0]
    assert (ask.about, ask.professionals) == ("events", ("pro-021",))
    records = engine.cache.case("FAM-0107", LOCAL)
    assert records is not None and cited(answer)
    assert all("Orme" in (records.by_id[i].recorded_by or "") for i in cited(answer))
