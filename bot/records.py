"""A case's typed records, read whole from its live collection and cached per version."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, partial

from chromadb.errors import NotFoundError
from pydantic import TypeAdapter

from bot.access import AccessDenied, User
from bot.passage_match import tokens
from bot.version_cache import DEFAULT_CACHED_VERSIONS, VersionCache
from ingest.entries import AnyRecord
from ingest.models import (
    Address,
    Appointment,
    Case,
    ChronologyEvent,
    Member,
    MemberRole,
    Passage,
    Professional,
)
from ingest.store import LEARNING_KEY, LiveVersion, Store, case_key

_RECORD: TypeAdapter[AnyRecord] = TypeAdapter(AnyRecord)


@dataclass(frozen=True)
class Records:
    """Every record of one live version (a case, or the learning corpus)."""

    version: LiveVersion
    case: Case | None
    records: tuple[AnyRecord, ...]
    texts: dict[str, str]

    @property
    def case_id(self) -> str | None:
        return self.case.case_id if self.case else None

    @cached_property
    def members(self) -> list[Member]:
        return [r for r in self.records if isinstance(r, Member)]

    @cached_property
    def members_by_id(self) -> dict[str, Member]:
        return {m.id: m for m in self.members}

    @cached_property
    def children(self) -> list[Member]:
        return [m for m in self.members if m.role == MemberRole.CHILD]

    @cached_property
    def addresses(self) -> list[Address]:
        return sorted((r for r in self.records if isinstance(r, Address)), key=lambda a: a.start)

    @cached_property
    def professionals(self) -> list[Professional]:
        items = (r for r in self.records if isinstance(r, Professional))
        return sorted(items, key=lambda p: (p.start, p.id))

    @cached_property
    def chronology(self) -> list[ChronologyEvent]:
        items = (r for r in self.records if isinstance(r, ChronologyEvent))
        return sorted(items, key=lambda e: (e.date, e.time or dt.time(0), e.id))

    @cached_property
    def appointments(self) -> list[Appointment]:
        items = (r for r in self.records if isinstance(r, Appointment))
        return sorted(items, key=lambda a: (a.date, a.time or dt.time(0), a.id))

    @cached_property
    def passages(self) -> list[Passage]:
        return [r for r in self.records if isinstance(r, Passage)]

    @cached_property
    def by_id(self) -> dict[str, AnyRecord]:
        return {r.id: r for r in self.records}

    def name(self, member_id: str) -> str:
        member = self.members_by_id.get(member_id)
        return member.name if member else member_id

    def names(self, member_ids: tuple[str, ...] | list[str]) -> str:
        return join_words([self.name(m) for m in member_ids])


# Words that start a pseudonym or a title rather than a first name ('Child A', 'Mrs Testwood').
NOT_FIRST_NAMES = frozenset(
    [
        "child",
        "baby",
        "unborn",
        "infant",
        "mother",
        "father",
        "mum",
        "dad",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "master",
        "sibling",
    ]
)


def member_names(member: Member) -> list[str]:
    """Every way the records name a member, longest first: full name, aliases, first name, id."""
    words = member.name.split()
    first = words[0] if len(words) > 1 and words[0].lower() not in NOT_FIRST_NAMES else ""
    names = {member.name, member.id, first, *member.aliases}
    return sorted((n for n in names if n), key=len, reverse=True)


def record_text(record: AnyRecord) -> str:
    """Every text field of a record (a passage's text, an event's summary, action, outcome and
    who recorded it, a professional's role and notes ...), joined."""
    return " ".join(v for v in record.model_dump().values() if isinstance(v, str))


def record_stems(record: AnyRecord) -> frozenset[str]:
    """The word stems of every text field of a record."""
    return frozenset(tokens(record_text(record)))


def member_words(records: Records) -> set[str]:
    """The word stems of the members' names and aliases."""
    return {t for m in records.members for t in tokens(" ".join([m.name, *m.aliases]))}


def record_day(records: Records | None, record_id: str) -> dt.date | None:
    """The day a record is dated by: an event's or appointment's date, an involvement's or
    address's start; None for an undated record or an id the case does not hold."""
    record = records.by_id.get(record_id) if records else None
    for field in ("date", "start"):
        day = getattr(record, field, None)
        if isinstance(day, dt.date):
            return day
    return None


_DATED_NAME = re.compile(r"^(\d{4})[-_ ](\d{2})[-_ ](\d{2})")


def document_day(passage: Passage) -> dt.date | None:
    """A document's day: its front matter's, else the date its file name begins with
    ('2025-11-13-rcpc-chair-summary.txt'); None when neither gives a real day."""
    if passage.date is not None:
        return passage.date
    found = _DATED_NAME.match(passage.file.rsplit("/", 1)[-1])
    try:
        return dt.date(*(int(part) for part in found.groups())) if found else None
    except ValueError:
        return None


def join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


class RecordCache:
    """Loads a live version whole once; a new version (re-ingest) is a new cache entry. The
    versions are held in a VersionCache (least recently used out first), shared with the
    engine's other per-version caches when it passes its own."""

    def __init__(self, store: Store, versions: VersionCache | None = None) -> None:
        self.store = store
        self.versions = versions or VersionCache(DEFAULT_CACHED_VERSIONS)

    def case(self, case_id: str, user: User) -> Records | None:
        """A case's records, for a user allowed to see it; AccessDenied before any read."""
        if not user.can_see_case(case_id):
            raise AccessDenied()
        return self._load(case_key(case_id))

    def learning(self) -> Records | None:
        return self._load(LEARNING_KEY)

    def _load(self, key: str) -> Records | None:
        for _ in range(3):  # the live version may be replaced between lookup and read
            live = self.store.live(key)
            if live is None:
                return None
            try:
                return self.versions.get(live.collection, "records", partial(self._read, live))
            except NotFoundError:
                continue
        return None

    def _read(self, live: LiveVersion) -> Records:
        case = None
        records: list[AnyRecord] = []
        texts: dict[str, str] = {}
        for entry in self.store.read_all(live):
            meta = entry.metadata
            if meta["kind"] == "case":
                case = Case.model_validate_json(str(meta["record"]))
                continue
            record = _RECORD.validate_json(str(meta["record"]))
            records.append(record)
            texts[record.id] = entry.text if record.kind != "passage" else record.text
        return Records(live, case, tuple(records), texts)
