"""Chronology events by type, period, member and source type; latest and earliest; referrals."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from bot.evidence import (
    Line,
    Query,
    ToolResult,
    by_professionals,
    fmt_date,
    held_nowhere,
    plural,
    previous_only,
    professional_names,
    recorded_nowhere,
)
from bot.records import Records, document_day, member_words
from bot.search import tokens
from bot.tools.addresses import home_line, moved_into
from bot.tools.involvement import whose_day
from bot.tools.seen import disagreements
from bot.understand.classify import question_words
from bot.understand.terms import event_words, matches_terms, per_case
from bot.understand.vocabulary import expand_abbreviations, vocabulary
from ingest.models import ChronologyEvent, EventType, Outcome

UNFILTERED_LIMIT = 10
# A question naming no type or agency is answered by one record only when it holds at least
# this share of the question's words weighed by rarity. No own gold or dev set question comes
# here; of 357 fresh-wording turns 6 did: the 4 records below 0.55 (0.34-0.53) were all wrong
# answers ('nursery called' -> a 999 call), the 2 above it (0.65, 1.0) were kept.
MIN_COVERAGE = 0.55


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
    scored = _best_scored(query, events)
    return scored[1] if scored else None


def _best_scored(
    query: Query, events: list[ChronologyEvent], without: frozenset[str] = frozenset()
) -> tuple[tuple[int, float], ChronologyEvent] | None:
    """The best matching event with its score: (question words it holds, their idf), less
    the words `without`."""
    records = query.records
    assert records is not None
    wanted = _question_words(query) - without
    documents = [_held(e) for e in events]
    if not wanted or not documents:
        return None
    weight = _rarity(records)
    # Cover the most question words first; among those, for 'what did jordan say', what the
    # person asked about said (the record's source); then prefer the rarer words.
    speakers = _speakers(query) if query.ask.shape == "quote" else ()
    scores = [(len(wanted & words), sum(weight(t) for t in wanted & words)) for words in documents]
    said = [_said_by(e, speakers) for e in events]
    best = max(range(len(events)), key=lambda i: (scores[i][0], said[i], scores[i][1]))
    if scores[best][0] == 0:
        return None
    return scores[best], events[best]


def _speakers(query: Query) -> tuple[str, ...]:
    """The names (lower case) of the members a quote question asks about."""
    records = query.records
    assert records is not None
    return tuple(
        n.lower()
        for m in query.ask.members
        if (member := records.members_by_id.get(m))
        for n in [member.name, *member.aliases]
    )


def _said_by(event: ChronologyEvent, speakers: tuple[str, ...]) -> bool:
    """Whether an event's source is one of the speakers ('Jordan' of 'Jordan Varley')."""
    source = (event.source or "").lower()
    return bool(source) and any(source in n.split() or source == n for n in speakers)


def _held(event: ChronologyEvent) -> set[str]:
    """The words an event's summary, action and outcome hold."""
    return set(tokens(f"{event.summary} {event.action or ''} {event.outcome or ''}"))


def _rarity(records: Records) -> Callable[[str], float]:
    """A word's weight by its rarity in the case's chronology summaries (inverse document
    frequency; a word none holds weighs most), counted once per case version."""
    total, frequency = per_case(
        "chronology word counts",
        records,
        lambda r: (
            len(r.chronology),
            Counter(t for e in r.chronology for t in set(tokens(e.summary))),
        ),
    )
    return lambda word: math.log(1 + total / (1 + frequency[word]))


def _coverage(query: Query, event: ChronologyEvent) -> float:
    """How much of the question's words an event holds, each word weighed by its rarity in
    the case (a word no record holds weighs most)."""
    records = query.records
    assert records is not None
    wanted = _question_words(query)
    weight = _rarity(records)
    whole = sum(weight(w) for w in wanted)
    return sum(weight(w) for w in wanted & _held(event)) / whole if whole else 1.0


def _most_words(query: Query, events: list[ChronologyEvent]) -> list[ChronologyEvent]:
    """The events holding the most of the question's words less its words of asking ('first
    thing on the chronology': none left, so no narrowing); none if none holds any."""
    wanted = _question_words(query) - question_words()
    held = [len(wanted & _held(e)) for e in events]
    top = max(held, default=0)
    return [e for e, n in zip(events, held, strict=True) if top and n == top]


