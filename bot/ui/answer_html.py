"""An answer as safe HTML for the chat: Markdown (record text in it already escaped by the
composer) rendered with no raw HTML, links or images at all, each [n] marker a button that
opens its record, with a preview to show on hover or keyboard focus; and the answer as plain
text for the copy button."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt
from pydantic import BaseModel, ConfigDict

from bot.citations import MARKER
from bot.markup import plain

PREVIEW_CHARS = 240
# The engine writes paragraphs, bullets, emphasis and [n] markers, nothing else: raw HTML is
# escaped, and links, images and autolinks are not Markdown here at all, so even text that
# reached an answer unescaped (an LLM's rewrite) cannot make the browser fetch anything.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).disable(
    ["link", "image", "autolink", "html_inline", "html_block", "reference"]
)


class SourceLabel(BaseModel):
    """What a reader sees for one cited record."""

    model_config = ConfigDict(frozen=True)

    marker: int
    label: str
    detail: str = ""
    preview: str = ""


def preview_of(text: str, limit: int = PREVIEW_CHARS) -> str:
    """The record's text, cut at a word near `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"


def _marker_button(number: int, source: SourceLabel | None, tip: str) -> str:
    if source is None:
        return f"[{number}]"
    name = f"Source {number}, opens the record"
    return (
        f'<span class="cb-cite-wrap"><button type="button" class="cb-cite" '
        f'data-marker="{number}" aria-label="{name}" aria-describedby="{tip}">[{number}]</button>'
        f'<span class="cb-tip" role="tooltip" id="{tip}"><strong>{html.escape(source.label)}'
        f"</strong><br>{html.escape(source.preview)}</span></span>"
    )


class _Markers:
    """Replaces each marker match with buttons; every tooltip gets its own id."""

    def __init__(self, sources: list[SourceLabel], answer_key: str) -> None:
        self.sources = {s.marker: s for s in sources}
        self.answer_key = answer_key
        self.count = 0

    def __call__(self, match: re.Match[str]) -> str:
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if last < first:
            return match.group(0)
        # A long run stays short, as the engine wrote it: [1]–[50] is two buttons with a dash;
        # every record of the run is also in the sources list under the answer.
        numbers = [first, last] if last - first >= 2 else list(range(first, last + 1))
        buttons = [self._button(n) for n in numbers]
        return "–".join(buttons) if last - first >= 2 else "".join(buttons)

    def _button(self, number: int) -> str:
        self.count += 1
        tip = f"cb-tip-{self.answer_key}-{self.count}"
        return _marker_button(number, self.sources.get(number), tip)


def _outside_tags(rendered: str, replace: re.Pattern[str], sub: object) -> str:
    """Apply a substitution to text only, never inside a tag's attributes."""
    parts = re.split(r"(<[^>]*>)", rendered)
    return "".join(
        part if part.startswith("<") else replace.sub(sub, part)  # type: ignore[call-overload]
        for part in parts
    )


def answer_html(text: str, sources: list[SourceLabel], answer_key: str) -> str:
    """The answer's Markdown as HTML, [n] markers (and runs like [1]–[3]) as buttons."""
    return _outside_tags(_MARKDOWN.render(text), MARKER, _Markers(sources, answer_key))


def answer_text(text: str, sources: list[SourceLabel]) -> str:
    """What the copy button copies: the answer and its numbered sources, as plain text."""
    lines = [plain(text).strip(), "", "Sources:"] if sources else [plain(text).strip()]
    lines += [f"[{s.marker}] {s.label} ({s.detail})" for s in sources]
    return "\n".join(lines)
