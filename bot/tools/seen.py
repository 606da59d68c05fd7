"""When each child was last seen, and last seen alone, from the chronology's child_seen."""

from __future__ import annotations

import re

from bot.evidence import (
    Line,
    Query,
    ToolResult,
    by_professionals,
    fmt_date,
    plural,
    previous_only,
    professional_names,
)
from bot.records import member_names
from bot.understand.terms import matches_terms, types_beyond_agencies
from ingest.models import Appointment, ChronologyEvent, EventType, Member, Outcome, Seen

_ABSENT = r"(was not|wasn't|not)\s+(at home|home|present|there|in the (house|home|property)|seen)"


def says_absent(event: ChronologyEvent, member: Member) -> bool:
    """The summary says this member was not there, whatever child_seen says."""
    names = [n for n in member_names(member) if len(n) > 2]
    for name in names:
        pattern = rf"{re.escape(name)}[^.;]{{0,40}}?\b{_ABSENT}"
        if re.search(pattern, event.summary, re.I):
            return True
    return False


def disagreements(event: ChronologyEvent, members: dict[str, Member]) -> list[Line]:
    """A row that marks a child seen while its own summary says the child was not there."""
    lines = []
    for member_id, value in event.child_seen.items():
        member = members.get(member_id)
        if member and value in (Seen.YES, Seen.ALONE) and says_absent(event, member):
            lines.append(
                Line(
                    f"Records disagree: {event.id} marks {member.name} as seen, but its summary "
                    f"says {member.name} was not there.",
                    (event.id,),
                )
            )
    return lines


def last_seen(query: Query) -> ToolResult:
    records = query.records
    assert records is not None
    ask = query.ask
    asked = [records.members_by_id[m] for m in ask.members if m in records.members_by_id]
    young = [m for m in asked if m.role.value in ("child", "unborn")]
    adults = [m for m in asked if m not in young]
    if not adults:
        return _children_seen(query, young or records.children)
    seen = _adults_seen(query, adults)
    if not young:
        return seen
    children = _children_seen(query, young)
    return ToolResult(
        ask.about,
        [*seen.lines, *children.lines],
        f"{seen.searched}; {children.searched}",
        seen.found or children.found,
        list(dict.fromkeys([*seen.record_ids, *children.record_ids])),
    )


def _filtered(query: Query, events: list[ChronologyEvent]) -> tuple[list[ChronologyEvent], str]:
    """The chronology records of the period, professionals, agency and types asked, and how
    they were chosen."""
    ask, records = query.ask, query.records
    assert records is not None
    if ask.period:
        events = [e for e in events if ask.period.contains(e.date)]
    terms = ask.agency_or_role + ask.role_terms
    by_agency = [e for e in events if matches_terms(f"{e.agency} {e.recorded_by or ''}", terms)]
    described = ""
    if ask.professionals:  # 'when did hannah okafor last see him?': her records
        events = by_professionals(events, records, ask.professionals)
        described = f", recorded by or naming {professional_names(records, ask)}"
    elif terms:  # 'seen by a GP': only that agency's records; none may say so
        events = by_agency
        described = f", by an agency matching {', '.join(terms)}"
    if ask.within_agency:
        events = [e for e in events if matches_terms(e.agency, ask.within_agency)]
        described += f", by an agency matching {', '.join(ask.within_agency)}"
    # 'was the baby seen at the last NAV?': records of those types (not a type only the agency
    # names: 'the EHE officer' is the elective home education team, whatever it recorded)
    types = _types(query)
    if types:
        events = [e for e in events if e.event_type in types]
        described += f", of type {', '.join(t.value.replace('_', ' ') for t in types)}"
    events, _ = previous_only(events, ask.restrict_to)
    return events, described


def _types(query: Query) -> list[EventType]:
    return sorted(types_beyond_agencies(query.ask.event_types, query.ask.agency_or_role))


