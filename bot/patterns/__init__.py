"""Pattern indicators counted from a case's typed records (one small function each, in
`children` and `family`), and the learning passages that discuss each pattern (`learning`).
An indicator says its figure, its threshold and the threshold's source, and cites the records
it counts; it is never a risk decision."""

from __future__ import annotations

import datetime as dt

from bot.patterns import children, family
from bot.patterns.model import NOT_A_DECISION, PATTERN_KEYS, Indicator, PatternKey
from bot.records import Records
from config.settings import PatternThresholds

__all__ = ["NOT_A_DECISION", "PATTERN_KEYS", "Indicator", "PatternKey", "indicators"]


def indicators(
    records: Records, today: dt.date, limits: PatternThresholds | None = None
) -> list[Indicator]:
    """Every indicator of a case as of `today`: per child, then for the family."""
    limits = limits or PatternThresholds()
    found: list[Indicator] = []
    born = [c for c in records.children if c.date_of_birth is None or c.date_of_birth <= today]
    for child in born:
        found.append(children.missed_appointments(records, child, today, limits))
        found.append(children.missed_in_a_row(records, child, limits))
        found.append(children.not_seen(records, child, today, limits))
        for optional in (
            children.not_seen_alone(records, child, today, limits),
            children.off_roll(records, child, today, limits),
        ):
            if optional is not None:
                found.append(optional)
    found.append(family.no_access_in_a_row(records, limits))
    found.append(family.moves(records, today, limits))
    found.append(family.boundary_crossings(records, today, limits))
    found += family.worker_changes(records, today, limits)
    found += family.referrals_not_followed(records, limits)
    found.append(family.closed_non_engagement(records, limits))
    found += family.adults_not_assessed(records)
    return found
