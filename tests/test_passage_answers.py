"""Passage answers that answer (issue 9, parts 3 and 4): whole sentences, the sentences that
hold what was asked, documents named in plain words, a procedure's requirements as who /
what / by when, and the timeliness arithmetic on a small bundle built here."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from bot.answer import Engine
from bot.markup import plain
from bot.sentences import SentenceBook
from config.settings import load_settings
from ingest.models import Passage
from ingest.pipeline import ingest_cases, ingest_learning
from tests.conftest import DATA, DEMO_TODAY

SCHOOL = "2018-03-29-school-report-hasleby-academy.pdf"
PRE_BIRTH = "pre-birth-assessment.md"


@pytest.fixture(scope="module")
def demo(demo_store: Path) -> Engine:
    return Engine(load_settings(store=demo_store, today=DEMO_TODAY))


def _lines(text: str) -> list[str]:
    """The answer's lines as a reader sees them, citation markers removed."""
    return [plain(line).rsplit(" [", 1)[0] for line in text.splitlines() if line.strip()]


def test_what_the_school_said_quotes_the_disclosure_and_the_plan(demo: Engine):
    answer = demo.ask("what did the school say?", "FAM-0107")
    lines = _lines(answer.answer)
    assert (
        "- The school report (Hasleby Academy), page 2, \u201cDisclosure of 9 March 2018\u201d: "
        "\u201cDuring registration Child B asked to speak to her form tutor privately. She said "
        "her dad hits Callum (Child A), 'mostly with his hand but sometimes with the belt', "
        "that Callum has to stay in his room and is 'not allowed to eat with us', and that he "
        "has not been outside 'since the summer'.\u201d"
    ) in lines
    assert (
        "- The school report (Hasleby Academy), page 2, \u201cWhat the school will do\u201d: "
        "\u201cDaily check-in with a named member of staff; breakfast club place; first-day "
        "calls for any absence; a referral to the school counsellor; and attendance at every "
        "core group meeting. The DSL will share information with Hasleby Primary weekly.\u201d"
    ) in lines
    cited = {c.record_id for c in answer.citations}
    assert {f"{SCHOOL}#4", f"{SCHOOL}#6"} <= cited
    assert SCHOOL not in answer.answer and "2018 03 29" not in answer.answer


def test_the_pre_birth_procedure_lists_who_must_do_what_by_when(demo: Engine):
    answer = demo.ask("what does the pre-birth procedure require?", "FAM-0107")
    lines = _lines(answer.answer)
    rules = "(Pre-birth assessment and planning procedure, \u201cLocal rules at a glance\u201d)"
    assert (
        "- Who: CSC. What: must decide what to do with a pre-birth referral. "
        f"By when: within one working day. {rules}"
    ) in lines
    assert (
        "- Who: any professional with concerns. What: must refer the unborn baby to CSC. "
        "By when: by 16 weeks of pregnancy, or as soon as the concern is known if that is "
        f"later. {rules}"
    ) in lines
    assert (
        "- Who: the community midwife and the health visitor. What: must attend every "
        "conference about an unborn baby. By when: no timescale given. (Pre-birth assessment "
        "and planning procedure, \u201cPre-birth child protection conference\u201d)"
    ) in lines
    # in the procedure's order, each cited to the passage its sentence is in
    assert lines.index(next(x for x in lines if "Who: CSC. What: must decide" in x)) < (
        lines.index(next(x for x in lines if "Who: Managers" in x))
    )
    assert f"{PRE_BIRTH}#2" in {c.record_id for c in answer.citations}


def test_a_timescale_question_gets_the_sentence_with_the_time(demo: Engine):
    answer = demo.ask("how soon must a pre-birth referral that nobody answers be chased?")
    assert (
        "\u201cA referrer who hears nothing back within three working days must chase the "
        "referral and, if still unresolved, escalate it.\u201d"
    ) in plain(answer.answer)


