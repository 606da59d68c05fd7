"""The two small browser components the chat needs and Streamlit does not have: a cited answer
whose [n] markers are buttons (with a preview and a copy button), and a live region that
announces each new answer to screen readers. Both are Streamlit `components.v2` components
(inline HTML/CSS/JS, no build step); the JS and CSS live in `assets/`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

ASSETS = Path(__file__).with_name("assets")


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


_CITED_ANSWER = st.components.v2.component(
    "casebrief_cited_answer",
    css=_asset("answer.css"),
    js=_asset("answer.js"),
)
_ANNOUNCER = st.components.v2.component(
    "casebrief_announcer",
    css=_asset("announcer.css"),
    js=_asset("announcer.js"),
    isolate_styles=False,
)


def cited_answer(key: str, html: str, text: str) -> int | None:
    """Draw one answer; the marker number the user just opened, if any (this run only)."""
    result = _CITED_ANSWER(key=key, data={"html": html, "text": text}, on_cite_change=lambda: None)
    marker = result.get("cite") if result else None
    return int(marker) if isinstance(marker, int | float) else None


def announcer(text: str) -> None:
    """The page's one polite live region; pass the newest answer's text."""
    _ANNOUNCER(key="answer-announcer", data={"text": text}, height=0)
