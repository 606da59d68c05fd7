"""Building and warming the one Engine a server shares, and the cases it can offer."""

from __future__ import annotations

import streamlit as st
from pydantic import BaseModel, ConfigDict

from bot.access import LOCAL, User
from bot.answer import Engine
from ingest.settings import Settings, load_settings


class CaseChoice(BaseModel):
    model_config = ConfigDict(frozen=True)

    case_id: str
    title: str


def build_engine(settings: Settings) -> Engine:
    """The engine with every live case, the learning corpus and their search indexes loaded,
    so the first question is answered as fast as the hundredth."""
    engine = Engine(settings)
    for choice in cases(engine, LOCAL):  # warming reads the server's own cache; nothing is shown
        records = engine.cache.case(choice.case_id, LOCAL)
        index = engine._index(records)
        if index is not None:
            index.search("warm up")
    learning = engine._index(engine.cache.learning())
    if learning is not None:
        learning.search("warm up")
    engine.warm_up()
    return engine


def cases(engine: Engine, user: User) -> list[CaseChoice]:
    """The live cases this user may see."""
    choices = [
        CaseChoice(case_id=live.key.partition(":")[2], title=live.title)
        for live in engine.store.all_live("case")
    ]
    return [c for c in choices if user.can_see_case(c.case_id)]


@st.cache_resource(show_spinner="Loading the model and the store (once per server)…")
def _shared_engine(fingerprint: str) -> Engine:
    """One engine per server process and settings; `fingerprint` keys the cache."""
    return build_engine(load_settings())


def shared_engine() -> Engine:
    """The server's engine for the current settings (CASEBRIEF_* environment)."""
    return _shared_engine(load_settings().model_dump_json())
