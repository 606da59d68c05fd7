"""The Streamlit app driven by AppTest over the ingested demo data: questions, citations opening
the source viewer, follow-ups, switching case, abstentions, the overview and briefings."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bot.citations import parse_markers
from bot.ui.state import Exchange, PreparedBriefing
from tests.conftest import DEMO_TODAY, ROOT

APP = str(ROOT / "streamlit_app.py")


@pytest.fixture(autouse=True)
def demo_env(demo_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBRIEF_STORE", str(demo_store))
    monkeypatch.setenv("CASEBRIEF_TODAY", DEMO_TODAY.isoformat())


def start(case: str | None = "FAM-0107") -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    if case:
        app.query_params["case"] = case
    return app.run()


def ask(app: AppTest, question: str) -> Exchange:
    app.chat_input(key="question").set_value(question).run()
    assert not app.exception, app.exception[0].value
    return app.session_state["chat"][-1]


def cite_buttons(app: AppTest, number: int) -> list:
    return [b for b in app.button if (b.key or "").startswith(f"cite-{number}-")]


def viewer_heading(app: AppTest) -> list[str]:
    return [m.value for m in app.markdown if m.value.startswith("#### `")]


def test_question_shows_cited_answer_and_numbered_sources():
    app = start()
    assert app.selectbox(key="case").value == "FAM-0107"
    exchange = ask(app, "who is the lead professional?")
    answer = exchange.answer
    assert answer is not None and not answer.abstained
    assert answer.citations[0].record_id == "pro-029"
    assistant = app.chat_message[1]
    assert "[1]" in assistant.markdown[0].value
    labels = [b.label for b in cite_buttons(app, 0)]
    assert labels[0] == "**[1]** pro-029 · professional · 2018-03-09 · professionals.csv row 30"
    assert len(labels) == len(answer.citations)
    assert exchange.seconds < 1.0  # warm engine: built once per server


def test_citation_opens_the_whole_record_in_the_source_viewer():
    app = start()
    ask(app, "who is the lead professional?")
    cite_buttons(app, 0)[0].click().run()
    assert "#### `pro-029`" in viewer_heading(app)
    fields = dict(zip(app.table[0].value["field"], app.table[0].value["value"], strict=True))
    assert fields["name"] == "Hannah Okafor"
    assert fields["file"] == "professionals.csv" and fields["row"] == "30"
    assert fields["lead"] == "yes"
    assert any("professionals.csv row 30" in c.value for c in app.caption)


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
    app.sidebar.button[0].click().run()  # New conversation
    assert app.session_state["chat"] == []


def test_url_preselects_the_case_and_switching_case_starts_again():
    app = start("FAM-0215")
    assert app.selectbox(key="case").value == "FAM-0215"
    assert ask(app, "who is the lead professional?").answer.citations[0].record_id == "pro-005"
    app.selectbox(key="case").select("FAM-0107").run()
    assert app.session_state["chat"] == []
    assert app.query_params["case"] in ("FAM-0107", ["FAM-0107"])
    answer = ask(app, "who is the lead professional?").answer
    assert answer.case_id == "FAM-0107" and answer.citations[0].record_id == "pro-029"


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
    cite_buttons(app, 0)[0].click().run()
    fields = dict(zip(app.table[0].value["field"], app.table[0].value["value"], strict=True))
    assert fields["kind"] == "passage" and fields["learning_kind"] == "guidance"
    assert "Was not brought" in fields["heading"]


def test_overview_figure_opens_the_records_behind_it():
    app = start()
    missed = app.button(key="child-child-f-Missed appointments")
    assert missed.label.endswith("4")
    missed.click().run()
    viewer = app.session_state["viewers"]["overview"]
    assert viewer.ids == ["apt-060", "apt-066", "apt-068", "apt-069"]  # as "which did Poppy miss?"
    assert app.selectbox(key=f"overview-pick-{viewer.version}").value == viewer.ids[0]
    assert f"#### `{viewer.ids[0]}`" in viewer_heading(app)
    lead = app.button(key="fig-Lead professional")
    lead.click().run()
    assert "#### `pro-029`" in viewer_heading(app)


def test_briefing_export_cites_every_line_and_lists_its_sources():
    app = start()
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
    assert "## Open actions" in meeting and "## Attendance at appointments" in meeting


def test_learning_explorer_groups_hits_and_opens_a_whole_document():
    app = start()
    app.text_input(key="learning-query").input("was not brought").run()
    app.button(key="open-was-not-brought.md").click().run()
    assert app.session_state["learning_doc"] == "was-not-brought.md"
    shown = [m.value for m in app.markdown]
    assert '##### Why "was not brought"' in shown
    assert "##### Cancellations and rescheduling" in shown
