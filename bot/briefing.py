"""Briefings prepared from a case's records: for a home visit and for a multi-agency meeting.
A Briefing is sections of lines, each line resting on the records it names; it renders to
Markdown and to .docx with [n] markers resolving to a numbered sources list."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING

import prompts
from bot.briefing_actions import decisions_section, upcoming_section
from bot.briefing_model import (
    Briefing,
    BriefingKind,
    BriefingLine,
    ExportFormat,
    Section,
    line,
)
from bot.briefing_render import sources, to_docx, to_markdown
from bot.briefing_voice import voice_section
from bot.contradictions import contradictions_section
from bot.evidence import Query, fmt_date, plural
from bot.overview import (
    contact,
    current_addresses,
    involved_now,
    last_seen,
    last_seen_alone,
    lives_at,
    missed_appointments,
)
from bot.patterns import indicators
from bot.patterns.learning import PatternLinks
from bot.records import Records
from bot.request import Ask
from bot.tools.addresses import age_on
from bot.tools.appointments import outcome_words
from bot.tools.chronology import describe_event
from bot.tools.patterns import LEARNING_LABEL, case_line
from config.settings import PatternThresholds
from ingest.models import Address, ChronologyEvent, Outcome, Professional

if TYPE_CHECKING:
    from bot.access import User
    from bot.answer import Engine

__all__ = [
    "Briefing",
    "BriefingKind",
    "BriefingLine",
    "ExportFormat",
    "Section",
    "export_detail",
    "on_export",
    "prepare",
    "sources",
    "to_docx",
    "to_markdown",
]

RECENT_WEEKS = 8
RECENT_LIMIT = 15
MISSED_MONTHS = 12
PATTERNS_TITLE = "Patterns in the records (indicators against thresholds, not a risk assessment)"


def on_export(engine: Engine, user: User, briefing: Briefing, fmt: ExportFormat) -> None:
    """Called whenever a briefing leaves the app (a download): recorded in the audit log with
    who exported which case's briefing, in which format, citing which records."""
    detail = export_detail(briefing, fmt)
    engine.record_export(user, briefing.case_id, briefing.record_ids(), detail)


def export_detail(briefing: Briefing, fmt: ExportFormat) -> str:
    """The audit entry's detail for an exported briefing, the same from the app and the CLI."""
    return f"{briefing.kind} briefing as {fmt}"


# -- building ---------------------------------------------------------------------------------


def _eventline(event: ChronologyEvent, records: Records, today: dt.date) -> BriefingLine:
    query = Query(Ask(about="events", shape="list", clause=""), records, today)
    return line(describe_event(event, query), event.id)


def role_at(professional: Professional) -> str:
    """'Social Worker (Marlow Vale Children's Social Care)'; 'GP (Hasleby Health Centre)'."""
    if professional.agency.lower().startswith(professional.role.lower()):
        return professional.agency
    return f"{professional.role} ({professional.agency})"


def _professionalline(professional: Professional, records: Records) -> BriefingLine:
    works_with = (
        records.names(list(professional.members)) if professional.members else "the whole family"
    )
    lead = ", lead professional" if professional.lead else ""
    return line(
        f"{professional.name}, {role_at(professional)}{lead}, works with "
        f"{works_with}: {contact(professional)}.",
        professional.id,
    )


def _address_notes(address: Address) -> str:
    """The address's own notes, without a 'Current address.' the line already says."""
    notes = re.sub(r"^\s*current address\.?\s*", "", address.notes or "", flags=re.I)
    return f" {notes.rstrip('.')}." if notes else ""


def household_section(records: Records, today: dt.date) -> Section:
    current = current_addresses(records)
    lines = [
        line(
            f"Current address: {a.area}"
            + (f", {a.local_authority}" if a.local_authority else "")
            + f", since {fmt_date(a.start)}."
            + _address_notes(a),
            a.id,
        )
        for a in current
    ]
    for member in records.members:
        if not lives_at(member, current):
            continue
        notes = f" {member.notes.rstrip('.')}." if member.notes else ""
        lines.append(
            line(f"{member.name} ({member.role.value}), {age_on(member, today)}.{notes}", member.id)
        )
    elsewhere = [m for m in records.members if not lives_at(m, current)]
    lines += [
        line(f"{m.name} ({m.role.value}) is not recorded at the current address.", m.id)
        for m in elsewhere
    ]
    return Section(title="Who lives there", lines=lines)


