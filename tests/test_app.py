"""The Streamlit app driven by AppTest over the ingested demo data: questions, plain source
labels, the record dialog, follow-ups, conversations kept across a reload, the warning before
a case switch, refused links, long questions, the overview, the timeline and briefings."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bot.citations import parse_markers
from bot.ui.state import Exchange, PreparedBriefing
from tests.conftest import DEMO_TODAY, ROOT

APP = str(ROOT / "streamlit_app.py")
LEAD = "Professional, Hannah Okafor, Social Worker, Marlow Vale Children's Social Care"


@pytest.fixture(autouse=True)
def demo_env(demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared demo store (read only); each test its own saved conversations."""
    monkeypatch.setenv("CASEBRIEF_STORE", str(demo_store))
    monkeypatch.setenv("CASEBRIEF_TODAY", DEMO_TODAY.isoformat())
    conversations = tmp_path / "conversations.sqlite3"
    monkeypatch.setenv("CASEBRIEF_CONVERSATIONS_PATH", str(conversations))
    return conversations


def start(case: str | None = "FAM-0107") -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    if case:
        app.query_params["case"] = case
    app.run()
    assert not app.exception, app.exception[0].value
    return app


def open_tab(app: AppTest, name: str) -> AppTest:
    """Select a tab (only the open tab is drawn)."""
    app.session_state["tab"] = name
    app.run()
    assert not app.exception, app.exception[0].value
    return app


def ask(app: AppTest, question: str) -> Exchange:
    app.chat_input(key="question").set_value(question).run()
    assert not app.exception, app.exception[0].value
    return app.session_state["chat"][-1]


def cite_buttons(app: AppTest, number: int) -> list:
    return [b for b in app.button if (b.key or "").startswith(f"cite-{number}-")]


def record_headings(app: AppTest) -> list[str]:
    return [m.value.removeprefix("### ") for m in app.markdown if m.value.startswith("### ")]


def record_fields(app: AppTest) -> dict[str, str]:
    table = app.table[0].value
    return dict(zip(table.index, table["Value"], strict=True))


def test_question_shows_cited_answer_with_plain_source_labels():
    app = start()
    assert app.selectbox(key="case").value == "FAM-0107"
    exchange = ask(app, "who is the lead professional?")
    answer = exchange.answer
    assert answer is not None and not answer.abstained
    assert answer.citations[0].record_id == "pro-029"
    [first, *_] = cite_buttons(app, 0)
    assert first.label == f"[1] {LEAD}"
    assert "pro-029 · professionals.csv row 30" in first.help  # the technical id as a detail
    assert len(cite_buttons(app, 0)) == len(answer.citations)
    assert exchange.seconds < 1.0  # warm engine: built once per server


def test_a_source_opens_the_whole_record_in_a_dialog_and_closes():
    app = start()
    ask(app, "who is the lead professional?")
    cite_buttons(app, 0)[0].click().run()
    assert record_headings(app) == [LEAD]
    assert any("pro-029 · professionals.csv row 30 · case FAM-0107" in c.value for c in app.caption)
    fields = record_fields(app)
    assert fields["Name"] == "Hannah Okafor"
    assert fields["Lead professional"] == "yes"
    assert fields["From"] == "9 Mar 2018"
    assert not {"file", "row", "kind", "child_seen"} & set(fields)  # no field names as in files
    app.button(key="record-close").click().run()
    assert app.session_state["viewer"] is None
    assert record_headings(app) == []


def test_follow_up_question_uses_the_conversation():
    app = start()
    first = ask(app, "what appointments were missed?")
    follow = ask(app, "and which of those were dental?")
    assert first.answer and follow.answer
    first_ids = {c.record_id for c in first.answer.citations}
    follow_ids = {c.record_id for c in follow.answer.citations}
    assert follow_ids and follow_ids < first_ids
    assert len(app.chat_message) == 4
    app.button(key="suggest-0").click().run()  # suggestions stay available after a question
    assert len(app.session_state["chat"]) == 3
    app.button(key="new-conversation").click().run()
    assert app.session_state["chat"] == []
    assert start().session_state["chat"] == []  # cleared for good, not only on screen


def test_conversation_survives_a_reload_and_still_follows_up():
    first = ask(start(), "what appointments were missed?")
    reloaded = start()  # a new browser session, as after a reload
    kept = reloaded.session_state["chat"]
    assert [e.question for e in kept] == ["what appointments were missed?"]
    assert kept[0].answer == first.answer
    assert kept[0].answer.turn is not None  # the follow-up context came back too
    assert len(cite_buttons(reloaded, 0)) == len(first.answer.citations)
    follow = ask(reloaded, "and which of those were dental?")
    follow_ids = {c.record_id for c in follow.answer.citations}
    assert follow_ids and follow_ids < {c.record_id for c in first.answer.citations}
    assert start("FAM-0215").session_state["chat"] == []  # kept per case


