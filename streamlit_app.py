"""CaseBrief in the browser: cited answers, the records behind them, a case overview, the
timeline, briefings and the learning corpus. This file only draws the page and the sidebar;
each tab is drawn by a module in `bot/ui/`, and the logic is in `bot`.

Start it with `make run` (`streamlit run bot/ui/server.py`), which loads and warms the engine
before the server accepts its first visitor."""

from __future__ import annotations

import streamlit as st

from bot.access import AccessDenied, AccessFileError, User
from bot.answer import CaseNotFound, Engine
from bot.audit import AuditError
from bot.database import DatabaseUnreadable
from bot.markup import md
from bot.ui import state, theme
from bot.ui.ask_tab import draw_ask
from bot.ui.briefings_tab import draw_briefings
from bot.ui.engine import app_settings, cases, shared_engine
from bot.ui.learning_tab import draw_learning
from bot.ui.overview_tab import draw_overview
from bot.ui.record_dialog import draw_record_dialog
from bot.ui.timeline_tab import draw_timeline
from ingest.unavailable import StoreUnavailable, answering

TABS = ("Ask", "Overview", "Timeline", "Briefings", "Learning")

# An emoji icon is drawn in the page (a data: URL); a :material: one is fetched from Google.
st.set_page_config(page_title="CaseBrief", page_icon="📄", layout="wide")
theme.apply()
state.init()


