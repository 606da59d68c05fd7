"""Follow-up questions resolve against the previous turn: 'and which of those were dental?',
'what about her brother?', 'since when?'."""

from __future__ import annotations

import re

from bot.entities import Mentions
from bot.types import Period, Turn
from ingest.models import EventType, Outcome, SourceType

_FOLLOW_UP = re.compile(
    r"^\s*(and|but|also|what about|how about|same for|and what about|since when|"
    r"which of (those|them|these)|of (those|them|these)|those|only|just|and for|what of)\b",
    re.I,
)
_THOSE = re.compile(r"\b(of (those|them|these)|those|these ones)\b", re.I)


def is_follow_up(question: str, previous: Turn | None) -> bool:
    return previous is not None and bool(_FOLLOW_UP.search(question))


def narrows_previous(question: str) -> bool:
    return bool(_THOSE.search(question))


def remember(mentions: Mentions, period: Period | None) -> dict[str, object]:
    return {
        "members": list(mentions.members),
        "terms": list(mentions.terms),
        "role_terms": list(mentions.role_terms),
        "record_terms": list(mentions.record_terms),
        "event_types": sorted(e.value for e in mentions.event_types),
        "outcomes": sorted(o.value for o in mentions.outcomes),
        "outcome_words": list(mentions.outcome_words),
        "source_types": sorted(s.value for s in mentions.source_types),
        "period": period.model_dump(mode="json") if period else None,
    }


def inherit(
    mentions: Mentions, period: Period | None, previous: Turn
) -> tuple[Mentions, Period | None]:
    """New mentions win; whatever the follow-up does not say is taken from the previous turn."""
    old = previous.filters
    merged = Mentions(
        members=mentions.members or tuple(old.get("members", [])),  # type: ignore[arg-type]
        terms=mentions.terms or tuple(old.get("terms", [])),  # type: ignore[arg-type]
        role_terms=mentions.role_terms or tuple(old.get("role_terms", [])),  # type: ignore[arg-type]
        record_terms=mentions.record_terms or tuple(old.get("record_terms", [])),  # type: ignore[arg-type]
        event_types=mentions.event_types
        or frozenset(EventType(e) for e in old.get("event_types", [])),  # type: ignore[union-attr]
        outcomes=mentions.outcomes or frozenset(Outcome(o) for o in old.get("outcomes", [])),  # type: ignore[union-attr]
        outcome_words=mentions.outcome_words or tuple(old.get("outcome_words", [])),  # type: ignore[arg-type]
        source_types=mentions.source_types
        or frozenset(SourceType(s) for s in old.get("source_types", [])),  # type: ignore[union-attr]
        used_pronoun=mentions.used_pronoun,
    )
    old_period = old.get("period")
    return merged, period or (Period.model_validate(old_period) if old_period else None)
