"""Who is or was involved, with whom, the lead professional, and how to reach them."""

from __future__ import annotations

import datetime as dt
import re

from bot.evidence import (
    Line,
    Query,
    ToolResult,
    fmt_date,
    no_member_record,
    plural,
    previous_only,
    professional_names,
)
from bot.records import Records, record_text
from bot.search import tokens
from bot.understand.terms import matches_terms
from ingest.models import ChronologyEvent, Passage, Professional


def is_current(professional: Professional, today: dt.date) -> bool:
    return professional.start <= today and (professional.end is None or professional.end >= today)


def _describe(professional: Professional, query: Query) -> str:
    records = query.records
    assert records is not None
    who = records.names(list(professional.members)) if professional.members else "the whole family"
    if professional.end is None:
        period = f"since {fmt_date(professional.start)}"
    else:
        period = f"from {fmt_date(professional.start)} to {fmt_date(professional.end)}"
    contact = ", ".join(filter(None, [professional.phone, professional.email]))
    text = f"{professional.name}, {professional.role} ({professional.agency}), with {who} {period}"
    if professional.lead:
        text += "; lead professional"
    if contact:
        text += f"; contact {contact}"
    return text + "."


def overlapping_leads(professionals: list[Professional]) -> list[tuple[Professional, Professional]]:
    leads = [p for p in professionals if p.lead]
    pairs = []
    for i, first in enumerate(leads):
        for second in leads[i + 1 :]:
            first_end = first.end or second.start.max
            second_end = second.end or first.start.max
            if first.start <= second_end and second.start <= first_end:
                pairs.append((first, second))
    return pairs


def involvement(query: Query) -> ToolResult:
    records = query.records
    assert records is not None
    found = list(records.professionals)
    described: list[str] = []
    ask = query.ask
    members = ask.members
    adults = [m for m in members if records.members_by_id[m].role.value not in ("child", "unborn")]
    if (
        ask.about == "contact_details"
        and adults
        and len(adults) == len(members)
        and not (ask.agency_or_role or ask.role_terms or ask.professionals)
    ):
        # A family member's own phone or email: case.yaml holds none (only professionals do).
        return ToolResult(
            ask.about,
            [Line(f"No contact details are recorded for {records.names(adults)}.", ())],
            f"the member records of case {records.case_id} (contact details are recorded only "
            "for professionals)",
            False,
            final=True,
        )
    if not (ask.agency_or_role or ask.role_terms) and (absent := no_member_record(query)):
        return absent  # 'nan's phone number': no member record, and no professional asked
    found, _ = previous_only(found, ask.restrict_to)
    if ask.professionals:
        # 'hannah okafor's number': that person's records; the name says more than any role
        found = [p for p in found if p.id in ask.professionals]
        described.append(f"named {professional_names(records, ask)}")
    elif members:
        found = [p for p in found if not p.members or set(p.members) & set(members)]
        described.append(f"working with {records.names(list(members))} or the whole family")
    before_terms, term_note = found, len(described)  # where a term filter says itself
    if ask.role_terms and not ask.professionals:
        found = [p for p in found if matches_terms(p.role, ask.role_terms)]
        described.append(f"role matching {', '.join(ask.role_terms)}")
    elif ask.agency_or_role and not ask.professionals:
        by_terms = [p for p in found if matches_terms(f"{p.role} {p.agency}", ask.agency_or_role)]
        # 'team manager?': the role a term names, before everyone in the team manager's agency
        # (a role's agency is among the terms so that its records match too)
        if ask.about == "people_involved":
            by_role = [p for p in by_terms if matches_terms(p.role, ask.agency_or_role)]
            by_terms = by_role or by_terms
        if by_terms or ask.about != "contact_details":
            found = by_terms
            described.append(f"role or agency matching {', '.join(ask.agency_or_role)}")
    if ask.within_agency and not ask.professionals:
        found = [p for p in found if matches_terms(p.agency, ask.within_agency)]
        described.append(f"in an agency matching {', '.join(ask.within_agency)}")
    wants_lead = ask.about == "lead_professional"
    if wants_lead:
        leads = [p for p in found if p.lead]
        if not leads and found is not before_terms and not ask.within_agency:
            # 'how do I contact the lead professional?': a word of the question that happens
            # to name a service ('contact') says nothing of who the lead is
            leads = [p for p in before_terms if p.lead]
            del described[term_note]
        found = leads
        described.append("lead professional")
    if ask.period and not ask.ended_only:
        found = [p for p in found if ask.period.overlaps(p.start, p.end)]
        described.append(f"involved {ask.period.label}")
        if ask.period.start is None and ask.shape in ("detail", "latest") and found:
            found = [max(found, key=lambda p: (p.start, p.id))]  # 'who had it before her?'
    if ask.ended_only:
        # 'which professionals have stopped being involved since 2024?': ended, in the period
        found = [
            p
            for p in found
            if p.end is not None
            and p.end <= query.today
            and (ask.period is None or ask.period.contains(p.end))
        ]
        described.append("involvement ended" + (f" {ask.period.label}" if ask.period else ""))
    ended: list[Professional] = []
    if ask.current_only and not ask.period and not ask.ended_only:
        ended = [p for p in found if p.end is not None and p.end < query.today]
        found = [p for p in found if is_current(p, query.today)]
        described.append(f"current on {fmt_date(query.today)}")
    searched = (
        f"all {len(records.professionals)} professional involvement records of case "
        f"{records.case_id}" + (f", filtered: {'; '.join(described)}" if described else "")
    )
    if not found and ended:
        terms = ask.role_terms or ask.agency_or_role
        held_now = [p for p in records.professionals if is_current(p, query.today)]
        gone = [t for t in terms if not any(matches_terms(p.role, (t,)) for p in held_now)]
        # only a role no one holds now in the case: 'kelsworth social workers' ended, but a
        # social worker elsewhere is the answer's, not a family support worker in social care
        now = _holding_the_words(tuple(gone), ended, before_terms, query.today)
        return _none_current(query, ended, searched, wants_lead, now)
    if not found:
        what = "lead professional" if wants_lead else "professional involvement"
        return ToolResult(
            ask.about,
            [Line(f"No {what} matching the question is recorded.", ())],
            searched,
            False,
        )
    heading = "current" if "current" in " ".join(described) else "matching"
    lines = [
        Line(
            f"{plural(len(found), heading + ' professional involvement')} recorded.",
            tuple(p.id for p in found),
        )
    ]
    lines += [Line(_describe(p, query), (p.id,), bullet=True) for p in found]
    if len(found) == 1 and ask.wants_time:
        lines += start_and_end(found[0], query)
    gone = _roles_no_longer_held(ask.role_terms, found, ended)
    lines += [
        Line(f"No current {role} is recorded; the last: {_describe(p, query)}", (p.id,))
        for role, p in gone
    ]
    found += [p for _, p in gone]
    scope = [p for p in records.professionals if p.lead] if wants_lead else found
    found_ids = {p.id for p in found}
    for first, second in overlapping_leads(scope):
        if not {first.id, second.id} & found_ids:
            continue
        lines.append(
            Line(
                f"Records disagree: {first.name} and {second.name} were both recorded as lead "
                f"professional at the same time ({fmt_date(max(first.start, second.start))}).",
                (first.id, second.id),
            )
        )
    return ToolResult(ask.about, lines, searched, True, [p.id for p in found])


