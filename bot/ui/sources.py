"""The source viewer's data: a cited record, whole, with where it came from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bot.citations import citation, date_of
from bot.records import Records

MEMBER_FIELDS = ("member", "members")


class UnknownRecord(LookupError):
    """The record id is not in the case (or learning corpus) it was cited from."""


class SourceView(BaseModel):
    """Everything the viewer shows about one record."""

    model_config = ConfigDict(frozen=True)

    record_id: str
    case_id: str | None
    kind: str
    source: str
    date: str | None
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


def _value(name: str, value: object, records: Records) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if name in MEMBER_FIELDS:
        ids = [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]
        return ", ".join(
            f"{i} ({records.name(i)})" if i in records.members_by_id else i for i in ids
        )
    if name == "child_seen" and isinstance(value, dict):
        return "; ".join(f"{records.name(k)}: {v}" for k, v in value.items())
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def source_view(records: Records, record_id: str) -> SourceView:
    record = records.by_id.get(record_id)
    if record is None:
        where = records.case_id or "the learning corpus"
        raise UnknownRecord(f"No record {record_id!r} in {where}; it may have been re-ingested.")
    dumped = record.model_dump(mode="json")
    fields = [(name, _value(name, value, records)) for name, value in dumped.items()]
    cited = citation(0, record, records)
    return SourceView(**cited.model_dump(exclude={"marker"}), fields=fields)


def record_label(records: Records, record_id: str) -> str:
    """A short label for picking a record: 'apt-023 · appointment · 2017-02-12'."""
    record = records.by_id.get(record_id)
    if record is None:
        return record_id
    date = date_of(record)
    return f"{record_id} · {record.kind}" + (f" · {date}" if date else "")
