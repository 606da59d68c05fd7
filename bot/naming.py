"""Documents named in plain words in an answer's text: 'the school report (Hasleby Academy),
page 2, “What the school will do”', never '2018-03-29-school-report-hasleby-academy.pdf'.

The title is the one the citations show (`bot.citations.document_title`: a real title kept,
one made from a file name rebuilt with acronyms in capitals and the agency in its own
spelling), written to sit inside a sentence; the place is the page and the heading the quote
sits under. The citation marker still opens the full record."""

from __future__ import annotations

import re
from collections import Counter

from bot.citations import ACRONYMS, _is_file_name_title, document_title
from bot.records import Records
from ingest.models import Passage

_ARTICLES = ("the", "a", "an")


def document_name(passage: Passage, records: Records) -> str:
    if passage.learning_kind is not None:
        return passage.title or "the learning document"
    if _is_file_name_title(passage):  # its name is the file's, not its first heading
        passage = passage.model_copy(update={"heading": None})
    title, names_agency = document_title(passage, records)
    if names_agency and ", " in title:
        kind, _, agency = title.rpartition(", ")
        return f"{_in_sentence(kind)} ({agency})"
    if _is_file_name_title(passage):
        return _whose(title, [p.text for p in records.passages if p.file == passage.file])
    return _in_sentence(title)


def _whose(title: str, texts: list[str]) -> str:
    """A file-made title with each word as the document writes it mid-sentence, and a
    trailing run of names as whose it is: 'the return home interview (Kai)'."""
    words = [_as_written(word, texts) for word in title.split()]
    tail = len(words)
    while tail > 1 and words[tail - 1][:1].isupper() and words[tail - 1].lower() not in ACRONYMS:
        tail -= 1
    if tail < len(words):
        return f"{_in_sentence(' '.join(words[:tail]))} ({' '.join(words[tail:])})"
    return _in_sentence(" ".join(words))


def _as_written(word: str, texts: list[str]) -> str:
    """The word as the document writes it after another word (not at a sentence start):
    a name when it is always capitalised there; an acronym in capitals."""
    if word.lower() in ACRONYMS:
        return word.upper()
    pattern = re.compile(rf"(?<=(?-i:[a-z,]) ){re.escape(word)}\b", re.I)
    forms: Counter[str] = Counter()
    for text in texts:
        forms.update(m.group() for m in pattern.finditer(text))
    if not forms or any(form.islower() for form in forms):
        return word.lower()  # a common word: a name is never written in lower case
    return forms.most_common(1)[0][0]


def place(passage: Passage, heading: str | None) -> str:
    """The page, and the heading the quote sits under (not the document's own title)."""
    parts = [f"page {passage.page}"] if passage.page else []
    levels = passage.heading.split(" > ") if passage.heading else []
    titled_by_file = passage.learning_kind is None and _is_file_name_title(passage)
    sectioned = len(levels) > 1 or passage.learning_kind is not None or titled_by_file
    section = heading or (levels[-1] if levels and sectioned else None)
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
