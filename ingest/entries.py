"""Turn typed records into index entries: the text to embed and typed, filterable metadata."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from ingest.models import (
    Address,
    Appointment,
    Bundle,
    Case,
    ChronologyEvent,
    Member,
    MemberRole,
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
    meaning: str = Field(
        "",
        description="The text embedded, when not `text`: what a record says, without the "
        "date, agency and names every record of its kind repeats.",
    )

    @property
    def text_hash(self) -> str:
        return str(self.metadata["text_hash"])

    @property
    def embedded_text(self) -> str:
        return self.meaning or self.text


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


# Words that already say who someone is: a member called 'Mother' or 'Child A' keeps the name.
_KIN = frozenset(
    [
        "mother",
        "father",
        "mum",
        "mummy",
        "dad",
        "daddy",
        "child",
        "baby",
        "unborn",
        "brother",
        "sister",
        "son",
        "daughter",
        "uncle",
        "aunt",
        "auntie",
        "grandmother",
        "grandfather",
        "nan",
        "gran",
        "grandad",
        "partner",
        "stepfather",
        "stepmother",
    ]
)
_ROLE_WORDS = {
    MemberRole.CHILD: "the child",
    MemberRole.PARENT: "the parent",
    MemberRole.CARER: "the carer",
    MemberRole.ADULT: "the adult",
    MemberRole.UNBORN: "the unborn baby",
}


@lru_cache(maxsize=64)
def _name_pattern(
    members: tuple[tuple[str, tuple[str, ...], MemberRole], ...],
) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One pattern for every member's name, first name and capitalised aliases, each mapped to
    the member's role in words."""
    said: dict[str, str] = {}
    for full, aliases, role in members:
        words = full.split()
        names = [full, *(a for a in aliases if a[:1].isupper())]
        if len(words) >= 2:
            names.append(words[0])
        for name in names:
            if not (set(name.lower().split()) & _KIN):
                said.setdefault(name.lower(), _ROLE_WORDS[role])
    if not said:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(said, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE), said


def _without_names(text: str, members: Mapping[str, Member]) -> str:
    """'Lee pushed Shannon' -> 'the adult pushed the parent': a family's names carry no meaning
    for the embedding model and pull every record that holds them together."""
    found = _name_pattern(tuple((m.name, tuple(m.aliases), m.role) for m in members.values()))
    if found is None:
        return text
    pattern, said = found
    return pattern.sub(lambda m: said[m.group(0).lower()], text)


def _embedding_text(record: AnyRecord, text: str, members: Mapping[str, Member]) -> str:
    """What a record is embedded by. A chronology event or an appointment by what it says: the
    date, agency and household names that open every such record's text would otherwise make
    all of them alike (a topic like 'domestic abuse' scored 0.29-0.46 on the whole texts, with
    wanted and unwanted records mixed; 0.53-0.86 against 0.3-0.5 on what they say)."""
    match record:
        case Passage():
            context = " > ".join(filter(None, [record.title, record.heading]))
            return f"{context}\n{text}" if context else text
        case ChronologyEvent():
            parts = [f"{record.event_type.value.replace('_', ' ').capitalize()}.", record.summary]
            parts += [part for part in (record.action, record.outcome) if part]
            return _without_names(" ".join(parts), members)
        case Appointment():
            said = f"{record.type} appointment with {record.agency}: "
            said += record.outcome.value.replace("_", " ") + "."
            return _without_names(f"{said} {record.notes}" if record.notes else said, members)
    return text


def build_entry(record: AnyRecord, case_id: str | None, members: Mapping[str, Member]) -> Entry:
    text = record_text(record, members)
    embedding_text = _embedding_text(record, text, members)
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
    if isinstance(record, Passage):
        return Entry(id=entry_id(record.kind, record.id), text=embedding_text, metadata=metadata)
    return Entry(
        id=entry_id(record.kind, record.id),
        text=text,
        metadata=metadata,
        meaning="" if embedding_text == text else embedding_text,
    )


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
