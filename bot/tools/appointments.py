"""Appointments: missed, attended, upcoming; by member, agency, type and period. Exhaustive."""

from __future__ import annotations

from collections import Counter

from bot.evidence import Line, Query, ToolResult, fmt_date, plural, previous_only
from bot.passage_match import tokens
from bot.records import Records, member_words
from bot.understand.terms import generic_words, matches_terms
from ingest.models import MISSED_OUTCOMES, Appointment, Outcome

NOT_MISSED = (Outcome.CANCELLED_BY_SERVICE, Outcome.RESCHEDULED)


def outcome_words(outcome: Outcome) -> str:
    return outcome.value.replace("_", " ")


def _of_named_type(
    appointments: list[Appointment], text: str, records: Records
) -> list[Appointment]:
    """The appointments whose type holds the most of the question's own words (not a
    member's name, not a generic word like 'appointment' or 'check', not a word every type
    has): none when no type holds one."""
    wanted = set(tokens(text)) - member_words(records) - generic_words()
    types = {a.type: set(tokens(a.type)) for a in appointments}
    common = {w for w in wanted if all(w in words for words in types.values())}
    held = {t: len((wanted - common) & words) for t, words in types.items()}
    top = max(held.values(), default=0)
    return [a for a in appointments if top and held[a.type] == top]


def _scope(query: Query) -> tuple[list[Appointment], list[str]]:
    """Appointments matching everything but the outcome, and the filters in words."""
    records = query.records
    assert records is not None
    ask = query.ask
    found = list(records.appointments)
    described: list[str] = []
    found, narrowed = previous_only(found, ask.restrict_to)
    if narrowed:
        described.append("the appointments of the previous answer")
    if ask.members:
        found = [a for a in found if a.member in ask.members]
        described.append(f"for {records.names(list(ask.members))}")
    terms = ask.agency_or_role + ask.role_terms
    if ask.appointment_types:
        # 'did mum go to her psychiatric review?': the type named, not every appointment with
        # the agency its words also match (Adult Mental Health's depot clinics)
        found = [a for a in found if a.type.lower() in ask.appointment_types]
        described.append(f"type {' or '.join(ask.appointment_types)}")
    elif terms:
        found = [a for a in found if matches_terms(f"{a.agency} {a.type}", terms)]
        described.append(f"agency or type matching {', '.join(terms)}")
    elif not narrowed and ask.shape in ("yes_no", "detail"):
        # (a list, count, first or last stays over all: only the types understood filter it)
        typed = _of_named_type(found, ask.text, records)
        if typed:  # 'was the 6-8 wk check done?': the appointments of the type it names
            found = typed
            described.append(f"type {' or '.join(sorted({a.type for a in typed}))}")
    if ask.within_agency:
        found = [a for a in found if matches_terms(a.agency, ask.within_agency)]
        described.append(f"agency matching {', '.join(ask.within_agency)}")
    if ask.period:
        found = [a for a in found if ask.period.contains(a.date)]
        described.append(ask.period.label)
    return found, described


def _wanted_outcomes(query: Query) -> tuple[frozenset[Outcome], str]:
    ask = query.ask
    if ask.outcome_group == "missed":
        return MISSED_OUTCOMES, "missed"
    if not ask.outcomes:
        return frozenset(Outcome), ""
    return frozenset(ask.outcomes), " or ".join(outcome_words(o) for o in sorted(ask.outcomes))