def _children_seen(query: Query, children: list[Member]) -> ToolResult:
    """When each child was last seen (seen alone), by the chronology's child_seen, and any
    appointment attended since."""
    records, ask = query.records, query.ask
    assert records is not None
    events, described = _filtered(query, [e for e in records.chronology if e.child_seen])
    types = _types(query)
    searched = (
        f"the {len(events)} chronology records of case {records.case_id} that record whether "
        f"children were seen (child_seen){', ' + ask.period.label if ask.period else ''}"
        f"{described}, for {records.names([c.id for c in children])}"
    )
    if ask.not_seen or ask.every_time or ask.shape in ("list", "count"):
        listed = _listed(query, children, events, searched)
        if listed.found or ask.not_seen:
            return listed  # none seen: the summary below says what the records do show
    if ask.shape == "earliest":
        return _first_seen(query, children, events, searched)
    lines: list[Line] = []
    ids: list[str] = []
    found_any = False
    alone_only = ask.about == "last_seen_alone"
    for child in children:
        about = [e for e in events if child.id in e.child_seen]
        if types and about:  # 'at the last NAV': that one record says
            found_any = True
            lines.append(_at_latest(about[-1], child))
            ids.append(about[-1].id)
            continue
        seen = [e for e in about if e.child_seen[child.id] in (Seen.YES, Seen.ALONE)]
        alone = [e for e in about if e.child_seen[child.id] == Seen.ALONE]
        if not about:
            lines.append(Line(f"No chronology record says whether {child.name} was seen.", ()))
            if not alone_only and (later := _attended_since(query, child, None)):
                found_any = True
                lines.append(_attended_line(later, child))
                ids.append(later.id)
            continue
        found_any = True
        ids += [e.id for e in about]
        if alone_only:
            ids = [e.id for e in alone] or ids
        if seen and not alone_only:
            last = seen[-1]
            lines.append(
                Line(
                    f"{child.name} was last recorded as seen on {fmt_date(last.date)} "
                    f"({last.event_type.value.replace('_', ' ')}, {last.agency}).",
                    (last.id,),
                )
            )
            if says_absent(last, child):
                lines += [
                    ln for ln in disagreements(last, records.members_by_id) if child.name in ln.text
                ]
                uncontradicted = [e for e in seen if not says_absent(e, child)]
                if uncontradicted:
                    before = uncontradicted[-1]
                    lines.append(
                        Line(
                            f"The latest record that does not contradict itself shows {child.name} "
                            f"seen on {fmt_date(before.date)} ({before.agency}).",
                            (before.id,),
                        )
                    )
        elif not alone_only:
            lines.append(Line(f"No chronology record shows {child.name} as seen.", ()))
        if not alone_only and (later := _attended_since(query, child, seen[-1] if seen else None)):
            lines.append(_attended_line(later, child))
            ids.append(later.id)
        if alone_only and ask.shape == "yes_no" and seen and seen[-1] not in alone:
            # 'was he seen alone?': not the last time he was seen, before the last time he was
            lines.append(
                Line(
                    f"{child.name} was not seen alone the last time recorded as seen, on "
                    f"{fmt_date(seen[-1].date)} ({seen[-1].event_type.value.replace('_', ' ')}, "
                    f"{seen[-1].agency}).",
                    (seen[-1].id,),
                )
            )
            ids.insert(0, seen[-1].id)
        if alone:
            last_alone = alone[-1]
            lines.append(
                Line(
                    f"{child.name} was last seen alone on {fmt_date(last_alone.date)} "
                    f"({last_alone.event_type.value.replace('_', ' ')}, {last_alone.agency}).",
                    (last_alone.id,),
                )
            )
        else:
            lines.append(Line(f"No chronology record shows {child.name} seen alone.", ()))
        after = seen[-1].date if seen else None
        not_seen = [
            e
            for e in about
            if e.child_seen[child.id] == Seen.NO and (after is None or e.date > after)
        ]
        if not_seen and not alone_only:
            when = "since then" if seen else "in all"
            lines.append(
                Line(
                    f"{plural(len(not_seen), 'record')} {when} say {child.name} was not seen, "
                    f"the latest on {fmt_date(not_seen[-1].date)}.",
                    tuple(e.id for e in not_seen),
                )
            )
    return ToolResult(ask.about, lines, searched, found_any, list(dict.fromkeys(ids)))


