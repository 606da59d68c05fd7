"""Briefings for a home visit and a multi-agency meeting: every line cites its records, the
[n] markers resolve to the sources list, in Markdown and in the .docx."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from pydantic import ValidationError

from bot.briefing import (
    Briefing,
    BriefingLine,
    prepare,
    sources,
    to_docx,
    to_markdown,
)
from bot.citations import parse_markers
from bot.records import Records
from ingest.models import Outcome
from tests.conftest import DEMO_TODAY

SINCE = dt.date(2018, 5, 1)


def section(briefing: Briefing, starts: str) -> list[BriefingLine]:
    return next(s.lines for s in briefing.sections if s.title.startswith(starts))


def test_a_line_without_records_is_refused():
    with pytest.raises(ValidationError):
        BriefingLine(text="Uncited claim.", record_ids=())


def test_home_visit_briefing_sections_rest_on_the_records(ashdown: Records):
    briefing = prepare("home_visit", ashdown, DEMO_TODAY)
    assert [s.title.split(" (")[0] for s in briefing.sections] == [
        "Who lives there",
        "Who else is involved and how to reach them",
        "Recent events",
        "Missed appointments",
        "When the children were last seen",
        "Risks recorded",
        "The children's own words and views",
        "Decisions and actions since 7 May 2018",
        "Upcoming appointments and deadlines",
        "Attendance at appointments since 2 Jul 2017",
        "Contradictions between records",
        "Patterns in the records",
    ]
    household = section(briefing, "Who lives there")
    assert household[0].record_ids == ("addr-13",)
    assert household[0].text.startswith("Current address: Hasleby, Marlow Vale County")
    involved = section(briefing, "Who else")
    assert involved[0].record_ids == ("pro-029",)
    assert "lead professional" in involved[0].text and "01632 960129" in involved[0].text
    recent = section(briefing, "Recent events")
    assert all(ashdown.by_id[line.record_ids[0]].date >= dt.date(2018, 5, 7) for line in recent)
    missed = {line.text.split(":")[0]: line for line in section(briefing, "Missed")}
    assert missed["Child F"].record_ids == ("apt-068", "apt-069")  # within the last 12 months
    risks = section(briefing, "Risks recorded")
    assert any(line.text.startswith("Dogs at the home") for line in risks)
    assert any(line.record_ids == ("father",) for line in risks)


def test_household_names_members_living_elsewhere(brierley: Records):
    household = section(prepare("home_visit", brierley, DEMO_TODAY), "Who lives there")
    elsewhere = [line for line in household if "not recorded at the current address" in line.text]
    assert [line.record_ids for line in elsewhere] == [("father",)]


def test_meeting_briefing_covers_the_period(ashdown: Records):
    briefing = prepare("meeting", ashdown, DEMO_TODAY, SINCE)
    chronology = section(briefing, "Chronology since 1 May 2018")
    assert [line.record_ids[0] for line in chronology] == [
        e.id for e in ashdown.chronology if SINCE <= e.date <= DEMO_TODAY
    ]
    attendance = section(briefing, "Attendance")
    for line in attendance:
        for record_id in line.record_ids:
            record = ashdown.by_id[record_id]
            assert record.date >= SINCE and record.outcome != Outcome.UPCOMING
    actions = section(briefing, "Decisions and actions")
    assert any(line.record_ids == ("chr-205",) for line in actions)  # referred to the DAU
    upcoming = [a.id for a in ashdown.appointments if a.outcome == Outcome.UPCOMING]
    coming = section(briefing, "Upcoming")
    assert [line.record_ids[0] for line in coming if line.record_ids[0].startswith("apt-")] == (
        upcoming
    )


def test_meeting_needs_a_start_date(ashdown: Records):
    with pytest.raises(ValueError, match="needs the date"):
        prepare("meeting", ashdown, DEMO_TODAY)


def test_markdown_markers_resolve_to_the_sources_list(ashdown: Records):
    briefing = prepare("meeting", ashdown, DEMO_TODAY, SINCE)
    markdown = to_markdown(briefing, ashdown)
    body, _, listed = markdown.partition("## Sources")
    cited = sources(briefing, ashdown)
    assert [c.record_id for c in cited] == briefing.record_ids()
    for line in body.splitlines():
        if line.startswith("- "):
            markers = parse_markers(line)
            assert markers, line
            assert markers <= {c.marker for c in cited}
    for cited_record in cited:
        assert f"[{cited_record.marker}] {cited_record.record_id} (" in listed
    assert "[1] chr-189 (chronology, chronology.csv row 190, 2018-05-03)" in listed
    assert to_markdown(briefing, ashdown, level=3).startswith("### Multi-agency meeting")


def test_empty_sections_say_so(brierley: Records):
    markdown = to_markdown(prepare("meeting", brierley, DEMO_TODAY, SINCE), brierley)
    assert "_No missed appointments since 1 May 2018._" in markdown


def test_docx_has_the_same_lines_markers_and_sources(ashdown: Records):
    briefing = prepare("home_visit", ashdown, DEMO_TODAY)
    document = Document(io.BytesIO(to_docx(briefing, ashdown)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == briefing.title
    assert document.core_properties.title == briefing.title
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [s.title for s in briefing.sections] + ["Sources"]
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == sum(len(s.lines) for s in briefing.sections)
    assert all(parse_markers(p.text) for p in bullets)
    listed = texts[texts.index("Sources") + 1 :]
    assert len(listed) == len(briefing.record_ids())
    assert listed[0].startswith("[1] addr-13 (address, case.yaml, 2017-07-17)")


def test_file_names(ashdown: Records):
    briefing = prepare("home_visit", ashdown, DEMO_TODAY)
    assert briefing.file_name("docx") == "FAM-0107-home-visit-2018-07-02.docx"
