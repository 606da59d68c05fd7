"""Turn typed records into index entries: the text to embed and typed, filterable metadata."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping

from pydantic import BaseModel, ConfigDict

from ingest.models import (
    Address,
    Appointment,
    Bundle,
    Case,
    ChronologyEvent,
    Member,
    Passage,
    Professional,
)

AnyRecord = Member | Address | Professional | ChronologyEvent | Appointment | Passage
Metadata = dict[str, str | int | float | bool | list[str]]


class Entry(BaseModel):
    """One Chroma entry: id, embedding text, metadata with the full record as JSON."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    metadata: Metadata

    @property
    def text_hash(self) -> str:
        return str(self.metadata["text_hash"])


def date_number(value: dt.date | None) -> int | None:
    """2016-03-04 -> 20160304: sortable and comparable in a Chroma `where`."""
    return value.year * 10000 + value.month * 100 + value.day if value else None


def entry_id(kind: str, record_id: str) -> str:
    return f"{kind}:{record_id}"


def _names(ids: Iterable[str], members: Mapping[str, Member]) -> str:
    return ", ".join(members[i].name if i in members else i for i in ids)


def record_text(record: AnyRecord, members: Mapping[str, Member]) -> str:
    """A plain-language line per record: what is embedded and what a citation quotes."""
    match record:
        case ChronologyEvent():
            who = _names(record.members, members) or "the whole household"
            parts = [
                f"{record.date.isoformat()} {record.event_type.value.replace('_', ' ')} "
                f"recorded by {record.agency} concerning {who}: {record.summary}"
            ]
            if record.source:
                parts.append(f"Source: {record.source}.")
            if record.action:
                parts.append(f"Action: {record.action}")
            if record.outcome:
                parts.append(f"Outcome: {record.outcome}")
            if record.child_seen:
                seen = "; ".join(
                    f"{_names([m], members)} {value.value}"
                    for m, value in record.child_seen.items()
                )
                parts.append(f"Children seen: {seen}.")
            return " ".join(parts)
        case Appointment():
            text = (
                f"{record.date.isoformat()} {record.type} appointment for "
                f"{_names([record.member], members)} with {record.agency}: "
                f"{record.outcome.value.replace('_', ' ')}."
            )
            return f"{text} {record.notes}" if record.notes else text
        case Professional():
            who = _names(record.members, members) or "the whole family"
            until = record.end.isoformat() if record.end else "now"
            text = (
                f"{record.name}, {record.role}, {record.agency}, working with {who} "
                f"from {record.start.isoformat()} to {until}."
            )
            if record.lead:
                text += " Lead professional."
            contact = ", ".join(filter(None, [record.phone, record.email]))
            if contact:
                text += f" Contact: {contact}."
            return f"{text} {record.notes}" if record.notes else text
        case Member():
            text = f"{record.name} ({record.role.value})"
            if record.aliases:
                text += f", also called {', '.join(record.aliases)}"
            if record.date_of_birth:
                text += f", born {record.date_of_birth.isoformat()}"
            if record.expected_date:
                text += f", expected {record.expected_date.isoformat()}"
            text += "."
            return f"{text} {record.notes}" if record.notes else text
        case Address():
            who = _names(record.members, members) or "the whole household"
            until = record.end.isoformat() if record.end else "now"
            text = (
                f"{record.start.isoformat()} to {until}: lived at {record.area}"
                f"{', ' + record.local_authority if record.local_authority else ''} ({who})."
            )
            return f"{text} {record.notes}" if record.notes else text
        case Passage():
            return record.text
    raise TypeError(f"not a record: {record!r}")


def _embedding_text(record: AnyRecord, text: str) -> str:
    if isinstance(record, Passage):
        context = " > ".join(filter(None, [record.title, record.heading]))
        return f"{context}\n{text}" if context else text
    return text


def build_entry(record: AnyRecord, case_id: str | None, members: Mapping[str, Member]) -> Entry:
    text = record_text(record, members)
    embedding_text = _embedding_text(record, text)
    metadata: Metadata = {
        "kind": record.kind,
        "record_id": record.id,
        "file": record.file,
        "record": record.model_dump_json(),
        "text_hash": hashlib.sha256(embedding_text.encode()).hexdigest(),
    }
    if case_id is not None:
        metadata["case_id"] = case_id
    optional: dict[str, object] = {
        "row": record.row,
        "date": date_number(getattr(record, "date", None) or getattr(record, "start", None)),
        "agency": getattr(record, "agency", None),
        "role": getattr(record, "role", None),
        "event_type": getattr(record, "event_type", None),
        "outcome": getattr(record, "outcome", None),
        "source_type": getattr(record, "source_type", None),
        "heading": getattr(record, "heading", None),
        "page": getattr(record, "page", None),
        "learning_kind": getattr(record, "learning_kind", None),
    }
    members_of = getattr(record, "members", None) or (
        (record.member,) if isinstance(record, Appointment) else ()
    )
    if members_of:
        metadata["members"] = list(members_of)
    if isinstance(record, ChronologyEvent) and record.child_seen:
        metadata["child_seen"] = ";".join(f"{m}:{v.value}" for m, v in record.child_seen.items())
    if isinstance(record, Professional):
        metadata["lead"] = record.lead
    for key, value in optional.items():
        if value is not None:
            metadata[key] = value.value if hasattr(value, "value") else value  # type: ignore[assignment]
    for key, value in record.extra.items():
        metadata[f"x_{key}"] = value
    return Entry(id=entry_id(record.kind, record.id), text=embedding_text, metadata=metadata)


def case_entry(case: Case) -> Entry:
    text = f"{case.title}. {case.summary or ''}".strip()
    metadata: Metadata = {
        "kind": "case",
        "record_id": case.case_id,
        "case_id": case.case_id,
        "file": "case.yaml",
        "record": case.model_dump_json(),
        "text_hash": hashlib.sha256(text.encode()).hexdigest(),
    }
    return Entry(id=entry_id("case", case.case_id), text=text, metadata=metadata)


def bundle_entries(bundle: Bundle) -> list[Entry]:
    members = {member.id: member for member in bundle.members}
    records: list[AnyRecord] = [
        *bundle.members,
        *bundle.addresses,
        *bundle.professionals,
        *bundle.chronology,
        *bundle.appointments,
        *bundle.passages,
    ]
    case_id = bundle.case.case_id
    return [case_entry(bundle.case), *(build_entry(r, case_id, members) for r in records)]