def _adults_seen(query: Query, adults: list[Member]) -> ToolResult:
    """'when did the midwife last see mum?': an adult has no child_seen of their own unless the
    row gives one per member, so an adult is seen at a record of theirs that says so (its
    child_seen, or its summary naming them seen), at a home visit about them that does not say
    they were absent, or at an appointment of theirs attended. The latest such record (the
    first, asked so; each, asked 'ever' or for a list), any appointment attended that day or
    later, and the latest record saying they were seen alone."""
    records, ask = query.records, query.ask
    assert records is not None
    events, described = _filtered(query, list(records.chronology))
    alone_only = ask.about == "last_seen_alone"
    how = "seen alone" if alone_only else "seen"
    lines: list[Line] = []
    for adult in adults:
        theirs = [e for e in events if adult.id in e.members or adult.id in e.child_seen]
        seen = [e for e in theirs if _sees(e, adult)]
        alone = [e for e in seen if _alone(e, adult)]
        wanted = alone if alone_only else seen
        if wanted and (ask.every_time or ask.shape in ("list", "count")):
            lines += _seen_list(wanted, f"{adult.name} {how}")
            continue
        if ask.shape == "earliest":
            seen, alone = seen[:1], alone[:1]
        attended = _attended_since(query, adult, None) if ask.shape != "earliest" else None
        if seen:
            last = seen[-1]
            lines.append(
                Line(
                    f"{adult.name} was {'first' if ask.shape == 'earliest' else 'last'} recorded "
                    f"as seen on {fmt_date(last.date)} "
                    f"({last.event_type.value.replace('_', ' ')}, {last.agency}).",
                    (last.id,),
                )
            )
        if attended and (not seen or attended.date >= seen[-1].date):
            lines.append(
                Line(
                    f"{adult.name} attended a {attended.type} with {attended.agency} on "
                    f"{fmt_date(attended.date)} (an appointment).",
                    (attended.id,),
                )
            )
        if alone:
            lines.append(
                Line(
                    f"{adult.name} was {'first' if ask.shape == 'earliest' else 'last'} recorded "
                    f"as seen alone on {fmt_date(alone[-1].date)} ({alone[-1].agency}).",
                    (alone[-1].id,),
                )
            )
        elif seen or attended:
            if alone_only:
                lines.append(Line(f"No record{described} shows {adult.name} seen alone.", ()))
        else:
            lines.append(Line(f"No record{described} shows {adult.name} seen.", ()))
    ids = list(dict.fromkeys(i for line in lines for i in line.record_ids))
    searched = (
        f"the chronology records and attended appointments of case {records.case_id} about "
        f"{records.names([a.id for a in adults])}"
        f"{', ' + ask.period.label if ask.period else ''}{described}, for a record of them {how}"
    )
    return ToolResult(ask.about, lines, searched, bool(ids), ids)


def _seen_list(events: list[ChronologyEvent], what: str, when: str = "") -> list[Line]:
    """'2 records in 2018 show Child B seen alone:' and a bullet for each."""
    shows = "shows" if len(events) == 1 else "show"
    head = Line(
        f"{plural(len(events), 'record')}{when} {shows} {what}:", tuple(e.id for e in events)
    )
    return [head, *[_seen_line(e) for e in events]]


def _seen_line(event: ChronologyEvent) -> Line:
    return Line(
        f"{fmt_date(event.date)}: {event.event_type.value.replace('_', ' ')}, {event.agency}.",
        (event.id,),
        bullet=True,
    )


def _says(event: ChronologyEvent, member: Member, after: str) -> bool:
    """The summary says the member was `after` ('Mother seen alone in the kitchen', 'Kerry was
    briefly spoken to'), not of someone else ('father refused to let him be spoken to')."""
    return any(
        re.search(rf"\b{re.escape(n)}\s+{_PASSIVE}(?:{after})", event.summary, re.I)
        for n in member_names(member)
        if len(n) > 2
    )


_PASSIVE = r"(?:(?:was|were|is|has been|had been)\s+)?(?:\w+ly\s+)?"
_SEEN = r"seen|spoken to"


def _sees(event: ChronologyEvent, member: Member) -> bool:
    """A record of the member seen: its child_seen for them, or its summary naming them seen,
    or a home visit about them not saying they were absent."""
    marked = event.child_seen.get(member.id)
    if marked is not None:
        return marked in (Seen.YES, Seen.ALONE)
    if says_absent(event, member):
        return False
    return _says(event, member, _SEEN) or event.event_type == EventType.HOME_VISIT