def involvement_section(records: Records, today: dt.date) -> Section:
    current = sorted(involved_now(records, today), key=lambda p: (not p.lead, p.start))
    return Section(
        title="Who else is involved and how to reach them",
        lines=[_professionalline(p, records) for p in current],
    )


def recent_events_section(records: Records, today: dt.date) -> Section:
    since = today - dt.timedelta(weeks=RECENT_WEEKS)
    events = [e for e in records.chronology if since <= e.date <= today][-RECENT_LIMIT:]
    return Section(
        title=f"Recent events (since {fmt_date(since)})",
        lines=[_eventline(e, records, today) for e in events],
    )


def missed_section(records: Records, since: dt.date, title: str) -> Section:
    lines: list[BriefingLine] = []
    for member in records.members:
        missed = missed_appointments(records, member.id, since)
        if not missed:
            continue
        counts = Counter(outcome_words(a.outcome) for a in missed)
        latest = missed[-1]
        lines.append(
            line(
                f"{member.name}: {plural(len(missed), 'missed appointment')} "
                f"({', '.join(f'{n} {w}' for w, n in counts.most_common())}); the latest "
                f"{fmt_date(latest.date)}, {latest.type} ({latest.agency}).",
                *(a.id for a in missed),
            )
        )
    return Section(
        title=title, lines=lines, empty=f"No missed appointments since {fmt_date(since)}."
    )


def last_seen_section(records: Records) -> Section:
    lines: list[BriefingLine] = []
    for child in records.children:
        for figure in (last_seen(records, child), last_seen_alone(records, child)):
            if not figure.record_ids:
                continue
            note = f" ({figure.note})" if figure.note else ""
            lines.append(
                line(
                    f"{child.name}, {figure.label.lower()}: {figure.value}{note}.",
                    *figure.record_ids,
                )
            )
    return Section(
        title="When the children were last seen",
        lines=lines,
        empty="No record says whether the children were seen.",
    )


@cache
def risk_themes() -> dict[str, re.Pattern[str]]:
    themes: dict[str, str] = prompts.load("risk_themes.yaml")
    return {name: re.compile(rf"\b({pattern})", re.I) for name, pattern in themes.items()}


def risks_section(records: Records) -> Section:
    lines: list[BriefingLine] = []
    for theme, pattern in risk_themes().items():
        events = [
            e
            for e in records.chronology
            if pattern.search(f"{e.summary} {e.action or ''} {e.outcome or ''}")
        ]
        if not events:
            continue
        latest = events[-1]
        lines.append(
            line(
                f"{theme.capitalize()}: {plural(len(events), 'chronology record')}, the latest "
                f"on {fmt_date(latest.date)} ({latest.agency}): {latest.summary}",
                *(e.id for e in events),
            )
        )
    violence = risk_themes().get("violence or threats")
    for member in records.members:
        if violence and member.notes and violence.search(member.notes):
            lines.append(line(f"{member.name}: {member.notes}", member.id))
    return Section(title="Risks recorded", lines=lines)


def patterns_section(
    records: Records,
    today: dt.date,
    links: PatternLinks | None = None,
    limits: PatternThresholds | None = None,
) -> Section:
    """The pattern indicators that reach their threshold ('Case records'), each pattern's
    learning passages after its first indicator ('Review learning')."""
    lines: list[BriefingLine] = []
    linked: set[str] = set()
    for indicator in (i for i in indicators(records, today, limits) if i.fired):
        lines.append(line(case_line(indicator), *indicator.record_ids))
        if indicator.pattern in linked:
            continue
        linked.add(indicator.pattern)
        for link in (links or {}).get(indicator.pattern, []):
            lines.append(
                line(f"{LEARNING_LABEL}: {link.source}: \u201c{link.quote}\u201d", link.passage_id)
            )
    return Section(
        title=PATTERNS_TITLE,
        lines=lines,
        empty="No indicator reaches its threshold.",
    )


