"""The app's session state and the callbacks that change it. Callbacks run before the script
draws, so a click or a question is reflected in the same rerun.

The conversation is kept per user and case in the store (`conversations.py`), so it survives a
reload; switching case asks first (`pending_case`)."""

from __future__ import annotations

import time

import streamlit as st
from pydantic import BaseModel, ConfigDict

from bot.access import AccessDenied
from bot.answer import CaseNotFound, Engine
from bot.audit import AuditError
from bot.briefing import Briefing
from bot.conversations import ConversationStore, Exchange
from bot.types import Citation, Turn
from bot.ui.engine import app_settings, shared_engine
from ingest.unavailable import StoreUnavailable

LEARNING_ONLY = ""
EXAMPLE_QUESTION = "Which appointments did the youngest child miss?"


class Viewer(BaseModel):
    """The record dialog: the records behind one citation or figure."""

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


_STORES: dict[str, ConversationStore] = {}


def conversations() -> ConversationStore:
    url = app_settings().conversations_url()
    if url not in _STORES:
        _STORES[url] = ConversationStore(url)
    return _STORES[url]


def init() -> None:
    state = st.session_state
    state.setdefault("chat", [])
    state.setdefault("chat_for", None)
    state.setdefault("viewer", None)
    state.setdefault("pending_case", None)
    state.setdefault("briefing", None)
    state.setdefault("learning_doc", None)


def audit_read(
    view: str, case_id: str | None, record_ids: list[str], token: object, detail: str = ""
) -> None:
    """Audit what a view shows, once per session and `token` (what was shown: a rerun that
    draws the same again is not a new read). Raises AuditError, so nothing is shown unaudited."""
    done: set[object] = st.session_state.setdefault("audited_reads", set())
    key = (view, case_id, token)
    if key in done:
        return
    engine = shared_engine()
    engine.record_read(engine.user(user_id()), view, case_id, list(record_ids), detail[:500])
    done.add(key)


def user_id() -> str | None:
    """Who is signed in: None until sign-in (and always in local single-user mode)."""
    return st.session_state.get("user_id")


def owner() -> str:
    """Whose conversations these are: the signed-in user, or the local user."""
    return shared_engine().user(user_id()).id


def sign_in(user_id_: str) -> None:
    st.session_state.user_id = user_id_
    st.session_state.chat = []
    st.session_state.chat_for = None
    st.session_state.viewer = None
    st.session_state.briefing = None


def sign_out() -> None:
    for key in (
        "user_id",
        "case",
        "active_case",
        "chat",
        "chat_for",
        "viewer",
        "briefing",
        "audited_reads",
    ):
        st.session_state.pop(key, None)
    init()


# -- the case ------------------------------------------------------------------------------------


def selected_case() -> str | None:
    """The open case; None for the learning corpus alone or when no case is chosen."""
    return st.session_state.get("active_case") or None


def case_chosen() -> bool:
    """False when no case (nor the learning corpus) is chosen, e.g. after a refused link."""
    return st.session_state.get("active_case") is not None


def choose_case(case_id: str | None) -> None:
    """Open a case (or '' for the learning corpus alone) without asking; None opens nothing."""
    st.session_state.active_case = case_id
    st.session_state.case = case_id
    st.session_state.pending_case = None
    st.session_state.viewer = None
    st.session_state.briefing = None
    if case_id:
        st.query_params["case"] = case_id
    elif case_id == LEARNING_ONLY:
        st.query_params.pop("case", None)


def on_case_change() -> None:
    """The case picker changed: switch at once, or ask first if a conversation is open."""
    wanted = st.session_state.get("case")
    if wanted == st.session_state.get("active_case"):
        return
    if chat():
        st.session_state.pending_case = wanted
        st.session_state.switch_asked = st.session_state.get("switch_asked", 0) + 1
        st.session_state.case = st.session_state.get("active_case")  # until confirmed
        return
    choose_case(wanted)


def confirm_switch() -> None:
    choose_case(st.session_state.pending_case)