def _roles_no_longer_held(
    roles: tuple[str, ...], current: list[Professional], ended: list[Professional]
) -> list[tuple[str, Professional]]:
    """'are the EHE officer and the EWO both still involved?': of several roles asked, each one
    no current involvement holds, with the latest that ended."""
    if len(roles) < 2:
        return []
    gone = []
    for role in roles:
        if any(matches_terms(p.role, (role,)) for p in current):
            continue
        before = [p for p in ended if matches_terms(p.role, (role,))]
        if before:
            gone.append((role, max(before, key=lambda p: (p.end or p.start, p.id))))
    return list({p.id: (r, p) for r, p in gone}.values())


def _holding_the_words(
    terms: tuple[str, ...], ended: list[Professional], pool: list[Professional], today: dt.date
) -> tuple[tuple[str, Professional], ...]:
    """'who's the housing officer now?' when the Housing Officer's involvement has ended: the
    current involvements whose role and agency together hold every word of a role of two words
    or more that an ended one held ('Tenancy Sustainment Officer, Marshford Council Housing'),
    with that role."""
    roles = [
        t for t in terms if len(t.split()) >= 2 and any(matches_terms(p.role, (t,)) for p in ended)
    ]
    found: dict[str, tuple[str, Professional]] = {}
    for professional in pool:
        if not is_current(professional, today):
            continue
        held = set(tokens(f"{professional.role} {professional.agency}"))
        for role in roles:
            if set(tokens(role)) <= held:
                found.setdefault(professional.id, (role, professional))
    return tuple(found.values())


