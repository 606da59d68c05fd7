"""The app's session state and the callbacks that change it. Callbacks run before the script
draws, so a click or a question is reflected in the same rerun."""

from __future__ import annotations

import time

import streamlit as st
from pydantic import BaseModel, ConfigDict

from bot.access import AccessDenied
from bot.answer import CaseNotFound, Engine
from bot.briefing import Briefing
from bot.types import Answer, Citation, Turn
from bot.ui.engine import shared_engine

LEARNING_ONLY = ""


class Exchange(BaseModel):
    """One question and what came back: an answer, or an error to show."""

    model_config = ConfigDict(frozen=True)

    question: str
    answer: Answer | None = None
    error: str | None = None
    seconds: float = 0.0


class Viewer(BaseModel):
    """What a tab's source viewer shows: the records behind one citation or figure."""

    model_config = ConfigDict(frozen=True)

    title: str
    case_id: str | None
    ids: list[str]
    version: int = 0


class PreparedBriefing(BaseModel):
    model_config = ConfigDict(frozen=True)

    briefing: Briefing
    markdown: str
    docx: bytes


def init() -> None:
    state = st.session_state
    state.setdefault("chat", [])
    state.setdefault("viewers", {})
    state.setdefault("briefing", None)
    state.setdefault("learning_doc", None)


def user_id() -> str | None:
    """Who is signed in: None until sign-in (and always in local single-user mode)."""
    return st.session_state.get("user_id")


def sign_in(user_id_: str) -> None:
    st.session_state.user_id = user_id_
    st.session_state.chat = []
    st.session_state.viewers = {}
    st.session_state.briefing = None


def sign_out() -> None:
    for key in ("user_id", "case", "chat", "viewers", "briefing"):
        st.session_state.pop(key, None)
    init()


def selected_case() -> str | None:
    return st.session_state.get("case") or None


def chat() -> list[Exchange]:
    return st.session_state.chat


def conversation(exchanges: list[Exchange]) -> list[Turn]:
    """The follow-up context: every earlier answer's turn, oldest first."""
    return [e.answer.turn for e in exchanges if e.answer is not None and e.answer.turn is not None]


def answer(
    engine: Engine, question: str, case_id: str | None, turns: list[Turn], user: str | None = None
) -> Exchange:
    started = time.perf_counter()
    try:
        found = engine.ask(question, case_id=case_id, user=user, conversation=turns)
    except (CaseNotFound, AccessDenied) as error:
        message = (
            str(error)
            if isinstance(error, AccessDenied)
            else f"Case {case_id} is no longer in the index. Pick another case."
        )
        return Exchange(question=question, error=message, seconds=time.perf_counter() - started)
    return Exchange(question=question, answer=found, seconds=time.perf_counter() - started)


def ask(question: str) -> None:
    question = question.strip()
    if question:
        exchanges = chat()
        exchanges.append(
            answer(shared_engine(), question, selected_case(), conversation(exchanges), user_id())
        )


def on_chat_submit() -> None:
    ask(st.session_state.get("question") or "")


def new_conversation() -> None:
    st.session_state.chat = []
    st.session_state.viewers = {}


def on_case_change() -> None:
    new_conversation()
    st.session_state.briefing = None
    case_id = selected_case()
    if case_id:
        st.query_params["case"] = case_id
    else:
        st.query_params.pop("case", None)


def viewer(tab: str) -> Viewer | None:
    return st.session_state.viewers.get(tab)


def open_records(tab: str, title: str, case_id: str | None, ids: list[str]) -> None:
    previous = viewer(tab)
    version = previous.version + 1 if previous else 1
    st.session_state.viewers[tab] = Viewer(
        title=title, case_id=case_id, ids=list(ids), version=version
    )


def close_records(tab: str) -> None:
    st.session_state.viewers.pop(tab, None)


def open_citation(cited: Citation) -> None:
    open_records("ask", f"Source [{cited.marker}]", cited.case_id, [cited.record_id])


def open_document(file: str | None) -> None:
    st.session_state.learning_doc = file


def prepared_briefing(case_id: str) -> PreparedBriefing | None:
    ready: PreparedBriefing | None = st.session_state.briefing
    return ready if ready is not None and ready.briefing.case_id == case_id else None
