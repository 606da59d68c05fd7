"""A case summary for 'what's the current situation?', 'what are the concerns?', 'anything
still open?', 'should we close?': plan status, the lead and who is involved now, per child the
missed appointments and when last seen (alone), what is coming up, and the latest events.
Every line cites its records; a closure question gets what is still open, never a decision."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from bot.evidence import Line, Query, ToolResult, fmt_date, plural
from bot.records import Records
from bot.tools.chronology import type_words
from bot.tools.involvement import is_current
from ingest.models import MISSED_OUTCOMES, ChronologyEvent, EventType, Outcome, Seen

PLAN_EVENTS = (EventType.CONFERENCE, EventType.CASE_CLOSED, EventType.SECTION_47)
# the records that decide a plan: conferences, assessments, enquiries, closures
STATUS_EVENTS = (*PLAN_EVENTS, EventType.ASSESSMENT, EventType.MEETING)
LATEST_EVENTS = 5
# What a record says of the plan the children are under, in the order a record is read: a
# closure ends any plan; then the statutory plans, then early help.
_CP = re.compile(r"child protection plan|subject to (a |the )?plans?\b", re.IGNORECASE)
_CONTINUES = re.compile(r"\bplans? (continue|remain)", re.IGNORECASE)
_CIN = re.compile(r"\bchild(ren)? in need\b|section 17\b", re.IGNORECASE)
_EARLY_HELP = re.compile(r"\bearly help\b", re.IGNORECASE)
_ENDED = re.compile(r"\b(ended|discontinued|removed from|no longer)\b", re.IGNORECASE)

Risks = Sequence[tuple[str, list[str]]]  # theme, the ids of the records about it, by date
Deadlines = Sequence[tuple[str, tuple[str, ...]]]  # a dated deadline in words, its records
DEADLINES_SHOWN = 5


def _status(event: ChronologyEvent, current: str | None) -> str | None:
    """The plan an event records ('child protection plans', ...), or None if it says none."""
    text = f"{event.summary} {event.outcome or ''}"
    if event.event_type == EventType.CASE_CLOSED:
        return "no plan (case closed)"
    if _CP.search(text) and not _ENDED.search(text):
        return "child protection plans"
    if current == "child protection plans" and _CONTINUES.search(text):
        return current
    if _CIN.search(text):
        return "child in need"
    if _EARLY_HELP.search(text) and event.event_type != EventType.MEETING:
        return "early help"
    return None


def plan_status(records: Records, today: dt.date) -> Line | None:
    """The plan the records last say the children are under, since the first record of that
    run, with the latest record that confirms it."""
    run: list[ChronologyEvent] = []
    current: str | None = None
    for event in records.chronology:
        if event.event_type not in STATUS_EVENTS or event.date > today:
            continue
        status = _status(event, current)
        if status is None:
            continue
        if status != current:
            run, current = [], status
        run.append(event)
    if current is None:
        return None
    first, last = run[0], run[-1]
    text = f"Plan status: {current}, since {fmt_date(first.date)} ({type_words(first.event_type)})"
    if last is not first:
        outcome = (last.outcome or last.summary).rstrip(".")
        text += f"; latest {type_words(last.event_type)} {fmt_date(last.date)}: {outcome}"
    return Line(text + ".", tuple(dict.fromkeys([first.id, last.id])))


def risk_lines(records: Records, risks: Risks, today: dt.date) -> list[Line]:
    """Per safeguarding theme found in the records: how many records, and the latest so far."""
    lines = []
    for theme, ids in risks:
        past = [
            i
            for i in ids
            if (day := getattr(records.by_id[i], "date", None)) is not None and day <= today
        ]
        text = f"Records about {theme}: {len(ids)}"
        if past:
            text += f", the latest on {fmt_date(records.by_id[past[-1]].date)}"  # type: ignore[attr-defined]
        lines.append(Line(text + ".", tuple(ids), bullet=True))
    return lines


def _plan_records(records: Records, today: dt.date) -> list[ChronologyEvent]:
    """The conferences, enquiries and closures recorded so far, by date."""
    return [e for e in records.chronology if e.event_type in PLAN_EVENTS and e.date <= today]


def actions_since(records: Records, today: dt.date) -> dt.date:
    """Where a summary's decisions and actions start: the latest conference, enquiry or closure
    so far, else three months back."""
    plan = _plan_records(records, today)
    return plan[-1].date if plan else today - dt.timedelta(days=91)


def summary(
    query: Query, risks: Risks = (), deadlines: Deadlines = (), actions: Deadlines = ()
) -> ToolResult:
    records = query.records
    assert records is not None
    if query.ask.members:
        return person_summary(query)
    today = query.today
    lines: list[Line] = []
    status = plan_status(records, today)
    if status is not None:
        lines.append(status)
    plan = _plan_records(records, today)
    if plan and (status is None or plan[-1].id not in status.record_ids):
        last = plan[-1]
        lines.append(
            Line(
                f"Latest {type_words(last.event_type)} record, {fmt_date(last.date)} "
                f"({last.agency}): {last.summary.rstrip('.')}."
                + (f" Outcome: {last.outcome.rstrip('.')}." if last.outcome else ""),
                (last.id,),
            )
        )
    lines += risk_lines(records, risks, today)
    involved = [p for p in records.professionals if is_current(p, today)]
    leads = [p for p in involved if p.lead]
    if leads:
        lines.append(
            Line(
                "Lead professional now: "
                + "; ".join(f"{p.name}, {p.role} ({p.agency})" for p in leads)
                + ".",
                tuple(p.id for p in leads),
            )
        )
    if involved:
        agencies = sorted({p.agency for p in involved})
        lines.append(
            Line(
                f"{plural(len(involved), 'professional')} involved now, from "
                f"{plural(len(agencies), 'agency', 'agencies')}.",
                tuple(p.id for p in involved),
            )
        )
    for child in records.children:
        missed = [
            a for a in records.appointments if a.member == child.id and a.outcome in MISSED_OUTCOMES
        ]
        if missed:
            lines.append(
                Line(
                    f"{child.name}: {plural(len(missed), 'missed appointment')}, the latest on "
                    f"{fmt_date(missed[-1].date)}.",
                    tuple(a.id for a in missed),
                    bullet=True,
                )
            )
        seen = [
            e for e in records.chronology if e.child_seen.get(child.id) in (Seen.YES, Seen.ALONE)
        ]
        alone = [e for e in seen if e.child_seen.get(child.id) == Seen.ALONE]
        if seen:
            text = f"{child.name} last recorded as seen on {fmt_date(seen[-1].date)}"
            ids = [seen[-1].id]
            if alone:
                text += f", last seen alone on {fmt_date(alone[-1].date)}"
                ids.append(alone[-1].id)
            lines.append(Line(text + ".", tuple(ids), bullet=True))
    upcoming = [
        a for a in records.appointments if a.outcome == Outcome.UPCOMING and a.date >= today
    ]
    if upcoming:
        first = upcoming[0]
        lines.append(
            Line(
                f"Coming up: {plural(len(upcoming), 'appointment')}, the next on "
                f"{fmt_date(first.date)} ({first.type}, {records.name(first.member)}).",
                tuple(a.id for a in upcoming),
            )
        )
    if actions:
        since = fmt_date(actions_since(records, today))
        lines.append(
            Line(
                f"Decisions and actions recorded since {since}: {len(actions)}"
                + (f", the first {DEADLINES_SHOWN}:" if len(actions) > DEADLINES_SHOWN else ":"),
                tuple(i for _, ids in actions for i in ids),
            )
        )
        lines += [Line(text, ids, bullet=True) for text, ids in actions[:DEADLINES_SHOWN]]
    if deadlines:
        lines.append(
            Line(
                f"Dated deadlines ahead in the records: {len(deadlines)}"
                + (f", the first {DEADLINES_SHOWN}:" if len(deadlines) > DEADLINES_SHOWN else ":"),
                tuple(i for _, ids in deadlines for i in ids),
            )
        )
        lines += [Line(text, ids, bullet=True) for text, ids in deadlines[:DEADLINES_SHOWN]]
    recent = [e for e in records.chronology if e.date <= today][-LATEST_EVENTS:]
    for event in recent:
        lines.append(
            Line(
                f"{fmt_date(event.date)}, {type_words(event.event_type)} ({event.agency}): "
                f"{event.summary.rstrip('.')}.",
                (event.id,),
                bullet=True,
            )
        )
    searched = (
        f"all records of case {records.case_id}: {len(records.chronology)} chronology, "
        f"{len(records.appointments)} appointments, {len(records.professionals)} involvements"
    )
    if not lines:
        return ToolResult("case_summary", [Line("No records to summarise.", ())], searched, False)
    lines.append(
        Line(
            "This is a summary of the records, not an assessment; decisions rest with the "
            "practitioner and their manager.",
            (),
            note=True,
        )
    )
    return ToolResult(
        "case_summary", lines, searched, True, [i for ln in lines for i in ln.record_ids]
    )


def person_summary(query: Query) -> ToolResult:
    """'Is Lee still seen as a risk?', 'what do we know about him?': what the records say about
    the people asked about: their own record, who works with them, the latest events about them."""
    records = query.records
    assert records is not None
    lines: list[Line] = []
    for member_id in query.ask.members:
        member = records.members_by_id[member_id]
        about = f"{member.name} ({member.role.value})"
        lines.append(
            Line(
                f"{about}: {member.notes.rstrip('.')}." if member.notes else about + ".",
                (member.id,),
            )
        )
        theirs = [
            p
            for p in records.professionals
            if member_id in p.members and is_current(p, query.today)
        ]
        for professional in theirs:
            note = f" {professional.notes.rstrip('.')}." if professional.notes else ""
            lines.append(
                Line(
                    f"Working with {member.name} now: {professional.name}, {professional.role} "
                    f"({professional.agency}).{note}",
                    (professional.id,),
                    bullet=True,
                )
            )
        events = [e for e in records.chronology if member_id in e.members and e.date <= query.today]
        for event in events[-LATEST_EVENTS:]:
            lines.append(
                Line(
                    f"{fmt_date(event.date)}, {type_words(event.event_type)} ({event.agency}): "
                    f"{event.summary.rstrip('.')}."
                    + (f" Outcome: {event.outcome.rstrip('.')}." if event.outcome else ""),
                    (event.id,),
                    bullet=True,
                )
            )
    lines.append(
        Line(
            "This is what the records say, not an assessment; decisions rest with the "
            "practitioner and their manager.",
            (),
            note=True,
        )
    )
    searched = (
        f"the member, involvement and chronology records of case {records.case_id} about "
        f"{records.names(list(query.ask.members))}"
    )
    ids = [i for ln in lines for i in ln.record_ids]
    return ToolResult("case_summary", lines, searched, True, ids)
