"""Chronology events by type, period, member and source type; latest and earliest; referrals."""

from __future__ import annotations

import math
import re
from collections import Counter

from bot.entities import expand_abbreviations, matches_terms
from bot.evidence import Line, Query, ToolResult, fmt_date, plural
from bot.search import tokens
from bot.tools.seen import disagreements
from ingest.models import ChronologyEvent, EventType

_LATEST = re.compile(r"\b(last|latest|most recent|recent(ly)?)\b")
_FIRST = re.compile(r"\b(first|earliest)\b")
_LOOKUP = re.compile(r"(^|\s|-)(when|what date|what day)\b|^\s*what (did|was|happened)\b")
_LIST = re.compile(r"\b(how many|list|which|all|every|each|what (referrals|visits|events))\b")
UNFILTERED_LIMIT = 10


def type_words(event_type: EventType) -> str:
    return {
        "section_47": "section 47 enquiry",
        "no_access_visit": "no access visit",
        "environmental_health": "environmental health record",
        "case_closed": "case closure",
    }.get(event_type.value, event_type.value.replace("_", " "))


def describe_event(event: ChronologyEvent, query: Query) -> str:
    records = query.records
    assert records is not None
    text = (
        f"{fmt_date(event.date)}, {type_words(event.event_type)} ({event.agency}): {event.summary}"
    )
    text = text.rstrip(".") + "."
    if event.source or event.source_type:
        source = event.source or ""
        kind = event.source_type.value if event.source_type else ""
        text += f" Source: {source}{f' ({kind})' if kind and kind != source else ''}."
    if event.outcome:
        text += f" Outcome: {event.outcome.rstrip('.')}."
    return text


def best_match(query: Query, events: list[ChronologyEvent]) -> ChronologyEvent | None:
    """For 'when was X?': the event whose words match the question best (idf-weighted)."""
    records = query.records
    assert records is not None
    names = {t for m in records.members for t in tokens(" ".join([m.name, *m.aliases]))}
    wanted = set(tokens(expand_abbreviations(query.question))) - names
    documents = [set(tokens(f"{e.summary} {e.action or ''} {e.outcome or ''}")) for e in events]
    if not wanted or not documents:
        return None
    total = len(records.chronology)
    frequency = Counter(t for e in records.chronology for t in set(tokens(e.summary)))
    # Cover the most question words first; among those, prefer the rarer words.
    scores = [
        (len(wanted & words), sum(math.log(1 + total / (1 + frequency[t])) for t in wanted & words))
        for words in documents
    ]
    top = max(scores)
    if top[0] == 0:
        return None
    return events[scores.index(top)]


def chronology(query: Query) -> ToolResult:
    records = query.records
    assert records is not None
    found = list(records.chronology)
    described: list[str] = []
    mentions = query.mentions
    if query.restrict_to:
        found = [e for e in found if e.id in query.restrict_to]
        described.append("the events of the previous answer")
    if mentions.event_types:
        found = [e for e in found if e.event_type in mentions.event_types]
        described.append("type " + " or ".join(sorted(t.value for t in mentions.event_types)))
    if mentions.members:
        found = [e for e in found if not e.members or set(e.members) & set(mentions.members)]
        described.append(f"concerning {records.names(list(mentions.members))} or the household")
    by_agency = [e for e in found if matches_terms(e.agency, mentions.record_terms)]
    if mentions.record_terms and by_agency:
        found = by_agency
        described.append(f"agency matching {', '.join(mentions.record_terms)}")
    if mentions.source_types:
        found = [e for e in found if e.source_type in mentions.source_types]
        described.append("source " + " or ".join(sorted(s.value for s in mentions.source_types)))
    if query.period:
        found = [e for e in found if query.period.contains(e.date)]
        described.append(query.period.label)
    searched = f"all {len(records.chronology)} chronology records of case {records.case_id}" + (
        f", filtered: {'; '.join(described)}" if described else ""
    )
    if not found:
        return ToolResult(
            "chronology", [Line("No chronology record matches the question.", ())], searched, False
        )
    ids = [e.id for e in found]
    if _LATEST.search(query.lower) and not query.period and "since" not in query.lower:
        event = found[-1]
        lines = [
            Line(f"The most recent matching record: {describe_event(event, query)}", (event.id,))
        ]
        if len(found) > 1:
            lines.append(
                Line(f"It is the latest of {plural(len(found), 'matching record')}.", tuple(ids))
            )
        return ToolResult("chronology", lines, searched, True, ids)
    if _FIRST.search(query.lower) and not query.period:
        event = found[0]
        lines = [Line(f"The earliest matching record: {describe_event(event, query)}", (event.id,))]
        return ToolResult("chronology", lines, searched, True, ids)
    if _LOOKUP.search(query.lower) and not _LIST.search(query.lower):
        best = best_match(query, found)
        if best is not None:
            return ToolResult(
                "chronology",
                [Line(describe_event(best, query), (best.id,))],
                searched,
                True,
                [best.id],
            )
    counts = Counter(type_words(e.event_type) for e in found)
    breakdown = ", ".join(f"{n} {w}" for w, n in counts.most_common())
    lines = [Line(f"{plural(len(found), 'chronology record')} match ({breakdown}).", tuple(ids))]
    shown = found
    if not described and len(found) > UNFILTERED_LIMIT:
        shown = found[-UNFILTERED_LIMIT:]
        lines.append(
            Line(
                f"The {UNFILTERED_LIMIT} most recent are listed; name a type, person or period "
                "to list every matching record.",
                tuple(e.id for e in shown),
            )
        )
    lines += [Line(describe_event(e, query), (e.id,), bullet=True) for e in shown]
    for event in shown:
        lines += disagreements(event, records.members_by_id)
    return ToolResult("chronology", lines, searched, True, ids)
