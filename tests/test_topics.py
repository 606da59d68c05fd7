"""Topics across every record kind on the demo: the records a practitioner would expect, none
that are only routine, a plain 'none' when the case holds nothing, and what was searched."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.access import LOCAL
from bot.answer import Engine
from bot.types import Answer
from config.settings import load_settings
from ingest.entries import build_entry
from ingest.models import ChronologyEvent, EventType, Member, MemberRole
from tests.conftest import DEMO_TODAY


@pytest.fixture(scope="module")
def engine(demo_store: Path) -> Engine:
    return Engine(load_settings(store=demo_store, today=DEMO_TODAY))


def cited(answer: Answer) -> set[str]:
    return {c.record_id for c in answer.citations}


def test_domestic_abuse_lists_every_kind_of_record_about_it(engine: Engine):
    answer = engine.ask("is there any domestic abuse?", "FAM-0107")
    found = cited(answer)
    # the 2011 police call and its notification, the outreach referral, plan and drop-out, the
    # father's missed perpetrator programme, the midwives' unasked routine enquiries, a
    # child's disclosure at school, and the ICPC minutes' police summary
    assert {
        "chr-072", "chr-074", "chr-076", "chr-077", "chr-079", "apt-030", "chr-064",
        "chr-134", "chr-172", "2018-04-03-icpc-minutes.docx#8",
    } <= found  # fmt: skip
    # routine health contacts are not about it
    assert not found & {"chr-141", "chr-192", "chr-195", "apt-084"}
    assert answer.answer.startswith(f"{len(found)} records about domestic abuse:")
    assert "chronology records" in answer.answer and "1 appointment" in answer.answer
    assert "205 chronology records, 102 appointments, 43 document passages" in answer.searched
    assert "read as 'domestic abuse'" in answer.searched


def test_a_topic_the_case_never_mentions_is_a_plain_none(engine: Engine):
    answer = engine.ask("anything about drugs or alcohol?", "FAM-0107")
    assert answer.abstained and not answer.citations
    assert "No record of case FAM-0107 is about drugs or alcohol." in answer.answer
    assert "every record of case FAM-0107 by meaning and by word" in answer.searched


def test_an_unfiltered_events_question_naming_a_theme_is_a_topic(engine: Engine):
    """'any missing episodes?' names no event type, person or period: it was answered with the
    205 chronology records; it is a theme, and the demo family has none."""
    answer = engine.ask("any missing episodes?", "FAM-0107")
    assert answer.abstained
    assert "No record of case FAM-0107 is about missing episodes." in answer.answer
    listed = engine.ask("what happened?", "FAM-0107")  # no theme: the chronology
    assert listed.answer.startswith("205 chronology records match")


def test_injuries_include_the_bruise_and_the_disclosures(engine: Engine):
    found = cited(engine.ask("any injuries?", "FAM-0107"))
    assert {"chr-034", "chr-036", "chr-152", "chr-172"} <= found
    assert len(found) <= 10


def test_everything_about_a_person_named_only_by_a_role_word(engine: Engine):
    answer = engine.ask("anything about the unborn baby?", "FAM-0107")
    records = engine.cache.case("FAM-0107", LOCAL)
    about = {
        r.id
        for r in records.records
        if "unborn" in (getattr(r, "members", ()) or ()) or getattr(r, "member", None) == "unborn"
    }
    assert about <= cited(answer)
    assert "unborn" in cited(answer)  # the member record itself


def test_a_record_is_embedded_by_what_it_says_without_names_or_dates():
    members = {
        "lee": Member(
            id="lee",
            file="case.yaml",
            name="Lee Harrop",
            role=MemberRole.ADULT,
            aliases=("Mr Harrop",),
        ),
        "mum": Member(id="mum", file="case.yaml", name="Mother", role=MemberRole.PARENT),
    }
    event = ChronologyEvent(
        id="chr-1",
        file="chronology.csv",
        row=2,
        date="2026-03-15",
        agency="Police",
        event_type=EventType.POLICE,
        summary="Mother said Lee pushed her. Mr Harrop arrested.",
        members=("lee", "mum"),
        action="Notification to CSC",
    )
    entry = build_entry(event, "FAM-X", members)
    assert entry.text.startswith("2026-03-15 police recorded by Police concerning Lee Harrop")
    assert entry.embedded_text == (
        "Police. Mother said the adult pushed her. the adult arrested. Notification to CSC"
    )
