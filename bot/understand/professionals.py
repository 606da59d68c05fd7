"""Which professionals a question names, by the names on the case's involvement records:
'hannah okafor', 'dr kemble', "okafors number", 'contact for tom whitcombe', misspelt too
('hanna okafor'). A post title ('Duty Social Worker') is no name: roles and agencies are
read as words of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from wordfreq import zipf_frequency

from bot.records import Records, member_names
from bot.understand.members import FUZZY_NAME, name_similarity
from bot.understand.terms import per_case
from bot.understand.vocabulary import is_word, known_terms

# words before a name that say it is a person's ('dr kemble', 'pc hirst')
TITLES = frozenset({"dr", "doctor", "pc", "dc", "ds", "sgt", "mr", "mrs", "ms", "miss", "nurse"})
_WORD = re.compile(r"[a-z][a-z'-]*")
MIN_FUZZY = 4  # letters: shorter words are matched exactly only


@dataclass(frozen=True)
class FoundProfessionals:
    ids: tuple[str, ...]  # involvement record ids, in the question's order
    spans: tuple[tuple[int, int], ...] = ()  # where the question names them
    readings: tuple[tuple[str, str], ...] = ()  # (typed, read as) for misspelt names


@dataclass(frozen=True)
class _Person:
    first: str | None  # None: the name is one word ('Kemble')
    last: str
    ids: tuple[str, ...]


def _people(records: Records) -> tuple[_Person, ...]:
    """Each professional's personal name words, the records of one name together. Words of
    the case's roles and agencies ('Duty', 'Social', 'Worker') are no personal name."""
    posts = {
        w for p in records.professionals for w in _WORD.findall(f"{p.role} {p.agency}".lower())
    }
    by_name: dict[tuple[str | None, str], list[str]] = {}
    for p in records.professionals:
        words = [w.strip("'-") for w in _WORD.findall(p.name.lower())]
        words = [w for w in words if w and w not in TITLES and w not in posts and len(w) > 1]
        if not words:
            continue
        key = (words[0] if len(words) > 1 else None, words[-1])
        by_name.setdefault(key, []).append(p.id)
    return tuple(_Person(first, last, tuple(ids)) for (first, last), ids in by_name.items())


@cache
def _ordinary(word: str) -> bool:
    """An English word or one of the practitioners' vocabulary (not the case's own words,
    which hold the professionals' names)."""
    return is_word(word, known_terms())


# A first name that is also in the model's vocabulary counts alone when it is this rare in
# English (Zipf, wordfreq): 'naomi' 3.7, 'owen' 4.1, 'sarah' 4.5 do; 'grace' 4.6, 'mark' 5.2 do not.
ORDINARY_ZIPF = 4.5


def _name_words(person: _Person) -> list[str]:
    return [n for n in (person.first, person.last) if n]


def _same(typed: str, name: str) -> bool:
    """The typed word is the name, or a misspelling of it that is no word of its own."""
    if not typed or typed[0] != name[0]:  # a misspelt name keeps its first letter
        return False
    if typed == name or typed.removesuffix("s") == name:  # 'okafors number'
        return True
    if len(typed) < MIN_FUZZY or len(name) < MIN_FUZZY or _ordinary(typed):
        return False
    return name_similarity(typed, name) >= FUZZY_NAME


def _member_words(records: Records) -> frozenset[str]:
    return frozenset(
        w for m in records.members for n in member_names(m) for w in _WORD.findall(n.lower())
    )


def find_professionals(text: str, records: Records | None) -> FoundProfessionals:
    """The involvement records of the professionals the text names: by first and last name;
    by last name alone after a title or when no member shares it and it is no ordinary word;
    by first name alone when only one professional has it and no member does."""
    if records is None or not records.professionals:
        return FoundProfessionals(())
    people = per_case("professional names", records, _people)
    member_words = per_case("member name words", records, _member_words)
    matches = list(_WORD.finditer(text.lower()))
    words = [m.group().removesuffix("'s").strip("'-") for m in matches]
    found: list[tuple[int, int, _Person]] = []  # (first word, last word, person)
    firsts: dict[str, list[_Person]] = {}
    for person in people:
        if person.first:
            firsts.setdefault(person.first, []).append(person)
    for k, word in enumerate(words):
        for person in people:
            if not _same(word, person.last):
                continue
            before = words[k - 1] if k else ""
            if (person.first and _same(before, person.first)) or before in TITLES:
                found.append((k - 1, k, person))
            elif word not in member_words and not _ordinary(word) and len(word) > 2:
                found.append((k, k, person))
    taken = {k for a, b, _ in found for k in range(a, b + 1)}
    for k, word in enumerate(words):
        alone = firsts.get(word, [])
        if (
            len(alone) == 1
            and k not in taken
            and word not in member_words
            and not (_ordinary(word) and zipf_frequency(word, "en") >= ORDINARY_ZIPF)
        ):
            found.append((k, k, alone[0]))
    found.sort(key=lambda hit: hit[0])
    ids = tuple(dict.fromkeys(i for _, _, person in found for i in person.ids))
    spans = tuple((matches[a].start(), matches[b].end()) for a, b, _ in found)
    readings = tuple(
        (words[k], name)
        for a, b, person in found
        for k, name in zip(range(b, a - 1, -1), reversed(_name_words(person)), strict=False)
        if words[k] not in TITLES and words[k] != name and words[k].removesuffix("s") != name
    )
    return FoundProfessionals(ids, spans, readings)


def mask_professionals(text: str, records: Records | None) -> str:
    """Who is asked about should not decide what is asked: a professional's name becomes
    'the worker' ("hannah okafors number" -> "the worker's number")."""
    found = find_professionals(text, records)
    for start, end in sorted(found.spans, reverse=True):
        typed = text[start:end].lower()
        owner = typed.endswith("'s") or (typed.endswith("s") and not _is_name(typed, records))
        text = text[:start] + ("the worker's" if owner else "the worker") + text[end:]
    return text


def _is_name(typed: str, records: Records | None) -> bool:
    """Whether the typed words, as they stand, end with a professional's name ('Hollins')."""
    last = typed.split()[-1]
    return records is not None and any(
        p.last == last for p in per_case("professional names", records, _people)
    )
