"""The record viewer's data: a cited record, whole, in plain words (its label, its fields with
readable names and values), with the id, file and row kept as a detail."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict

from bot.citations import day_words, plain_label, technical_detail
from bot.records import Records
from bot.types import Citation
from bot.ui.answer_html import SourceLabel, preview_of
from ingest.entries import AnyRecord

MEMBER_FIELDS = ("member", "members")
HIDDEN_FIELDS = ("kind", "id", "file", "row", "extra", "text")
FIELD_NAMES = {
    "child_seen": "Child seen",
    "event_type": "Event type",
    "source_type": "Source type",
    "recorded_by": "Recorded by",
    "date_of_birth": "Date of birth",
    "expected_date": "Expected date",
    "local_authority": "Local authority",
    "learning_kind": "Kind of document",
    "lead": "Lead professional",
    "start": "From",
    "end": "Until",
    "members": "About",
    "member": "About",
    "type": "Appointment",
}
SEEN_WORDS = {"yes": "seen", "no": "not seen", "alone": "seen alone"}


class UnknownRecord(LookupError):
    """The record id is not in the case (or learning corpus) it was cited from."""


class SourceView(BaseModel):
    """Everything the viewer shows about one record."""

    model_config = ConfigDict(frozen=True)

    record_id: str
    case_id: str | None
    label: str
    detail: str
    text: str
    fields: list[tuple[str, str]]


def records_for(
    case_id: str | None, case_records: Records | None, learning: Records | None
) -> Records | None:
    """Where a citation's record lives: the open case (already checked for this user), or the
    learning corpus for citations without a case; None if the case is no longer open."""
    if case_id is None:
        return learning
    return case_records if case_records is not None and case_records.case_id == case_id else None


def field_name(name: str) -> str:
    return FIELD_NAMES.get(name, name.replace("_", " ").capitalize())


def _words(value: object) -> str:
    if isinstance(value, Enum):
        value = value.value
    return str(value).replace("_", " ")


def field_value(name: str, value: object, records: Records) -> str:
    """A field's value as a person reads it: names for member ids, dates in words, enum values
    without underscores, 'yes'/'no' for flags."""
    if value is None or value == "" or value == () or value == [] or value == {}:
        return "—"
    if name in MEMBER_FIELDS:
        ids = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
        return ", ".join(records.name(i) for i in ids)
    if name == "child_seen" and isinstance(value, dict):
        return "; ".join(
            f"{records.name(k)}: {SEEN_WORDS.get(_words(v), _words(v))}" for k, v in value.items()
        )
    if isinstance(value, dict):
        return "; ".join(f"{_words(k)}: {_words(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(_words(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return f"{day_words(value.date())} {value:%H:%M}"
    if isinstance(value, dt.date):
        return day_words(value)
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return _words(value) if isinstance(value, Enum) else str(value)


def _fields(record: AnyRecord, records: Records) -> list[tuple[str, str]]:
    shown = [
        (field_name(name), field_value(name, getattr(record, name), records))
        for name in type(record).model_fields
        if name not in HIDDEN_FIELDS
    ]
    shown += [(_words(k).capitalize(), v) for k, v in record.extra.items()]
    return [(name, value) for name, value in shown if value != "—"]


def source_view(records: Records, record_id: str) -> SourceView:
    record = records.by_id.get(record_id)
    if record is None:
        where = records.case_id or "the learning corpus"
        raise UnknownRecord(
            f"Record {record_id} is no longer in {where}: the case was re-ingested since this "
            "answer was given. Ask the question again to see the current records."
        )
    return SourceView(
        record_id=record.id,
        case_id=records.case_id,
        label=plain_label(record, records),
        detail=technical_detail(record),
        text=records.texts.get(record.id, ""),
        fields=_fields(record, records),
    )


def record_label(records: Records, record_id: str) -> str:
    """The plain label of a record, for pickers: 'Appointment, 12 Feb 2017, ...'."""
    record = records.by_id.get(record_id)
    return plain_label(record, records) if record is not None else record_id


def source_label(cited: Citation, records: Records | None) -> SourceLabel:
    """What the chat shows for one citation; the citation's own words if the record is gone."""
    record = records.by_id.get(cited.record_id) if records is not None else None
    if record is None or records is None:
        return SourceLabel(
            marker=cited.marker,
            label=cited.source,
            detail=cited.record_id,
            preview=preview_of(cited.text),
        )
    return SourceLabel(
        marker=cited.marker,
        label=plain_label(record, records),
        detail=technical_detail(record),
        preview=preview_of(cited.text or records.texts.get(record.id, "")),
    )
