"""CaseBrief in the browser: cited answers, the records behind them, a case overview, the
timeline, briefings and the learning corpus. This file only draws; the logic is in `bot`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from bot.access import AccessDenied, User
from bot.answer import CaseNotFound
from bot.briefing import BriefingKind, on_export, prepare, to_docx, to_markdown
from bot.evidence import fmt_date, plural
from bot.overview import CaseOverview, Figure, case_overview
from bot.records import Records
from bot.timeline import date_range, timeline
from bot.types import Answer
from bot.ui import learning as learning_ui
from bot.ui import state
from bot.ui.charts import timeline_chart
from bot.ui.engine import cases, shared_engine
from bot.ui.sources import UnknownRecord, record_label, records_for, source_view
from bot.ui.state import Exchange
from bot.ui.suggestions import suggested_questions

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

st.set_page_config(page_title="CaseBrief", page_icon=":material/description:", layout="wide")
st.html("<style>.block-container { padding-top: 4rem; }</style>")
state.init()
session = st.session_state


def current_user() -> User:
    return shared_engine().user(state.user_id())


# -- drawing ------------------------------------------------------------------------------------


def draw_sign_in() -> None:
    """The sign-in form; the app shows nothing else until a user is signed in."""
    st.title("CaseBrief")
    with st.form("sign-in"):
        st.markdown("**Sign in**")
        user_id = st.text_input("User id", key="sign-in-user")
        password = st.text_input("Password", type="password", key="sign-in-password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        try:
            user = shared_engine().login(user_id.strip(), password)
        except AccessDenied as denied:
            st.error(str(denied))
            return
        state.sign_in(user.id)
        st.rerun()


def draw_sidebar(choices: dict[str, str], user: User) -> None:
    with st.sidebar:
        st.title("CaseBrief")
        st.caption("Cited answers over multi-agency safeguarding records. Fictional demo data.")
        if shared_engine().access.local_mode:
            st.warning(
                "Single-user local mode: no sign-in, and every case is visible. Set "
                "CASEBRIEF_ACCESS to a users file to require sign-in.",
                icon=":material/lock_open:",
            )
        else:
            st.caption(f"Signed in as **{user.name}** ({user.role})")
            st.button("Sign out", on_click=state.sign_out, icon=":material/logout:")
        options = [*choices, state.LEARNING_ONLY]
        wanted = st.query_params.get("case")
        if session.get("case") not in options:
            session.case = wanted if wanted in choices else (options[0] if choices else "")
        st.selectbox(
            "Case",
            options,
            key="case",
            on_change=state.on_case_change,
            format_func=lambda c: f"{c} · {choices[c]}" if c else "Learning corpus only",
        )
        st.button("New conversation", on_click=state.new_conversation, icon=":material/refresh:")
        settings = shared_engine().settings
        st.caption(f"Today: {fmt_date(settings.today_date())}")
        with st.expander("Server"):
            st.caption(f"Store: `{settings.chroma_url or settings.store}`")
        if not choices:
            st.info("No cases indexed yet. Run `casebrief ingest PATH` (or `make run`).")


def draw_record(prefix: str, case_records: Records | None) -> None:
    """The source viewer: every field of the open record and where it came from."""
    viewer = state.viewer(prefix)
    with st.container(border=True, key=f"{prefix}-viewer"):
        if viewer is None:
            st.markdown("**Source viewer**")
            st.caption("Select a citation to see the full record here.")
            return
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f"**{viewer.title}**")
            st.button(
                "Close",
                key=f"{prefix}-close",
                on_click=state.close_records,
                args=(prefix,),
                icon=":material/close:",
                type="tertiary",
            )
        records = records_for(viewer.case_id, case_records, shared_engine().cache.learning())
        if records is None:
            st.error("That record's case is not open any more.")
            return
        draw_record_fields(records, viewer.ids, f"{prefix}-pick-{viewer.version}")


def draw_record_fields(records: Records, ids: list[str], key: str) -> None:
    """One record whole (a picker first when a figure rests on several)."""
    chosen = ids[0]
    if len(ids) > 1:
        chosen = st.selectbox(
            f"{len(ids)} records", ids, key=key, format_func=lambda i: record_label(records, i)
        )
    try:
        view = source_view(records, chosen)
    except UnknownRecord as error:
        st.error(str(error))
        return
    st.markdown(f"#### `{view.record_id}`")
    where = view.case_id or "learning corpus"
    st.caption(f"{view.kind} · {where} · {view.source}" + (f" · {view.date}" if view.date else ""))
    st.markdown(f"> {view.text}".replace("\n", "\n> "))
    st.table({"field": [f for f, _ in view.fields], "value": [v for _, v in view.fields]})


@st.dialog("Timeline record", width="large")
def show_timeline_record(records: Records, ids: list[str]) -> None:
    draw_record_fields(records, ids, "timeline-pick")


def draw_citations(answer: Answer, number: int) -> None:
    with st.expander(f"Sources ({len(answer.citations)})", expanded=len(answer.citations) <= 10):
        for cited in answer.citations:
            date = f" · {cited.date}" if cited.date else ""
            st.button(
                f"**[{cited.marker}]** {cited.record_id} · {cited.kind}{date} · {cited.source}",
                key=f"cite-{number}-{cited.marker}",
                on_click=state.open_citation,
                args=(cited,),
                type="tertiary",
            )


def draw_exchange(exchange: Exchange, number: int) -> None:
    with st.chat_message("user"):
        st.markdown(exchange.question)
    with st.chat_message("assistant"):
        answer = exchange.answer
        if answer is None:
            st.error(exchange.error)
        elif answer.abstained:
            st.warning(answer.answer, icon=":material/search_off:")
        else:
            st.markdown(answer.answer)
            draw_citations(answer, number)
            st.caption(f"Searched: {answer.searched}")
        st.caption(f"Answered in {exchange.seconds:.2f} s")


def draw_suggestions(questions: list[str]) -> None:
    with st.container(horizontal=True):
        for i, question in enumerate(questions):
            st.button(question, key=f"suggest-{i}", on_click=state.ask, args=(question,))


def draw_ask(records: Records | None, today: dt.date) -> None:
    chat, viewer = st.columns([3, 2], gap="medium")
    with chat:
        suggestions = suggested_questions(records, today)
        if state.chat():
            with st.expander("Suggested questions"):
                draw_suggestions(suggestions)
        else:
            st.caption("Try one of these, or ask your own question below.")
            draw_suggestions(suggestions)
        for number, exchange in enumerate(state.chat()):
            draw_exchange(exchange, number)
        scope = f"case {records.case_id}" if records else "the learning corpus"
        st.chat_input(f"Ask about {scope}…", key="question", on_submit=state.on_chat_submit)
    with viewer:
        draw_record("ask", records)


def draw_figure(figure: Figure, case_id: str, key: str, label: str | None = None) -> None:
    """A figure as a button that opens the records behind it."""
    shown = label or figure.value
    if figure.note and figure.note.startswith("Records disagree"):
        shown = f":orange[⚠ {shown}]"
    st.button(
        shown,
        key=key,
        help=figure.note,
        type="tertiary",
        icon=":material/link:" if figure.record_ids else None,
        disabled=not figure.record_ids,
        on_click=state.open_records,
        args=("overview", f"{figure.label}: {figure.value}", case_id, list(figure.record_ids)),
    )


def draw_grid(header: list[str], widths: list[int]) -> list[Any]:
    columns = st.columns(widths, vertical_alignment="bottom")
    for column, title in zip(columns, header, strict=True):
        column.markdown(f"**{title}**")
    return columns


def draw_overview_figures(overview: CaseOverview) -> None:
    figures = [overview.current_address, overview.moves, overview.move_events, overview.lead]
    for column, figure in zip(st.columns(4), figures, strict=True):
        with column.container(border=True):
            st.caption(figure.label)
            st.markdown(f"**{figure.value}**")
            if figure.note:
                st.caption(figure.note)
            draw_figure(
                figure,
                overview.case_id,
                f"fig-{figure.label}",
                plural(len(figure.record_ids), "record"),
            )


def draw_overview(records: Records, today: dt.date) -> None:
    overview = case_overview(records, today)
    if state.viewer("overview") is not None:
        body, side = st.columns([3, 2], gap="medium")
        with side:
            draw_record("overview", records)
    else:
        body = st.container()
    with body:
        st.subheader(f"{overview.title} ({overview.case_id})")
        st.caption(f"As of {fmt_date(today)}. Select any figure to open the records behind it.")
        draw_overview_figures(overview)
        st.markdown("##### Children")
        widths = [2, 3, 2, 2, 2]
        draw_grid(["Child", "Age", "Missed appointments", "Last seen", "Last seen alone"], widths)
        for child in overview.children:
            cells = st.columns(widths, vertical_alignment="center")
            cells[0].markdown(child.name)
            cells[1].markdown(child.age)
            for cell, figure in zip(
                cells[2:], (child.missed, child.last_seen, child.last_seen_alone), strict=True
            ):
                with cell:
                    draw_figure(figure, overview.case_id, f"child-{child.member_id}-{figure.label}")
        st.caption("Missed: was not brought, did not attend, no access, cancelled by the family.")
        st.markdown("##### Members")
        widths = [2, 1, 3, 1]
        draw_grid(["Name", "Role", "Age", "Lives here"], widths)
        for member in overview.members:
            cells = st.columns(widths, vertical_alignment="center")
            with cells[0]:
                draw_figure(
                    Figure(
                        label="Member",
                        value=member.name,
                        record_ids=(member.member_id,),
                        note=member.notes,
                    ),
                    overview.case_id,
                    f"member-{member.member_id}",
                )
            cells[1].markdown(member.role)
            cells[2].markdown(member.age)
            cells[3].markdown("yes" if member.lives_at_current_address else "no")
        st.markdown(f"##### Involved now ({len(overview.involved_now)})")
        widths = [2, 3, 2, 3]
        draw_grid(["Name", "Role", "Works with", "Contact"], widths)
        for person in overview.involved_now:
            cells = st.columns(widths, vertical_alignment="center")
            with cells[0]:
                figure = Figure(
                    label="Professional", value=person.name, record_ids=(person.record_id,)
                )
                draw_figure(figure, overview.case_id, f"pro-{person.record_id}")
            lead = " · **lead**" if person.lead else ""
            cells[1].markdown(f"{person.role}, {person.agency}{lead}")
            cells[2].markdown(person.works_with)
            cells[3].markdown(person.contact)


def draw_timeline(records: Records) -> None:
    bounds = date_range(records)
    if bounds is None:
        st.info("This case has no chronology or appointments yet.")
        return
    who, when = st.columns([1, 2])
    members = who.multiselect(
        "Child or member",
        [m.id for m in records.members],
        format_func=records.name,
        key="timeline-members",
        placeholder="Everyone",
    )
    start, end = when.slider(
        "Period",
        min_value=bounds[0],
        max_value=bounds[1],
        value=bounds,
        format="MMM YYYY",
        key="timeline-period",
    )
    marks = timeline(records, members, start, end)
    moves = sum(m.kind == "move" for m in marks)
    missed = sum(m.kind == "missed appointment" for m in marks)
    st.caption(
        f"{len(marks)} records: {len(marks) - moves - missed} events, {moves} moves, "
        f"{missed} missed appointments. Hover for details; click a mark to open its record."
    )
    if not marks:
        st.info("No records in this period for the chosen members.")
        return
    picked = st.altair_chart(
        timeline_chart(marks), on_select="rerun", key="timeline-chart", width="stretch"
    )
    ids = [p["record_id"] for p in (picked.selection.get("pick") or []) if "record_id" in p]
    if ids and ids != session.get("timeline-picked"):
        show_timeline_record(records, ids)
    session["timeline-picked"] = ids


def draw_briefings(records: Records, today: dt.date) -> None:
    controls, preview = st.columns([1, 2], gap="medium")
    with controls:
        kind: BriefingKind = st.radio(
            "Briefing for",
            ["home_visit", "meeting"],
            format_func=lambda k: "a home visit" if k == "home_visit" else "a multi-agency meeting",
            key="briefing-kind",
        )
        since = None
        if kind == "meeting":
            since = st.date_input(
                "Chronology since",
                value=today - dt.timedelta(weeks=8),
                max_value=today,
                key="briefing-since",
            )
        if st.button("Prepare briefing", type="primary", key="prepare-briefing"):
            with st.status("Preparing the briefing…", expanded=True) as status:
                st.write("Reading the case records")
                briefing = prepare(kind, records, today, since)
                st.write(f"Citing {len(briefing.record_ids())} records; writing Markdown")
                markdown = to_markdown(briefing, records)
                st.write("Writing the Word document")
                docx = to_docx(briefing, records)
                status.update(label="Briefing ready", state="complete", expanded=False)
            session.briefing = state.PreparedBriefing(
                briefing=briefing, markdown=markdown, docx=docx
            )
        ready = state.prepared_briefing(records.case_id or "")
        if ready is not None:
            briefing = ready.briefing
            st.download_button(
                "Download .docx",
                ready.docx,
                file_name=briefing.file_name("docx"),
                mime=DOCX_MIME,
                key="download-docx",
                on_click=on_export,
                args=(shared_engine(), current_user(), briefing, "docx"),
                icon=":material/download:",
            )
            st.download_button(
                "Download Markdown",
                ready.markdown,
                file_name=briefing.file_name("md"),
                mime="text/markdown",
                key="download-md",
                on_click=on_export,
                args=(shared_engine(), current_user(), briefing, "markdown"),
                icon=":material/download:",
            )
    with preview:
        ready = state.prepared_briefing(records.case_id or "")
        if ready is not None:
            with st.container(border=True, height=640):
                st.markdown(to_markdown(ready.briefing, records, level=3))
        else:
            st.caption("Prepare a briefing to preview it here. Every line cites its records.")


def draw_learning() -> None:
    records = shared_engine().cache.learning()
    if records is None:
        st.info("No learning corpus indexed. Run `casebrief ingest --learning PATH`.")
        return
    index = shared_engine()._index(records)
    documents = learning_ui.documents(records)
    search, reader = st.columns([1, 1], gap="medium")
    query = search.text_input("Search reviews, procedures and guidance", key="learning-query")
    reader.selectbox(
        "Open a whole document",
        [d[0] for d in documents],
        index=None,
        placeholder=f"Choose one of {len(documents)} documents",
        format_func=lambda f: next(f"{d[1]} ({d[2]})" for d in documents if d[0] == f),
        key="learning-pick",
        on_change=lambda: state.open_document(session["learning-pick"]),
    )
    with search.container(height=640, border=False):
        if not query:
            st.caption("Passages are grouped by document, best match first.")
        for group in learning_ui.search(index, query) if query and index else []:
            with st.container(border=True):
                st.markdown(f"**{group.title}** · {group.kind}")
                for hit in group.hits:
                    st.markdown(f"*{hit.heading}* · `{hit.passage_id}`")
                    st.caption(hit.text[:400] + ("…" if len(hit.text) > 400 else ""))
                st.button(
                    "Open document",
                    key=f"open-{group.file}",
                    on_click=state.open_document,
                    args=(group.file,),
                )
    file = session.learning_doc
    if file:
        passages = learning_ui.document(records, file)
        with reader.container(border=True, height=640):
            title = (passages[0].title if passages else None) or file
            st.subheader(title)
            heading = None
            for passage in passages:
                if passage.heading != heading and learning_ui.heading_of(passage) != title:
                    st.markdown(f"##### {learning_ui.heading_of(passage)}")
                heading = passage.heading
                st.markdown(passage.text)
                st.caption(f"`{passage.id}`")


# -- the page -----------------------------------------------------------------------------------

engine = shared_engine()
if not engine.access.local_mode and state.user_id() is None:
    draw_sign_in()
    st.stop()
try:
    user = engine.user(state.user_id())
except AccessDenied as denied:
    st.error(str(denied))
    st.stop()
choices = {c.case_id: c.title for c in cases(engine, user)}
draw_sidebar(choices, user)
today = engine.settings.today_date()
case_id = state.selected_case()
try:
    records = engine.case_records(case_id, user) if case_id else None
except (AccessDenied, CaseNotFound):
    st.error(f"Case {case_id} is not available. Pick another case.")
    st.stop()
labels = ["Ask", "Overview", "Timeline", "Briefings", "Learning"]
ask_tab, overview_tab, timeline_tab, briefing_tab, learning_tab = st.tabs(labels)
with ask_tab:
    draw_ask(records, today)
with learning_tab:
    draw_learning()
for tab in (overview_tab, timeline_tab, briefing_tab):
    if records is None:
        tab.info("Pick a case in the sidebar to see its overview, timeline and briefings.")
with overview_tab:
    if records is not None:
        draw_overview(records, today)
with timeline_tab:
    if records is not None:
        draw_timeline(records)
with briefing_tab:
    if records is not None:
        draw_briefings(records, today)