def test_switching_case_warns_first_and_keeps_the_conversation():
    app = start("FAM-0215")
    assert ask(app, "who is the lead professional?").answer.citations[0].record_id == "pro-005"
    app.selectbox(key="case").select("FAM-0107").run()
    assert app.session_state["pending_case"] == "FAM-0107"
    assert app.selectbox(key="case").value == "FAM-0215"  # nothing switched yet
    assert any("closes this conversation about case FAM-0215" in m.value for m in app.markdown)
    app.button(key="switch-cancel").click().run()
    assert app.session_state["pending_case"] is None
    assert len(app.session_state["chat"]) == 1
    app.selectbox(key="case").select("FAM-0107").run()
    app.button(key="switch-confirm").click().run()
    assert app.selectbox(key="case").value == "FAM-0107"
    assert app.session_state["chat"] == []
    assert app.query_params["case"] in ("FAM-0107", ["FAM-0107"])
    answer = ask(app, "who is the lead professional?").answer
    assert answer.case_id == "FAM-0107" and answer.citations[0].record_id == "pro-029"
    app.selectbox(key="case").select("FAM-0215").run()
    app.button(key="switch-confirm").click().run()
    assert [e.question for e in app.session_state["chat"]] == ["who is the lead professional?"]
    assert app.session_state["chat"][0].answer.case_id == "FAM-0215"


def test_unknown_case_in_the_link_shows_a_message_and_no_case():
    app = start("FAM-9999")
    assert [e.value for e in app.error] == [
        "Case FAM-9999 is not available: there is no such case, or you are not allowed to "
        "see it. No case is open."
    ]
    assert app.selectbox(key="case").value is None
    assert not app.tabs
    assert not [m for m in app.markdown if "Ashdown" in m.value or "Brierley" in m.value]
    app.selectbox(key="case").select("FAM-0107").run()
    assert len(app.tabs) == 5 and not app.error
    assert app.query_params["case"] in ("FAM-0107", ["FAM-0107"])


def test_a_long_question_is_refused_politely_without_a_figure():
    app = start()
    question = ("Tell me everything about the appointments of Child A, " * 60).strip()
    assert len(question) > 3000
    exchange = ask(app, question)
    assert exchange.answer is None and exchange.notice is not None
    assert f"{len(question):,} characters" in exchange.notice
    assert "up to 500 characters" in exchange.notice
    shown = [w.value for w in app.chat_message[1].warning]
    assert shown == [exchange.notice]
    assert not [m for m in app.chat_message[1].markdown if "missed" in m.value]
    assert app.chat_message[0].markdown[0].value.endswith(f"({len(question):,} characters)")
    assert ask(app, "who is the lead professional?").answer is not None  # carries on


def test_abstention_is_a_warning_that_says_what_was_searched():
    app = start()
    exchange = ask(app, "what is the capital of France?")
    assert exchange.answer is not None and exchange.answer.abstained
    warning = app.chat_message[1].warning[0].value
    assert warning.startswith("I found no records that answer this.")
    assert "Searched:" in warning and "FAM-0107" in warning
    assert cite_buttons(app, 0) == []


def test_learning_corpus_only_answers_from_guidance_and_opens_the_passage():
    app = start()
    app.selectbox(key="case").select("").run()
    answer = ask(app, "What should happen when a child is not brought to an appointment?").answer
    assert answer is not None and answer.case_id is None
    assert all(c.record_id.startswith("was-not-brought.md#") for c in answer.citations)
    assert cite_buttons(app, 0)[0].label.startswith(
        "[1] Was not brought: responding when children miss health appointments (guidance)"
    )
    cite_buttons(app, 0)[0].click().run()
    assert any("learning corpus" in c.value for c in app.caption)
    assert record_fields(app)["Kind of document"] == "guidance"


def test_every_tab_has_a_heading_and_only_the_open_tab_is_drawn():
    app = start()
    assert [t.label for t in app.tabs] == ["Ask", "Overview", "Timeline", "Briefings", "Learning"]
    headings = {}
    for tab in ("Ask", "Overview", "Timeline", "Briefings", "Learning"):
        headings[tab] = [h.value for h in open_tab(app, tab).header]
    assert headings == {
        "Ask": ["Ask about The Ashdown family (FAM-0107)"],
        "Overview": ["Overview: The Ashdown family (FAM-0107)"],
        "Timeline": ["Timeline"],
        "Briefings": ["Briefings"],
        "Learning": ["Learning: reviews, procedures and guidance"],
    }


