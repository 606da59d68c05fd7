"""Citation markers (numbering, rendering as [n], checking that every marker resolves) and
the plain labels a person reads for a cited record."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from bot.records import Records, document_day
from bot.types import Citation
from ingest.entries import AnyRecord
from ingest.models import Address, Appointment, ChronologyEvent, Member, Passage, Professional

MARKER = re.compile(r"\[(\d+)\](?:[–-]\[(\d+)\])?")


def render_markers(markers: list[int]) -> str:
    """[1][2][3][7] -> '[1]–[3][7]': runs are compressed, every number stays recoverable."""
    ordered = sorted(set(markers))
    parts: list[str] = []
    start = previous = None
    for marker in [*ordered, None]:
        if start is not None and (marker is None or marker != previous + 1):
            parts.append(f"[{start}]" if start == previous else f"[{start}]–[{previous}]")
            start = None
        if marker is not None and start is None:
            start = marker
        previous = marker
    return "".join(parts)


def parse_markers(text: str) -> set[int]:
    found: set[int] = set()
    for match in MARKER.finditer(text):
        first = int(match.group(1))
        last = int(match.group(2) or first)
        found.update(range(first, last + 1))
    return found


def source_of(record: AnyRecord) -> str:
    if record.kind == "passage":
        where = record.heading or (f"page {record.page}" if record.page else None)
        return f"{record.file}" + (f" § {where}" if where else "")
    if record.row is not None:
        return f"{record.file} row {record.row}"
    return record.file


def date_of(record: AnyRecord) -> str | None:
    day = getattr(record, "date", None) or getattr(record, "start", None)
    return day.isoformat() if day else None


def citation(marker: int, record: AnyRecord, records: Records) -> Citation:
    return Citation(
        marker=marker,
        record_id=record.id,
        case_id=records.case_id,
        kind=record.kind,
        source=source_of(record),
        date=date_of(record),
        text=records.texts.get(record.id, ""),
    )


# -- plain labels --------------------------------------------------------------------------------
# What a practitioner reads for a source: "School report, Hasleby Academy, page 2" or
# "Chronology, 14 Oct 2014, Marlow Vale Children's Social Care". The id, file and row stay
# available as a detail (`technical_detail`).

_DATED_NAME = re.compile(r"^(\d{4})[-_ ](\d{2})[-_ ](\d{2})[-_ ]*")
ACRONYMS = frozenset(
    {"icpc", "rcpc", "cin", "cp", "gp", "camhs", "ehe", "ewo", "mash", "lado", "nhs", "sen"}
    | {"send", "ehcp", "rhi", "s47", "cspr", "scr", "pep", "ae", "dv", "ypo", "ot"}
)


def day_words(day: dt.date) -> str:
    """'14 Oct 2014' (no leading zero)."""
    return f"{day.day} {day:%b %Y}"


def _words_of(file: str) -> str:
    """'documents/2018-03-29-school-report-hasleby-academy.pdf' -> 'school report hasleby
    academy'."""
    stem = PurePosixPath(file).stem
    return re.sub(r"[-_]+", " ", _DATED_NAME.sub("", stem)).strip()


def _sentence_case(words: str) -> str:
    fixed = [w.upper() if w.lower() in ACRONYMS else w for w in words.split()]
    text = " ".join(fixed)
    return text[:1].upper() + text[1:]


def _is_file_name_title(passage: Passage) -> bool:
    """Titles the reader made up from the file name ('2018 03 29 school report ...')."""
    if not passage.title:
        return True
    stem = re.sub(r"[-_]+", " ", PurePosixPath(passage.file).stem).strip().lower()
    return passage.title.strip().lower() == stem


def _agencies(records: Records) -> list[str]:
    names = {e.agency for e in records.chronology} | {p.agency for p in records.professionals}
    names |= {a.agency for a in records.appointments}
    return sorted(names, key=len, reverse=True)


def document_title(passage: Passage, records: Records) -> tuple[str, bool]:
    """A document's title as a person would write it, and whether it names the agency.

    Made-up titles are rebuilt from the file name: the date dropped, acronyms in capitals and
    a known agency name in its own spelling ('School report, Hasleby Academy')."""
    if not _is_file_name_title(passage):
        title = passage.title or passage.file
        return title, bool(passage.agency and passage.agency.lower() in title.lower())
    if passage.heading:
        return passage.heading.split(" > ")[0], False
    words = _words_of(passage.file)
    for agency in _agencies(records):
        found = re.search(rf"\b{re.escape(agency.lower())}\b", words.lower())
        if found:
            rest = (words[: found.start()] + words[found.end() :]).strip(" ,")
            return (f"{_sentence_case(rest)}, {agency}" if rest else agency), True
    return _sentence_case(words) or passage.file, False


def _section(passage: Passage) -> str | None:
    """The page, or the innermost heading below the document's own title."""
    if passage.page:
        return f"page {passage.page}"
    parts = (passage.heading or "").split(" > ")
    return parts[-1] if len(parts) > 1 else None


def passage_label(passage: Passage, records: Records) -> str:
    if passage.learning_kind is not None:
        title = passage.title or _sentence_case(_words_of(passage.file))
        kind = passage.learning_kind.value
        parts = [title if kind in title.lower() else f"{title} ({kind})"]
    else:
        title, names_agency = document_title(passage, records)
        parts = [title]
        if passage.agency and not names_agency:
            parts.append(passage.agency)
        day = document_day(passage)
        if day:
            parts.append(day_words(day))
    section = _section(passage)
    if section and section.startswith("page "):
        parts.append(section)
    label = ", ".join(parts)
    return f"{label} — {section}" if section and not section.startswith("page ") else label


def plain_label(record: AnyRecord, records: Records) -> str:
    """A source as a practitioner would name it; no ids, file names or field names."""
    if isinstance(record, Passage):
        return passage_label(record, records)
    if isinstance(record, ChronologyEvent):
        return f"Chronology, {day_words(record.date)}, {record.agency}"
    if isinstance(record, Appointment):
        return f"Appointment, {day_words(record.date)}, {record.agency} ({record.type})"
    if isinstance(record, Professional):
        return f"Professional, {record.name}, {record.role}, {record.agency}"
    if isinstance(record, Address):
        return f"Address, {record.area}, from {day_words(record.start)}"
    if isinstance(record, Member):
        return f"Family member, {record.name}"
    return record.id


def technical_detail(record: AnyRecord) -> str:
    """The id and where it came from: 'pro-029 · professionals.csv row 30'."""
    return f"{record.id} · {source_of(record)}"