RELATIVE_COVERAGE = 0.5  # of the best share: a word of rarity holds its records, not one record


def _most_covering(query: Query, events: list[ChronologyEvent]) -> list[ChronologyEvent]:
    """The events holding at least RELATIVE_COVERAGE of the best one's share of the
    question's words (by rarity); none when no event holds any."""
    scores = [_coverage(query, e) for e in events]
    top = max(scores, default=0.0)
    if top <= 0:
        return []
    return [e for e, s in zip(events, scores, strict=True) if s >= RELATIVE_COVERAGE * top]


def _named(query: Query) -> frozenset[str]:
    """The words of what a question names: the household, its types, agencies, roles and
    phrases (what it asks of them is the rest)."""
    records, ask = query.records, query.ask
    assert records is not None
    words = " ".join([*ask.agency_or_role, *ask.role_terms, *ask.said, *ask.within_agency])
    return frozenset(member_words(records)) | _naming_words(ask.event_types) | set(tokens(words))


def asked_nowhere(query: Query, searched: str) -> ToolResult | None:
    """A yes/no question whose words beyond what it names ('has jade ever been excluded from
    school?', 'does tyler have any allergies') no record of any kind holds: nothing says it,
    whatever the records of its type or topic are."""
    records = query.records
    assert records is not None
    if query.ask.shape != "yes_no":
        return None
    nowhere = held_nowhere(query, _named(query), _all_words(records))
    return recorded_nowhere(query.ask.about, records, nowhere, searched) if nowhere else None


def _all_words(records: Records) -> frozenset[str]:
    return per_case(
        "all record words",
        records,
        # 'call-out' holds 'call' and 'out' too
        lambda r: frozenset(
            t for x in r.texts.values() for t in tokens(f"{x} {x.replace('-', ' ')}")
        ),
    )


def _question_words(query: Query) -> set[str]:
    """The words of the ask a record could hold: its text less the household's names."""
    records = query.records
    assert records is not None
    return set(tokens(query.ask.text)) - member_words(records)


MAX_TIED = 3  # more events than this matching a 'when was' question equally: no one of them


def _tied(
    query: Query, found: list[ChronologyEvent], best: ChronologyEvent
) -> list[ChronologyEvent]:
    """The events of the best one's type holding the same question words as it does."""
    wanted = _question_words(query)
    held = wanted & _held(best)
    return [e for e in found if e.event_type == best.event_type and wanted & _held(e) == held]


def _best_of_any_type(
    query: Query, typed: list[ChronologyEvent], any_type: list[ChronologyEvent]
) -> ChronologyEvent | None:
    """The best match among the events of the type the question named, unless an event of
    another type holds more of the question's words: 'child assessment order' names the
    type 'assessment' but is a court order."""
    best = _best_scored(query, typed)
    if len(any_type) == len(typed):
        return best[1] if best else None
    # the words that only name the type ('ICPC' and what it stands for) say nothing of an
    # event of another type: 'ICPC requested' in a section 47 record is no conference
    other = _best_scored(query, any_type, _naming_words(query.ask.event_types))
    if other is not None and (best is None or other[0][0] > best[0][0]):
        return other[1]
    return best[1] if best else None


def _types_asked(types: tuple[EventType, ...], agencies: tuple[str, ...]) -> set[EventType]:
    """The event types asked for: beside another type, not one the agency named stands for
    ('referrals from school' are referrals, not every education record)."""
    asked = set(types)
    named = {
        t for t in asked if any(w in agencies for w in vocabulary()["event_types"].get(t.value, []))
    }
    return asked - named if asked - named else asked


def _naming_words(types: tuple[EventType, ...]) -> frozenset[str]:
    """The words of the names of these event types, abbreviations spelt out."""
    names = [type_words(t) for t in types]
    names += [n for t in types for n in vocabulary()["event_types"].get(t.value, [])]
    return frozenset(w for n in names for w in tokens(expand_abbreviations(n)))


CONTINUING = (EventType.CONFERENCE, EventType.CORE_GROUP, EventType.MEETING, EventType.HOME_VISIT)


def _the_home(events: list[ChronologyEvent], query: Query) -> list[Line]:
    """'when did they go into the b&b': a move answered, and the address record of the home
    it went to (its dates and who lived there), when a few moves are answered."""
    records = query.records
    assert records is not None
    if len(events) > MOVES_WITH_HOMES:
        return []
    homes = {a.id: a for e in events for a in moved_into(e, records)}
    return [home_line(a, records) for a in homes.values()]


