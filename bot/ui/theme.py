"""Page styles the theme cannot set: text that Streamlit draws in faded greys (captions,
placeholders, inline code) made dark enough for WCAG AA (4.5:1 on white), and a visible
keyboard focus ring. Colours are listed once, for the app and for the timeline chart."""

from __future__ import annotations

import streamlit as st

TEXT = "#31333f"  # 12.6:1 on white
MUTED = "#4a4e5a"  # 8.4:1 on white: captions, axis labels
LINK = "#0b5cad"  # 6.6:1 on white; the theme's primary colour (.streamlit/config.toml)
CODE = "#1b5e20"  # 7.9:1 on the light grey of inline code

CSS = f"""
<style>
.block-container {{ padding-top: 3.5rem; }}
[data-testid="stCaptionContainer"] {{ opacity: 1; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {{ color: {MUTED}; }}
[data-testid="stMarkdownContainer"] blockquote {{ color: {TEXT}; border-left-color: #8a8d96; }}
[data-testid="stMarkdownContainer"] code {{ color: {CODE}; }}
input::placeholder, textarea::placeholder {{ color: #5f6370 !important; opacity: 1 !important; }}
[data-testid="stHeading"] h2 {{ font-size: 1.6rem; padding-top: 0.25rem; }}
[data-testid="stHeading"] h3 {{ font-size: 1.25rem; }}
[data-testid="stMarkdownContainer"] {{ overflow-wrap: break-word; }}
[data-testid="stTable"] th {{ color: {TEXT}; }}
button:focus-visible, [role="tab"]:focus-visible, a:focus-visible {{
  outline: 3px solid {LINK} !important; outline-offset: 2px;
}}
</style>
"""


def apply() -> None:
    st.html(CSS)
