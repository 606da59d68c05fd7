"""What a tool returns: sentences, each resting on the records it names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TypeVar

from bot.records import Records, join_words
from bot.request import About, Ask
from bot.understand.classify import question_words
from bot.understand.particulars import MIN_LETTERS
from ingest.models import ChronologyEvent, Professional, Record
from prompts import stopwords

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Line:
    """One sentence of an answer and the record ids it rests on (never empty in an answer).
    `text` is plain text, never Markdown: the composer escapes it."""

    text: str
    record_ids: tuple[str, ...]
    bullet: bool = False
    learning: bool = False
    note: bool = False  # a caveat about the answer itself, not a fact from the records


@dataclass
class ToolResult:
    intent: About
    lines: list[Line]
    searched: str
    found: bool
    record_ids: list[str] = field(default_factory=list)
    final: bool = False  # a definite 'not recorded' (no record kind holds it): no fallback


@dataclass(frozen=True)
class Query:
    """One ask with everything resolved: the tools only filter typed records."""

    ask: Ask
    records: Records | None
    today: dt.date


def previous_only(items: list[R], restrict_to: tuple[str, ...]) -> tuple[list[R], bool]:
    """A follow-up over 'those': only the previous answer's records, when any are among
    `items`; and whether it narrowed."""
    narrowed = [item for item in items if item.id in restrict_to] if restrict_to else []
    return (narrowed, True) if narrowed else (items, False)


def fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d %b %Y").lstrip("0") if day else "an unrecorded date"


SHOWN_CHARS = 300  # a record's text shown in a list line; its citation opens the whole record


def clipped(text: str, limit: int = SHOWN_CHARS) -> str:
    """The text, or its words up to `limit` characters and an ellipsis."""
    return text if len(text) <= limit else text[: limit - 3].rsplit(" ", 1)[0] + "…"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def by_professionals(
    events: list[ChronologyEvent], records: Records, professionals: tuple[str, ...]
) -> list[ChronologyEvent]:
    """The events the named professionals recorded or that name them: their surname in the
    event's `recorded_by` or its summary."""
    surnames = {
        words[-1]
        for i in professionals
        if isinstance(p := records.by_id.get(i), Professional)
        and (words := _NAME_WORD.findall(p.name.lower()))
    }

    def named(event: ChronologyEvent) -> bool:
        text = f"{event.recorded_by or ''} {event.summary}".lower()
        return bool(surnames & {w.removesuffix("'s") for w in _NAME_WORD.findall(text)})

    return [e for e in events if named(e)]


_NAME_WORD = re.compile(r"[a-z][a-z'-]+")


def professional_names(records: Records, ask: Ask) -> str:
    """The names of the professionals an ask names, once each."""
    people = [records.by_id.get(i) for i in ask.professionals]
    return ", ".join(dict.fromkeys(p.name for p in people if isinstance(p, Professional)))


def no_member_record(query: Query) -> ToolResult | None:
    """'nan's phone number', 'nan's address' when no member is a grandmother: the case holds
    no member record of the relative asked about, so neither their details nor their homes;
    said so, not answered with the family's."""
    ask, records = query.ask, query.records
    if records is None or not ask.absent_relatives or ask.members or ask.professionals:
        return None
    who = " or ".join(f"the {word}" for word in ask.absent_relatives)
    return ToolResult(
        ask.about,
        [Line(f"No member of case {records.case_id} is recorded as {who}.", ())],
        f"the {len(records.members)} member records of case {records.case_id} (names, "
        "aliases and notes)",
        False,
        final=True,
    )


def held_nowhere(query: Query, known: frozenset[str], held: frozenset[str]) -> list[str]:
    """The words a yes/no question asks with (`Ask.asked_with`) beyond the `known` words (its
    subject: names, types, agencies) and the words of asking ('still', 'ever'), when none of
    them is in `held` (the words of the records that could say it): what is asked is recorded
    nowhere ('does dean drive', 'has jade ever been excluded?'), as typed."""
    asking = question_words() | stopwords()
    # a word of under MIN_LETTERS letters ('hrs', 'lol') is no word a record would spell
    spelt = [w for w in query.ask.asked_with if len(w.typed) >= MIN_LETTERS]
    lacking = {w.typed: w.stem for w in spelt if w.stem not in known | asking}
    # a particular is asked however many labelled questions use its word ('allergies')
    particulars = set(query.ask.particulars) - known
    lacking |= {w.typed: w.stem for w in spelt if w.stem in particulars}
    if not lacking or set(lacking.values()) & held:
        return []
    return list(lacking)


def recorded_nowhere(about: About, records: Records, words: list[str], searched: str) -> ToolResult:
    """The answer when no record of any kind holds what was asked (`held_nowhere`)."""
    wanted = join_words([f"'{w}'" for w in words])
    return ToolResult(
        about,
        [Line(f"No record of case {records.case_id} mentions {wanted}.", ())],
        f"{searched}; then every record of the case for {wanted}",
        False,
        final=True,
    )
