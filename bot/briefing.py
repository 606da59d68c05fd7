"""Briefings prepared from a case's records: for a home visit and for a multi-agency meeting.
A Briefing is sections of lines, each line resting on the records it names; it renders to
Markdown and to .docx with [n] markers resolving to a numbered sources list."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

import prompts
from bot.citations import citation, render_markers
from bot.evidence import Query, fmt_date, plural
from bot.markup import md
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
from bot.types import Citation
from config.settings import PatternThresholds
from ingest.models import Address, ChronologyEvent, Outcome, Professional

if TYPE_CHECKING:
    from bot.access import User
    from bot.answer import Engine

BriefingKind = Literal["home_visit", "meeting"]
ExportFormat = Literal["markdown", "docx"]
RECENT_WEEKS = 8
RECENT_LIMIT = 15
MISSED_MONTHS = 12
PATTERNS_TITLE = "Patterns in the records (indicators against thresholds, not a risk assessment)"


class BriefingLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    record_ids: tuple[str, ...] = Field(min_length=1, description="Never empty: every line cites.")


class Section(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str
    lines: list[BriefingLine]
    empty: str = Field("None recorded.", description="Shown when there are no lines.")


class Briefing(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: BriefingKind
    title: str
    case_id: str
    prepared_on: dt.date
    since: dt.date | None = None
    sections: list[Section]

    def record_ids(self) -> list[str]:
        """Every cited record id, in order of first citation."""
        ids = (i for s in self.sections for line in s.lines for i in line.record_ids)
        return list(dict.fromkeys(ids))

    def file_name(self, extension: str) -> str:
        return f"{self.case_id}-{self.kind.replace('_', '-')}-{self.prepared_on}.{extension}"


def on_export(engine: Engine, user: User, briefing: Briefing, fmt: ExportFormat) -> None:
    """Called whenever a briefing leaves the app (a download): recorded in the audit log with
    who exported which case's briefing, in which format, citing which records."""
    engine.record_export(
        user, briefing.case_id, briefing.record_ids(), f"{briefing.kind} briefing as {fmt}"
    )


# -- building ---------------------------------------------------------------------------------


def _line(text: str, *record_ids: str) -> BriefingLine:
    return BriefingLine(text=text, record_ids=tuple(record_ids))


def _event_line(event: ChronologyEvent, records: Records, today: dt.date) -> BriefingLine:
    query = Query(Ask(about="events", shape="list", clause=""), records, today)
    return _line(describe_event(event, query), event.id)


def role_at(professional: Professional) -> str:
    """'Social Worker (Marlow Vale Children's Social Care)'; 'GP (Hasleby Health Centre)'."""
    if professional.agency.lower().startswith(professional.role.lower()):
        return professional.agency
    return f"{professional.role} ({professional.agency})"


