"""One row of a bundle's table read into its record: a professional, a chronology event
(with whom it saw, `child_seen`) or an appointment. Problems go to the row's reader."""

from __future__ import annotations

from typing import Any

from ingest.fields import RowReader, split_ids
from ingest.models import (
    Appointment,
    ChronologyEvent,
    EventType,
    MemberRole,
    Outcome,
    Professional,
    Seen,
    SourceType,
)

Roles = dict[str, MemberRole | None]


def _source(reader: RowReader) -> dict[str, Any]:
    return {"file": reader.file.split("/", 1)[1], "row": reader.row}


def read_professional(reader: RowReader, member_ids: list[str]) -> Professional | None:
    fields = dict(
        name=reader.text("name", required=True),
        role=reader.text("role", required=True),
        agency=reader.text("agency", required=True),
        members=reader.members("members", member_ids),
        start=reader.date("start", required=True),
        end=reader.date("end"),
        phone=reader.text("phone"),
        email=reader.text("email"),
        lead=reader.flag("lead"),
        notes=reader.text("notes"),
    )
    if None in (fields["name"], fields["role"], fields["agency"], fields["start"]):
        return None
    return Professional(id=reader.values["id"], **_source(reader), **fields, extra=reader.extra())


def read_chronology_event(reader: RowReader, members: Roles) -> ChronologyEvent | None:
    when = reader.date_time("date", required=True)
    fields = dict(
        agency=reader.text("agency", required=True),
        event_type=reader.choice("event_type", EventType, required=True),
        summary=reader.text("summary", required=True),
        members=reader.members("members", members),
        source=reader.text("source"),
        source_type=reader.choice("source_type", SourceType),
        action=reader.text("action"),
        outcome=reader.text("outcome"),
        recorded_by=reader.text("recorded_by"),
    )
    child_seen = _child_seen(reader, fields["members"], members)
    if when is None or None in (fields["agency"], fields["event_type"], fields["summary"]):
        return None
    return ChronologyEvent(
        id=reader.values["id"],
        **_source(reader),
        date=when[0],
        time=when[1],
        child_seen=child_seen,
        **fields,
        extra=reader.extra(),
    )


def _child_seen(
    reader: RowReader, event_members: tuple[str, ...], members: Roles
) -> dict[str, Seen]:
    """`yes|no|alone` for the children concerned, or per member `child-a:alone;child-b:no`."""
    text = reader.text("child_seen")
    if text is None:
        return {}
    allowed = "yes, no, alone, or per member like child-a:alone;child-b:no"
    if ":" not in text:
        try:
            value = Seen(text.lower())
        except ValueError:
            reader.problem("child_seen", f"{text!r} is not allowed; allowed: {allowed}")
            return {}
        concerned = event_members or tuple(members)
        children = [m for m in concerned if members.get(m) == MemberRole.CHILD]
        return dict.fromkeys(children or concerned, value)
    seen: dict[str, Seen] = {}
    for part in split_ids(text):
        member_id, _, value = (piece.strip() for piece in part.partition(":"))
        if member_id not in members:
            reader.check_members("child_seen", [member_id], members)
            if members:
                continue
        try:
            seen[member_id] = Seen(value.lower())
        except ValueError:
            reader.problem("child_seen", f"{part!r} is not allowed; allowed: {allowed}")
    return seen


def read_appointment(reader: RowReader, member_ids: list[str]) -> Appointment | None:
    when = reader.date_time("date", required=True)
    member = reader.text("member", required=True)
    if member is not None:
        checked = reader.check_members("member", [member], member_ids)
        member = member if len(checked) == 1 and (member in member_ids or not member_ids) else None
    fields = dict(
        agency=reader.text("agency", required=True),
        type=reader.text("type", required=True),
        outcome=reader.choice("outcome", Outcome, required=True),
        notes=reader.text("notes"),
    )
    if (
        when is None
        or member is None
        or None in (fields["agency"], fields["type"], fields["outcome"])
    ):
        return None
    return Appointment(
        id=reader.values["id"],
        **_source(reader),
        date=when[0],
        time=when[1],
        member=member,
        **fields,
        extra=reader.extra(),
    )
