"""Retrieval tools: each a function from a resolved Query (one Ask and typed records) to a
ToolResult of cited lines. Structured tools filter every record of their kind, never top-k."""

from __future__ import annotations

from collections.abc import Callable

from bot.evidence import Query, ToolResult
from bot.request import About
from bot.tools.addresses import addresses, household
from bot.tools.appointments import appointments
from bot.tools.chronology import chronology
from bot.tools.involvement import involvement
from bot.tools.seen import last_seen
from bot.tools.summary import summary

Tool = Callable[[Query], ToolResult]

STRUCTURED_TOOLS: dict[About, Tool] = {
    "people_involved": involvement,
    "lead_professional": involvement,
    "contact_details": involvement,
    "appointments": appointments,
    "events": chronology,
    "referrals": chronology,
    "last_seen": last_seen,
    "last_seen_alone": last_seen,
    "addresses_moves": addresses,
    "household_members": household,
    "case_summary": summary,
}
