"""Pattern indicators for the whole family: no-access visits in a row, moves and crossings of
a local-authority boundary, changes of allocated worker per agency, referrals and what
followed them, closures for non-engagement, adults in the household nobody assessed."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from functools import cache

import numpy as np

import prompts
from bot.evidence import fmt_date, plural
from bot.patterns.children import months_before
from bot.patterns.model import Indicator
from bot.records import Records, join_words, member_names
from bot.tools.chronology import type_words
from config.settings import PatternThresholds
from ingest.models import (
    Address,
    ChronologyEvent,
    EventType,
    Member,
    MemberRole,
    Outcome,
    Professional,
)

VISITS = frozenset({EventType.HOME_VISIT, EventType.NO_ACCESS_VISIT})
# What counts as something done about a referral (a note or a letter does not).
FOLLOW_UPS = frozenset(
    {
        EventType.HOME_VISIT,
        EventType.NO_ACCESS_VISIT,
        EventType.ASSESSMENT,
        EventType.STRATEGY_DISCUSSION,
        EventType.SECTION_47,
        EventType.CONFERENCE,
        EventType.CORE_GROUP,
        EventType.MEETING,
        EventType.COURT,
    }
)
ASSESSMENTS = frozenset({EventType.ASSESSMENT, EventType.SECTION_47})


@cache
def word(name: str) -> re.Pattern[str]:
    return re.compile(prompts.load("patterns.yaml")["words"][name], re.I)


def window_start(today: dt.date, limits: PatternThresholds) -> dt.date:
    return months_before(today, 12 * limits.moves_years)


def no_access_in_a_row(records: Records, limits: PatternThresholds) -> Indicator:
    """Home visits in date order; the longest run of no-access ones (the latest of equals)."""
    best: list[ChronologyEvent] = []
    run: list[ChronologyEvent] = []
    for event in (e for e in records.chronology if e.event_type in VISITS):
        if event.event_type == EventType.NO_ACCESS_VISIT:
            run.append(event)
            if len(run) >= len(best):
                best = list(run)
        else:
            run = []
    if best:
        statement = (
            f"{plural(len(best), 'no-access visit')} in a row, from {fmt_date(best[0].date)} to "
            f"{fmt_date(best[-1].date)} (the longest run"
            + (", and still the latest visits)" if run and run[-1] == best[-1] else ")")
            + "."
        )
    else:
        statement = "No no-access visit is recorded."
    return Indicator(
        pattern="no_access_in_a_row",
        name="No-access visits in a row",
        subject="family",
        figure=len(best),
        statement=statement,
        threshold=f"{limits.no_access_run} or more in a row",
        source=limits.source("no_access_run"),
        fired=len(best) >= limits.no_access_run,
        record_ids=tuple(e.id for e in best),
    )


def moves(records: Records, today: dt.date, limits: PatternThresholds) -> Indicator:
    since = window_start(today, limits)
    moved = [a for a in records.addresses[1:] if since <= a.start <= today]
    where = join_words([a.area for a in moved])
    return Indicator(
        pattern="moves",
        name=f"Moves in {plural(limits.moves_years, 'year')}",
        subject="family",
        figure=len(moved),
        statement=(
            f"{plural(len(moved), 'change')} of address since {fmt_date(since)}"
            + (f" ({where})" if moved else "")
            + f"; {plural(len(records.addresses), 'address', 'addresses')} recorded in all."
        ),
        threshold=f"{limits.moves_count} or more",
        source=limits.source("moves_count"),
        fired=len(moved) >= limits.moves_count,
        record_ids=tuple(a.id for a in moved),
    )


def boundary_crossings(records: Records, today: dt.date, limits: PatternThresholds) -> Indicator:
    since = window_start(today, limits)
    history = records.addresses
    crossings = [
        (before, after)
        for before, after in zip(history, history[1:], strict=False)
        if since <= after.start <= today
        and before.local_authority
        and after.local_authority
        and before.local_authority != after.local_authority
    ]
    every = [
        pair
        for pair in zip(history, history[1:], strict=False)
        if pair[0].local_authority
        and pair[1].local_authority
        and pair[0].local_authority != pair[1].local_authority
    ]
    moves_words = "; ".join(
        f"{fmt_date(b.start)} from {a.local_authority} to {b.local_authority}" for a, b in crossings
    )
    return Indicator(
        pattern="boundary_crossings",
        name="Moves across a local-authority boundary",
        subject="family",
        figure=len(crossings),
        statement=(
            f"{plural(len(crossings), 'move')} into another local authority since "
            f"{fmt_date(since)}"
            + (f" ({moves_words})" if crossings else "")
            + f"; {len(every)} in the whole address history."
        ),
        threshold=f"{limits.boundary_crossings} or more",
        source=limits.source("boundary_crossings"),
        fired=len(crossings) >= limits.boundary_crossings,
        record_ids=tuple(dict.fromkeys(i for pair in crossings for i in (pair[0].id, pair[1].id))),
    )


def worker_changes(records: Records, today: dt.date, limits: PatternThresholds) -> list[Indicator]:
    """Per agency and role: the workers involved in the window, in order; changes = workers - 1."""
    since = window_start(today, limits)
    groups: dict[tuple[str, str], list[Professional]] = defaultdict(list)
    for professional in records.professionals:
        if professional.start <= today and (professional.end is None or professional.end >= since):
            groups[(professional.agency, professional.role.lower())].append(professional)
    found = []
    for (agency, _), workers in groups.items():
        if len(workers) < 2:
            continue
        changes = len(workers) - 1
        role = workers[-1].role
        found.append(
            Indicator(
                pattern="worker_changes",
                name="Changes of allocated worker",
                subject=f"{agency}, {role}",
                figure=changes,
                statement=(
                    f"{agency}, {role}: {plural(len(workers), 'worker')} since {fmt_date(since)} "
                    f"({join_words([w.name for w in workers])}), so {plural(changes, 'change')}."
                ),
                threshold=f"{limits.worker_changes} or more changes",
                source=limits.source("worker_changes"),
                fired=changes >= limits.worker_changes,
                record_ids=tuple(w.id for w in workers),
            )
        )
    return found


def working_days_after(day: dt.date, days: int) -> dt.date:
    """The date `days` working days (Monday to Friday) after `day`."""
    return np.busday_offset(np.datetime64(day, "D"), days, roll="forward").astype(dt.date)


def _follow_ups(
    referral: ChronologyEvent, records: Records, limits: PatternThresholds
) -> list[ChronologyEvent]:
    until = working_days_after(referral.date, limits.referral_working_days)
    wanted = set(referral.members)
    return [
        e
        for e in records.chronology
        if e.id != referral.id
        and e.event_type in FOLLOW_UPS
        and referral.date <= e.date <= until
        and (not wanted or not e.members or wanted & set(e.members))
    ]


def referrals_not_followed(records: Records, limits: PatternThresholds) -> list[Indicator]:
    """Per source type: each referral and what followed it within the working days."""
    groups: dict[str, list[ChronologyEvent]] = defaultdict(list)
    for event in records.chronology:
        if event.event_type == EventType.REFERRAL:
            kind = event.source_type.value if event.source_type else "source not recorded"
            groups[kind].append(event)
    found = []
    days = limits.referral_working_days
    for kind, referrals in groups.items():
        followed = {r.id: _follow_ups(r, records, limits) for r in referrals}
        missing = [r for r in referrals if not followed[r.id]]
        parts = []
        for referral in missing:
            own = referral.outcome or referral.action
            parts.append(
                fmt_date(referral.date)
                + (f" (the referral records: {own.rstrip('.')})" if own else "")
            )
        done = [
            f"{fmt_date(r.date)} by {type_words(followed[r.id][0].event_type)} "
            f"{fmt_date(followed[r.id][0].date)}"
            for r in referrals
            if followed[r.id]
        ]
        found.append(
            Indicator(
                pattern="referrals_not_followed",
                name=f"Referrals with nothing recorded within {days} working days",
                subject=f"source: {kind}",
                figure=len(missing),
                statement=(
                    f"{plural(len(referrals), 'referral')} with source type {kind}; "
                    f"{len(missing)} with no visit, assessment, meeting or enquiry recorded "
                    f"within {days} working days"
                    + (f": {'; '.join(parts)}" if parts else "")
                    + "."
                    + (f" Followed: {'; '.join(done)}." if done else "")
                ),
                threshold=f"{limits.referrals_not_followed} or more",
                source=limits.source("referrals_not_followed"),
                fired=len(missing) >= limits.referrals_not_followed,
                record_ids=tuple(
                    [r.id for r in referrals] + [e.id for r in referrals for e in followed[r.id]]
                ),
            )
        )
    return found


def closed_non_engagement(records: Records, limits: PatternThresholds) -> Indicator:
    closures = [e for e in records.chronology if e.event_type == EventType.CASE_CLOSED]
    pattern = word("non_engagement")
    found = [
        e
        for e in closures
        if pattern.search(" ".join(filter(None, [e.summary, e.outcome, e.action])))
    ]
    days = ", ".join(f"{fmt_date(e.date)} ({e.agency})" for e in found)
    return Indicator(
        pattern="closed_non_engagement",
        name="Closures recorded with non-engagement",
        subject="family",
        figure=len(found),
        statement=(
            f"{plural(len(found), 'case closure')} of {len(closures)} recorded with the family not "
            "engaging (declined, consent withdrawn, refused or no access)"
            + (f": {days}" if found else "")
            + "."
        ),
        threshold=f"{limits.closures_non_engagement} or more",
        source=limits.source("closures_non_engagement"),
        fired=len(found) >= limits.closures_non_engagement,
        record_ids=tuple(e.id for e in found),
    )


def _refused(event: ChronologyEvent, member: Member) -> bool:
    refused = word("refused").pattern
    return any(
        re.search(rf"{re.escape(name)}[^.;]{{0,30}}?({refused})", event.summary, re.I)
        for name in member_names(member)
        if len(name) > 2
    )


def current_addresses(records: Records) -> list[Address]:
    return [a for a in records.addresses if a.end is None]


def lives_at(member: Member, addresses: list[Address]) -> bool:
    """An address with no members listed is the whole household's."""
    return any(not a.members or member.id in a.members for a in addresses)