def _case_title(records: Records) -> tuple[str, str]:
    if records.case is None:
        raise ValueError("A briefing needs a case's records, not the learning corpus.")
    return records.case.case_id, records.case.title


def home_visit_briefing(
    records: Records,
    today: dt.date,
    links: PatternLinks | None = None,
    limits: PatternThresholds | None = None,
) -> Briefing:
    case_id, title = _case_title(records)
    since = today - dt.timedelta(days=round(MISSED_MONTHS * 30.44))
    recent = today - dt.timedelta(weeks=RECENT_WEEKS)
    return Briefing(
        kind="home_visit",
        title=f"Home visit briefing: {title} ({case_id})",
        case_id=case_id,
        prepared_on=today,
        sections=[
            household_section(records, today),
            involvement_section(records, today),
            recent_events_section(records, today),
            missed_section(records, since, f"Missed appointments (since {fmt_date(since)})"),
            last_seen_section(records),
            risks_section(records),
            voice_section(records),
            decisions_section(records, recent, today),
            upcoming_section(records, today),
            attendance_section(records, since, today),
            contradictions_section(records),
            patterns_section(records, today, links, limits),
        ],
    )


def chronology_section(records: Records, since: dt.date, today: dt.date) -> Section:
    events = [e for e in records.chronology if since <= e.date <= today]
    return Section(
        title=f"Chronology since {fmt_date(since)}",
        lines=[_eventline(e, records, today) for e in events],
    )


def period_involvement_section(records: Records, since: dt.date, today: dt.date) -> Section:
    current = involvement_section(records, today).lines
    ended = [p for p in records.professionals if p.end is not None and since <= p.end < today]
    lines = current + [
        line(
            f"{p.name}, {role_at(p)}: involvement ended {fmt_date(p.end)}.",
            p.id,
        )
        for p in ended
    ]
    return Section(title="Involvement", lines=lines)


def attendance_section(records: Records, since: dt.date, today: dt.date) -> Section:
    """Per member, children first: the appointments held since `since` and how each went."""
    lines: list[BriefingLine] = []
    for member in sorted(records.members, key=lambda m: m.role.value != "child"):
        held = [
            a
            for a in records.appointments
            if a.member == member.id and since <= a.date <= today and a.outcome != Outcome.UPCOMING
        ]
        if not held:
            continue
        counts = Counter(outcome_words(a.outcome) for a in held)
        lines.append(
            line(
                f"{member.name}: {plural(len(held), 'appointment')} since {fmt_date(since)}, "
                f"{', '.join(f'{n} {w}' for w, n in counts.most_common())}.",
                *(a.id for a in held),
            )
        )
    return Section(
        title=f"Attendance at appointments since {fmt_date(since)}",
        lines=lines,
        empty=f"No appointment is recorded since {fmt_date(since)}.",
    )


def meeting_briefing(
    records: Records,
    today: dt.date,
    since: dt.date,
    links: PatternLinks | None = None,
    limits: PatternThresholds | None = None,
) -> Briefing:
    case_id, title = _case_title(records)
    return Briefing(
        kind="meeting",
        title=f"Multi-agency meeting briefing: {title} ({case_id})",
        case_id=case_id,
        prepared_on=today,
        since=since,
        sections=[
            chronology_section(records, since, today),
            period_involvement_section(records, since, today),
            attendance_section(records, since, today),
            missed_section(records, since, f"Missed appointments since {fmt_date(since)}"),
            decisions_section(records, since, today),
            upcoming_section(records, today),
            risks_section(records),
            voice_section(records),
            contradictions_section(records),
            patterns_section(records, today, links, limits),
        ],
    )


def prepare(
    kind: BriefingKind,
    records: Records,
    today: dt.date,
    since: dt.date | None = None,
    links: PatternLinks | None = None,
    limits: PatternThresholds | None = None,
) -> Briefing:
    """`links`: the learning passages on each pattern (Engine.pattern_links); without them the
    patterns section has the case records' lines only."""
    if kind == "home_visit":
        return home_visit_briefing(records, today, links, limits)
    if since is None:
        raise ValueError("A meeting briefing needs the date its chronology starts from.")
    return meeting_briefing(records, today, since, links, limits)
