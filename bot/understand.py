"""From a question (and the conversation so far) to what the tools need: the question the
tools answer, who and what it mentions, its period, and the route(s) to take."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.entities import Mentions, mask_members, mentions
from bot.followups import inherit, is_follow_up, narrows_previous
from bot.periods import parse_period
from bot.records import Records
from bot.router import Route, Router
from bot.types import Period, Turn

_SINCE_WHEN = re.compile(r"^\s*(and\s+)?since when\b", re.I)
CLEAR_ROUTE = 1.0


@dataclass(frozen=True)
class Understanding:
    question: str  # what the tools answer: 'since when?' re-asks the previous question
    mentions: Mentions
    period: Period | None
    routes: list[Route]
    restrict_to: tuple[str, ...]


def without_period(text: str, period: Period | None) -> str:
    return period.strip_from(text) if period else text


def understand(
    question: str,
    records: Records | None,
    previous: Turn | None,
    today: dt.date,
    router: Router,
) -> Understanding:
    follow_up = is_follow_up(question, previous)
    asked = previous.question if previous and _SINCE_WHEN.match(question) else question
    expected = (
        next((m.expected_date for m in records.members if m.expected_date), None)
        if (records)
        else None
    )
    period = parse_period(asked, today, records.addresses if records else (), expected)
    earlier_members = tuple(previous.filters.get("members", [])) if previous else ()
    found = mentions(without_period(asked, period), records, earlier_members)  # type: ignore[arg-type]
    routes = router.route(
        asked,
        has_case=records is not None,
        mask=lambda clause: mask_members(without_period(clause, period), records),
    )
    restrict: tuple[str, ...] = ()
    carry_period = previous is not None and not follow_up and period is None
    if carry_period and previous.filters.get("period") and routes[0].intent in previous.intents:
        # Same subject again ("which child has missed the most?"): the time frame carries over.
        period = Period.model_validate(previous.filters["period"])
    if follow_up and previous is not None:
        found, period = inherit(found, period, previous)
        if max(r.score for r in routes) < CLEAR_ROUTE:  # no clear new intent: same tools again
            routes = [Route(intent, asked, CLEAR_ROUTE) for intent in previous.intents]
        if narrows_previous(question):
            restrict = tuple(previous.record_ids)
    return Understanding(asked, found, period, routes, restrict)
