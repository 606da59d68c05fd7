"""Who and what a question is about: members (names, aliases, 'the eldest', 'mum', pronouns),
agencies and roles (with practitioners' abbreviations), event types, outcomes, source types."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import prompts
from bot.records import Records
from ingest.models import EventType, Member, MemberRole, Outcome, SourceType

_PRONOUNS = re.compile(r"\b(she|her|hers|he|him|his|they|them|their)\b", re.I)
_ALL_CHILDREN = re.compile(r"\b(the children|all children|each child|every child|kids|siblings)\b")


@dataclass(frozen=True)
class Mentions:
    members: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    role_terms: tuple[str, ...] = ()
    record_terms: tuple[str, ...] = ()
    event_types: frozenset[EventType] = frozenset()
    outcomes: frozenset[Outcome] = frozenset()
    outcome_words: tuple[str, ...] = ()
    source_types: frozenset[SourceType] = frozenset()
    used_pronoun: bool = False
    labels: dict[str, str] = field(default_factory=dict)


def _phrase(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word.lower())}", re.I)


@cache
def _vocabulary() -> dict:
    return prompts.load("vocabulary.yaml")


def _age_order(children: list[Member]) -> list[Member]:
    return sorted(children, key=lambda m: (m.date_of_birth is None, m.date_of_birth or 0))


def find_members(
    question: str, records: Records, previous: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], bool]:
    """Member ids the question names, in order; and whether a pronoun stood for earlier ones."""
    found: list[str] = []
    text = question
    for member in records.members:
        names = sorted({member.name, member.id, *member.aliases}, key=len, reverse=True)
        for name in names:
            if len(name) <= 2:  # single-letter aliases ('A') only as a capital, standalone word
                pattern = re.compile(rf"(?<![\w'-]){re.escape(name)}(?![\w'-])")
                hit = pattern.search(text)
                if hit and hit.start() > 0:
                    found.append(member.id)
                    break
            elif re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I):
                found.append(member.id)
                break
    lower = question.lower()
    children = _age_order(records.children)
    relational = {
        r"\b(eldest|oldest)\b": children[:1],
        r"\byoungest\b": children[-1:],
        r"\bunborn\b|\bpregnan": [m for m in records.members if m.role == MemberRole.UNBORN],
        r"\b(mum|mother|mom|mam)\b": _parent(records, "female", ("mother", "mum")),
        r"\b(dad|father)\b": _parent(records, "male", ("father", "dad")),
        r"\bparents\b": [m for m in records.members if m.role == MemberRole.PARENT],
    }
    for pattern, members in relational.items():
        if re.search(pattern, lower):
            found.extend(m.id for m in members)
    if _ALL_CHILDREN.search(lower):
        found.extend(m.id for m in children)
    sibling = re.search(r"\b(brother|sister|brothers|sisters)\b", lower)
    if sibling and previous and not found:
        gender = "male" if sibling.group(1).startswith("brother") else "female"
        found.extend(
            m.id for m in children if m.id not in previous and (m.gender or "").lower() == gender
        )
    elif not found and previous and _PRONOUNS.search(question):
        return tuple(previous), True
    return tuple(dict.fromkeys(found)), False


_RELATIONAL_WORDS = re.compile(
    r"\b(the )?(eldest|oldest|youngest|baby|children|kids|siblings|brother|sister)\b", re.I
)


def mask_members(question: str, records: Records | None, replacement: str = "the child") -> str:
    """Who is asked about should not decide what is asked: names become 'the child'."""
    if records is None:
        return question
    names = sorted(
        ((n, m.role) for m in records.members for n in (m.name, *m.aliases) if len(n) > 2),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    for name, role in names:
        stand_in = replacement
        if replacement.strip() and role != MemberRole.CHILD:
            stand_in = "the unborn baby" if role == MemberRole.UNBORN else "the parent"
        question = re.sub(
            rf"(?<![\w-]){re.escape(name)}(?:'s)?(?![\w-])", stand_in, question, flags=re.I
        )
    return _RELATIONAL_WORDS.sub(replacement, question)


def _parent(records: Records, gender: str, words: tuple[str, ...]) -> list[Member]:
    parents = [m for m in records.members if m.role in (MemberRole.PARENT, MemberRole.CARER)]
    named = [
        m for m in parents if any(w in " ".join([m.id, m.name, *m.aliases]).lower() for w in words)
    ]
    return named or [m for m in parents if (m.gender or "").lower() == gender]


def find_terms(question: str, records: Records | None) -> tuple[str, ...]:
    """Agency, role and appointment-type terms the question uses, including abbreviations."""
    vocabulary = _vocabulary()
    terms: list[str] = []
    for abbreviation, meaning in vocabulary["abbreviations"].items():
        if re.search(rf"(?<![\w-]){re.escape(abbreviation)}s?(?![\w-])", question, re.I):
            terms.extend(meaning.get("terms", []))
    lower = question.lower()
    for word, mapped in vocabulary["synonyms"].items():
        if _phrase(word).search(lower):
            terms.extend(mapped)
    if records is not None:
        terms.extend(_record_vocabulary_hits(mask_members(lower, records, " "), records))
    return tuple(dict.fromkeys(terms))


@cache
def _generic() -> frozenset[str]:
    """Words too common in agency, role and type names to mean a filter on their own."""
    return frozenset(_vocabulary()["generic_words"].split())


@cache
def _tokens_of(text: str) -> tuple[str, ...]:
    return tuple(
        t for t in re.findall(r"[a-z][a-z'&]+", text.lower()) if len(t) >= 4 and t not in _generic()
    )


def _record_vocabulary_hits(lower: str, records: Records) -> list[str]:
    """Distinctive words of this case's agencies, roles and types that the question uses."""
    vocabulary = {p.agency for p in records.professionals} | {p.role for p in records.professionals}
    vocabulary |= {a.agency for a in records.appointments} | {a.type for a in records.appointments}
    vocabulary |= {e.agency for e in records.chronology}
    hits: list[str] = []
    for phrase in sorted(vocabulary):
        if phrase.lower() in lower:
            hits.append(phrase.lower())
            continue
        hits.extend(t for t in _tokens_of(phrase) if re.search(rf"\b{re.escape(t)}\b", lower))
    return hits


