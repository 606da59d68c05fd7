"""Record text is rendered as text: whatever a record holds (tests/hostile.py: Markdown and HTML
images, links, frames, styles, scripts, event handlers, javascript: links, KaTeX), the answer,
every app view and the Markdown export show it as written and never as an image, a link or
HTML. The browser test (tests/test_browser.py) checks the same in Chromium, with sockets that
must receive nothing."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from google.protobuf.descriptor import FieldDescriptor
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from bot.access import LOCAL
from bot.answer import Engine
from bot.briefing import prepare, to_docx, to_markdown
from bot.markup import md, plain
from bot.records import RecordCache
from bot.ui.answer_html import answer_html
from config.settings import load_settings
from ingest.store import Store
from tests.conftest import ROOT
from tests.hostile import CASE_ID, FULL_MARKDOWN, TODAY, HostileStore, payloads, unsafe, unsafe_html

STRINGS = payloads("http://127.0.0.2:9", "http://127.0.0.1:10")
ORDINARY = [
    "Mum & Dad said the flat's rent is £450 (arrears 2 months).",
    "# not a heading\n- not a list\n1. not numbered\n> not a quote\n---",
    "snake_case_word, 3 * 4 = 12, a|b, ~tilde~, $5 and $6, \\back\\slash",
    "Email jo.bloggs@example.org; the web site www.example.org or https://example.org/x.",
]


def shown(markdown: str) -> str:
    """The text a reader sees when `markdown` is rendered: tags dropped, entities read."""
    text = html.unescape(re.sub(r"<[^>]+>", "", FULL_MARKDOWN.render(markdown)))
    return " ".join(text.replace("\u200b", "").split())


@pytest.mark.parametrize("text", STRINGS + ORDINARY)
def test_escaped_text_renders_as_exactly_the_text_and_nothing_else(text: str):
    assert unsafe(text) or text in ORDINARY  # each hostile string is dangerous unescaped
    assert unsafe(md(text)) == []
    assert shown(md(text)) == " ".join(text.split())
    assert plain(md(text)) == text


@given(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]) | st.just("\n")))
def test_any_text_escapes_to_paragraphs_only_and_back(text: str):
    escaped = md(text)
    assert plain(escaped) == text
    assert not re.search(r"<(?!/?(p|br ?/?)>)", FULL_MARKDOWN.render(escaped)), escaped


def test_line_structure_is_kept_without_becoming_markdown():
    escaped = md("Actions:\n- call the school\n- visit\nwrapped\ntext")
    assert FULL_MARKDOWN.render(escaped) == (
        "<p>Actions:<br />\n- call the school<br />\n- visit\nwrapped\ntext</p>\n"
    )


# -- the engine, the chat's HTML and the Markdown export over the hostile case -------------


@pytest.fixture(scope="module")
def engine(hostile_store: HostileStore) -> Engine:
    return Engine(load_settings(store=hostile_store.store, today=TODAY))


def test_an_answer_quotes_record_text_escaped_and_the_chat_html_holds_none_of_it(
    engine: Engine, hostile_store: HostileStore
):
    answer = engine.ask("what happened in June 2018?", case_id=CASE_ID)
    assert len(answer.citations) == len(hostile_store.strings)
    assert unsafe(answer.answer) == []
    for text in hostile_store.strings:
        assert md(text) in answer.answer
        assert text in plain(answer.answer)  # the copy button copies the words as written
    rendered = answer_html(answer.answer, [], "a0")
    assert unsafe_html(rendered) == []  # no marker buttons without sources: paragraphs only
    assert "&lt;img src=&quot;http\u200b://127.0.0.2:" in rendered  # shown as text


def test_the_markdown_briefing_escapes_record_text_and_the_docx_keeps_it(
    hostile_store: HostileStore,
):
    records = RecordCache(Store(load_settings(store=hostile_store.store).chroma_client())).case(
        CASE_ID, LOCAL
    )
    assert records is not None
    briefing = prepare("home_visit", records, TODAY)
    markdown = to_markdown(briefing, records)
    assert unsafe(markdown) == []  # even in a viewer that renders HTML
    for text in hostile_store.strings:
        assert md(f"Tenancy note {hostile_store.strings.index(text) + 1}: {text}") in markdown
    assert md(hostile_store.strings[2]) in markdown  # the professional's notes in the sources
    assert "# Home visit briefing: The Hostile family !\\[t\\]" in markdown
    paragraphs = [p.text for p in Document(io.BytesIO(to_docx(briefing, records))).paragraphs]
    assert any(hostile_store.strings[3] in p for p in paragraphs)  # Word shows text as text


# -- every view of the app (AppTest) -------------------------------------------------------

APP = str(ROOT / "streamlit_app.py")
# Proto fields Streamlit renders as Markdown: bodies, labels, tooltips, titles, option labels.
MARKDOWN_FIELDS = frozenset({"body", "label", "help", "title", "content"})


def _proto_strings(message: Any) -> Iterator[str]:
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        for item in values:
            if field.type == FieldDescriptor.TYPE_MESSAGE:
                yield from _proto_strings(item)
            elif field.type == FieldDescriptor.TYPE_STRING and field.name in MARKDOWN_FIELDS:
                yield item


def markdown_strings(app: AppTest) -> list[str]:
    """Every string of the page that Streamlit renders as Markdown, tables' cells included."""
    found: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and proto.DESCRIPTOR.name != "Html":  # st.html: the app's own CSS
            found.extend(_proto_strings(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)
    for table in app.table:
        frame = table.value
        found += [str(v) for v in frame.index] + [str(v) for v in frame.to_numpy().ravel()]
    return found


def check_view(app: AppTest, view: str) -> str:
    """No Markdown of the page gives an image, a link or HTML; the page's Markdown, joined."""
    assert not app.exception, app.exception[0].value
    page = markdown_strings(app)
    bad = {s[:80]: found for s in page if (found := unsafe(s))}
    assert bad == {}, view
    return "\n".join(page)


@pytest.fixture
def hostile_app(
    hostile_store: HostileStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AppTest:
    monkeypatch.setenv("CASEBRIEF_STORE", str(hostile_store.store))
    monkeypatch.setenv("CASEBRIEF_TODAY", TODAY.isoformat())
    monkeypatch.setenv("CASEBRIEF_CONVERSATIONS_PATH", str(tmp_path / "conversations.sqlite3"))
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params["case"] = CASE_ID
    app.run()
    return app


def _tab(app: AppTest, name: str) -> AppTest:
    app.session_state["tab"] = name
    return app.run()


def test_every_view_shows_record_text_escaped(hostile_app: AppTest, hostile_store: HostileStore):
    app, strings, host = hostile_app, hostile_store.strings, hostile_store.host.url
    title = md(f"The Hostile family ![t]({host}/title.png)")
    notes = md(f'Threatened staff. <img src="{host}/notes.png">')
    agency = md(f"Housing ![a]({host}/agency.png)")
    assert f"Ask about {title} (FAM-X1)" in check_view(app, "ask")
    app.chat_input(key="question").set_value("what happened in June 2018?").run()
    page = check_view(app, "answer")
    assert all(md(text) in page for text in strings)  # the sources' previews
    app.button(key="cite-0-4").click().run()
    assert md(f"Tenancy note 4: {strings[3]}") in check_view(app, "record dialog")  # its fields
    app.button(key="record-close").click().run()
    page = check_view(_tab(app, "Overview"), "overview")
    assert notes in page and agency in page  # a member's note as a tooltip; an agency
    app.button(key="member-mother").click().run()
    assert notes in check_view(app, "overview record")
    app.button(key="record-close").click().run()
    page = check_view(_tab(app, "Timeline"), "timeline")
    assert agency in page  # a pill
    _tab(app, "Briefings").button(key="prepare-briefing").click().run()
    page = check_view(app, "briefing preview")
    assert all(md(text) in page for text in strings)
    _tab(app, "Learning").text_input(key="learning-query").set_value("rent arrears").run()
    page = check_view(app, "learning search")
    assert md(f"Rent arrears guidance ![g]({host}/learning-title.png)") in page
    assert md(strings[0]) in page
    app.button(key=next(b.key for b in app.button if (b.key or "").startswith("open-"))).click()
    page = check_view(app.run(), "learning document")
    assert all(md(text) in page for text in strings)