MOVES_WITH_HOMES = 3  # moves answered, at most, that each bring the home they went to


def _the_days_document(event: ChronologyEvent, query: Query) -> list[Line]:
    """A case document dated the day of the one event answered (its minutes, the chair's
    summary), by its passage holding the most of the question's words: where the record's
    line stops, the document goes on."""
    records = query.records
    assert records is not None
    passages = [p for p in records.passages if document_day(p) == event.date]
    if not passages:
        return []
    wanted = _question_words(query)
    best = max(passages, key=lambda p: len(wanted & set(tokens(f"{p.heading or ''} {p.text}"))))
    title = best.title or best.file.rsplit("/", 1)[-1]
    part = f", “{best.heading.split(' > ')[-1]}”" if best.heading else ""
    return [Line(f"A document of the same day: {title}{part}.", (best.id,))]


def _after_closure(event: ChronologyEvent, query: Query) -> list[Line]:
    """A closure is not the end of the case when work goes on after it (an Early Help episode
    closed, then child protection): say what the records show since, never decide."""
    records = query.records
    assert records is not None
    if event.event_type != EventType.CASE_CLOSED:
        return []
    later = [e for e in records.chronology if e.date > event.date and e.event_type in CONTINUING]
    if not later:
        return []
    conferences = [e for e in later if e.event_type == EventType.CONFERENCE]
    latest = (conferences or later)[-1]  # a conference decides the plan
    kind = "conference" if conferences else "record"
    return [
        Line(
            f"The records go on after that closure: {plural(len(later), 'later record')} of "
            f"meetings, conferences or visits; the latest {kind}: {describe_event(latest, query)}",
            (latest.id,),
        )
    ]


