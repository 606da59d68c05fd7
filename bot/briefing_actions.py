"""Decisions and actions a case's records set down, with the owner and the due date where the
record gives them; and what is coming up: upcoming appointments and dated deadlines (review
conferences, court dates) written in the records after the briefing's date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import prompts
from bot.briefing_model import BriefingLine, Section, line
from bot.briefing_text import (
    RecordText,
    find_dates,
    record_texts,
    sentences,
)
from bot.citations import document_title
from bot.evidence import fmt_date
from bot.records import Records, document_day
from ingest.models import ChronologyEvent, EventType, Member, MemberRole, Outcome, Passage

_OWNER_AGENT = re.compile(
    r"\bto be \w+(?: \w+)?? by (?P<owner>(?:the )?[A-Za-z][^,.;()]{1,50}?)(?=[,.;()]|$)"
)
_WITHIN = re.compile(r"\bwithin (?P<n>\d+) (?P<working>working )?(?P<unit>days?|weeks?)\b", re.I)
_AGREED = re.compile(r"^(?:agreed|decided|decision|plan)\b", re.I)
_TODAY = re.compile(r"\btoday\b", re.I)


@dataclass(frozen=True)
class Cues:
    decision: re.Pattern[str]
    events: frozenset[EventType]
    headings: re.Pattern[str]
    due: re.Pattern[str]
    owner: re.Pattern[str]
    kinds: dict[str, re.Pattern[str]]


@cache
def _cues() -> Cues:
    cues = prompts.load("briefing_cues.yaml")
    return Cues(
        decision=re.compile(rf"\b(?:{cues['decision']})", re.I),
        events=frozenset(EventType(e) for e in cues["decision_events"]),
        headings=re.compile(rf"^(?:{cues['decision_headings']})", re.I),
        due=re.compile(rf"\b(?:{cues['due_words']})\s+(?:the\s+)?\(?$", re.I),
        owner=re.compile(
            r"^(?!(?i:agreed|decided|decision|plan|if|when|it|this)\b)"
            r"(?P<owner>[A-Z](?:(?!\bto\b)[^,;:.]){0,80}?)\s+(?:(?:is|are)\s+)?"
            rf"(?:(?:directed|asked|ordered|agreed)\s+)?to\s+(?:{cues['action_verbs']})\b"
        ),
        kinds={k: re.compile(rf"\b(?:{v})", re.I) for k, v in cues["deadline_kinds"].items()},
    )


@dataclass(frozen=True)
class Due:
    day: dt.date
    words: str


def owner_in(text: str) -> str | None:
    """Who the record says is to do it: 'Health visitor to see Child F weekly' -> 'Health
    visitor'; 'to be kept by the lead social worker' -> 'the lead social worker'."""
    found = _OWNER_AGENT.search(text)
    if found and not find_dates(found["owner"]):
        return found["owner"].strip()
    found = _cues().owner.match(text.strip())
    return found["owner"].strip() if found else None


def _add_working_days(day: dt.date, count: int) -> dt.date:
    while count:
        day += dt.timedelta(days=1)
        count -= day.weekday() < 5
    return day


def due_in(text: str, recorded: dt.date | None) -> Due | None:
    """When the record says it is due: 'by 24 August 2018', 'within 7 days' (of the record),
    'today' (the record's date)."""
    for mention in find_dates(text, recorded):
        if _cues().due.search(text[max(0, mention.start - 20) : mention.start]):
            return Due(mention.last_day(), text[mention.start : mention.end])
    if recorded is None:
        return None
    within = _WITHIN.search(text)
    if within:
        n = int(within["n"]) * (7 if within["unit"].startswith("week") else 1)
        day = _add_working_days(recorded, n) if within["working"] else recorded + dt.timedelta(n)
        return Due(day, within.group(0))
    if _TODAY.search(text):
        return Due(recorded, "the same day")
    return None


def _where(text: RecordText, records: Records) -> str:
    if isinstance(text.record, Passage):
        return document_title(text.record, records)[0]
    return str(text.agency)


def _action_line(sentence: str, text: RecordText, records: Records, label: str) -> BriefingLine:
    owner = owner_in(sentence)
    due = due_in(sentence, text.date)
    due_words = f"{fmt_date(due.day)} ({due.words})" if due else "not recorded"
    sentence = sentence.rstrip(" .;") + "."
    return line(
        f"{fmt_date(text.date)}, {_where(text, records)}, {label}: {sentence} "
        f"Owner: {owner or 'not recorded'}. Due: {due_words}.",
        text.record.id,
    )