def draw_sign_in(engine: Engine) -> None:
    """The sign-in form; the app shows nothing else until a user is signed in."""
    st.title("CaseBrief")
    with st.form("sign-in"):
        st.markdown("**Sign in**")
        user_id = st.text_input("User id", key="sign-in-user")
        password = st.text_input("Password", type="password", key="sign-in-password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        try:
            user = engine.login(user_id.strip(), password)
        except AccessDenied as denied:
            st.error(str(denied))
            return
        state.sign_in(user.id)
        st.rerun()


def refused_link(engine: Engine, user: User, choices: dict[str, str]) -> str | None:
    """The case a `?case=` link asks for when this user cannot open it (unknown, or not
    allowed: the same answer either way, and a refusal is audited as any other read)."""
    wanted = st.query_params.get("case")
    if not wanted or wanted in choices:
        return None
    try:
        engine.case_records(wanted, user)  # audits the denial; may also find the case gone
    except (AccessDenied, CaseNotFound):
        return wanted
    return None


def first_case(engine: Engine, user: User, choices: dict[str, str]) -> None:
    """On a session's first run: the case of the link, the first case, or (for a refused link)
    none at all, so another family is never shown in its place."""
    if "active_case" in st.session_state:
        return
    refused = refused_link(engine, user, choices)
    st.session_state.refused_case = refused
    wanted = st.query_params.get("case")
    if refused:
        state.choose_case(None)
    elif wanted in choices:
        state.choose_case(wanted)
    else:
        state.choose_case(next(iter(choices), state.LEARNING_ONLY))


def draw_sidebar(engine: Engine, choices: dict[str, str], user: User) -> None:
    with st.sidebar:
        st.title("CaseBrief")
        st.caption("Cited answers over multi-agency safeguarding records. Fictional demo data.")
        if engine.access.local_mode:
            st.warning(
                "Single-user local mode: no sign-in, and every case is visible. Set "
                "CASEBRIEF_ACCESS to a users file (or add users to the database, "
                "CASEBRIEF_DATABASE_URL) to require sign-in.",
                icon=":material/lock_open:",
            )
        else:
            st.caption(f"Signed in as **{md(user.name)}** ({md(user.role)})")
            st.button("Sign out", on_click=state.sign_out, icon=":material/logout:")
        options = [*choices, state.LEARNING_ONLY]
        st.selectbox(
            "Case",
            options,
            key="case",
            placeholder="Choose a case",
            on_change=state.on_case_change,
            format_func=lambda c: f"{c} · {choices[c]}" if c else "Learning corpus only",
        )
        st.button(
            "New conversation",
            key="new-conversation",
            on_click=state.new_conversation,
            icon=":material/refresh:",
            disabled=not state.chat(),
        )
        today = engine.settings.today_date()
        st.caption(f"Today: {today.day} {today:%b %Y}")
        with st.expander("Server"):
            st.caption(f"Store: `{engine.settings.chroma_url or engine.settings.store}`")
        if not choices:
            st.info("No cases indexed yet. Run `casebrief ingest PATH` (or `make run`).")


@st.dialog("Switch case?", on_dismiss=state.cancel_switch)
def confirm_switch(current: str | None, wanted: str | None, questions: int) -> None:
    here = f"case {current}" if current else "the learning corpus"
    there = f"case {wanted}" if wanted else "the learning corpus only"
    there, here = md(there), md(here)
    st.markdown(
        f"Switching to {there} closes this conversation about {here} "
        f"({questions} question{'s' if questions != 1 else ''}). It is kept: choose {here} "
        "again to carry on where you left off."
    )
    switch, stay = st.columns(2)
    # The callbacks run before the next run draws the sidebar's case picker; st.rerun() then
    # redraws the whole page, not only this dialog.
    if switch.button(
        f"Switch to {there}", key="switch-confirm", type="primary", on_click=state.confirm_switch
    ):
        st.rerun()
    if stay.button(f"Stay on {here}", key="switch-cancel", on_click=state.cancel_switch):
        st.rerun()


def draw_page(engine: Engine, user: User) -> None:
    choices = {c.case_id: c.title for c in cases(engine, user)}
    first_case(engine, user, choices)
    state.load_conversation()
    draw_sidebar(engine, choices, user)
    refused = st.session_state.get("refused_case")
    if not state.case_chosen():
        if refused:
            st.error(
                f"Case {md(refused)} is not available: there is no such case, or you are not "
                "allowed to see it. No case is open.",
                icon=":material/block:",
            )
        st.info("Choose a case (or the learning corpus) in the sidebar.")
        return
    case_id = state.selected_case()
    try:
        records = engine.case_records(case_id, user) if case_id else None
    except (AccessDenied, CaseNotFound):
        st.error(f"Case {md(case_id)} is not available any more. Choose another case.")
        return
    learning = engine.cache.learning()
    today = engine.settings.today_date()
    # Only the open tab is drawn (the others on selection), so a first visit is quick; the
    # open tab is kept in the link (?tab=), so a reload stays where the user was.
    tabs = st.tabs(TABS, key="tab", on_change="rerun", bind="query-params")
    ask_tab, overview_tab, timeline_tab, briefing_tab, learning_tab = tabs
    if ask_tab.open:
        with ask_tab:
            draw_ask(records, learning, today, app_settings().max_question_chars)
    if learning_tab.open:
        with learning_tab:
            draw_learning()
    for tab, name in (
        (overview_tab, "Overview"),
        (timeline_tab, "Timeline"),
        (briefing_tab, "Briefings"),
    ):
        if tab.open and records is None:
            tab.header(name)
            tab.info("Choose a case in the sidebar to see its overview, timeline and briefings.")
    if records is not None:
        if overview_tab.open:
            with overview_tab:
                draw_overview(records, today)
        if timeline_tab.open:
            with timeline_tab:
                draw_timeline(records)
        if briefing_tab.open:
            with briefing_tab:
                draw_briefings(records, today, user)
    pending = st.session_state.get("pending_case")
    if pending is not None:
        if state.first_showing("switch", st.session_state.get("switch_asked")):
            confirm_switch(case_id, pending or None, len(state.chat()))
    else:
        draw_record_dialog(records)


def main() -> None:
    engine = shared_engine()
    if not engine.access.local_mode and state.user_id() is None:
        draw_sign_in(engine)
        st.stop()
    try:
        user = engine.user(state.user_id())
    except AccessDenied as denied:
        st.error(str(denied))
        st.stop()
    draw_page(engine, user)


# A Chroma server that does not answer: what to do, not a traceback. The next run (the next
# question, a reload) tries it again.
try:
    with answering(app_settings().chroma_url):
        main()
except StoreUnavailable as unavailable:
    st.error(str(unavailable), icon=":material/cloud_off:")
    if state.case_chosen():  # this visitor was at work on a case: the next question retries
        st.chat_input(
            "Ask again once the server answers…", key=state.RETRY_KEY, on_submit=state.on_retry
        )
except (AccessFileError, AuditError, DatabaseUnreadable) as error:  # access file, audit, db
    st.error(str(error), icon=":material/error:")
    st.stop()
