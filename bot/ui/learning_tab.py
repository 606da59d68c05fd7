"""The Learning tab: search reviews, procedures and guidance (hits grouped by document) and read
a whole document."""

from __future__ import annotations

import streamlit as st

from bot.markup import md
from bot.ui import learning as learning_ui
from bot.ui import state
from bot.ui.engine import passage_index, shared_engine

PICK_KEY = "learning-pick"


def _open(file: str | None) -> None:
    state.open_document(file)
    st.session_state[PICK_KEY] = file  # the picker shows the open document


def _picked() -> None:
    state.open_document(st.session_state.get(PICK_KEY))


def draw_learning() -> None:
    st.header("Learning: reviews, procedures and guidance")
    engine = shared_engine()
    records = engine.cache.learning()
    if records is None:
        st.info("No learning corpus indexed. Run `casebrief ingest --learning PATH`.")
        return
    documents = learning_ui.documents(records)
    titles = {file: f"{title} ({kind})" for file, title, kind in documents}
    search, reader = st.columns([1, 1], gap="medium")
    query = search.text_input("Search reviews, procedures and guidance", key="learning-query")
    reader.selectbox(
        "Read a whole document",
        list(titles),
        index=None,
        placeholder=f"Choose a document ({len(documents)} in the corpus)",
        format_func=titles.__getitem__,
        key=PICK_KEY,
        on_change=_picked,
    )
    with search.container(height=640, border=False):
        if not query:
            st.caption("Passages are grouped by document, best match first.")
        hits = learning_ui.search(passage_index(engine, records), query) if query else []
        if query:
            ids = [h.passage_id for g in hits for h in g.hits]
            state.audit_read(
                "learning search", None, ids, (records.version.collection, query), query
            )
        for group in hits:
            with st.container(border=True):
                st.markdown(f"**{md(group.title)}** · {md(group.kind)}")
                for hit in group.hits:
                    st.markdown(f"*{md(hit.heading)}*")
                    st.caption(md(hit.text[:400] + ("…" if len(hit.text) > 400 else "")))
                st.button(
                    "Open document",
                    key=f"open-{group.file}",
                    on_click=_open,
                    args=(group.file,),
                )
    file = st.session_state.learning_doc
    if file:
        passages = learning_ui.document(records, file)
        state.audit_read(
            "learning document",
            None,
            [p.id for p in passages],
            (records.version.collection, file),
            file,
        )
        with reader.container(border=True, height=640):
            title = (passages[0].title if passages else None) or file
            st.subheader(md(title))
            heading = None
            for passage in passages:
                if passage.heading != heading and learning_ui.heading_of(passage) != title:
                    st.markdown(f"##### {md(learning_ui.heading_of(passage))}")
                heading = passage.heading
                st.markdown(md(passage.text))
