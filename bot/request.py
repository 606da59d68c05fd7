"""The typed request between understanding and answering: what each part of a question asks.

Only `bot.understand` reads the question's words; every tool takes an `Ask` and typed records.
`ask --json` prints the `Request`, so a wrong understanding is visible."""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from ingest.models import EventType, Outcome, SourceType

About = Literal[
    "people_involved",
    "lead_professional",
    "contact_details",
    "appointments",
    "last_seen",
    "last_seen_alone",
    "events",
    "referrals",
    "addresses_moves",
    "household_members",
    "document_content",
    "learning",
    "procedure",
    "case_summary",
    "topic_across_records",
    "patterns",
    "unanswerable",
]
ABOUTS: tuple[About, ...] = get_args(About)
Shape = Literal["list", "count", "latest", "earliest", "yes_no", "summary", "quote", "detail"]
SHAPES: tuple[Shape, ...] = get_args(Shape)
LEARNING_ABOUTS: frozenset[About] = frozenset({"learning", "procedure"})
# the readings answered from the involvement records: who works with the family
PEOPLE_ABOUTS: frozenset[About] = frozenset(
    {"people_involved", "lead_professional", "contact_details"}
)


class Period(BaseModel):
    """Inclusive date bounds; either may be open."""

    model_config = ConfigDict(frozen=True)

    start: dt.date | None = None
    end: dt.date | None = None
    label: str = ""
    span: str = Field("", description="The words of the question that gave the period.")
    anchor_ids: tuple[str, ...] = Field(
        (),
        description="The records a period anchored to the case was dated by ('since the ICPC': "
        "the conference's record): the answer cites them for the date it read.",
    )

    def strip_from(self, text: str) -> str:
        """The question without the words that gave the period ('since 2016')."""
        return text.replace(self.span, " ") if self.span else text

    def overlaps(self, start: dt.date, end: dt.date | None) -> bool:
        """Whether a span (an address, an involvement; end None = still open) meets the period."""
        return (self.end is None or start <= self.end) and (
            self.start is None or end is None or end >= self.start
        )

    def contains(self, day: dt.date | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


class Reading(BaseModel):
    """A word of the question read as another ('helth' as 'health'), said in the answer."""

    model_config = ConfigDict(frozen=True)

    typed: str
    read_as: str


class AskedWord(BaseModel):
    """A word an ask asks with: its stem (as records' words are compared) and the form typed."""

    model_config = ConfigDict(frozen=True)

    stem: str
    typed: str
    lemma: str = Field("", description="Its dictionary form ('wrote': 'write').")


class Ask(BaseModel):
    """One thing the question asks, with every filter resolved against the case."""

    model_config = ConfigDict(frozen=True)

    about: About
    shape: Shape
    clause: str = Field(description="The words of the question this ask came from.")
    confidence: float = Field(1.0, description="The classifier's probability for `about`.")
    alternatives: tuple[About, ...] = Field(
        (), description="The classifier's next readings of `about`, most likely first."
    )
    plausible: tuple[About, ...] = Field(
        (),
        description="The next readings the classifier gives at least a quarter's chance: "
        "what an unsure reading that finds nothing gives way to.",
    )
    members: tuple[str, ...] = Field((), description="Member ids, in the question's order.")
    professionals: tuple[str, ...] = Field(
        (),
        description="Involvement record ids of the professionals the question names by name "
        "('hannah okafor', 'dr kemble'): every record of each person named.",
    )
    agency_or_role: tuple[str, ...] = Field(
        (), description="Words matched against agencies, roles and appointment types."
    )
    role_terms: tuple[str, ...] = Field(
        (), description="Role words from abbreviations (SW, HV, DSL): matched to roles only."
    )
    said: tuple[str, ...] = Field(
        (),
        description="Phrases of the question a chronology record must say, every word of each "
        "(stemmed), anywhere in its text: 'reported missing', where 'missing' is only a word of "
        "an agency's name; what an abbreviation stands for ('RHI': 'return home interview').",
    )
    event_types: tuple[EventType, ...] = ()
    appointment_types: tuple[str, ...] = Field(
        (),
        description="The case's appointment types the words name (every distinctive word of "
        "the type and two of its words at least), lower case.",
    )
    outcomes: tuple[Outcome, ...] = Field(
        (), description="Appointment outcomes wanted; empty = any."
    )
    outcome_group: Literal["missed"] | None = Field(
        None,
        description="'missed' = was not brought, did not attend, no access, cancelled by "
        "the family (the spec's meaning).",
    )
    source_types: tuple[SourceType, ...] = ()
    current_only: bool = False
    period: Period | None = None
    ranking: Literal["most", "least"] | None = None
    topic: str | None = Field(None, description="What a topic or passage question is about.")
    text: str = Field("", description="The words for passage search (period words removed).")
    learning_kind: Literal["review", "procedure", "guidance"] | None = None
    addresses: tuple[str, ...] = Field(
        (), description="Address ids of a place the question names ('the hostel', 'Greywell')."
    )
    relative: Literal["before", "after", "since"] | None = Field(
        None,
        description="A later part of a question timed against the part before it ('when did "
        "they move in, and where were they living before that?'): its period is set from the "
        "earlier part's answer.",
    )
    counted: str | None = Field(
        None,
        description="What a count counts, in the question's words, plural ('how many times ...': "
        "'times'; 'how often': 'times').",
    )
    restrict_to: tuple[str, ...] = Field(
        (), description="A follow-up over 'those': the previous answer's record ids."
    )
    within_agency: tuple[str, ...] = Field(
        (),
        description="A place or agency the people of a role asked before work in ('who is the "
        "SW?' 'and who had it in westmere?'): matched to agencies only, beside `role_terms`.",
    )
    absent_relatives: tuple[str, ...] = Field(
        (),
        description="Relatives named whom no member of the case is described as ('nan' read as "
        "'grandmother' when no member is one): the case holds no member record of them.",
    )
    not_seen: bool = Field(
        False,
        description="Seen questions: the records where the child was not seen ('visits where "
        "kai wasnt seen'), read from a negated way of seeing.",
    )
    ended_only: bool = Field(
        False,
        description="People asks: only the involvements that ended ('which professionals have "
        "stopped being involved since 2024?': those whose end is in the period).",
    )
    every_time: bool = Field(
        False,
        description="A yes/no of being seen alone at any time ('has tyler ever been seen "
        "alone?'): answered by every time the records show it, not only the last.",
    )
    unresolved: tuple[str, ...] = Field(
        (),
        description="What the ask names that nothing in the case is called (a proper name, an "
        "agency or role no record has): no answer can rest on the case for it.",
    )
    wants_person: bool = Field(
        False,
        description="An ask of records that wants a person ('who did the pre-birth "
        "assessment?', 'PLO letter - who signed it'): the professionals its records name are "
        "given beside them.",
    )
    wants_time: bool = Field(
        False,
        description="An ask of people or the household that wants a time ('when did the early "
        "help worker finish?', 'when did jordan live at his nans'): the chronology of the "
        "involvement's start and end, or the homes recording them together, is given.",
    )
    particulars: tuple[str, ...] = Field(
        (),
        description="The ask's own words (stems) that name nothing the reading filters by and "
        "that few labelled questions use ('apgar', 'solicitor', 'placement'): what the records "
        "answering it should hold.",
    )
    asked_with: tuple[AskedWord, ...] = Field(
        (),
        description="The words the ask asks with that English seldom uses, less stopwords and "
        "members' names ('mias weight and height': weight, height): what a record answering "
        "something no field holds, or a topic no theme means, says.",
    )


class Request(BaseModel):
    """A question understood: one ask per part, and what could not be resolved."""

    model_config = ConfigDict(frozen=True)

    question: str
    case_id: str | None = None
    asks: tuple[Ask, ...]
    follow_up: bool = False
    readings: tuple[Reading, ...] = ()
    unresolved: tuple[str, ...] = Field(
        (), description="Words that named something no record holds (a name, a time phrase)."
    )
    mentioned: tuple[str, ...] = Field(
        (),
        description="Members this question and the one before it named: whom a following "
        "'both of them' or 'either of them' means.",
    )
