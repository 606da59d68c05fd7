"""The record dialog: a cited record (or the records behind a figure) opened over the page,
where the user is looking, whatever tab and however far down a long conversation they are."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from bot.markup import md
from bot.records import Records
from bot.ui import state
from bot.ui.engine import shared_engine
from bot.ui.sources import UnknownRecord, record_label, records_for, source_view


def draw_record(records: Records, ids: list[str], key: str) -> None:
    """One record whole, in plain words (a picker first when a figure rests on several)."""
    chosen = ids[0]
    if len(ids) > 1:
        chosen = st.selectbox(
            f"{len(ids)} records", ids, key=key, format_func=lambda i: record_label(records, i)
        )
    try:
        view = source_view(records, chosen)
    except UnknownRecord as error:
        st.error(md(error))
        return
    state.audit_read("source", records.case_id, [chosen], (records.version.collection, chosen))
    st.markdown(f"### {md(view.label)}")
    where = f"case {view.case_id}" if view.case_id else "learning corpus"
    st.caption(md(f"Record {view.detail} · {where}"))
    if records.by_id[chosen].kind == "passage" and view.text:
        st.markdown("> " + md(view.text).replace("\n", "\n> "))
    if view.fields:  # st.table renders Markdown in its cells
        table = pd.DataFrame({"Value": [md(v) for _, v in view.fields]})
        table.index = pd.Index([md(f) for f, _ in view.fields], name="Field")
        st.table(table)


def draw_record_dialog(case_records: Records | None) -> None:
    """Open the dialog if a citation or figure asked for it (call once, at the end of a run)."""
    viewer = state.viewer()
    if viewer is None or not state.first_showing("record", viewer.version):
        return
    records = records_for(viewer.case_id, case_records, shared_engine().cache.learning())

    @st.dialog(md(viewer.title), width="large", on_dismiss=state.close_records)
    def dialog() -> None:
        if records is None:
            st.error("That record's case is not open any more. Choose the case to see it.")
        else:
            draw_record(records, viewer.ids, f"record-pick-{viewer.version}")
        if st.button(
            "Close", key="record-close", icon=":material/close:", on_click=state.close_records
        ):
            st.rerun()  # the whole page, so the dialog is not drawn again

    dialog()