def test_a_learning_question_in_words_no_passage_holds_finds_nothing(demo: Engine):
    """The demo learning says nothing of notifying a national panel: a passage about serious
    case reviews is near in words ('serious', 'working days') but is no answer."""
    answer = demo.ask(
        "within how many working days must a serious incident be notified to the national panel"
    )
    assert answer.abstained and not answer.citations
    assert (
        "No passage of the learning corpus holds 'incident', 'notified', 'panel'" in answer.answer
    )
    kept = demo.ask("what does the pre-birth procedure require?")  # its own words: answered
    assert not kept.abstained


def test_no_sentence_is_cut_at_a_chunk_boundary():
    first = Passage(
        id="review.md#1",
        file="review.md",
        heading="Review > Learning",
        text="Practitioners should judge progress by what changes for the child. M's",
    )
    second = Passage(
        id="review.md#2",
        file="review.md",
        heading="Review > Learning",
        text="for the child. M's mother said the plan had never been explained to her.",
    )
    book = SentenceBook([first, second])
    assert [s.text for s in book.of(first.id)] == [
        "Practitioners should judge progress by what changes for the child."
    ]  # not "... for the child. M's": the sentence is quoted from the chunk that holds it
    assert [s.text for s in book.of(second.id)] == [
        "M's mother said the plan had never been explained to her."
    ]
    page = Passage(
        id="report.pdf#1",
        file="report.pdf",
        page=2,
        text="Attendance is 89%.\nThe school's view\nWe support a plan. Dr. Hale agrees.",
    )
    found = SentenceBook([page]).of(page.id)
    assert [(s.heading, s.text) for s in found] == [
        (None, "Attendance is 89%."),
        ("The school's view", "We support a plan."),
        ("The school's view", "Dr. Hale agrees."),
    ]


PROCEDURE = """---
title: Strategy discussion procedure
kind: procedure
---

# Strategy discussion procedure

## Timescales

A strategy discussion must be held within 5 working days of the referral. The social worker
must record its outcome the same day.
"""
ROWS = (
    "chr-101,2018-03-01,Children's Social Care,referral,Referral from the school about "
    "bruising.,child-a,School,professional,,,,\n"
    "chr-102,2018-03-15,Children's Social Care,strategy_discussion,Strategy discussion with "
    "police and health.,child-a,,,,,,Sam Okafor\n"
)


