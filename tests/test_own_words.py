"""Questions nobody wrote down (issue 8), read by general mechanisms: a word of an agency's name
used as the question's own word ('reported missing'); what an abbreviation stands for, said by
records ('RHI'); a follow-up about other records than 'those'; a real word mistyped for another
('last sen'); an abbreviation read out for the classifier ('SW'); a negated noun ('couldn't get
an answer'); a statement before the question; the first part of a question read on its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answer import Answer, Engine
from config.settings import load_settings
from tests.conftest import DATA, DEMO_TODAY

# A fictional family whose missing episodes are recorded by the police, whose return home
# interviews are recorded by a team named for missing children, and whose other records
# mention 'missing' without being an episode.
PROFESSIONALS = [
    "prof-04,Jo Marsh,Missing and Exploitation Worker,"
    "Westmoor Safe Steps (Missing and Exploitation Team),child-a,2018-03-01,,01632 960004,,,,",
    "prof-05,PC Rae Dunn,Missing Persons Coordinator,Northvale Police,child-a,2018-03-01,,"
    "01632 960005,,,,",
]
CHRONOLOGY = [
    "chr-005,2018-04-02,Northvale Police,police,Mother reported Child A missing at 22:00; found "
    "the next morning at Westmoor station.,child-a,mother,family,Missing person report,,,",
    "chr-006,2018-04-04,Westmoor Safe Steps,note,Return home interview two days after his "
    "return; Child A seen alone.,child-a,,,,,child-a:alone,Jo Marsh",
    "chr-007,2018-04-20,Children's Social Care,conference,Review conference: concerns include "
    "Child A's missing episodes.,child-a,,,,,,",
    "chr-008,2018-05-11,Northvale Police,police,Child A reported missing by mother after "
    "school; found at 23:00 in Eastfield.,child-a,mother,family,Missing person report,,,",
    "chr-009,2018-05-19,Westmoor Missing Children Service,note,Return home interview offered "
    "eight days after his return; Child A declined.,child-a,,,,,,Jo Marsh",
    "chr-010,2018-06-01,Children's Social Care,strategy_discussion,Strategy discussion about "
    "exploitation risk; a missing-episode flag agreed.,child-a,,,,,,",
]


@pytest.fixture(scope="module")
def missing_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    from ingest.pipeline import ingest_cases

    root = tmp_path_factory.mktemp("missing-episodes")
    bundle = root / "cases" / "FAM-T9"  # its own case id: no other test's FAM-T1 versions
    shutil.copytree(DATA / "FAM-T1", bundle)
    case = bundle / "case.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("case_id: FAM-T1", "case_id: FAM-T9"),
        encoding="utf-8",
    )
    for name, rows in (("professionals.csv", PROFESSIONALS), ("chronology.csv", CHRONOLOGY)):
        path = bundle / name
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(text + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    settings = load_settings(store=root / "store", today=DEMO_TODAY)
    ingest_cases([root / "cases"], settings)
    return Engine(settings)


@pytest.fixture(scope="module")
def engine(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    private = tmp_path_factory.mktemp("own-words-engine")
    return Engine(
        load_settings(
            store=demo_store,
            today=DEMO_TODAY,
            audit_path=private / "audit.sqlite3",
            conversations_path=private / "conversations.sqlite3",
        )
    )


def cited(answer: Answer) -> set[str]:
    return {c.record_id for c in answer.citations}


def test_a_word_of_an_agency_name_is_the_question_own_word(missing_engine: Engine):
    answer = missing_engine.ask("how many times has Ash been reported missing?", "FAM-T9")
    assert answer.request.asks[0].said == ("reported missing",)
    assert answer.request.asks[0].agency_or_role == ()
    assert cited(answer) == {"chr-005", "chr-008"}  # not the conference, the RHIs, the strategy
    assert "2 times: 2 chronology records match" in answer.answer


def test_a_follow_up_naming_what_none_of_those_say_asks_about_other_records(
    missing_engine: Engine,
):
    first = missing_engine.ask("how many times has Ash been reported missing?", "FAM-T9")
    assert first.turn is not None
    follow = missing_engine.ask(
        "were RHIs done within 72 hours for all of those?",
        "FAM-T9",
        conversation=[first.turn],
    )
    ask = follow.request.asks[0]
    assert ask.said == ("return home interview",) and ask.restrict_to == ()
    assert {"chr-006", "chr-009"} <= cited(follow)
    assert "eight days after" in follow.answer


def test_a_qualifier_of_a_name_with_the_word_after_it_still_names_it(missing_engine: Engine):
    answer = missing_engine.ask("who is the missing persons coordinator?", "FAM-T9")
    ask = answer.request.asks[0]
    assert "missing persons coordinator" in ask.agency_or_role and ask.said == ()


def test_a_real_word_mistyped_for_another_is_read_by_its_neighbours(engine: Engine):
    answer = engine.ask("when was Poppy last sen?", "FAM-0107")
    assert answer.request.asks[0].about == "last_seen"
    assert "'sen' as 'seen'" in answer.answer
    assert "chr-193" in cited(answer)


def test_an_abbreviation_is_read_out_when_the_reading_is_unsure(engine: Engine):
    answer = engine.ask("all the Marlow Vale SWs over the years", "FAM-0107")
    assert answer.request.asks[0].about == "people_involved"
    assert {"pro-008", "pro-010", "pro-016", "pro-020", "pro-029"} <= cited(answer)


def test_a_negated_noun_and_a_statement_before_the_question(engine: Engine):
    answer = engine.ask(
        "I'm reviewing how often workers got in; for 2015, can you list the visits where they "
        "couldn't get an answer at the door?",
        "FAM-0107",
    )
    (ask,) = answer.request.asks
    assert ask.about == "events" and [t.value for t in ask.event_types] == ["no_access_visit"]
    assert cited(answer) == {"chr-126", "chr-133", "chr-140"}


def test_the_first_part_is_read_on_its_own(engine: Engine):
    answer = engine.ask(
        "What was in the fridge on 22 May, and who is the social worker's team manager?",
        "FAM-0107",
    )
    assert [a.about for a in answer.request.asks][1] == "people_involved"
    assert {"2018-05-22-home-visit-note.txt#2", "pro-030"} <= cited(answer)


def test_seen_on_their_own_is_seen_alone():
    from bot.understand.vocabulary import says_alone

    assert says_alone("has anyone seen them on their own lately")
    assert says_alone("was he seen 1:1")
    assert not says_alone("when was she last seen")


def test_a_term_read_two_ways_is_absent_only_when_neither_is_there():
    from bot.understand.names import absent_agencies

    case = "dunmere community mental health team; mental health assessment"
    assert absent_agencies(("camhs", "mental health assessment"), case) == []
    assert absent_agencies(("probation",), case) == ["probation"]


def test_a_question_naming_the_procedure_reads_the_procedure(engine):
    answer = engine.ask(
        "how often should the social worker visit under the procedure?", "FAM-0107", None
    )
    assert answer.request.asks[0].about in ("procedure", "learning")


def test_who_naming_an_agency_of_the_case_asks_its_people(engine):
    answer = engine.ask("who did mum see from the community mental health team?", "FAM-0215", None)
    assert answer.request.asks[0].about == "people_involved"
    assert [c.record_id for c in answer.citations] == ["pro-006"]


@pytest.mark.parametrize(
    ("question", "shape"),
    [
        ("what did child A say about home in the s47?", "quote"),  # their own words
        ("what happened at the core group on 17 april?", "detail"),  # the one of that day
        ("address at the time of the ICPC?", "detail"),
        ("what happened at the core groups in may?", "list"),  # plural: every one
    ],
)
def test_the_shape_of_what_is_said_and_of_one_day(engine, question: str, shape: str):
    ask = engine.ask(question, "FAM-0107", None).request.asks[0]
    assert ask.shape == shape
