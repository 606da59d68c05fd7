"""Retrieval tools: each a function from a resolved Query to a ToolResult of cited lines."""

from __future__ import annotations

from collections.abc import Callable

from bot.evidence import Query, ToolResult
from bot.tools.addresses import addresses, household
from bot.tools.appointments import appointments
from bot.tools.chronology import chronology
from bot.tools.involvement import involvement
from bot.tools.seen import last_seen

Tool = Callable[[Query], ToolResult]

STRUCTURED_TOOLS: dict[str, Tool] = {
    "involvement": involvement,
    "appointments": appointments,
    "chronology": chronology,
    "last_seen": last_seen,
    "addresses": addresses,
    "household": household,
}