def cancel_switch() -> None:
    st.session_state.pending_case = None


# -- the conversation ----------------------------------------------------------------------------


def chat() -> list[Exchange]:
    return st.session_state.chat


def load_conversation() -> None:
    """Read this user's saved conversation about the open case, once per case."""
    wanted = (owner(), selected_case())
    if st.session_state.chat_for != wanted:
        st.session_state.chat = conversations().exchanges(*wanted)
        st.session_state.chat_for = wanted


def conversation(exchanges: list[Exchange]) -> list[Turn]:
    """The follow-up context: every earlier answer's turn, oldest first."""
    return [e.answer.turn for e in exchanges if e.answer is not None and e.answer.turn is not None]


def too_long(question: str, limit: int) -> str:
    return (
        f"This question is {len(question):,} characters long; CaseBrief answers questions of "
        f"up to {limit:,} characters, so that every figure it gives can be checked against "
        f"the records. Please ask one thing at a time, for example “{EXAMPLE_QUESTION}”"
    )


def answer(
    engine: Engine, question: str, case_id: str | None, turns: list[Turn], user: str | None = None
) -> Exchange:
    limit = app_settings().max_question_chars
    if len(question) > limit:
        return Exchange(question=question, notice=too_long(question, limit))
    started = time.perf_counter()
    try:
        found = engine.ask(question, case_id=case_id, user=user, conversation=turns)
    except (CaseNotFound, AccessDenied, StoreUnavailable, AuditError) as error:
        message = (
            f"Case {case_id} is no longer in the index. Pick another case."
            if isinstance(error, CaseNotFound)
            else str(error)
        )
        return Exchange(question=question, error=message, seconds=time.perf_counter() - started)
    return Exchange(question=question, answer=found, seconds=time.perf_counter() - started)


def ask(question: str) -> None:
    question = question.strip()
    if not question:
        return
    load_conversation()
    exchanges = chat()
    case_id = selected_case()
    exchange = answer(shared_engine(), question, case_id, conversation(exchanges), user_id())
    exchanges.append(exchange)
    conversations().append(owner(), case_id, exchange)


def on_chat_submit() -> None:
    ask(st.session_state.get("question") or "")


RETRY_KEY = "question-retry"  # the question box shown while the store does not answer


def on_retry() -> None:
    ask(st.session_state.get(RETRY_KEY) or "")


def new_conversation() -> None:
    conversations().clear(owner(), selected_case())
    st.session_state.chat = []
    st.session_state.viewer = None


# -- dialogs -------------------------------------------------------------------------------------


def first_showing(dialog: str, token: object) -> bool:
    """True the first time a dialog is drawn for this request (`token`), then False.

    A dialog is drawn in the run that asked for it and then left alone: the user cannot touch
    the page behind it, so a later full run means it was closed, even if a quick click (a tab,
    say) overtook the dismissal; drawing it again would reopen it."""
    shown = st.session_state.setdefault("dialogs_shown", {})
    if shown.get(dialog) == token:
        return False
    shown[dialog] = token
    return True


# -- the record dialog and the learning reader ---------------------------------------------------


def viewer() -> Viewer | None:
    return st.session_state.viewer


def open_records(title: str, case_id: str | None, ids: list[str]) -> None:
    """Ask for the record dialog; every request a new version, so it is shown once each."""
    version = st.session_state.get("viewer_count", 0) + 1
    st.session_state.viewer_count = version
    st.session_state.viewer = Viewer(title=title, case_id=case_id, ids=list(ids), version=version)


def close_records() -> None:
    st.session_state.viewer = None


def open_citation(cited: Citation) -> None:
    open_records(f"Source [{cited.marker}]", cited.case_id, [cited.record_id])


def open_document(file: str | None) -> None:
    st.session_state.learning_doc = file


def prepared_briefing(case_id: str) -> PreparedBriefing | None:
    ready: PreparedBriefing | None = st.session_state.briefing
    return ready if ready is not None and ready.briefing.case_id == case_id else None
