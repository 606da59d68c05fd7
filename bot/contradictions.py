"""Contradictions between a case's records: the same fact recorded differently. Each detector
reads one kind of fact from every record that states it and compares them:

- a child's age or date of birth written in a record against the date of birth in the case;
- whether a child was seen on a day (the chronology's seen column, or a record's text) against
  another record of the same day;
- 'not seen since <date>' against a record of the child being seen in that time;
- a move that names an address record against that address's start date and area."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from bot.briefing_model import BriefingLine, Section, line
from bot.briefing_text import (
    RecordText,
    find_dates,
    is_child,
    mentions,
    record_texts,
    sentences,
)
from bot.evidence import fmt_date
from bot.records import Records
from ingest.models import ChronologyEvent, EventType, Member, Passage, Seen

_AGE_AFTER_NAME = re.compile(
    r"^\s*(?:\((?:[^(),]*,\s*)?(?P<a>\d{1,2})\)|,?\s+aged\s+(?P<b>\d{1,2})\b)"
)
_BORN = re.compile(r"\b(?:date of birth|d\.?o\.?b\.?|born(?: on)?)\s*:?\s*$", re.I)
_SEEN = re.compile(r"\bseen\b", re.I)
_NEGATED = re.compile(
    r"(?:\b(?:not|never|no (?:\w+ )?(?:has|had|have)|refused|refuses|unable|prevent\w*|cannot|"
    r"without)\b|n't\b)[\w\s]{0,30}$",
    re.I,
)
_ADDRESS_ID = re.compile(r"\((?P<id>addr-[\w-]+)\)")


@dataclass(frozen=True)
class Contradiction:
    text: str
    record_ids: tuple[str, ...]


def years_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _units(records: Records) -> Iterator[tuple[RecordText, str]]:
    for text in record_texts(records):
        if text.field in {"summary", "text", "notes"}:
            for sentence in sentences(text.text):
                yield text, sentence


def _child_near(sentence: str, at: int, records: Records) -> str | None:
    """The child named nearest to position `at` in the sentence."""
    children = [m for m in mentions(sentence, records) if is_child(records, m.member_id)]
    if not children:
        return None
    return min(children, key=lambda m: min(abs(m.start - at), abs(m.end - at))).member_id


def _children_seen(sentence: str, at: int, records: Records) -> list[str]:
    """The children a 'seen' at `at` is said of: those named in its clause before it ('Child B,
    Child C and Child D seen alone'), else the child named nearest."""
    clause_start = max(sentence.rfind(";", 0, at), sentence.rfind(":", 0, at), -1) + 1
    named = [
        m.member_id
        for m in mentions(sentence[clause_start:at], records)
        if is_child(records, m.member_id)
    ]
    if named:
        return list(dict.fromkeys(named))
    nearest = _child_near(sentence, at, records)
    return [nearest] if nearest else []


def ages(records: Records) -> list[Contradiction]:
    """'Child B (13)', 'Child A (Callum, 16)', 'aged 7', 'date of birth 09/06/2004' against the
    date of birth in case.yaml."""
    found: list[Contradiction] = []
    for text, sentence in _units(records):
        if text.date is None or isinstance(text.record, Member):
            continue
        for mention in mentions(sentence, records):
            member = records.members_by_id[mention.member_id]
            if member.date_of_birth is None:
                continue
            stated = _AGE_AFTER_NAME.match(sentence[mention.end :])
            if stated:
                age = int(stated["a"] or stated["b"])
                actual = years_on(member.date_of_birth, text.date)
                if age != actual:
                    found.append(
                        Contradiction(
                            f"{member.name}'s age: {text.record.id} ({fmt_date(text.date)}) "
                            f"gives {age}, but the date of birth in the case details "
                            f"({fmt_date(member.date_of_birth)}) makes {member.name} {actual} "
                            "that day.",
                            (member.id, text.record.id),
                        )
                    )
        for day in find_dates(sentence, text.date):
            if day.precision != "day" or not _BORN.search(sentence[: day.start]):
                continue
            child = _child_near(sentence, day.start, records)
            member = records.members_by_id.get(child or "")
            if member and member.date_of_birth and member.date_of_birth != day.day:
                found.append(
                    Contradiction(
                        f"{member.name}'s date of birth: {text.record.id} gives "
                        f"{fmt_date(day.day)}, the case details {fmt_date(member.date_of_birth)}.",
                        (member.id, text.record.id),
                    )
                )
    return found


@dataclass(frozen=True)
class SeenClaim:
    child: str
    day: dt.date
    seen: bool
    record_id: str


def seen_claims(records: Records) -> list[SeenClaim]:
    """Whether each child was seen on a day: the chronology's seen column, and sentences that
    say a named child was (or was not) seen on a written date."""
    claims = [
        SeenClaim(child, e.date, seen != Seen.NO, e.id)
        for e in records.chronology
        for child, seen in e.child_seen.items()
        if is_child(records, child)
    ]
    for text, sentence in _units(records):
        if not isinstance(text.record, ChronologyEvent | Passage):
            continue
        for word in _SEEN.finditer(sentence):
            before = sentence[: word.start()]
            after_seen = sentence[word.end() :]
            if re.match(r"^[\w\s]{0,30}\bsince\b", after_seen):
                continue  # a 'since' claim, read by not_seen_since
            negated = bool(_NEGATED.search(before))
            for child in _children_seen(sentence, word.start(), records):
                for day in find_dates(after_seen, text.date):
                    if day.precision == "day":
                        claims.append(SeenClaim(child, day.day, not negated, text.record.id))
    return claims


def seen_on_a_day(records: Records) -> list[Contradiction]:
    """A record saying a child was seen on a day that every other record of that day says was
    a day the child was not seen (or the other way round)."""
    by_day: dict[tuple[str, dt.date], list[SeenClaim]] = {}
    for claim in seen_claims(records):
        by_day.setdefault((claim.child, claim.day), []).append(claim)
    found: list[Contradiction] = []
    for (child, day), claims in by_day.items():
        yes = [c for c in claims if c.seen]
        no = [c for c in claims if not c.seen]
        if yes and no and len({c.record_id for c in claims}) > 1:
            structured = {
                c.record_id for c in claims if records.by_id[c.record_id].kind == "chronology"
            }
            # a day with a visit that saw the child and another that did not is no contradiction
            if {c.record_id for c in yes} <= structured and {c.record_id for c in no} <= structured:
                continue
            name = records.name(child)
            found.append(
                Contradiction(
                    f"Whether {name} was seen on {fmt_date(day)}: seen in "
                    f"{', '.join(dict.fromkeys(c.record_id for c in yes))}; not seen in "
                    f"{', '.join(dict.fromkeys(c.record_id for c in no))}.",
                    tuple(dict.fromkeys(c.record_id for c in yes + no)),
                )
            )
    return found


def not_seen_since(records: Records) -> list[Contradiction]:
    """'Child A has not been seen (alone) since October 2014' against a record of the child
    being seen (alone) after that and before the claim was written."""
    found: list[Contradiction] = []
    for text, sentence in _units(records):
        if text.date is None:
            continue
        for word in _SEEN.finditer(sentence):
            after = sentence[word.end() :]
            since = re.match(r"^(?P<gap>[\w\s]{0,30}?)\bsince\b", after)
            if not since or not _NEGATED.search(sentence[: word.start()]):
                continue
            dates = find_dates(after[since.end() :], text.date)
            if not dates or dates[0].start > 3:
                continue
            start = dates[0].last_day()
            alone = "alone" in since["gap"] or "on his own" in after or "on her own" in after
            child = _child_near(sentence, word.start(), records)
            if child is None:
                continue
            for event in records.chronology:
                seen = event.child_seen.get(child)
                if not (start < event.date < text.date) or seen is None or seen == Seen.NO:
                    continue
                if alone and seen != Seen.ALONE:
                    continue
                how = " alone" if alone else ""
                found.append(
                    Contradiction(
                        f"{records.name(child)}: {text.record.id} ({fmt_date(text.date)}) says "
                        f"not seen{how} since {fmt_date(start)}, but {event.id} records "
                        f"{records.name(child)} seen{how} on {fmt_date(event.date)}.",
                        (text.record.id, event.id),
                    )
                )
                break
    return found


def moves(records: Records) -> list[Contradiction]:
    """A move in the chronology naming an address record, against that address's start and
    area."""
    found: list[Contradiction] = []
    addresses = {a.id: a for a in records.addresses}
    for event in records.chronology:
        if event.event_type != EventType.MOVE:
            continue
        for named in _ADDRESS_ID.finditer(event.summary):
            address = addresses.get(named["id"])
            if address is None:
                continue
            problems = []
            if address.start != event.date:
                problems.append(f"the address record starts {fmt_date(address.start)}")
            if address.area.lower() not in event.summary.lower():
                problems.append(f"the address record's area is {address.area}")
            if problems:
                found.append(
                    Contradiction(
                        f"Move of {fmt_date(event.date)} ({event.id}) to {address.id}: "
                        f"{' and '.join(problems)}.",
                        (event.id, address.id),
                    )
                )
    return found


DETECTORS: dict[str, Callable[[Records], list[Contradiction]]] = {
    "ages and dates of birth": ages,
    "whether a child was seen on a day": seen_on_a_day,
    "not seen since": not_seen_since,
    "moves and addresses": moves,
}


def contradictions(records: Records) -> list[Contradiction]:
    found = [c for detect in DETECTORS.values() for c in detect(records)]
    return list({c.record_ids: c for c in found}.values())


def contradictions_section(records: Records) -> Section:
    lines: list[BriefingLine] = [line(c.text, *c.record_ids) for c in contradictions(records)]
    return Section(
        title="Contradictions between records",
        lines=lines,
        empty=f"None found (checked: {', '.join(DETECTORS)}).",
    )
