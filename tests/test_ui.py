"""The app's pure parts: plain source labels, answers as safe HTML with marker buttons, the
record viewer's words, saved conversations, and the timeline's period presets."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.answer import Engine
from bot.citations import plain_label, technical_detail
from bot.cli import app
from bot.conversations import UNREADABLE, ConversationStore, Exchange
from bot.records import RecordCache, Records
from bot.types import Answer
from bot.ui.answer_html import SourceLabel, answer_html, answer_text, preview_of
from bot.ui.ask_tab import announcement
from bot.ui.sources import field_value, source_view
from bot.ui.timeline_tab import preset_period
from config.settings import load_settings
from ingest.models import Outcome
from ingest.pipeline import ingest_cases
from tests.conftest import DEMO_TODAY

# -- plain labels -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("record_id", "label"),
    [
        ("2018-03-29-school-report-hasleby-academy.pdf#4", "School report, Hasleby Academy, "
         "29 Mar 2018, page 2"),
        ("chr-119", "Chronology, 14 Oct 2014, Marlow Vale Children's Social Care"),
        ("pro-029", "Professional, Hannah Okafor, Social Worker, Marlow Vale Children's Social "
         "Care"),
        ("addr-13", "Address, Hasleby, from 17 Jul 2017"),
        ("child-f", "Family member, Child F"),
        ("2018-04-03-icpc-minutes.docx#2", "Initial Child Protection Conference: minutes, "
         "3 Apr 2018 — Present"),
    ],
)  # fmt: skip
def test_sources_have_plain_labels(ashdown: Records, record_id: str, label: str):
    assert plain_label(ashdown.by_id[record_id], ashdown) == label


def test_appointment_label_and_the_technical_detail_kept_apart(ashdown: Records):
    record = ashdown.by_id["apt-060"]
    label = plain_label(record, ashdown)
    assert label == (
        "Appointment, 18 Oct 2016, Marlow Vale Health Visiting (9-12 month developmental review)"
    )
    assert "apt-060" not in label and ".csv" not in label
    assert technical_detail(record) == "apt-060 · appointments.csv row 61"


def test_learning_labels_name_the_document_and_section(demo_records: RecordCache):
    learning = demo_records.learning()
    assert learning is not None
    labels = {plain_label(p, learning) for p in learning.passages}
    assert "Serious Case Review: Family K (six children) — Main findings" in labels
    assert any(
        label.startswith("Was not brought: responding when children miss health appointments "
                         "(guidance) — ")
        for label in labels
    )  # fmt: skip


def test_record_viewer_uses_words_not_field_names(ashdown: Records):
    view = source_view(ashdown, "chr-119")
    fields = dict(view.fields)
    assert "Child seen" in fields and "child_seen" not in fields
    assert "alone" in fields["Child seen"] and "Child A" in fields["Child seen"]
    assert fields["Date"] == "14 Oct 2014"
    assert "_" not in fields["Event type"]
    assert view.detail == "chr-119 · chronology.csv row 120"
    assert field_value("outcome", Outcome.CANCELLED_BY_FAMILY, ashdown) == "cancelled by family"
    assert field_value("lead", True, ashdown) == "yes"


# -- answers as HTML -----------------------------------------------------------------------------

SOURCES = [
    SourceLabel(marker=n, label=f"Record {n}", detail=f"id-{n}", preview="p") for n in (1, 2, 3)
]


def test_markers_become_buttons_with_a_preview_each():
    html = answer_html("Seen on 3 Mar [1]. Visits [2]–[3].", SOURCES, "a0")
    assert html.count('class="cb-cite"') == 3
    assert 'data-marker="2"' in html and 'data-marker="3"' in html  # a pair opens each record
    assert html.count('role="tooltip"') == 3
    run = answer_html("All of them [1]–[3].", SOURCES, "a9")
    assert run.count('class="cb-cite"') == 2 and "</span></span>–<span" in run  # [1]–[3]
    ids = [part.split('"')[0] for part in html.split('id="')[1:]]
    assert len(ids) == len(set(ids))  # every preview its own id


def test_record_text_in_an_answer_is_escaped_never_markup():
    html = answer_html("The letter said “<script>alert(1)</script>” [1] [7]", SOURCES, "a1")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "[7]" in html and 'data-marker="7"' not in html  # no record: plain text
    link = answer_html("[click](javascript:alert(1)) [1]", SOURCES, "a2")
    assert "href" not in link  # shown as text, never a link


def test_copied_text_has_the_answer_and_its_sources():
    text = answer_text("Seen on 3 Mar [1].", SOURCES[:1])
    assert text == "Seen on 3 Mar [1].\n\nSources:\n[1] Record 1 (id-1)"
    assert preview_of("word " * 100, 20) == "word word word word …"


# -- conversations --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real(demo_store: Path) -> tuple[Answer, Answer]:
    """Two real answers (with their follow-up context) from the engine over the demo store."""
    engine = Engine(load_settings(store=demo_store, today=DEMO_TODAY))
    case = engine.ask("what appointments were missed?", "FAM-0107")
    learning = engine.ask("What should happen when a child is not brought to an appointment?")
    assert case.turn is not None and learning.turn is not None
    return case, learning


@pytest.fixture
def store(tmp_path: Path) -> ConversationStore:
    return ConversationStore(f"sqlite:///{tmp_path / 'conversations.sqlite3'}")


def test_conversations_are_kept_per_user_and_case(
    store: ConversationStore, real: tuple[Answer, Answer]
):
    first = Exchange(question="q1", answer=real[0], seconds=0.2)
    store.append("pat", "FAM-X", first)
    store.append("pat", "FAM-X", Exchange(question="too long", notice="Please ask less."))
    store.append("pat", None, Exchange(question="q3", answer=real[1]))
    store.append("ada", "FAM-X", Exchange(question="q4", error="Not allowed."))
    kept = store.exchanges("pat", "FAM-X")
    assert [e.question for e in kept] == ["q1", "too long"]
    assert kept[0].answer == first.answer and kept[0].answer.turn == first.answer.turn
    assert kept[1].notice == "Please ask less."
    assert [e.question for e in store.exchanges("pat", None)] == ["q3"]
    assert [e.error for e in store.exchanges("ada", "FAM-X")] == ["Not allowed."]
    store.clear("pat", "FAM-X")
    assert store.exchanges("pat", "FAM-X") == []
    assert store.forget_case("FAM-X") == 1  # ada's
    assert store.exchanges("ada", "FAM-X") == [] and store.exchanges("pat", None)


def test_a_row_another_version_wrote_is_shown_as_such(
    store: ConversationStore, real: tuple[Answer, Answer]
):
    store.append("pat", "FAM-X", Exchange(question="q1", answer=real[0]))
    with sqlite3.connect(store.db.path) as db:
        body = json.loads(db.execute("SELECT body FROM exchanges").fetchone()[0])
        body["answer"]["citations"] = "not a list"
        db.execute("UPDATE exchanges SET body = ?", (json.dumps(body),))
    [kept] = store.exchanges("pat", "FAM-X")
    assert kept.question == "q1" and kept.answer is None and kept.error == UNREADABLE


def test_migrations_run_once(tmp_path: Path):
    ConversationStore(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    ConversationStore(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    with sqlite3.connect(tmp_path / "c.sqlite3") as db:
        assert db.execute("SELECT name FROM _migrations").fetchall() == [("m001_create_exchanges",)]


def test_the_live_region_announces_the_newest_answer(real: tuple[Answer, Answer]):
    exchanges = [Exchange(question="q1", answer=real[0]), Exchange(question="q2", notice="N")]
    assert announcement(exchanges) == "Answer 2: N"
    assert announcement(exchanges[:1]) == f"Answer 1: {real[0].answer}"
    assert announcement([]) == ""


# -- timeline period ------------------------------------------------------------------------------


def test_period_presets_end_on_the_last_record():
    bounds = (dt.date(2004, 11, 15), dt.date(2018, 6, 29))
    assert preset_period(bounds, "Whole case") == bounds
    assert preset_period(bounds, "Last 12 months") == (dt.date(2017, 6, 28), dt.date(2018, 6, 29))
    assert preset_period(bounds, "Last 5 years")[0] == dt.date(2013, 6, 28)
    assert preset_period((dt.date(2018, 1, 1), dt.date(2018, 6, 1)), "Last 2 years")[0] == (
        dt.date(2018, 1, 1)
    )


def test_forget_removes_the_saved_conversations_about_the_case(
    bundle: Path, cli: CliRunner, real: tuple[Answer, Answer]
):
    settings = load_settings()
    ingest_cases([bundle], settings)
    saved = ConversationStore(settings.conversations_url())
    saved.append("pat", "FAM-T1", Exchange(question="q1", answer=real[0]))
    saved.append("pat", "FAM-0107", Exchange(question="q2", answer=real[0]))
    result = cli.invoke(app, ["forget", "FAM-T1"])
    assert result.exit_code == 0, result.output
    assert saved.exchanges("pat", "FAM-T1") == []
    assert [e.question for e in saved.exchanges("pat", "FAM-0107")] == ["q2"]
