"""What a pattern indicator is: a count from the typed records, its threshold and where that
threshold comes from, whether the count reached it, and the records counted. Never a risk
decision: what a pattern means for a family is the practitioner's judgement."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

PatternKey = Literal[
    "missed_appointments",
    "missed_in_a_row",
    "no_access_in_a_row",
    "not_seen",
    "not_seen_alone",
    "off_roll",
    "moves",
    "boundary_crossings",
    "worker_changes",
    "referrals_not_followed",
    "closed_non_engagement",
    "adults_not_assessed",
]
PATTERN_KEYS: tuple[PatternKey, ...] = get_args(PatternKey)

NOT_A_DECISION = (
    "These are indicators counted from the case records against set thresholds, not a risk "
    "assessment and not a decision: what they mean for this family is for you to judge."
)


class Indicator(BaseModel):
    """One pattern counted for one child, agency, source type or the whole family."""

    model_config = ConfigDict(frozen=True)

    pattern: PatternKey
    name: str = Field(description="What is counted, e.g. 'Missed appointments in 12 months'.")
    subject: str = Field(description="Whom or what it counts for: a child, an agency, 'family'.")
    member_id: str | None = Field(None, description="The member it is about, if one.")
    figure: int = Field(description="The count (or days) compared with the threshold.")
    statement: str = Field(description="The figure in plain words, with its dates.")
    threshold: str = Field(description="When it counts as reached, in words.")
    source: str = Field(description="Where the threshold comes from.")
    fired: bool
    record_ids: tuple[str, ...] = Field(description="The records counted.")

    def threshold_words(self) -> str:
        return f"Threshold: {self.threshold}; source: {self.source}."
