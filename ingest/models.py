"""Typed records of a case bundle and of the learning corpus (spec: case-bundle.md v1)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class EventType(StrEnum):
    REFERRAL = "referral"
    HOME_VISIT = "home_visit"
    NO_ACCESS_VISIT = "no_access_visit"
    ASSESSMENT = "assessment"
    STRATEGY_DISCUSSION = "strategy_discussion"
    SECTION_47 = "section_47"
    CONFERENCE = "conference"
    CORE_GROUP = "core_group"
    MEETING = "meeting"
    EDUCATION = "education"
    HEALTH = "health"
    POLICE = "police"
    HOUSING = "housing"
    ENVIRONMENTAL_HEALTH = "environmental_health"
    MOVE = "move"
    COURT = "court"
    CASE_CLOSED = "case_closed"
    NOTE = "note"


class Outcome(StrEnum):
    ATTENDED = "attended"
    WAS_NOT_BROUGHT = "was_not_brought"
    DID_NOT_ATTEND = "did_not_attend"
    CANCELLED_BY_FAMILY = "cancelled_by_family"
    CANCELLED_BY_SERVICE = "cancelled_by_service"
    NO_ACCESS = "no_access"
    RESCHEDULED = "rescheduled"
    UPCOMING = "upcoming"


MISSED_OUTCOMES = frozenset(
    {
        Outcome.WAS_NOT_BROUGHT,
        Outcome.DID_NOT_ATTEND,
        Outcome.NO_ACCESS,
        Outcome.CANCELLED_BY_FAMILY,
    }
)


class SourceType(StrEnum):
    PROFESSIONAL = "professional"
    FAMILY = "family"
    NEIGHBOUR = "neighbour"
    PUBLIC = "public"
    CHILD = "child"
    ANONYMOUS = "anonymous"


class MemberRole(StrEnum):
    CHILD = "child"
    PARENT = "parent"
    CARER = "carer"
    ADULT = "adult"
    UNBORN = "unborn"


class Seen(StrEnum):
    YES = "yes"
    NO = "no"
    ALONE = "alone"


class LearningKind(StrEnum):
    REVIEW = "review"
    PROCEDURE = "procedure"
    GUIDANCE = "guidance"


RecordKind = Literal[
    "case", "member", "address", "professional", "chronology", "appointment", "passage"
]


class Record(BaseModel):
    """Fields every indexed record has: its bundle id and where it came from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    file: str = Field(description="File name inside the bundle, e.g. 'chronology.csv'.")
    row: int | None = Field(None, description="1-based row (header is row 1); None for YAML.")
    extra: dict[str, str] = Field(default_factory=dict, description="Unknown columns, kept.")


class Member(Record):
    kind: Literal["member"] = "member"
    name: str
    aliases: tuple[str, ...] = ()
    role: MemberRole
    date_of_birth: dt.date | None = None
    expected_date: dt.date | None = None
    gender: str | None = None
    notes: str | None = None


class Address(Record):
    kind: Literal["address"] = "address"
    start: dt.date
    end: dt.date | None = None
    area: str
    local_authority: str | None = None
    members: tuple[str, ...] = ()
    notes: str | None = None


class Professional(Record):
    kind: Literal["professional"] = "professional"
    name: str
    role: str
    agency: str
    members: tuple[str, ...] = ()
    start: dt.date
    end: dt.date | None = None
    phone: str | None = None
    email: str | None = None
    lead: bool = False
    notes: str | None = None


class ChronologyEvent(Record):
    kind: Literal["chronology"] = "chronology"
    date: dt.date
    time: dt.time | None = None
    agency: str
    event_type: EventType
    summary: str
    members: tuple[str, ...] = ()
    source: str | None = None
    source_type: SourceType | None = None
    action: str | None = None
    outcome: str | None = None
    child_seen: dict[str, Seen] = Field(
        default_factory=dict, description="Per member id: seen, not seen, seen alone."
    )
    recorded_by: str | None = None


class Appointment(Record):
    kind: Literal["appointment"] = "appointment"
    date: dt.date
    time: dt.time | None = None
    member: str
    agency: str
    type: str
    outcome: Outcome
    notes: str | None = None


class Passage(Record):
    """A piece of a free-text document: a case document or a learning document."""

    kind: Literal["passage"] = "passage"
    text: str
    heading: str | None = Field(None, description="Heading path, e.g. 'Analysis > Risks'.")
    page: int | None = None
    title: str | None = None
    date: dt.date | None = None
    agency: str | None = None
    members: tuple[str, ...] = ()
    learning_kind: LearningKind | None = None
    published: str | None = None
    publisher: str | None = None


class Case(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    case_id: str
    title: str
    local_authority: str | None = None
    opened: dt.date | None = None
    summary: str | None = None
    extra: dict[str, str] = Field(default_factory=dict)


class Bundle(BaseModel):
    """One validated case bundle, ready to index."""

    model_config = ConfigDict(frozen=True)

    case: Case
    members: tuple[Member, ...]
    addresses: tuple[Address, ...] = ()
    professionals: tuple[Professional, ...] = ()
    chronology: tuple[ChronologyEvent, ...] = ()
    appointments: tuple[Appointment, ...] = ()
    passages: tuple[Passage, ...] = ()
    content_hash: str = Field(description="Hash of every file's bytes: unchanged bundle, no work.")

    def counts(self) -> dict[str, int]:
        return {
            "members": len(self.members),
            "professionals": len(self.professionals),
            "chronology": len(self.chronology),
            "appointments": len(self.appointments),
            "addresses": len(self.addresses),
            "passages": len(self.passages),
        }


class LearningDocument(BaseModel):
    model_config = ConfigDict(frozen=True)

    doc_id: str = Field(description="The file name; passage ids start with it.")
    title: str
    kind: LearningKind
    passages: tuple[Passage, ...]
    content_hash: str