def chronology(query: Query) -> ToolResult:
    records = query.records
    assert records is not None
    found = list(records.chronology)
    described: list[str] = []
    ask = query.ask
    found, narrowed = previous_only(found, ask.restrict_to)
    if narrowed:
        described.append("the events of the previous answer")
    if ask.professionals:
        found = by_professionals(found, records, ask.professionals)
        described.append(f"recorded by or naming {professional_names(records, ask)}")
    any_type = found
    types = _types_asked(ask.event_types, ask.agency_or_role)
    if types:
        found = [e for e in found if e.event_type in types]
        described.append("type " + " or ".join(sorted(type_words(t) for t in types)))
    if ask.members:
        found = [e for e in found if not e.members or set(e.members) & set(ask.members)]
        described.append(f"concerning {records.names(list(ask.members))} or the household")
    terms = ask.agency_or_role + ask.role_terms
    by_terms = [
        e for e in found if matches_terms(f"{e.agency} {e.recorded_by or ''} {e.summary}", terms)
    ]
    if ask.shape in ("latest", "earliest"):
        # 'last HV visit': one record, so the agency's own before a record that mentions it
        own = [e for e in by_terms if matches_terms(f"{e.agency} {e.recorded_by or ''}", terms)]
        by_terms = own or by_terms
    if terms and (by_terms or not ask.event_types):
        # 'referrals to CSC': the agency, or what the record says. A named type ('referrals')
        # stands without its terms when no record holds them (a referral names its maker,
        # seldom where it went); with no type named the terms are what was asked, and a filter
        # that matches nothing is never dropped silently.
        found = by_terms
        described.append(f"agency or summary matching {', '.join(terms)}")
    if ask.within_agency:  # 'and how many of those were in marlow vale?', '... with CSC?'
        found = [
            e
            for e in found
            if matches_terms(f"{e.agency} {e.recorded_by or ''} {e.summary}", ask.within_agency)
        ]
        described.append(f"agency or summary matching {', '.join(ask.within_agency)}")
    if ask.said:
        # 'reported missing': records saying every word of the phrase, not every record
        # holding one of them
        wanted = [set(tokens(phrase)) for phrase in ask.said]
        found = [e for e in found if all(w <= event_words(e) for w in wanted)]
        described.append("saying " + " and ".join(f"'{p}'" for p in ask.said))
    if ask.source_types:
        found = [e for e in found if e.source_type in ask.source_types]
        described.append("source " + " or ".join(sorted(s.value for s in ask.source_types)))
    if ask.period:
        found = [e for e in found if ask.period.contains(e.date)]
        described.append(ask.period.label)
    searched = f"all {len(records.chronology)} chronology records of case {records.case_id}" + (
        f", filtered: {'; '.join(described)}" if described else ""
    )
    unnamed = not (ask.event_types or terms or ask.said or ask.source_types or ask.professionals)
    if not narrowed and (nowhere := asked_nowhere(query, searched)):
        return nowhere
    if ask.shape == "yes_no" and unnamed and not narrowed:
        # 'has kai ever been arrested?' names no type, agency or phrase: the records holding
        # what it asks ('arrested'), not every record of kai
        named = _named(query)
        own = set(tokens(ask.text)) - named - question_words()  # what it asks of them
        holding = [e for e in found if own & _held(e)]
        if own and holding:
            found = holding
            searched += f"; holding {', '.join(sorted(own))}"
    if ask.shape in ("list", "summary") and unnamed and not narrowed and not ask.period:
        # 'EHCP for ellis - where are we' names no type, agency or phrase: the records
        # holding the most of what it asks, by rarity, not every record of ellis
        relevant = _most_covering(query, found)
        if relevant and len(relevant) < len(found):
            found = relevant
            searched += "; the records holding the most of the question's words"
    if not found and ask.said and (ask.event_types or ask.agency_or_role):
        # 'any NRM referral?': a record saying 'national referral mechanism' is about one,
        # whatever its type or agency
        said = chronology(
            replace(query, ask=ask.model_copy(update={"event_types": (), "agency_or_role": ()}))
        )
        if said.found:
            return said
    if not found:
        return ToolResult(
            ask.about, [Line("No chronology record matches the question.", ())], searched, False
        )
    if Outcome.UPCOMING in ask.outcomes and ask.shape in ("earliest", "detail", "yes_no"):
        # 'when's the next core group?': after today, or else say that none is recorded
        ahead = [e for e in found if e.date > query.today]
        if not ahead:
            return _none_ahead(query, found, searched)
        found = ahead
    kind_named = ask.event_types or terms or ask.said or ask.source_types or ask.professionals
    if ask.shape in ("latest", "earliest") and not (kind_named or ask.period or narrowed):
        # 'what category are they on now?' names no type, agency or time: the records
        # holding the most of its words, the latest (earliest) of them
        found = _most_words(query, found) or found
    ids = [e.id for e in found]
    if ask.shape == "latest":
        event = found[-1]
        lines = [
            Line(f"The most recent matching record: {describe_event(event, query)}", (event.id,))
        ]
        # the one record asked for: the others that matched are said in `searched`, not cited
        lines += _after_closure(event, query) + _the_days_document(event, query)
        lines += _the_home([event], query)
        return ToolResult(
            ask.about, lines, searched + f" ({len(found)} matching)", True, [event.id]
        )
    if ask.shape == "earliest":
        event = found[0]
        lines = [Line(f"The earliest matching record: {describe_event(event, query)}", (event.id,))]
        lines += _the_days_document(event, query) + _the_home([event], query)
        return ToolResult(ask.about, lines, searched, True, ids)
    if ask.shape in ("detail", "quote") and len(found) > 1 and not ask.period:
        # 'when was the ICPC?': one event. With a period ('home visits since April') every
        # matching event is listed.
        best = _best_of_any_type(query, found, any_type)
        # a phrase the records must say is a filter as a type is ('NRM referral done? when':
        # the strategy discussion saying 'National Referral Mechanism referral')
        unfiltered = not (ask.event_types or terms or ask.said or ask.source_types or narrowed)
        if best is not None and unfiltered and _coverage(query, best) < MIN_COVERAGE:
            # 'what's Ruby's nursery called?': the best record holds 'call' but not 'nursery',
            # the rarer and more telling word: it is no answer
            best = None
        if best is not None and 1 < len(tied := _tied(query, found, best)) <= MAX_TIED:
            # 'when was the ICPC?' with two initial conferences on record: each of them
            return ToolResult(
                ask.about,
                [
                    Line(
                        f"{plural(len(tied), 'record')} match equally well:",
                        tuple(e.id for e in tied),
                    ),
                    *(Line(describe_event(e, query), (e.id,), bullet=True) for e in tied),
                ],
                searched,
                True,
                [e.id for e in tied],
            )
        if best is not None:
            return ToolResult(
                ask.about,
                [
                    Line(describe_event(best, query), (best.id,)),
                    *_the_days_document(best, query),
                    *whose_day(best, query),
                    *_the_home([best], query),
                ],
                searched,
                True,
                [best.id],
            )
        if _question_words(query) and unfiltered:
            # 'when is the unborn baby due?': one fact, and no event holds a word of it
            return ToolResult(
                ask.about,
                [Line("No chronology record holds what was asked.", ())],
                searched + ", for the question's words",
                False,
            )
    counts = Counter(type_words(e.event_type) for e in found)
    breakdown = ", ".join(f"{n} {w}" for w, n in counts.most_common())
    matched = f"{plural(len(found), 'chronology record')} match ({breakdown})."
    if ask.shape == "count" and ask.counted:
        # 'how many times ...?': the count in the question's own words first
        many = ask.counted.split()
        one = " ".join([*many[:-1], many[-1].removesuffix("s")])
        matched = f"{plural(len(found), one, ask.counted)}: {matched}"
    lines = [Line(matched, tuple(ids))]
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
    if len(found) == 1 and ask.shape != "count":
        # 'who chaired it?' of the one event just answered: its day's document may say
        lines += _the_days_document(found[0], query)
    if ask.shape != "count":
        lines += _the_home(shown, query)
    for event in shown:
        lines += disagreements(event, records.members_by_id)
    return ToolResult(ask.about, lines, searched, True, ids)


