"""The app's server: `streamlit run bot/ui/server.py` (what `make run` does).

Streamlit's `st.App` runs `lifespan` before the server accepts a connection, so the model, the
store and the learning corpus are loaded and warmed when the server starts, not on the first
visit: once `/_stcore/health` answers, the first page is as quick as the hundredth. No case is
read at start-up, so it takes as long whatever the number of cases in the store."""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st

from bot.ui.engine import shared_engine, warm
from ingest.unavailable import StoreUnavailable

APP_SCRIPT = Path(__file__).resolve().parents[2] / "streamlit_app.py"
log = logging.getLogger("casebrief")
# Imported at start-up (with altair, pandas and python-docx behind them), not by the first
# visitor's script run.
PAGE_MODULES = (
    "bot.ui.ask_tab",
    "bot.ui.overview_tab",
    "bot.ui.timeline_tab",
    "bot.ui.briefings_tab",
    "bot.ui.learning_tab",
    "bot.ui.record_dialog",
)


def _build() -> float:
    for name in PAGE_MODULES:
        importlib.import_module(name)
    engine = shared_engine()  # built and warmed once; the page script finds it ready
    return warm(engine)  # cheap the second time: reports how warm it is


@asynccontextmanager
async def lifespan(_app: st.App) -> AsyncIterator[dict[str, Any]]:
    try:
        seconds = await asyncio.to_thread(_build)
    except StoreUnavailable as unavailable:  # the page says so, and builds it once it answers
        log.warning("CaseBrief started without its store: %s", unavailable)
    else:
        log.warning("CaseBrief is ready (engine warm; a warm pass took %.2f s)", seconds)
    yield {}


app = st.App(APP_SCRIPT, lifespan=lifespan)