def appointments(query: Query) -> ToolResult:
    records = query.records
    assert records is not None
    scope, described = _scope(query)
    wanted, label = _wanted_outcomes(query)
    found = [a for a in scope if a.outcome in wanted]
    label_words = f"{label} " if label else ""
    searched = (
        f"all {len(records.appointments)} appointment records of case {records.case_id}"
        + (f", filtered {'; '.join(described)}" if described else "")
        + (f"; outcomes: {', '.join(sorted(o.value for o in wanted))}" if label else "")
    )
    ask = query.ask
    who = f" for {records.names(list(ask.members))}" if ask.members else ""
    when = f" {ask.period.label}" if ask.period else ""
    if not found:
        kind = f" ({', '.join(ask.agency_or_role)})" if ask.agency_or_role else ""
        line = f"0 {label_words}appointments{kind} are recorded{who}{when}."
        if not scope:
            return ToolResult("appointments", [Line(line, ())], searched, False)
        outcomes = Counter(outcome_words(a.outcome) for a in scope)
        recorded = Line(
            f"What is recorded instead: {plural(len(scope), 'appointment')}{kind}{who}{when}, "
            f"{', '.join(f'{n} {w}' for w, n in outcomes.most_common())}.",
            tuple(a.id for a in scope),
        )
        return ToolResult(
            "appointments",
            [Line(line, ()), recorded],
            searched,
            True,
            [a.id for a in scope],
        )
    if ask.ranking and len({a.member for a in found}) > 1:
        return _most(query, found, label_words, who, when, searched)
    if ask.shape in ("latest", "earliest") and not ask.ranking:
        return _one(query, found, label_words, who, when, searched)
    by_outcome = Counter(a.outcome for a in found)
    breakdown = ", ".join(f"{n} {outcome_words(o)}" for o, n in by_outcome.most_common())
    lines = [
        Line(
            f"{plural(len(found), label_words + 'appointment')} recorded{who}{when} ({breakdown}).",
            tuple(a.id for a in found),
        )
    ]
    for item in found:
        lines.append(Line(_describe(item, query), (item.id,), bullet=True))
    if label == "missed":
        excluded = [a for a in scope if a.outcome in NOT_MISSED]
        if excluded:
            counts = Counter(outcome_words(a.outcome) for a in excluded)
            lines.append(
                Line(
                    f"Not counted as missed: {', '.join(f'{n} {w}' for w, n in counts.items())} "
                    "(changed by the service, not missed by the family).",
                    tuple(a.id for a in excluded),
                )
            )
    return ToolResult("appointments", lines, searched, True, [a.id for a in found])


def _describe(item: Appointment, query: Query) -> str:
    records = query.records
    assert records is not None
    note = f" ({item.notes})" if item.notes else ""
    return (
        f"{fmt_date(item.date)}: {item.type} with {item.agency} for "
        f"{records.name(item.member)}: {outcome_words(item.outcome)}{note}."
    )


def _one(
    query: Query,
    found: list[Appointment],
    label_words: str,
    who: str,
    when: str,
    searched: str,
) -> ToolResult:
    """'when was the last one?': the most recent appointment up to today (the latest booked
    when none has happened yet), or the first; with how many matched."""
    ordered = sorted(found, key=lambda a: (a.date, a.id))
    if query.ask.shape == "earliest":
        item, which, rank = ordered[0], "earliest", "first"
    else:
        past = [a for a in ordered if a.date <= query.today]
        item, which, rank = (past or ordered)[-1], "most recent", "latest"
    lines = [
        Line(
            f"The {which} {label_words}appointment{who}{when}: {_describe(item, query)}", (item.id,)
        ),
        Line(
            f"It is the {rank} of {plural(len(found), label_words + 'appointment')} recorded"
            f"{who}{when}.",
            tuple(a.id for a in ordered),
        ),
    ]
    ids = [item.id, *[a.id for a in ordered if a.id != item.id]]
    return ToolResult("appointments", lines, searched, True, ids)


def _most(
    query: Query,
    found: list[Appointment],
    label_words: str,
    who: str,
    when: str,
    searched: str,
) -> ToolResult:
    """'Which child has missed the most?': members ranked by count, the top one's records cited."""
    records = query.records
    assert records is not None
    per_member = Counter(a.member for a in found)
    ranked = per_member.most_common()
    least = query.ask.ranking == "least"
    if least:
        ranked = list(reversed(ranked))
    top_count = ranked[0][1]
    leaders = [member for member, count in ranked if count == top_count]
    lines = [
        Line(
            f"{records.names(leaders)}: {plural(top_count, label_words + 'appointment')}"
            f"{when}, the {'fewest' if least else 'most'}.",
            tuple(a.id for a in found if a.member in leaders),
        )
    ]
    for member, count in ranked:
        if member in leaders:
            continue
        lines.append(
            Line(
                f"{records.name(member)}: {count}.",
                tuple(a.id for a in found if a.member == member),
                bullet=True,
            )
        )
    ids = [a.id for a in found if a.member in leaders]
    return ToolResult("appointments", lines, searched, True, ids)
