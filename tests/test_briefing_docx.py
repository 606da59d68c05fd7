"""What a conference chair takes into the room: the children's own words, decisions and actions
with owner and due date, upcoming appointments and deadlines, contradictions between records,
and the .docx with its marking, page numbers, author and citation list (read back)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import replace

import pytest
from docx import Document

from bot.briefing import Briefing, BriefingLine, prepare, to_docx, to_markdown
from bot.briefing_actions import due_in, owner_in
from bot.citations import parse_markers
from bot.contradictions import contradictions
from bot.records import Records
from ingest.models import ChronologyEvent, EventType, Seen
from tests.conftest import DEMO_TODAY

SINCE = dt.date(2018, 5, 1)
NOTE = "2018-05-22-home-visit-note.txt"
S47 = "2018-03-27-section-47-assessment.md"
ICPC = "2018-04-03-icpc-minutes.docx"
SCHOOL = "2018-03-29-school-report-hasleby-academy.pdf"


@pytest.fixture(scope="module")
def meeting(ashdown: Records) -> Briefing:
    return prepare("meeting", ashdown, DEMO_TODAY, SINCE)


def section(briefing: Briefing, starts: str) -> list[BriefingLine]:
    return next(s.lines for s in briefing.sections if s.title.startswith(starts))


def ids(lines: list[BriefingLine]) -> list[str]:
    return [i for ln in lines for i in ln.record_ids]


def test_decisions_and_actions_come_from_the_records(meeting: Briefing):
    lines = section(meeting, "Decisions and actions since 1 May 2018")
    assert ids(lines) == [
        "chr-191",  # supervision: 'Agreed to seek legal advice if Child A is not seen by 31 May'
        *[f"{NOTE}#3"] * 4,  # the visit note's Actions list
        "chr-194",
        "chr-196",
        "chr-202",
        "chr-202",
        *["chr-203"] * 4,
        "chr-205",
    ]
    texts = [ln.text for ln in lines]
    assert texts[0].endswith("Owner: not recorded. Due: 31 May 2018 (31 May).")
    assert "Owner: Father. Due: not recorded." in texts[7]  # 'Father directed to produce...'
    assert any(
        "Pre-birth conference for the unborn baby to be held by 32 weeks (by 24 August 2018). "
        "Owner: not recorded. Due: 24 Aug 2018 (24 August 2018)." in t
        for t in texts
    )


def test_owner_and_due_date_are_read_not_invented():
    assert owner_in("Health visitor to see Child F weekly and weigh her monthly.") == (
        "Health visitor"
    )
    assert owner_in("A chronology is to be kept by the lead social worker.") == (
        "the lead social worker"
    )
    assert owner_in("Agreed to seek legal advice.") is None
    assert owner_in("Child A to be seen alone within 7 days.") is None
    recorded = dt.date(2018, 4, 3)
    assert due_in("Child A to be seen alone within 7 days.", recorded).day == dt.date(2018, 4, 10)
    assert due_in("Review conference: by 3 July 2018.", recorded).day == dt.date(2018, 7, 3)
    assert due_in("Visits to be made jointly.", recorded) is None


def test_no_decision_recorded_says_so(ashdown: Records):
    briefing = prepare("meeting", ashdown, DEMO_TODAY, DEMO_TODAY)
    assert "_No decision or action is recorded since 2 Jul 2018._" in to_markdown(
        briefing, ashdown, marking="OFFICIAL-SENSITIVE"
    )


def test_upcoming_appointments_and_dated_deadlines(meeting: Briefing):
    lines = section(meeting, "Upcoming appointments and deadlines")
    assert ids(lines) == [
        f"{ICPC}#16",  # 'Review conference: by 3 July 2018.'
        "apt-089",
        "apt-090",
        "chr-202",  # the child assessment order runs from 9 July 2018
        "child-a",
        *[f"apt-{n:03d}" for n in range(91, 101)],
        "chr-203",  # pre-birth conference by 24 August 2018
        "apt-101",
        "apt-102",
        f"{S47}#12",  # expected date in October 2018
        "unborn",
        f"{ICPC}#1",
    ]
    assert lines[0].text.startswith("3 Jul 2018, review conference: Review conference: by 3 July")
    assert lines[3].text.startswith("9 Jul 2018, court hearing: Hearing: child assessment order")


def test_the_childrens_own_words_found_by_structure(meeting: Briefing, ashdown: Records):
    lines = section(meeting, "The children's own words and views")
    assert ids(lines) == [
        *["chr-034", "chr-036", "chr-054", "chr-075", "chr-087", "chr-108", "chr-119"],
        f"{S47}#4",  # Child A
        *["chr-075", "chr-135", "chr-168", "chr-172", f"{S47}#2", f"{S47}#6"],
        *[f"{SCHOOL}#2", f"{SCHOOL}#4", f"{SCHOOL}#5", f"{ICPC}#5", f"{ICPC}#11"],  # Child B
        *["chr-152", "chr-177", f"{S47}#7", f"{NOTE}#2"],  # Child C
        *["chr-177", f"{S47}#8", f"{NOTE}#2"],  # Child D
    ]
    said = [ln.text for ln in lines]
    assert (
        "Child C (13 Mar 2018, Marlow Vale Children's Social Care): Child C said Child A "
        "'gets smacked loads'." in said
    )
    assert (
        "Child D (22 May 2018, Home visit note): Child D held my hand at the door and asked "
        "if I was coming back." in said
    )
    # a parent's words about a child are not the child's: the father's letter, his interview
    assert not {"chr-180", "2018-06-27-letter-from-father.md#1"} & set(ids(lines))


def _with(records: Records, *events: ChronologyEvent) -> Records:
    texts = {**records.texts, **{e.id: e.summary for e in events}}
    grown = replace(records, records=records.records + events, texts=texts)
    return grown


def _event(record_id: str, day: dt.date, summary: str, **fields: object) -> ChronologyEvent:
    return ChronologyEvent(
        id=record_id,
        file="chronology.csv",
        row=900,
        date=day,
        agency="Marlow Vale Children's Social Care",
        event_type=EventType.HOME_VISIT,
        summary=summary,
        **fields,
    )


def test_contradictions_none_found_on_the_demo(meeting: Briefing, ashdown: Records):
    assert section(meeting, "Contradictions") == []
    assert "_None found (checked: ages and dates of birth, whether a child was seen on a day, " in (
        to_markdown(meeting, ashdown, marking="X")
    )


def test_contradictions_the_same_fact_recorded_differently(ashdown: Records):
    records = _with(
        ashdown,
        _event("chr-t01", dt.date(2018, 4, 10), "Child B (15) told her form tutor she was tired."),
        _event(
            "chr-t02",
            dt.date(2018, 4, 5),
            "Visit. Child A seen in the kitchen.",
            child_seen={"child-a": Seen.YES},
        ),
        _event(
            "chr-t03",
            dt.date(2018, 4, 26),
            "Visit. Child A seen on the landing.",
            child_seen={"child-a": Seen.YES},
        ),
    )
    found = {c.record_ids: c.text for c in contradictions(records)}
    assert found == {
        ("child-b", "chr-t01"): "Child B's age: chr-t01 (10 Apr 2018) gives 15, but the date of "
        "birth in the case details (9 Jun 2004) makes Child B 13 that day.",
        ("chr-185", "chr-t02"): "Child A: chr-185 (17 Apr 2018) says not seen since 13 Mar 2018, "
        "but chr-t02 records Child A seen on 5 Apr 2018.",
        # the visit note lists 26 April among the days Child A was not seen, as does chr-188
        ("chr-t03", "chr-188", f"{NOTE}#3"): "Whether Child A was seen on 26 Apr 2018: seen in "
        f"chr-t03; not seen in chr-188, {NOTE}#3.",
    }


def test_docx_has_the_sections_marking_page_numbers_author_and_citations(
    meeting: Briefing, ashdown: Records
):
    document = Document(
        io.BytesIO(to_docx(meeting, ashdown, author="Cora Lind", marking="OFFICIAL-SENSITIVE"))
    )
    page = document.sections[0]
    assert [p.text for p in page.header.paragraphs] == ["OFFICIAL-SENSITIVE"]
    footer = page.footer.paragraphs[0]
    assert footer.text.startswith("OFFICIAL-SENSITIVE · FAM-0107 · Page ")
    instructions = [t.text.strip() for t in footer._p.iter() if t.tag.endswith("}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert document.core_properties.author == "Cora Lind"
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == [meeting.title, "Case FAM-0107. Generated 2 Jul 2018 by Cora Lind."]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [s.title for s in meeting.sections] + ["Sources"]
    for wanted in (
        "Decisions and actions since 1 May 2018",
        "Upcoming appointments and deadlines (after 2 Jul 2018)",
        "The children's own words and views",
        "Attendance at appointments since 1 May 2018",
        "Risks recorded",
        "Contradictions between records",
    ):
        assert wanted in headings
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    assert all(parse_markers(p.text) for p in bullets)
    listed = texts[texts.index("Sources") + 1 :]
    assert [entry.split("] ")[1].split(" (")[0] for entry in listed] == meeting.record_ids()
    by_id = {entry.split("] ")[1].split(" (")[0]: entry for entry in listed}
    assert (
        by_id["chr-203"]
        .split(": ")[0]
        .endswith(
            "chr-203 (chronology, chronology.csv row 204, 2018-06-26), "
            "Marlow Vale Children's Social Care"
        )
    )
    assert (
        f"{SCHOOL}#4 (passage, documents/{SCHOOL} § page 2, 2018-03-29), Hasleby Academy:"
        in (by_id[f"{SCHOOL}#4"])
    )
    assert (
        "apt-090 (appointment, appointments.csv row 91, 2018-07-09), Community Paediatrics"
        in (by_id["apt-090"])
    )


def test_marking_comes_from_the_settings(
    meeting: Briefing, ashdown: Records, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("CASEBRIEF_CONFIDENTIALITY_MARKING", "OFFICIAL")
    document = Document(io.BytesIO(to_docx(meeting, ashdown)))
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL"
    markdown = to_markdown(meeting, ashdown)
    assert markdown.splitlines()[2] == "**OFFICIAL**" and markdown.endswith("**OFFICIAL**\n")