@pytest.fixture(scope="module")
def timed(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("timeliness")
    case = root / "cases" / "FAM-T1"
    shutil.copytree(DATA / "FAM-T1", case)
    with (case / "chronology.csv").open("a", encoding="utf-8") as chronology:
        chronology.write(ROWS)
    (root / "learning" / "procedures").mkdir(parents=True)
    (root / "learning" / "procedures" / "strategy.md").write_text(PROCEDURE, encoding="utf-8")
    settings = load_settings(store=root / "store", today=dt.date(2018, 7, 2))
    ingest_cases([root / "cases"], settings)
    ingest_learning([root / "learning"], settings)
    return Engine(settings)


def test_timeliness_states_the_days_and_the_procedures_timescale(timed: Engine):
    answer = timed.ask("was the strategy discussion held in time under the procedure?", "FAM-T1")
    lines = _lines(answer.answer)
    assert lines == [
        "Strategy discussion procedure, \u201cTimescales\u201d: \u201cA strategy discussion must "
        "be held within 5 working days of the referral.\u201d",
        "The strategy discussion: recorded on 15 Mar 2018: Strategy discussion with police and "
        "health.",
        "The referral: recorded on 1 Mar 2018: Referral from the school about bruising.",
        "The strategy discussion is recorded 14 calendar days (10 working days) after the "
        "referral; the procedure says within 5 working days of the referral.",
    ]
    cited = [c.record_id for c in answer.citations]
    assert cited == ["strategy.md#1", "chr-102", "chr-101"]
    assert not answer.abstained


S47 = "2018-03-27-section-47-assessment.md"
ICPC = "2018-04-03-icpc-minutes.docx"


def test_a_disclosure_on_a_date_is_found_under_the_pdf_heading_and_in_the_assessment(
    demo: Engine,
):
    """The PDF page's heading line 'Disclosure of 9 March 2018' is the question less whom it
    is about; the assessment holds the date the question names."""
    answer = demo.ask("what did Jade disclose on 9 March", "FAM-0107")
    assert {c.record_id for c in answer.citations} == {f"{SCHOOL}#4", f"{S47}#2"}
    assert (
        "- The school report (Hasleby Academy), page 2, \u201cDisclosure of 9 March 2018\u201d: "
        "\u201cShe said her dad hits Callum (Child A), 'mostly with his hand but sometimes with "
        "the belt', that Callum has to stay in his room and is 'not allowed to eat with us', "
        "and that he has not been outside 'since the summer'.\u201d"
    ) in _lines(answer.answer)


def test_a_rare_word_no_hit_holds_finds_its_sentence_in_another_document(demo: Engine):
    """'the joint visit' names no document ('visit' is the home visit note's): the bedroom
    is described in the assessment's section on Child A."""
    answer = demo.ask("what was in Child A's bedroom on the joint visit", "FAM-0107")
    assert f"{S47}#4" in {c.record_id for c in answer.citations}
    assert (
        "- The section 47 enquiry and assessment - the Ashdown children, \u201cChild A "
        "(Callum, 16)\u201d: \u201cHis bedroom held a mattress, a duvet without a cover and a "
        "bucket. There was a bolt on the outside of the door, the same kind of bolt that a "
        "Marlow Vale social worker asked the parents to remove in 2009.\u201d"
    ) in _lines(answer.answer)


def test_who_attended_quotes_the_lists_of_those_present_and_apologies(demo: Engine):
    answer = demo.ask("who attended the ICPC and who sent apologies", "FAM-0107")
    assert {f"{ICPC}#2", f"{ICPC}#3"} <= {c.record_id for c in answer.citations}
    lines = _lines(answer.answer)
    assert (
        "- The ICPC minutes, \u201cApologies\u201d: \u201cDr Owen Tate, GP (report provided); "
        "Kevin Dunmore, Environmental Health Officer (information sent by email); Midwifery: "
        "not invited; the GP's information about a pregnancy arrived after the invitations "
        "were sent\u201d"
    ) in lines
    present = next(line for line in lines if "\u201cPresent\u201d" in line)
    assert present.startswith(
        "- The ICPC minutes, \u201cPresent\u201d: \u201cHannah Okafor, Social Worker, Marlow "
        "Vale Children's Social Care; Mark Ellison, Team Manager"
    )
    assert present.endswith("Mother (Ms Ashdown); Father (Mr Ashdown) until 11:20\u201d")


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("what did the s47 recommend", f"{S47}#15"),  # the abbreviation names the document
        ("what did the s47 say about Poppy", f"{S47}#10"),  # her section: 'Child F (Poppy, 2)'
    ],
)
def test_an_abbreviated_document_name_finds_the_section(demo: Engine, question: str, cited: str):
    """The section, and the chronology's record of the assessment's outcome that day ('See the
    section 47 assessment.')."""
    answer = demo.ask(question, "FAM-0107")
    assert [c.record_id for c in answer.citations] == [cited, "chr-182"]


def test_a_question_names_a_document_by_abbreviation_and_a_day_by_its_date():
    from bot.document_names import naming_words
    from bot.search import day_months, tokens

    s47 = set(tokens("Section 47 enquiry and assessment - the Ashdown children"))
    assert naming_words({"s47", "recommend"}, s47, tokens) == {"s47"}
    assert naming_words({"icpc", "recommend"}, s47, tokens) == set()
    assert day_months("what did Jade disclose on 9 March") == {"9-mar"}
    assert day_months("On 9 March 2018 Child B told") == {"9-mar"}
    assert day_months("since 2016, page 9") == set()