def _none_ahead(query: Query, found: list[ChronologyEvent], searched: str) -> ToolResult:
    """No matching event is dated after today: the most recent one, so the reader knows where
    the record stops."""
    event = found[-1]
    lines = [
        Line(
            f"No matching chronology record is dated after {fmt_date(query.today)}; the most "
            f"recent: {describe_event(event, query)}",
            (event.id,),
        )
    ]
    # the record stops there, its day's document may say what comes next ('next rcpc date')
    lines += _the_days_document(event, query)
    return ToolResult(
        query.ask.about,
        lines,
        searched + f"; dated after {fmt_date(query.today)}",
        True,
        [event.id],
    )


NAMED_EVENTS = 2  # events of a type (and day) named: at most this many are 'the' event asked


def named_events(query: Query) -> list[ChronologyEvent]:
    """The one or two chronology events of the type (and time, and people) a question names:
    'what did the strategy discussion on 30 oct agree?', 'the outcome of the s47'."""
    events = records_of(query)
    return events if len(events) <= NAMED_EVENTS else []


def done_by(result: ToolResult, query: Query) -> ToolResult:
    """An answer of the people who did something the question names as an event ('who did
    the kinship assessment on nan?'), with the one or two records of that event after them;
    more than two of its type are narrowed by the agency or role the question names."""
    ask = query.ask
    events = [
        e
        for e in records_of(query)
        if not ask.agency_or_role
        or matches_terms(f"{e.agency} {e.recorded_by or ''} {e.summary}", ask.agency_or_role)
    ]
    events = events if len(events) <= NAMED_EVENTS else []
    if not events:
        return result
    lines = [Line(describe_event(e, query), (e.id,)) for e in events]
    ids = [*result.record_ids, *(e.id for e in events if e.id not in result.record_ids)]
    return replace(result, lines=[*result.lines, *lines], record_ids=ids)


def records_of(query: Query) -> list[ChronologyEvent]:
    """The chronology events of the type (and time, and people) a question names."""
    ask, records = query.ask, query.records
    if not ask.event_types or records is None:
        return []
    return [
        e
        for e in records.chronology
        if e.event_type in ask.event_types
        and (ask.period is None or ask.period.contains(e.date))
        and (not ask.members or not e.members or set(e.members) & set(ask.members))
    ]


def with_events(result: ToolResult, events: list[ChronologyEvent], query: Query) -> ToolResult:
    """A document answer with the chronology events it is about first."""
    lines = [Line(describe_event(e, query), (e.id,)) for e in events]
    ids = [e.id for e in events]
    return ToolResult(
        result.intent,
        lines + result.lines,
        result.searched + f"; the chronology records of the type named ({', '.join(ids)})",
        True,
        ids + [i for i in result.record_ids if i not in ids],
    )