def test_overview_figure_opens_the_records_behind_it():
    app = open_tab(start(), "Overview")
    missed = app.button(key="child-child-f-Missed appointments")
    assert missed.label == "4"
    missed.click().run()
    viewer = app.session_state["viewer"]
    assert viewer.ids == ["apt-060", "apt-066", "apt-068", "apt-069"]  # as "which did Poppy miss?"
    picker = app.selectbox(key=f"record-pick-{viewer.version}")
    assert picker.value == viewer.ids[0]
    assert record_headings(app) == [
        "Appointment, 18 Oct 2016, Marlow Vale Health Visiting (9-12 month developmental review)"
    ]
    app.button(key="fig-lead").click().run()
    assert record_headings(app) == [LEAD]


def test_overview_explains_moves_and_gives_ages_in_years_and_months():
    app = open_tab(start(), "Overview")
    shown = " ".join(m.value for m in app.markdown) + " ".join(c.value for c in app.caption)
    assert "13 in the chronology · 12 between recorded addresses" in shown
    assert "the move into the first recorded address (Harrowdene, 15 Nov 2004)" in shown
    assert "7 years 10 months" in shown  # Child D, not "7½"
    assert "34 years" in shown and "34½" not in shown  # Mother


def test_timeline_groups_agencies_into_families_with_a_toggle_each():
    app = open_tab(start(), "Timeline")
    health = app.checkbox(key="family-FAM-0107-Health")
    assert health.value
    pills = app.button_group(key="agencies-FAM-0107-Health")
    assert "CAMHS" in pills.value and len(pills.value) == 13
    health.uncheck().run()
    assert app.button_group(key="agencies-FAM-0107-Health").value == []
    assert any("Agencies: 26 of 39 shown" in e.label for e in app.expander)
    police = app.button_group(key="agencies-FAM-0107-Police")
    assert police.value == ["Police", "Police (Public Protection Unit)"]
    police.set_value(["Police (Public Protection Unit)"]).run()
    assert any("Agencies: 25 of 39 shown" in e.label for e in app.expander)
    app.button_group(key="agencies-FAM-0107-Police").set_value([]).run()
    assert not app.checkbox(key="family-FAM-0107-Police").value  # no agency left: family off
    app.checkbox(key="family-FAM-0107-Health").check().run()
    assert len(app.button_group(key="agencies-FAM-0107-Health").value) == 13


def test_timeline_period_presets_zoom_the_chart():
    app = open_tab(start(), "Timeline")
    key = "timeline-period-FAM-0107"
    whole = app.session_state[key]
    app.button_group(key="timeline-preset").set_value("Last 12 months").run()
    start_day, end_day = app.session_state[key]
    assert end_day == whole[1] and (end_day - start_day).days <= 366
    assert start_day > whole[0]
    assert any(f"from {start_day.day} {start_day:%b %Y}" in c.value for c in app.caption)


def test_briefing_export_cites_every_line_and_lists_its_sources():
    app = open_tab(start(), "Briefings")
    app.button(key="prepare-briefing").click().run()
    assert not app.exception
    ready: PreparedBriefing = app.session_state["briefing"]
    markdown = ready.markdown
    assert markdown.startswith("# Home visit briefing: The Ashdown family (FAM-0107)")
    body, _, sources = markdown.partition("## Sources")
    numbered = {int(line[1 : line.index("]")]) for line in sources.split("\n") if line[:1] == "["}
    bullets = [line for line in body.splitlines() if line.startswith("- ")]
    assert bullets and all(parse_markers(line) for line in bullets)
    assert set().union(*(parse_markers(line) for line in bullets)) == numbered
    assert "[1] addr-13 (address, case.yaml, 2017-07-17)" in sources
    assert ready.docx[:2] == b"PK"
    downloads = app.get("download_button")
    assert len(downloads) == 2
    app.radio(key="briefing-kind").set_value("meeting").run()
    app.button(key="prepare-briefing").click().run()
    meeting = app.session_state["briefing"].markdown
    assert meeting.startswith("# Multi-agency meeting briefing")
    assert "## Decisions and actions since" in meeting
    assert "## Attendance at appointments" in meeting


def test_learning_explorer_groups_hits_and_opens_a_whole_document():
    app = open_tab(start(), "Learning")
    app.text_input(key="learning-query").input("was not brought").run()
    app.button(key="open-was-not-brought.md").click().run()
    assert app.session_state["learning_doc"] == "was-not-brought.md"
    assert app.selectbox(key="learning-pick").value == "was-not-brought.md"  # says what is open
    shown = [m.value for m in app.markdown]
    assert '##### Why "was not brought"' in shown
    assert "##### Cancellations and rescheduling" in shown