def _none_current(
    query: Query,
    ended: list[Professional],
    searched: str,
    wants_lead: bool,
    now: tuple[tuple[str, Professional], ...] = (),
) -> ToolResult:
    """'is anyone from CAMHS involved now?': no, and the involvements that ended say so (when
    and, in the record, why); with the current involvements whose role and agency hold the
    words of the role that ended (`_holding_the_words`)."""
    what = "lead professional" if wants_lead else "professional involvement"
    ended = sorted(ended, key=lambda p: (p.end or p.start, p.id), reverse=True)
    lines = [
        Line(
            f"No current {what} matching the question is recorded on {fmt_date(query.today)}; "
            f"{plural(len(ended), 'matching involvement')} ended before then.",
            tuple(p.id for p in ended),
        )
    ]
    records = query.records
    assert records is not None
    ids = [p.id for p in ended]
    for professional in ended:
        lines.append(
            Line(
                _describe(professional, query)
                + (f" Recorded: {professional.notes}" if professional.notes else ""),
                (professional.id,),
                bullet=True,
            )
        )
        for event in _ending(professional, records):
            # 'is he still on the case?': the record of his leaving ('Case reallocated')
            lines.append(
                Line(f"Ending, {fmt_date(event.date)}: {event.summary}", (event.id,), bullet=True)
            )
            ids.append(event.id)
    for role, professional in now:
        lines.append(
            Line(
                f"Current, with every word of '{role}' in its role and agency: "
                + _describe(professional, query),
                (professional.id,),
            )
        )
        ids.append(professional.id)
    return ToolResult(query.ask.about, lines, searched, True, ids, final=True)


ENDING_DAYS = 3  # a chronology record this near an involvement's end, naming the professional


def _ending(professional: Professional, records: Records) -> list[ChronologyEvent]:
    """The chronology records of an involvement's ending: dated within ENDING_DAYS of its end
    and naming the professional in full (in the summary or as who recorded it)."""
    return _near(professional, professional.end, records)


def _near(
    professional: Professional, day: dt.date | None, records: Records
) -> list[ChronologyEvent]:
    """The first chronology record within ENDING_DAYS of `day` naming the professional."""
    if day is None:
        return []
    name = re.compile(rf"\b{re.escape(professional.name.lower())}\b")
    return [
        e
        for e in records.chronology
        if abs((e.date - day).days) <= ENDING_DAYS
        and name.search(f"{e.summary} {e.recorded_by or ''}".lower())
    ][:1]


def whose_day(event: ChronologyEvent, query: Query) -> list[Line]:
    """'when did priya sandhu take over?' answered by the conference making her lead: the
    involvement of each professional asked about that starts or ends within ENDING_DAYS of
    the event the record names them in."""
    records = query.records
    assert records is not None
    lines: list[Line] = []
    for professional in records.professionals:
        if professional.id not in query.ask.professionals:
            continue
        days = (professional.start, professional.end)
        if any(e.id == event.id for day in days for e in _near(professional, day, records)):
            line = f"Their involvement: {_describe(professional, query)}"
            lines.append(Line(line, (professional.id,)))
    return lines


def start_and_end(professional: Professional, query: Query) -> list[Line]:
    """'when did the early help worker finish with them?': the chronology's records of the
    one involvement's start and end, when it names the professional within ENDING_DAYS."""
    records = query.records
    assert records is not None
    lines: list[Line] = []
    for word, day in (("start", professional.start), ("end", professional.end)):
        if day is not None and day > query.today:
            continue
        for event in _near(professional, day, records):
            if any(event.id in line.record_ids for line in lines):
                continue
            text = f"The chronology at its {word} ({fmt_date(event.date)}): {event.summary}"
            lines.append(Line(text, (event.id,)))
    return lines


def named_in(query: Query, answered: list[Line]) -> list[Line]:
    """The professionals of the case that an answer's lines or its records (not a document's
    whole passage: only the sentences quoted) name in full ('Tomasz Wren' in a quote of the
    pre-birth assessment, a record's `recorded_by`), each as their involvement: whom an ask
    wanting a person ('who did the pre-birth assessment?') means."""
    records = query.records
    assert records is not None
    cited = {i for line in answered for i in line.record_ids}
    texts = [line.text for line in answered]
    texts += [
        record_text(r)
        for i in cited
        if (r := records.by_id.get(i)) is not None and not isinstance(r, Passage)
    ]
    joined = " ".join(texts).lower()
    lines = []
    for professional in records.professionals:
        if professional.id in cited:
            continue
        if re.search(rf"\b{re.escape(professional.name.lower())}\b", joined):
            lines.append(Line(f"Named there: {_describe(professional, query)}", (professional.id,)))
    return lines
