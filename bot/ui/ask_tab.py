"""The Ask tab: the conversation, each answer with clickable [n] markers and its sources in
plain words, suggested questions and the question box."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from bot.conversations import Exchange
from bot.markup import md, plain
from bot.records import Records
from bot.types import Answer
from bot.ui import state
from bot.ui.answer_html import SourceLabel, answer_html, answer_text
from bot.ui.components import announcer, cited_answer
from bot.ui.sources import records_for, source_label
from bot.ui.suggestions import suggested_questions

SHOWN_QUESTION_CHARS = 600


def _labels(answer: Answer, case: Records | None, learning: Records | None) -> list[SourceLabel]:
    return [source_label(c, records_for(c.case_id, case, learning)) for c in answer.citations]


def draw_sources(answer: Answer, labels: list[SourceLabel], number: int) -> None:
    """The numbered sources under an answer; each opens its record (mouse or keyboard)."""
    count = len(answer.citations)
    with st.expander(f"Sources ({count})", expanded=count <= 10), st.container(gap=None):
        for cited, label in zip(answer.citations, labels, strict=True):
            st.button(
                f"[{cited.marker}] {md(label.label)}",  # [n] alone is no link
                key=f"cite-{number}-{cited.marker}",
                help=f"{md(label.preview)}\n\n{md(label.detail)}",
                on_click=state.open_citation,
                args=(cited,),
                type="tertiary",
            )


def shown_question(question: str) -> str:
    if len(question) <= SHOWN_QUESTION_CHARS:
        return question
    return f"{question[:SHOWN_QUESTION_CHARS]}… ({len(question):,} characters)"


def draw_exchange(
    exchange: Exchange, number: int, case: Records | None, learning: Records | None
) -> None:
    with st.chat_message("user"):
        st.markdown(md(shown_question(exchange.question)))
    with st.chat_message("assistant"):
        answer = exchange.answer
        if answer is None:
            if exchange.notice:
                st.warning(exchange.notice, icon=":material/info:")
            else:
                st.error(exchange.error or "No answer.")
            return
        if answer.abstained:
            st.warning(answer.answer, icon=":material/search_off:")  # escaped Markdown
        else:
            labels = _labels(answer, case, learning)
            opened = cited_answer(
                f"answer-{number}",
                answer_html(answer.answer, labels, f"a{number}"),
                answer_text(answer.answer, labels),
            )
            cited = next((c for c in answer.citations if c.marker == opened), None)
            if cited is not None:
                state.open_citation(cited)
            draw_sources(answer, labels, number)
            st.caption(f"Searched: {md(answer.searched)}")
        st.caption(f"Answered in {exchange.seconds:.2f} s")


def announcement(exchanges: list[Exchange]) -> str:
    """What the live region says about the newest answer."""
    if not exchanges:
        return ""
    last = exchanges[-1]
    said = plain(last.answer.answer) if last.answer else (last.notice or last.error or "")
    return f"Answer {len(exchanges)}: {said}"


def draw_suggestions(questions: list[str]) -> None:
    with st.container(horizontal=True):
        for i, question in enumerate(questions):
            st.button(md(question), key=f"suggest-{i}", on_click=state.ask, args=(question,))


def draw_ask(
    case: Records | None, learning: Records | None, today: dt.date, max_chars: int
) -> None:
    title = f"{case.case.title} ({case.case_id})" if case and case.case else "the learning corpus"
    st.header(f"Ask about {md(title)}")
    exchanges = state.chat()
    announcer(announcement(exchanges))
    suggestions = suggested_questions(case, today)
    if exchanges:
        with st.expander("Suggested questions"):
            draw_suggestions(suggestions)
    else:
        st.caption("Try one of these, or ask your own question below.")
        draw_suggestions(suggestions)
    for number, exchange in enumerate(exchanges):
        draw_exchange(exchange, number, case, learning)
    scope = f"case {case.case_id}" if case else "the learning corpus"
    st.chat_input(f"Ask about {scope}…", key="question", on_submit=state.on_chat_submit)
    st.caption(
        f"One question at a time, up to {max_chars:,} characters. Every sentence of an answer "
        "cites its records: select a [number] to open one."
    )
