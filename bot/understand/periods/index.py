"""The case's records, indexed once per Records for anchor matching: stems of each event,
appointment, involvement and address, and the case's own words."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

from bot.understand.periods.patterns import _WORD_RE
from bot.understand.periods.words import _KEEP_ING, ABBREVIATIONS, ANCHOR_STOPWORDS

if TYPE_CHECKING:
    from bot.records import Records


def _stem(word: str) -> str:
    word = word.strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in _KEEP_ING or len(word) <= 3:
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
        if word in _KEEP_ING:
            return word
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _phrase_text(text: str) -> str:
    """Lower-case words with abbreviations followed by their expansion ('cin child in need
    plan'), for phrase matches."""
    words = []
    for word in _WORD_RE.findall(text.lower()):
        words.append(word)
        if word in ABBREVIATIONS:
            words.append(ABBREVIATIONS[word])
    return " ".join(words)


def _text_stems(*texts: str | None) -> set[str]:
    stems: set[str] = set()
    for text in texts:
        if not text:
            continue
        for word in _WORD_RE.findall(text.lower().replace("_", " ")):
            for part in ABBREVIATIONS.get(word, "").split() + [word]:
                if part not in ANCHOR_STOPWORDS:
                    stems.add(_stem(part))
    return stems


@dataclass
class _Doc:
    kind: str  # event | appointment | professional | address
    date: dt.date
    end: dt.date | None
    stems: frozenset[str]
    weak: frozenset[str]  # stems from notes: a match counts less
    event_type: str | None
    members: frozenset[str]
    lead: bool = False
    text: str = ""  # lower-case words, for phrase matches ("review child protection conference")
    record_id: str = ""


@dataclass
class _Index:
    opened: dt.date | None
    docs: list[_Doc]
    events: list[int]
    appointments: list[int]
    professionals: list[int]
    addresses: list[int]  # in order of start
    address_las: list[str | None]
    inverted: dict[str, set[int]]
    vocab: list[str]
    vocab_set: frozenset[str]
    member_phrases: list[tuple[str, str]]  # (lower phrase, member id), longest first
    members: dict[str, Any]
    person_words: frozenset[str]  # professionals' and members' names
    keep: frozenset[str]  # the case's own words: never read as a misspelt time word
    _matches: dict[str, frozenset[int]] = field(default_factory=dict)

    def docs_matching(self, stem: str) -> frozenset[int]:
        """Docs holding the stem, a longer form of it, or a shorter form (>= 5 letters)."""
        found = self._matches.get(stem)
        if found is not None:
            return found
        hits: set[int] = set(self.inverted.get(stem, ()))
        if len(stem) >= 5:
            lo = bisect.bisect_left(self.vocab, stem)
            while lo < len(self.vocab) and self.vocab[lo].startswith(stem):
                hits |= self.inverted[self.vocab[lo]]
                lo += 1
        for k in range(5, len(stem)):
            if stem[:k] in self.vocab_set:
                hits |= self.inverted[stem[:k]]
        if not hits and len(stem) >= 4 and not stem.isdigit():  # 'confrence', 'grop'
            near = process.extractOne(stem, self.vocab, scorer=fuzz.ratio, score_cutoff=85)
            close = near is not None and abs(len(near[0]) - len(stem)) <= (
                2 if len(stem) > 5 else 1
            )
            if near is not None and close and near[0][0] == stem[0]:
                hits = set(self.inverted[near[0]])
        result = frozenset(hits)
        self._matches[stem] = result
        return result


_INDEXES: dict[int, tuple[Records, _Index]] = {}


def _index(records: Records) -> _Index:
    cached = _INDEXES.get(id(records))
    if cached is not None and cached[0] is records:
        return cached[1]
    index = _build_index(records)
    if len(_INDEXES) >= 32:
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[id(records)] = (records, index)
    return index


def _build_index(records: Records) -> _Index:
    docs: list[_Doc] = []
    events: list[int] = []
    appointments: list[int] = []
    professionals: list[int] = []
    addresses: list[int] = []
    for e in records.chronology:
        stems = _text_stems(
            e.event_type.value, e.summary, e.agency, e.source,
            e.source_type.value if e.source_type else None,
        )  # fmt: skip
        events.append(len(docs))
        text = _phrase_text(f"{e.event_type.value.replace('_', ' ')} {e.summary}")
        docs.append(
            _Doc("event", e.date, None, frozenset(stems), frozenset(), e.event_type.value,
                 frozenset(e.members), text=text, record_id=e.id)
        )  # fmt: skip
    for a in records.appointments:
        appointments.append(len(docs))
        docs.append(
            _Doc("appointment", a.date, None, frozenset(_text_stems(a.type, a.agency)),
                 frozenset(_text_stems(a.notes)), None, frozenset({a.member}), record_id=a.id)
        )  # fmt: skip
    for p in records.professionals:
        stems = _text_stems(p.name, p.role, p.agency, "lead professional" if p.lead else None)
        professionals.append(len(docs))
        docs.append(
            _Doc("professional", p.start, p.end, frozenset(stems), frozenset(), None,
                 frozenset(p.members), p.lead, record_id=p.id)
        )  # fmt: skip
    for a in records.addresses:
        addresses.append(len(docs))
        docs.append(
            _Doc("address", a.start, a.end, frozenset(_text_stems(a.area, a.local_authority)),
                 frozenset(_text_stems(a.notes)), None, frozenset(a.members), record_id=a.id)
        )  # fmt: skip
    inverted: dict[str, set[int]] = {}
    for i, doc in enumerate(docs):
        for stem in doc.stems | doc.weak:
            inverted.setdefault(stem, set()).add(i)
    phrases: list[tuple[str, str]] = []
    person: set[str] = set()
    for m in records.members:
        names = {m.name.lower(), m.name.split()[0].lower(), *(a.lower() for a in m.aliases)}
        phrases += [(n, m.id) for n in names if n]
        person |= {w for n in names for w in _WORD_RE.findall(n)}
    for p in records.professionals:
        person |= set(_WORD_RE.findall(p.name.lower())) - {"dr", "pc", "the"}
    keep: set[str] = set(person)
    places: set[str] = set()
    for a in records.addresses:
        places |= set(_WORD_RE.findall(f"{a.area} {a.local_authority or ''}".lower()))
    for p in records.professionals:
        keep |= set(_WORD_RE.findall(p.agency.lower()))
    keep |= places
    case = records.case
    return _Index(
        opened=case.opened if case else None,
        docs=docs,
        events=events,
        appointments=appointments,
        professionals=professionals,
        addresses=sorted(addresses, key=lambda i: docs[i].date),
        address_las=[
            a.local_authority.lower() if a.local_authority else None for a in records.addresses
        ],
        inverted=inverted,
        vocab=sorted(inverted),
        vocab_set=frozenset(inverted),
        member_phrases=sorted(phrases, key=lambda p: -len(p[0])),
        members={m.id: m for m in records.members},
        person_words=frozenset(person - {"the", "baby", "mum", "mother", "uncle"}),
        keep=frozenset(keep),
    )
