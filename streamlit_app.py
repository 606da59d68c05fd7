"""CaseBrief in the browser. For now: the indexed cases and their record counts."""

from __future__ import annotations

import streamlit as st

from ingest.settings import load_settings
from ingest.store import Store

st.set_page_config(page_title="CaseBrief", layout="wide")


@st.cache_resource
def store() -> Store:
    return Store(load_settings().chroma_client())


st.title("CaseBrief")
st.caption("Cited answers over multi-agency safeguarding records. Fictional demo data only.")
cases = store().all_live("case")
if not cases:
    st.info("No cases indexed yet. Run `casebrief ingest PATH` (or `make run`).")
else:
    st.subheader(f"Indexed cases ({len(cases)})")
    st.dataframe(
        [{"case": c.key.partition(":")[2], "title": c.title, **c.counts} for c in cases],
        hide_index=True,
        width="stretch",
    )
learning = store().live("learning")
if learning:
    st.caption(
        f"Learning corpus: {learning.counts.get('documents', 0)} documents, "
        f"{learning.counts.get('passages', 0)} passages."
    )
