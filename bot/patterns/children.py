"""Pattern indicators for each child: missed appointments, misses in a row, when last seen
(and seen alone) by any professional, and time off a school roll. Pure functions of the typed
records, today and the thresholds."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache

import prompts
from bot.evidence import fmt_date, plural
from bot.patterns.model import Indicator
from bot.records import Records
from bot.tools.appointments import NOT_MISSED, outcome_words
from bot.tools.seen import says_absent
from config.settings import PatternThresholds
from ingest.models import (
    MISSED_OUTCOMES,
    Appointment,
    ChronologyEvent,
    EventType,
    Member,
    Outcome,
    Seen,
)

SCHOOL_AGE_FROM, SCHOOL_AGE_TO = 5, 16  # compulsory school age (Education Act 1996)


def months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def years_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def missed_appointments(
    records: Records, child: Member, today: dt.date, limits: PatternThresholds
) -> Indicator:
    since = months_before(today, limits.missed_months)
    missed = [
        a
        for a in records.appointments
        if a.member == child.id and a.outcome in MISSED_OUTCOMES and since <= a.date <= today
    ]
    wnb = [a for a in missed if a.outcome == Outcome.WAS_NOT_BROUGHT]
    counts = Counter(outcome_words(a.outcome) for a in missed)
    breakdown = ", ".join(f"{n} {w}" for w, n in counts.most_common())
    statement = (
        f"{child.name}: {plural(len(missed), 'missed appointment')} between {fmt_date(since)} "
        f"and {fmt_date(today)}, {len(wnb)} recorded as was not brought"
        + (f" ({breakdown})" if missed else "")
        + "."
    )
    return Indicator(
        pattern="missed_appointments",
        name=f"Missed appointments in {limits.missed_months} months",
        subject=child.name,
        member_id=child.id,
        figure=len(missed),
        statement=statement,
        threshold=f"{limits.missed_count} or more",
        source=limits.source("missed_count"),
        fired=len(missed) >= limits.missed_count,
        record_ids=tuple(a.id for a in missed),
    )


def longest_run(appointments: list[Appointment]) -> list[Appointment]:
    """The longest run of missed appointments with no attended one between (the latest of
    equal runs); service cancellations, reschedules and upcoming ones neither count nor break."""
    best: list[Appointment] = []
    run: list[Appointment] = []
    for item in appointments:
        if item.outcome in NOT_MISSED or item.outcome == Outcome.UPCOMING:
            continue
        if item.outcome in MISSED_OUTCOMES:
            run.append(item)
            if len(run) >= len(best):
                best = list(run)
        else:
            run = []
    return best


def missed_in_a_row(records: Records, child: Member, limits: PatternThresholds) -> Indicator:
    run = longest_run([a for a in records.appointments if a.member == child.id])
    if run:
        statement = (
            f"{child.name}: {plural(len(run), 'missed appointment')} in a row, from "
            f"{fmt_date(run[0].date)} to {fmt_date(run[-1].date)} (the longest run)."
        )
    else:
        statement = f"{child.name}: no missed appointment is recorded."
    return Indicator(
        pattern="missed_in_a_row",
        name="Missed appointments in a row",
        subject=child.name,
        member_id=child.id,
        figure=len(run),
        statement=statement,
        threshold=f"{limits.missed_run} or more in a row",
        source=limits.source("missed_run"),
        fired=len(run) >= limits.missed_run,
        record_ids=tuple(a.id for a in run),
    )


def _last_seen(
    records: Records, child: Member, wanted: tuple[Seen, ...], appointments: bool
) -> tuple[dt.date | None, tuple[str, ...]]:
    """The latest record of the child seen that does not contradict itself (a visit marked
    seen whose summary says the child was not there is cited beside the one believed)."""
    events = [e for e in records.chronology if e.child_seen.get(child.id) in wanted]
    believed = [e for e in events if not says_absent(e, child)]
    found: list[tuple[dt.date, str]] = [(e.date, e.id) for e in believed]
    if appointments:
        found += [
            (a.date, a.id)
            for a in records.appointments
            if a.member == child.id and a.outcome == Outcome.ATTENDED
        ]
    if not found:
        return None, tuple(e.id for e in events[-1:])
    day, record_id = max(found)
    contradicted = tuple(e.id for e in events if e.date > day)
    return day, (record_id, *contradicted[-1:])


def _seen_indicator(
    records: Records,
    child: Member,
    today: dt.date,
    limit: int,
    source: str,
    alone: bool,
) -> Indicator:
    wanted = (Seen.ALONE,) if alone else (Seen.YES, Seen.ALONE)
    day, ids = _last_seen(records, child, wanted, appointments=not alone)
    how = "seen alone" if alone else "seen by any professional"
    if day is None:
        days = (today - (child.date_of_birth or today)).days
        statement = f"{child.name}: no record shows {child.name} {how}."
    else:
        days = (today - day).days
        statement = (
            f"{child.name}: last recorded as {how} on {fmt_date(day)}, "
            f"{plural(days, 'day')} before {fmt_date(today)}."
        )
        if len(ids) > 1:
            statement += (
                f" A later record ({ids[1]}) marks the child seen but its summary says the "
                "child was not there."
            )
        unseen = [
            e.id
            for e in records.chronology
            if e.date > day and e.child_seen.get(child.id) == Seen.NO
        ]
        if unseen and not alone:
            verb = "says" if len(unseen) == 1 else "say"
            statement += f" {plural(len(unseen), 'record')} since {verb} the child was not seen."
            ids = (*ids, *unseen)
    return Indicator(
        pattern="not_seen_alone" if alone else "not_seen",
        name="Days since last seen alone" if alone else "Days since last seen",
        subject=child.name,
        member_id=child.id,
        figure=days,
        statement=statement,
        threshold=f"more than {plural(limit, 'day')}",
        source=source,
        fired=day is None or days > limit,
        record_ids=ids or (child.id,),
    )


def not_seen(
    records: Records, child: Member, today: dt.date, limits: PatternThresholds
) -> Indicator:
    return _seen_indicator(
        records, child, today, limits.not_seen_days, limits.source("not_seen_days"), False
    )


def not_seen_alone(
    records: Records, child: Member, today: dt.date, limits: PatternThresholds
) -> Indicator | None:
    born = child.date_of_birth
    if born is None or years_on(born, today) < limits.seen_alone_from_age:
        return None
    return _seen_indicator(
        records,
        child,
        today,
        limits.not_seen_alone_days,
        limits.source("not_seen_alone_days"),
        True,
    )


@cache
def _words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words: dict[str, str] = prompts.load("patterns.yaml")["words"]
    return tuple(re.compile(words[k], re.I) for k in ("off_roll", "on_roll", "education"))  # type: ignore[return-value]


def is_education(event: ChronologyEvent) -> bool:
    return event.event_type == EventType.EDUCATION or bool(_words()[2].search(event.agency))


def school_age(child: Member, today: dt.date) -> bool:
    """From 5 to the end of the school year (31 August) in which the child turns 16."""
    if child.date_of_birth is None:
        return False
    year_start = dt.date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    return (
        years_on(child.date_of_birth, today) >= SCHOOL_AGE_FROM
        and years_on(child.date_of_birth, year_start) < SCHOOL_AGE_TO
    )


def off_roll(
    records: Records, child: Member, today: dt.date, limits: PatternThresholds
) -> Indicator | None:
    """A school-age child whose latest education status is off a roll (home educated or
    removed), and the education records since: has any shown the child seen?"""
    if not school_age(child, today):
        return None
    off, on, _ = _words()
    about = [e for e in records.chronology if is_education(e) and child.id in e.members]
    back = [e for e in about if on.search(e.summary)]
    after = [e for e in about if not back or e.date > back[-1].date]
    left_roll = [e for e in after if off.search(e.summary)]
    limit = limits.off_roll_unseen_days
    common = {
        "pattern": "off_roll",
        "name": "Off a school roll, not seen by education",
        "subject": child.name,
        "member_id": child.id,
        "threshold": f"off roll and not seen by education for more than {plural(limit, 'day')}",
        "source": limits.source("off_roll_unseen_days"),
    }
    if not left_roll:
        latest = about[-1:] if about else []
        words = (
            f"the latest education record is {fmt_date(latest[0].date)}"
            if latest
            else "no education record names the child"
        )
        return Indicator(
            **common,
            figure=0,
            statement=f"{child.name}: no record says {child.name} is off a school roll; {words}.",
            fired=False,
            record_ids=tuple(e.id for e in latest) or (child.id,),
        )
    left = left_roll[0]  # the first record off the roll since the child was last on one
    since = [e for e in about if e.date > left.date]
    seen = [e for e in since if e.child_seen.get(child.id) in (Seen.YES, Seen.ALONE)]
    last = seen[-1].date if seen else left.date
    days = (today - last).days
    seen_words = (
        f"last shown seen by education on {fmt_date(last)}" if seen else "none shows the child seen"
    )
    return Indicator(
        **common,
        figure=days,
        statement=(
            f"{child.name} (school age) has been off a school roll since {fmt_date(left.date)}: "
            f"{plural(len(since), 'education record')} since then, {seen_words} "
            f"({plural(days, 'day')})."
        ),
        fired=days > limit,
        record_ids=(left.id, *(e.id for e in since)),
    )
