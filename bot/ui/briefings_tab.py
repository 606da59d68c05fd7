"""The Briefings tab: a home-visit or multi-agency-meeting briefing, previewed, and exported
as Word or Markdown (each export audited); every line cites its records."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from bot.access import User
from bot.briefing import BriefingKind, on_export, prepare, to_docx, to_markdown
from bot.records import Records
from bot.ui import state
from bot.ui.engine import shared_engine

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _prepare(
    kind: BriefingKind, records: Records, today: dt.date, since: dt.date | None, user: User
) -> None:
    marking = shared_engine().settings.confidentiality_marking
    with st.status("Preparing the briefing…", expanded=True) as status:
        st.write("Reading the case records")
        engine = shared_engine()
        learning = engine.cache.learning()
        links = engine.pattern_links(learning)
        briefing = prepare(kind, records, today, since, links, engine.settings.patterns)
        st.write(f"Citing {len(briefing.record_ids())} records; writing Markdown")
        markdown = to_markdown(
            briefing, records, author=user.name, marking=marking, learning=learning
        )
        st.write("Writing the Word document")
        docx = to_docx(briefing, records, author=user.name, marking=marking, learning=learning)
        status.update(label="Briefing ready", state="complete", expanded=False)
    st.session_state.briefing = state.PreparedBriefing(
        briefing=briefing, markdown=markdown, docx=docx
    )


def _downloads(ready: state.PreparedBriefing, user: User) -> None:
    briefing = ready.briefing
    engine = shared_engine()
    st.download_button(
        "Download .docx",
        ready.docx,
        file_name=briefing.file_name("docx"),
        mime=DOCX_MIME,
        key="download-docx",
        on_click=on_export,
        args=(engine, user, briefing, "docx"),
        icon=":material/download:",
    )
    st.download_button(
        "Download Markdown",
        ready.markdown,
        file_name=briefing.file_name("md"),
        mime="text/markdown",
        key="download-md",
        on_click=on_export,
        args=(engine, user, briefing, "markdown"),
        icon=":material/download:",
    )


def draw_briefings(records: Records, today: dt.date, user: User) -> None:
    st.header("Briefings")
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
            _prepare(kind, records, today, since, user)
        ready = state.prepared_briefing(records.case_id or "")
        if ready is not None:
            _downloads(ready, user)
    with preview:
        ready = state.prepared_briefing(records.case_id or "")
        if ready is not None:
            briefing = ready.briefing
            state.audit_read(
                "briefing",
                records.case_id,
                briefing.record_ids(),
                (records.version.collection, briefing.kind, tuple(briefing.record_ids())),
                f"{briefing.kind} briefing preview",
            )
            with st.container(border=True, height=640):
                engine = shared_engine()
                st.markdown(
                    to_markdown(
                        briefing,
                        records,
                        level=3,
                        author=user.name,
                        marking=engine.settings.confidentiality_marking,
                        learning=engine.cache.learning(),
                    )
                )
        else:
            st.caption("Prepare a briefing to preview it here. Every line cites its records.")
