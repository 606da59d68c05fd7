"""Reading a case's free text for briefings: the texts each record holds, its sentences, the
dates written in them (a small grammar: '24 August 2018', '24/08/2018', '13 March', 'October
2014', 'since 2015') and the members each sentence names."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from bot.records import Records, document_day, member_names
from ingest.entries import AnyRecord
from ingest.models import Appointment, ChronologyEvent, Member, Passage, Professional

Precision = Literal["day", "month", "year"]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATES: list[tuple[re.Pattern[str], Precision]] = [
    (re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"), "day"),
    (re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b"), "day"),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I), "day"),
    (re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.I), "month"),
    (re.compile(rf"\b(?:since|until|before|after|from|in)\s+{_YEAR}\b", re.I), "year"),
]
_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"'”’]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*\n|\n\s*(?=[-*•]|\d+\.)"
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    day: dt.date
    precision: Precision

    def last_day(self) -> dt.date:
        """The last day the mention covers: 'October 2014' -> 31 October 2014."""
        if self.precision == "year":
            return dt.date(self.day.year, 12, 31)
        if self.precision == "month":
            days = calendar.monthrange(self.day.year, self.day.month)[1]
            return self.day.replace(day=days)
        return self.day


@dataclass(frozen=True)
class RecordText:
    """One field of free text of a record, with the date and agency it was recorded under."""

    record: AnyRecord
    field: str
    text: str
    date: dt.date | None
    agency: str | None


def _month_number(word: str) -> int:
    return int(word) if word.isdigit() else _MONTHS[word.lower().rstrip(".")]


def _nearest_year(month: int, day: int, anchor: dt.date) -> dt.date | None:
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs(d - anchor)) if candidates else None


def find_dates(text: str, anchor: dt.date | None = None) -> list[DateMention]:
    """Every date written in `text`, left to right; a day without a year ('13 March') takes the
    year that puts it nearest `anchor` (the record's own date), or is skipped without one."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, precision in _DATES:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            parts = match.groupdict()
            try:
                month = _month_number(parts["month"]) if parts.get("month") else 1
                day_number = int(parts["day"]) if parts.get("day") else 1
                if parts.get("year"):
                    day: dt.date | None = dt.date(int(parts["year"]), month, day_number)
                elif anchor is not None:
                    day = _nearest_year(month, day_number, anchor)
                else:
                    day = None
            except (ValueError, KeyError):
                continue
            if day is None:
                continue
            start, end = match.span("year") if precision == "year" else match.span()
            taken.append((start, end))
            found.append(DateMention(start, end, day, precision))
    return sorted(found, key=lambda m: m.start)


_HEADING_LINE = re.compile(r"^([^\n.;:,!?]{1,60})\n", re.M)
_NUMBERING = re.compile(r"^(?:\d+|[a-z]|[ivx]+)[.)]$")


def sentences(text: str) -> list[str]:
    """The sentences (and list items) of a text, whitespace folded; a short line without
    punctuation (a heading, a PDF's running header) stands on its own."""
    text = _HEADING_LINE.sub(lambda m: f"{m[1]}\n\n", text)
    parts = (" ".join(p.split()) for p in _SENTENCE_END.split(text))
    items = (re.sub(r"^(?:[-*•]|\d+\.)\s+", "", p) for p in parts if p)
    return [item for item in items if item and not _NUMBERING.match(item)]


def record_texts(records: Records) -> list[RecordText]:
    """Every free-text field of a case's records, the chronology first (in date order)."""
    texts: list[RecordText] = []
    for event in records.chronology:
        for field in ("summary", "action", "outcome"):
            value = getattr(event, field)
            if value:
                texts.append(RecordText(event, field, value, event.date, event.agency))
    for passage in records.passages:
        day = document_day(passage)
        texts.append(RecordText(passage, "text", passage.text, day, passage.agency))
    for record in records.records:
        if isinstance(record, Member | Professional | Appointment) and record.notes:
            date = record.date if isinstance(record, Appointment) else None
            agency = record.agency if not isinstance(record, Member) else None
            texts.append(RecordText(record, "notes", record.notes, date, agency))
    return texts


def record_date(record: AnyRecord) -> dt.date | None:
    if isinstance(record, Passage):
        return document_day(record)
    if isinstance(record, ChronologyEvent | Appointment):
        return record.date
    return None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    member_id: str


@cache
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    cased = [re.escape(n) for n in names if n != n.lower() and len(n) > 1]
    lower = [re.escape(n) for n in names if n == n.lower() and len(n) > 2]
    parts = []
    if cased:
        parts.append("(?:" + "|".join(cased) + ")")
    if lower:
        parts.append("(?i:" + "|".join(lower) + ")")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts or ["(?!x)x"]) + r")(?:'s)?(?![\w-])")


def mentions(text: str, records: Records) -> list[Mention]:
    """The members a text names, by name or alias, left to right (longest name wins)."""
    spans: list[Mention] = []
    for member in records.members:
        pattern = _name_pattern(tuple(member_names(member)))
        spans += [Mention(m.start(), m.end(), member.id) for m in pattern.finditer(text)]
    spans.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def is_child(records: Records, member_id: str) -> bool:
    member = records.members_by_id.get(member_id)
    return member is not None and member.role.value == "child"