def expand_abbreviations(question: str) -> str:
    """'when was the ICPC' -> '... ICPC initial child protection conference' for word matching."""
    extra = [
        meaning["expands"]
        for abbreviation, meaning in _vocabulary()["abbreviations"].items()
        if meaning.get("expands")
        and re.search(rf"(?<![\w-]){re.escape(abbreviation)}s?(?![\w-])", question, re.I)
    ]
    return " ".join([question, *extra])


def find_role_terms(question: str) -> tuple[str, ...]:
    """Abbreviations that name a role (SW, HV, DSL, EWO): matched against roles only."""
    found: list[str] = []
    for abbreviation, meaning in _vocabulary()["abbreviations"].items():
        if meaning.get("roles") and re.search(
            rf"(?<![\w-]){re.escape(abbreviation)}s?(?![\w-])", question, re.I
        ):
            found.extend(meaning["roles"])
    return tuple(dict.fromkeys(found))


def find_event_types(question: str) -> frozenset[EventType]:
    lower = question.lower()
    found = {
        EventType(name)
        for name, words in _vocabulary()["event_types"].items()
        if any(_phrase(w).search(lower) for w in words)
    }
    for abbreviation, meaning in _vocabulary()["abbreviations"].items():
        if re.search(rf"(?<![\w-]){re.escape(abbreviation)}s?(?![\w-])", question, re.I):
            found |= {EventType(e) for e in meaning.get("event_types", [])}
    return frozenset(found)


def find_outcomes(question: str) -> tuple[frozenset[Outcome], tuple[str, ...]]:
    lower = question.lower()
    outcomes: set[Outcome] = set()
    words: list[str] = []
    for word, mapped in _vocabulary()["outcomes"].items():
        if _phrase(word).search(lower):
            outcomes |= {Outcome(o) for o in mapped}
            words.append(word)
    for abbreviation, meaning in _vocabulary()["abbreviations"].items():
        if meaning.get("outcomes") and re.search(
            rf"(?<![\w-]){re.escape(abbreviation)}s?(?![\w-])", question, re.I
        ):
            outcomes |= {Outcome(o) for o in meaning["outcomes"]}
            words.append(abbreviation)
    return frozenset(outcomes), tuple(words)


def find_source_types(question: str) -> frozenset[SourceType]:
    lower = question.lower()
    return frozenset(
        SourceType(name)
        for name, words in _vocabulary()["source_types"].items()
        if any(_phrase(w).search(lower) for w in words)
    )


def mentions(question: str, records: Records | None, previous: tuple[str, ...] = ()) -> Mentions:
    members, used_pronoun = find_members(question, records, previous) if records else ((), False)
    outcomes, outcome_words = find_outcomes(question)
    return Mentions(
        members=members,
        terms=find_terms(question, records),
        role_terms=find_role_terms(question),
        record_terms=tuple(
            dict.fromkeys(
                _record_vocabulary_hits(mask_members(question.lower(), records, " "), records)
            )
        )
        if records
        else (),
        event_types=find_event_types(question),
        outcomes=outcomes,
        outcome_words=outcome_words,
        source_types=find_source_types(question),
        used_pronoun=used_pronoun,
    )


def matches_terms(text: str, terms: tuple[str, ...]) -> bool:
    """A term matches at the start of a word: 'mental health' is not in 'environmental health'."""
    lower = text.lower()
    return any(re.search(rf"(?<![a-z]){re.escape(term)}", lower) for term in terms)
