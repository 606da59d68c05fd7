"""Text that is not CaseBrief's own (record text, names, titles, a question a user typed) placed
in Markdown. `md()` makes Markdown that shows exactly that text: a record can never add an
image, a link, HTML, a heading, a list or emphasis to a page, a tooltip or an export, whichever
Markdown renders it (CommonMark, GitHub's, Streamlit's). `plain()` turns such Markdown back into
the text, for the clipboard and plain-text outputs.

Every view and export that puts such text into Markdown calls `md()`; nothing else escapes."""

from __future__ import annotations

import re

# Characters Markdown may read as syntax anywhere in a line: escapes, code, emphasis, links and
# images ([ and ]; Streamlit's :colour[...] too), HTML and autolinks (<, >), entities (&),
# tables, strikethrough and Streamlit's LaTeX ($).
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$])")
# ... and those that count only at the start of a line: headings, lists, setext underlines.
_LINE_START = re.compile(r"^([ \t]*)([#+=-])", re.M)
_ORDERED = re.compile(r"^([ \t]*\d{1,9})([.)])", re.M)
# GitHub Markdown turns bare "http://..." and "www...." into links even when escaped (it looks
# at the rendered text): an invisible zero-width space after the scheme or "www" prevents it.
_BARE_LINK = re.compile(r"\b(https?|ftp|www)(?=:|\.)", re.I)
_ZWSP = "\u200b"
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~]|\n)")
# A line that would have been a list item, heading or quote keeps its own line (a hard break,
# backslash-newline); other lines flow as the paragraph they were wrapped from.
_OWN_LINE = re.compile(r"\n(?=[ \t]*(?:\\[-+*>#]|\d{1,9}\\[.)]))")
_HARD_BREAK = "\\\n"


def md(text: object) -> str:
    """Markdown that renders as exactly `text` (any value; None is the empty string)."""
    if text is None:
        return ""
    escaped = _INLINE.sub(r"\\\1", str(text).replace("\r\n", "\n"))
    escaped = _ORDERED.sub(r"\1\\\2", escaped)
    escaped = _LINE_START.sub(r"\1\\\2", escaped)
    escaped = _OWN_LINE.sub(_HARD_BREAK, escaped)
    return _BARE_LINK.sub(lambda m: m[1] + _ZWSP, escaped)


def md_keeping(text: str, keep: re.Pattern[str]) -> str:
    """`md()` of everything but the matches of `keep` (e.g. citation markers), left as they are."""
    out: list[str] = []
    start = 0
    for match in keep.finditer(text):
        out += [md(text[start : match.start()]), match[0]]
        start = match.end()
    out.append(md(text[start:]))
    return "".join(out)


def plain(markdown: str) -> str:
    """The text of Markdown made with `md()`: its escapes and zero-width spaces removed."""
    return _ESCAPED.sub(r"\1", markdown).replace(_ZWSP, "")
