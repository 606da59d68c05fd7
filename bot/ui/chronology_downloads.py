"""Download the multi-agency chronology (.xlsx, .docx) with the timeline's current filters;
the file is made when the button is selected, and that export is audited first."""

from __future__ import annotations

import datetime as dt
from functools import partial

import streamlit as st

from bot.chronology_export import (
    MIME,
    ChronologyFilter,
    ChronologyFormat,
    export_file,
    prepare,
)
from bot.records import Records
from bot.ui import state
from bot.ui.engine import shared_engine

LABELS: dict[ChronologyFormat, str] = {
    "xlsx": "Download chronology (.xlsx)",
    "docx": "Download chronology (.docx)",
}


def draw_downloads(records: Records, flt: ChronologyFilter, today: dt.date) -> None:
    engine = shared_engine()
    export = prepare(records, flt, today, engine.settings.confidentiality_marking)
    user = engine.user(state.user_id())
    with st.container(horizontal=True):
        for fmt in ("xlsx", "docx"):
            st.download_button(
                LABELS[fmt],
                partial(export_file, engine, user, export, fmt),
                file_name=export.file_name(fmt),
                mime=MIME[fmt],
                key=f"chronology-{fmt}",
                on_click="ignore",
                icon=":material/download:",
                disabled=not export.rows,
                help=f"{len(export.rows)} chronology events: {export.described}. "
                "The export is recorded in the audit log.",
            )