def _decision_items(text: RecordText) -> list[str]:
    """A document's items under a decisions/actions heading (its own heading, or a heading
    line inside the text)."""
    heading = (
        (text.record.heading or "").split(" > ")[-1] if isinstance(text.record, Passage) else ""
    )
    headings = _cues().headings
    inside = bool(heading and headings.match(heading))
    items: list[str] = []
    for sentence in sentences(text.text):
        if not re.search(r"[.;:!?]$", sentence) and len(sentence) <= 60:
            inside = bool(headings.match(sentence))
            continue
        if inside:
            items.append(sentence)
    return items


def decisions_section(records: Records, since: dt.date, today: dt.date) -> Section:
    """Actions recorded in the chronology, decisions of meetings, conferences and courts, and
    the items of documents' decision and action lists, dated since `since`."""
    decision = _cues().decision
    events = _cues().events
    lines: list[BriefingLine] = []
    for text in record_texts(records):
        if text.date is None or not since <= text.date <= today:
            continue
        record = text.record
        if isinstance(record, ChronologyEvent):
            if text.field == "action":
                lines.append(_action_line(text.text, text, records, "action"))
            elif record.event_type in events and text.field == "outcome":
                lines.append(_action_line(text.text, text, records, "outcome"))
            elif text.field == "summary":
                for sentence in sentences(text.text):
                    meeting = record.event_type in events and decision.search(sentence)
                    if meeting or _AGREED.match(sentence):
                        lines.append(_action_line(sentence, text, records, "decision"))
        elif isinstance(record, Passage):
            for item in _decision_items(text):
                lines.append(_action_line(item, text, records, "decision"))
    lines.sort(key=lambda ln: _date_of(ln, records))
    return Section(
        title=f"Decisions and actions since {fmt_date(since)}",
        lines=lines,
        empty=f"No decision or action is recorded since {fmt_date(since)}.",
    )


def _date_of(ln: BriefingLine, records: Records) -> dt.date:
    record = records.by_id[ln.record_ids[0]]
    if isinstance(record, Passage):
        return document_day(record) or dt.date.min
    return getattr(record, "date", dt.date.min)


def deadline_kind(sentence: str) -> str:
    for kind, pattern in _cues().kinds.items():
        if pattern.search(sentence):
            return kind
    return "date"


def dated_deadlines(records: Records, today: dt.date) -> list[tuple[dt.date, BriefingLine]]:
    """Every date after `today` that a record's text sets down (a review conference, a court
    hearing, a pre-birth conference 'by 24 August'), with the sentence that sets it."""
    dated: list[tuple[dt.date, BriefingLine]] = []
    for text in record_texts(records):
        if isinstance(text.record, Member) and text.field != "notes":
            continue
        for sentence in sentences(text.text):
            later = {m.day: m for m in find_dates(sentence, text.date) if m.day > today}
            for day, mention in sorted(later.items()):
                sentence_text = sentence.rstrip(" .;") + "."
                when = fmt_date(day) if mention.precision == "day" else f"{day:%B %Y}"
                dated.append(
                    (
                        day,
                        line(
                            f"{when}, {deadline_kind(sentence)}: {sentence_text} "
                            f"(recorded {_recorded(text, records)})",
                            text.record.id,
                        ),
                    )
                )
    dated.sort(key=lambda item: item[0])
    return dated


def upcoming_section(records: Records, today: dt.date) -> Section:
    """Upcoming appointments, and every date after `today` that a record's text sets down."""
    dated: list[tuple[dt.date, BriefingLine]] = []
    for a in records.appointments:
        if a.outcome != Outcome.UPCOMING:
            continue
        passed = "; the date has passed and no outcome is recorded" if a.date < today else ""
        dated.append(
            (
                a.date,
                line(
                    f"{fmt_date(a.date)}: {a.type}, {a.agency}, for {records.name(a.member)}"
                    f"{passed}.",
                    a.id,
                ),
            )
        )
    for member in records.members:
        due = member.expected_date
        if member.role == MemberRole.UNBORN and due and due > today:
            dated.append((due, line(f"{fmt_date(due)}: {member.name} expected.", member.id)))
    dated += dated_deadlines(records, today)
    dated.sort(key=lambda item: item[0])
    return Section(
        title=f"Upcoming appointments and deadlines (after {fmt_date(today)})",
        lines=[ln for _, ln in dated],
        empty="No upcoming appointment or dated deadline is recorded.",
    )


def _recorded(text: RecordText, records: Records) -> str:
    if isinstance(text.record, Member):
        return f"in {text.record.name}'s details"
    return f"{fmt_date(text.date)}, {_where(text, records)}" if text.date else _where(text, records)