def _alone(event: ChronologyEvent, member: Member) -> bool:
    marked = event.child_seen.get(member.id)
    if marked is not None:
        return marked == Seen.ALONE
    return _says(event, member, rf"(?:{_SEEN})\s+(?:alone|on (?:his|her) own|1:1)\b")


def _attended_since(
    query: Query, child: Member, last: ChronologyEvent | None
) -> Appointment | None:
    """The child's latest attended appointment up to today, when later than the last record of
    the child seen: whoever held it saw the child ('SALT at school on 9 Nov'). The period and
    an agency asked for filter it as they filter the chronology; a named professional's or
    type's records are only the chronology's."""
    ask, records = query.ask, query.records
    assert records is not None
    if ask.professionals or ask.event_types or ask.restrict_to:
        return None
    terms = ask.agency_or_role + ask.role_terms
    attended = [
        a
        for a in records.appointments
        if a.member == child.id
        and a.outcome == Outcome.ATTENDED
        and a.date <= query.today
        and (ask.period is None or ask.period.contains(a.date))
        and (not terms or matches_terms(f"{a.agency} {a.type}", terms))
        and (last is None or a.date > last.date)
    ]
    return max(attended, key=lambda a: a.date, default=None)


def _attended_line(appointment: Appointment, child: Member) -> Line:
    return Line(
        f"{child.name} attended a {appointment.type} with {appointment.agency} on "
        f"{fmt_date(appointment.date)} (an appointment, after the last chronology record of "
        "the child seen).",
        (appointment.id,),
    )


def _first_seen(
    query: Query, children: list[Member], events: list[ChronologyEvent], searched: str
) -> ToolResult:
    """'when did naomi first see the kids?': each child's first record of being seen (seen
    alone), among the records asked of."""
    alone = query.ask.about == "last_seen_alone"
    wanted = {Seen.ALONE} if alone else {Seen.YES, Seen.ALONE}
    how = "seen alone" if alone else "seen"
    lines: list[Line] = []
    for child in children:
        seen = [e for e in events if e.child_seen.get(child.id) in wanted]
        if not seen:
            lines.append(Line(f"No chronology record shows {child.name} {how}.", ()))
            continue
        first = seen[0]
        lines.append(
            Line(
                f"{child.name} was first recorded as {how} on {fmt_date(first.date)} "
                f"({first.event_type.value.replace('_', ' ')}, {first.agency}).",
                (first.id,),
            )
        )
    ids = list(dict.fromkeys(i for line in lines for i in line.record_ids))
    return ToolResult(query.ask.about, lines, searched, bool(ids), ids)


_SAID = {Seen.YES: "was seen", Seen.ALONE: "was seen alone", Seen.NO: "was not seen"}


def _at_latest(event: ChronologyEvent, child: Member) -> Line:
    kind = event.event_type.value.replace("_", " ")
    return Line(
        f"At the latest {kind} recorded, on {fmt_date(event.date)} ({event.agency}), "
        f"{child.name} {_SAID[event.child_seen[child.id]]}.",
        (event.id,),
    )


def _listed(
    query: Query, children: list[Member], events: list[ChronologyEvent], searched: str
) -> ToolResult:
    """Every record a child was seen in (seen alone, or not seen) in the period asked: 'how
    many times was skye seen alone in 2023?', 'visits where kai wasnt seen'."""
    ask = query.ask
    alone = ask.about == "last_seen_alone"
    if ask.not_seen:
        wanted, how = ({Seen.YES, Seen.NO}, "not seen alone") if alone else ({Seen.NO}, "not seen")
    else:
        wanted, how = ({Seen.ALONE}, "seen alone") if alone else ({Seen.YES, Seen.ALONE}, "seen")
    when = f" {ask.period.label}" if ask.period else ""
    lines: list[Line] = []
    ids: list[str] = []
    for child in children:
        about = [e for e in events if child.id in e.child_seen]
        matching = [e for e in about if e.child_seen[child.id] in wanted]
        if not matching:
            lines.append(Line(f"No chronology record{when} shows {child.name} {how}.", ()))
            continue
        lines += _seen_list(matching, f"{child.name} {how}", when)
        ids += [e.id for e in matching]
    return ToolResult(ask.about, lines, searched, bool(ids), list(dict.fromkeys(ids)))
