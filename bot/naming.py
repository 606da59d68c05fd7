"""Documents named in plain words in an answer's text: 'the school report (Hasleby Academy),
page 2, “What the school will do”', never '2018-03-29-school-report-hasleby-academy.pdf'.

The title is the one the citations show (`bot.citations.document_title`: a real title kept,
one made from a file name rebuilt with acronyms in capitals and the agency in its own
spelling), written to sit inside a sentence; the place is the page and the heading the quote
sits under. The citation marker still opens the full record."""

from __future__ import annotations

from bot.citations import ACRONYMS, document_title
from bot.records import Records
from ingest.models import Passage

_ARTICLES = ("the", "a", "an")


def document_name(passage: Passage, records: Records) -> str:
    if passage.learning_kind is not None:
        return passage.title or "the learning document"
    title, names_agency = document_title(passage, records)
    if names_agency and ", " in title:
        kind, _, agency = title.rpartition(", ")
        return f"{_in_sentence(kind)} ({agency})"
    return _in_sentence(title)


def place(passage: Passage, heading: str | None) -> str:
    """The page, and the heading the quote sits under (not the document's own title)."""
    parts = [f"page {passage.page}"] if passage.page else []
    levels = passage.heading.split(" > ") if passage.heading else []
    section = heading or (levels[-1] if len(levels) > 1 or passage.learning_kind else None)
    if section and section != (passage.title or ""):
        parts.append(f"\u201c{section}\u201d")
    return ", ".join(parts)


def source_name(passage: Passage, heading: str | None, records: Records) -> str:
    where = place(passage, heading)
    name = document_name(passage, records)
    return f"{name}, {where}" if where else name


def _in_sentence(title: str) -> str:
    """'School report' reads 'the school report'; 'ICPC minutes' keeps its capitals."""
    first, _, rest = title.partition(" ")
    if first.lower() in _ARTICLES:
        return f"{first.lower()} {rest}".strip()
    if first.lower() in ACRONYMS or first[1:2].isupper():
        return f"the {title}"
    second = rest.split(" ", 1)[0] if rest else ""
    if first[:1].isupper() and not second[:1].isupper():
        return f"the {first.lower()} {rest}".strip()
    return f"the {title}"
