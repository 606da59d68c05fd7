"""Citation markers: numbering, rendering as [n], and checking that every marker resolves."""

from __future__ import annotations

import re

from bot.records import Records
from bot.types import Citation
from ingest.entries import AnyRecord

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