def household_adults(records: Records) -> list[Member]:
    """Adults recorded at the current address (or named in its notes), unless their own
    notes say they live elsewhere."""
    current = current_addresses(records)
    notes = " ".join(a.notes or "" for a in current)
    adults = [m for m in records.members if m.role not in (MemberRole.CHILD, MemberRole.UNBORN)]
    return [
        m
        for m in adults
        if (
            (lives_at(m, current) and not word("lives_elsewhere").search(m.notes or ""))
            or any(len(n) > 3 and n in notes for n in member_names(m))
        )
    ]


def adults_not_assessed(records: Records) -> list[Indicator]:
    found = []
    current = current_addresses(records)
    for adult in household_adults(records):
        involved = [p for p in records.professionals if adult.id in p.members]
        attended = [
            a
            for a in records.appointments
            if a.member == adult.id and a.outcome == Outcome.ATTENDED
        ]
        named = [
            e for e in records.chronology if e.event_type in ASSESSMENTS and adult.id in e.members
        ]
        assessed = [e for e in named if not _refused(e, adult)]
        missed = [
            a
            for a in records.appointments
            if a.member == adult.id and a.outcome != Outcome.ATTENDED
        ]
        counted = len(involved) + len(attended) + len(assessed)
        if counted:
            statement = (
                f"{adult.name} ({adult.role.value}): {plural(len(involved), 'involvement')} "
                f"naming them, {plural(len(attended), 'attended appointment')}, "
                f"{plural(len(assessed), 'assessment')} naming them."
            )
            ids = [p.id for p in involved] + [a.id for a in attended] + [e.id for e in assessed]
        else:
            refused = [e for e in named if e not in assessed]
            extra = []
            if missed:
                extra.append(f"{plural(len(missed), 'appointment')} of theirs, none attended")
            if refused:
                extra.append(f"{plural(len(refused), 'assessment')} naming them says they refused")
            statement = (
                f"{adult.name} ({adult.role.value}, in the household): no professional "
                "involvement, attended appointment or assessment is recorded about them"
                + (f"; {'; '.join(extra)}" if extra else "")
                + "."
            )
            ids = [adult.id, *(a.id for a in current), *(a.id for a in missed)]
            ids += [e.id for e in refused]
        found.append(
            Indicator(
                pattern="adults_not_assessed",
                name="Adult in the household with no involvement or assessment",
                subject=adult.name,
                member_id=adult.id,
                figure=counted,
                statement=statement,
                threshold="none recorded",
                source="CaseBrief rule: any professional involvement, attended appointment or "
                "assessment naming the adult counts",
                fired=counted == 0,
                record_ids=tuple(dict.fromkeys(ids)),
            )
        )
    return found