def _professional_line(professional: Professional, records: Records) -> BriefingLine:
    works_with = (
        records.names(list(professional.members)) if professional.members else "the whole family"
    )
    lead = ", lead professional" if professional.lead else ""
    return _line(
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
        _line(
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
            _line(
                f"{member.name} ({member.role.value}), {age_on(member, today)}.{notes}", member.id
            )
        )
    elsewhere = [m for m in records.members if not lives_at(m, current)]
    lines += [
        _line(f"{m.name} ({m.role.value}) is not recorded at the current address.", m.id)
        for m in elsewhere
    ]
    return Section(title="Who lives there", lines=lines)


def involvement_section(records: Records, today: dt.date) -> Section:
    current = sorted(involved_now(records, today), key=lambda p: (not p.lead, p.start))
    return Section(
        title="Who else is involved and how to reach them",
        lines=[_professional_line(p, records) for p in current],
    )


def recent_events_section(records: Records, today: dt.date) -> Section:
    since = today - dt.timedelta(weeks=RECENT_WEEKS)
    events = [e for e in records.chronology if since <= e.date <= today][-RECENT_LIMIT:]
    return Section(
        title=f"Recent events (since {fmt_date(since)})",
        lines=[_event_line(e, records, today) for e in events],
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
            _line(
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
                _line(
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
            _line(
                f"{theme.capitalize()}: {plural(len(events), 'chronology record')}, the latest "
                f"on {fmt_date(latest.date)} ({latest.agency}): {latest.summary}",
                *(e.id for e in events),
            )
        )
    violence = risk_themes().get("violence or threats")
    for member in records.members:
        if violence and member.notes and violence.search(member.notes):
            lines.append(_line(f"{member.name}: {member.notes}", member.id))
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
        lines.append(_line(case_line(indicator), *indicator.record_ids))
        if indicator.pattern in linked:
            continue
        linked.add(indicator.pattern)
        for link in (links or {}).get(indicator.pattern, []):
            lines.append(
                _line(f"{LEARNING_LABEL}: {link.source}: \u201c{link.quote}\u201d", link.passage_id)
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
            patterns_section(records, today, links, limits),
        ],
    )


def chronology_section(records: Records, since: dt.date, today: dt.date) -> Section:
    events = [e for e in records.chronology if since <= e.date <= today]
    return Section(
        title=f"Chronology since {fmt_date(since)}",
        lines=[_event_line(e, records, today) for e in events],
    )


def period_involvement_section(records: Records, since: dt.date, today: dt.date) -> Section:
    current = involvement_section(records, today).lines
    ended = [p for p in records.professionals if p.end is not None and since <= p.end < today]
    lines = current + [
        _line(
            f"{p.name}, {role_at(p)}: involvement ended {fmt_date(p.end)}.",
            p.id,
        )
        for p in ended
    ]
    return Section(title="Involvement", lines=lines)


def attendance_section(records: Records, since: dt.date, today: dt.date) -> Section:
    lines: list[BriefingLine] = []
    for member in records.members:
        held = [
            a
            for a in records.appointments
            if a.member == member.id and since <= a.date <= today and a.outcome != Outcome.UPCOMING
        ]
        if not held:
            continue
        counts = Counter(outcome_words(a.outcome) for a in held)
        lines.append(
            _line(
                f"{member.name}: {plural(len(held), 'appointment')} since {fmt_date(since)}, "
                f"{', '.join(f'{n} {w}' for w, n in counts.most_common())}.",
                *(a.id for a in held),
            )
        )
    return Section(title="Attendance at appointments", lines=lines)


def open_actions_section(records: Records, since: dt.date, today: dt.date) -> Section:
    actions = [e for e in records.chronology if e.action and since <= e.date <= today]
    lines = [
        _line(f"{fmt_date(e.date)} ({e.agency}): {e.action}", e.id) for e in actions if e.action
    ]
    upcoming = [a for a in records.appointments if a.outcome == Outcome.UPCOMING]
    lines += [
        _line(
            f"Upcoming {fmt_date(a.date)}: {a.type} with {a.agency} for {records.name(a.member)}.",
            a.id,
        )
        for a in upcoming
    ]
    return Section(title="Open actions (recorded actions and upcoming appointments)", lines=lines)


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
            open_actions_section(records, since, today),
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


# -- rendering --------------------------------------------------------------------------------


def sources(
    briefing: Briefing, records: Records, learning: Records | None = None
) -> list[Citation]:
    """The numbered sources list: marker n is the n-th record first cited (a case record, or a
    passage of the learning corpus)."""
    cited = []
    for number, record_id in enumerate(briefing.record_ids(), start=1):
        owner = records if record_id in records.by_id or learning is None else learning
        cited.append(citation(number, owner.by_id[record_id], owner))
    return cited


def _markers(line: BriefingLine, numbers: dict[str, int]) -> str:
    return render_markers([numbers[i] for i in line.record_ids])


def _source_text(cited: Citation) -> str:
    date = f", {cited.date}" if cited.date else ""
    return f"{cited.record_id} ({cited.kind}, {cited.source}{date}): {cited.text}"


def _intro(briefing: Briefing) -> str:
    since = f" Chronology from {fmt_date(briefing.since)}." if briefing.since else ""
    return (
        f"Prepared {fmt_date(briefing.prepared_on)} from the case records.{since} "
        "Every line cites its records: [n] refers to the numbered sources at the end."
    )


def to_markdown(
    briefing: Briefing, records: Records, level: int = 1, learning: Records | None = None
) -> str:
    """The briefing as Markdown; `level` is the title's heading level (sections one below).
    Every text from the records is escaped (`md`): in any Markdown viewer it shows as written,
    never as an image, a link or HTML."""
    cited = sources(briefing, records, learning)
    numbers = {c.record_id: c.marker for c in cited}
    title, heading = "#" * level, "#" * (level + 1)
    parts = [f"{title} {md(briefing.title)}", md(_intro(briefing))]
    for section in briefing.sections:
        parts.append(f"{heading} {md(section.title)}")
        if not section.lines:
            parts.append(f"_{md(section.empty)}_")
            continue
        parts.append("\n".join(f"- {md(ln.text)} {_markers(ln, numbers)}" for ln in section.lines))
    parts.append(f"{heading} Sources")
    parts.append("\n".join(f"[{c.marker}] {md(_source_text(c))}" + "  " for c in cited))
    return "\n\n".join(parts) + "\n"


def to_docx(briefing: Briefing, records: Records, learning: Records | None = None) -> bytes:
    from docx import Document
    from docx.shared import Pt

    cited = sources(briefing, records, learning)
    numbers = {c.record_id: c.marker for c in cited}
    document = Document()
    document.core_properties.title = briefing.title
    document.core_properties.subject = f"CaseBrief {briefing.kind.replace('_', ' ')} briefing"
    document.add_heading(briefing.title, level=0)
    document.add_paragraph(_intro(briefing))
    for section in briefing.sections:
        document.add_heading(section.title, level=1)
        if not section.lines:
            document.add_paragraph(section.empty).runs[0].italic = True
            continue
        for line in section.lines:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{line.text} ")
            paragraph.add_run(_markers(line, numbers)).bold = True
    document.add_heading("Sources", level=1)
    for source in cited:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"[{source.marker}] ").bold = True
        paragraph.add_run(_source_text(source)).font.size = Pt(9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
