"""Who a question is about: names and aliases (misspelt too), 'the eldest', 'the boys', "mum's
fella", pronouns and 'the others' against the previous question's members."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

from bot.records import Records, member_names
from bot.understand.vocabulary import canonical_people, is_word, lexicon, people_words
from ingest.models import Member, MemberRole

FUZZY_NAME = 85  # name_similarity of a misspelt name ('elis' -> 'Ellis', 'Rian' -> 'Ryan')
_PRONOUN = re.compile(r"\b(she|her|hers|he|him|his|they|them|their|theirs)\b")
_MALE = re.compile(r"\b(he|him|his)\b")
_FEMALE = re.compile(r"\b(she|her|hers)\b")
_OTHERS = re.compile(r"\bthe others?\b|\bother (children|kids|siblings)\b")
# "the children's father": the father is asked about, the children only say whose.
_POSSESSOR = re.compile(
    r"\b(?:the\s+)?(children|kids|boys|girls|baby|family)'s?\s+(?=(?:father|dad|mother|mum|"
    r"mam|nan|gran|grandmother|grandfather|uncle|aunt|auntie|partner|step-?dad|step-?mum)\b)",
    re.I,
)
_SIBLING = re.compile(r"\b(brothers?|sisters?|siblings?)\b")


@dataclass(frozen=True)
class FoundMembers:
    ids: tuple[str, ...]
    from_previous: bool = False  # a pronoun or 'the others' resolved against the previous ask
    readings: tuple[tuple[str, str], ...] = ()  # (typed, read as) for misspelt names
    relatives: bool = False  # some were named as a member's relative ("kayden's dad")


def _age_order(children: list[Member]) -> list[Member]:
    return sorted(children, key=lambda m: (m.date_of_birth is None, m.date_of_birth or 0))


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _by_name(text: str, records: Records) -> tuple[list[tuple[int, str]], str]:
    """Names and aliases found, with their positions; the text with them blanked out."""
    canonical = canonical_people(text)
    spans: list[tuple[int, int, str, str]] = []
    for member in records.members:
        for name in member_names(member):
            if len(name) <= 2:
                # 'KJ' as typed ('kj'); 'A' (an English word) only as a standalone capital
                flags = 0 if name.lower() in lexicon() or len(name) == 1 else re.I
                pattern = re.compile(rf"(?<![\w'-]){re.escape(name)}(?![\w'-])", flags)
                spans += [(m.start(), m.end(), member.id, name) for m in pattern.finditer(text)]
                continue
            wanted = canonical_people(name)
            pattern = re.compile(rf"(?<![\w-]){re.escape(wanted)}(?:'?s)?(?![\w-])", re.I)
            spans += [(m.start(), m.end(), member.id, name) for m in pattern.finditer(canonical)]
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for start, end, member_id, _ in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            continue
        taken.append((start, end))
        found.append((start, member_id))
        canonical = _blank(canonical, start, end)
    return found, canonical


def _fuzzy(text: str, records: Records, known: frozenset[str]) -> list[tuple[int, str, str, str]]:
    """Misspelt names: a word that is no known word and is close to a member's name."""
    found: list[tuple[int, str, str, str]] = []
    for match in re.finditer(r"[a-z][a-z'-]{2,}", text):
        word = match.group().removesuffix("'s")
        if len(word) < 3 or is_word(word, known):
            continue
        best: tuple[float, str, str] | None = None
        for member in records.members:
            for name in member_names(member):
                if len(name) < 3 or " " in name:
                    continue
                score = name_similarity(word, name.lower())
                if score >= FUZZY_NAME and (best is None or score > best[0]):
                    best = (score, member.id, name)
        if best:
            found.append((match.start(), best[1], word, best[2]))
    return found


def name_similarity(word: str, name: str) -> float:
    """0-100: Jaro-Winkler, which weighs the first letters most, as names are misspelt
    ('Rian' for 'Ryan' 85, 'Poppie' for 'Poppy' 92); a different first letter is no match."""
    if word[:1] != name[:1]:
        return 0.0
    return 100 * JaroWinkler.normalized_similarity(word, name)


def _relational(text: str, records: Records) -> list[tuple[int, list[str]]]:
    """'the eldest', 'the boys', 'the kids', 'partner', 'uncle': by age, gender, role, aliases."""
    children = _age_order(records.children)
    by_gender = {
        g: [m.id for m in children if (m.gender or "").lower() == g] for g in ("male", "female")
    }
    rules: list[tuple[str, list[str]]] = [
        (r"\b(eldest|oldest)\b", [m.id for m in children[:1]]),
        (r"\byoungest\b", [m.id for m in children[-1:]]),
        (
            r"\bmiddle (one|child|kid)\b",
            [m.id for m in children[1:-1]] if len(children) > 2 else [],
        ),
        (r"\bbaby\b", [m.id for m in children[-1:]]),
        (r"\bunborn\b|\bpregnan", [m.id for m in records.members if m.role == MemberRole.UNBORN]),
        (r"\b(boys|lads|sons)\b", by_gender["male"]),
        (r"\b(girls|daughters)\b", by_gender["female"]),
        (
            r"\b(children|kids|siblings|each child|every child|all the children)\b",
            [m.id for m in children],
        ),
        (r"\bparents\b", [m.id for m in records.members if m.role == MemberRole.PARENT]),
        (r"\bmother\b", _parent(records, "female")),
        (r"\bfather\b", _parent(records, "male")),
    ]
    found: list[tuple[int, list[str]]] = []
    for pattern, ids in rules:
        if ids and (match := re.search(pattern, text)):
            found.append((match.start(), ids))
    for word in _RELATIVES:
        if match := re.search(rf"\b{word}\b", text):
            ids = [m.id for m in records.members if _described_as(m, word)]
            if ids:
                found.append((match.start(), ids))
    return found


_RELATIVES = ("partner", "uncle", "aunt", "grandmother", "grandfather")


def absent_relatives(text: str, records: Records | None) -> tuple[str, ...]:
    """Relatives the text names whom no member of the case is described as ('nan' when no
    member is a grandmother): people the case holds no member record of."""
    if records is None:
        return ()
    canonical = canonical_people(_POSSESSOR.sub(lambda m: " " * len(m.group(0)), text))
    return tuple(
        word
        for word in _RELATIVES
        if re.search(rf"\b{word}\b", canonical)
        and not any(_described_as(m, word) for m in records.members)
    )


def _described_as(member: Member, word: str) -> bool:
    words = canonical_people(" ".join([*member.aliases, member.notes or ""]))
    first_sentence = words.split(".")[0]
    return bool(re.search(rf"\b{word}\b", first_sentence))


def _parent(records: Records, gender: str) -> list[str]:
    parents = [m for m in records.members if m.role in (MemberRole.PARENT, MemberRole.CARER)]
    word = "mother" if gender == "female" else "father"
    named = [m for m in parents if _described_as(m, word)]
    return [m.id for m in (named or [m for m in parents if (m.gender or "").lower() == gender])]


_NEGATED = re.compile(r"\b(not|no|never)\W+$")


def _relatives_of(owner: Member, relation: str, records: Records) -> list[str]:
    """The members whose aliases or notes say they are the owner's `relation` ("Kayden's
    father", "Chelsea's mother", "mother of Kayden and Maisie"), not where that is denied
    ("not Kayden's father")."""
    words = people_words()
    names = [
        canonical_people(n)
        for n in member_names(owner)
        if len(n) > 2 and n.lower() not in words and n != owner.id
    ]
    if not names:
        return []
    owner_name = "|".join(re.escape(n) for n in names)
    said = re.compile(
        rf"\b(?:(?:{owner_name})'?s\s+(?:[a-z-]+\s+)?{relation}"
        rf"|{relation}\s+(?:of|to)\s+(?:[a-z-]+(?:,\s*|\s+and\s+)){{0,3}}(?:{owner_name}))\b"
    )
    found: list[str] = []
    for member in records.members:
        if member.id == owner.id:
            continue
        text = canonical_people(" . ".join([*member.aliases, member.notes or ""]))
        if any(not _NEGATED.search(text[: m.start()]) for m in said.finditer(text)):
            found.append(member.id)
    return found


def _possessed(text: str, records: Records) -> tuple[list[tuple[int, list[str]]], str]:
    """ "kayden's dad", "chelsea's mum": the relative the records describe so, in the place of
    the name and the word (the name only says whose); the text with those spans blanked."""
    relations = sorted(people_words(), key=len, reverse=True)
    relation_words = "|".join(re.escape(w) for w in relations)
    hits: list[tuple[int, list[str]]] = []
    for owner in records.members:
        for name in member_names(owner):
            if len(name) <= 2 or name.lower() in people_words():
                continue
            pattern = re.compile(
                rf"(?<![\w-]){re.escape(name)}'?s\s+(?:[a-z-]+\s+)?({relation_words})(?![\w-])",
                re.I,
            )
            for match in pattern.finditer(text):
                relation = people_words()[match.group(1).lower()]
                ids = _relatives_of(owner, relation, records)
                if ids:
                    hits.append((match.start(), ids))
                    text = _blank(text, match.start(), match.end())
    return hits, text


def find_members(
    text: str, records: Records | None, previous: tuple[str, ...], known: frozenset[str]
) -> FoundMembers:
    """Member ids the text names, in the order it names them."""
    if records is None:
        return FoundMembers(())
    text = _POSSESSOR.sub(lambda m: " " * len(m.group(0)), text)
    hits, text = _possessed(text, records)
    relatives = bool(hits)
    named, rest = _by_name(text, records)
    hits += [(pos, [mid]) for pos, mid in named]
    fuzzy = _fuzzy(rest, records, known)
    hits += [(pos, [mid]) for pos, mid, _, _ in fuzzy]
    hits += _relational(rest, records)
    ids = [mid for _, group in sorted(hits, key=lambda h: h[0]) for mid in group]
    readings = tuple((typed, name) for _, _, typed, name in fuzzy)
    if ids:
        return FoundMembers(tuple(dict.fromkeys(ids)), False, readings, relatives)
    if previous and _OTHERS.search(rest):
        others = [m.id for m in _age_order(records.children) if m.id not in previous]
        return FoundMembers(tuple(others), True)
    if previous and (sibling := _SIBLING.search(rest)):
        word = sibling.group(1)
        gender = "male" if word.startswith("brother") else "female" if word.startswith("s") else ""
        siblings = [
            m.id
            for m in records.children
            if m.id not in previous and (not gender or (m.gender or "").lower() == gender)
        ]
        return FoundMembers(tuple(siblings), True)
    if previous and _PRONOUN.search(rest):
        people = [records.members_by_id[m] for m in previous if m in records.members_by_id]
        gender = "male" if _MALE.search(rest) else "female" if _FEMALE.search(rest) else ""
        chosen = [m.id for m in people if gender and (m.gender or "").lower() == gender]
        return FoundMembers(tuple(chosen or previous), True)
    return FoundMembers(())


def mask_members(text: str, records: Records | None) -> str:
    """Who is asked about should not decide what is asked: names become 'the child' or
    'the parent', so the classifier reads the same question whoever it names."""
    if records is None:
        return canonical_people(text)
    names = [
        (name, member.role in (MemberRole.CHILD, MemberRole.UNBORN))
        for member in records.members
        for name in member_names(member)
        if len(name) > 2
    ]
    return mask_names(text, names)


def mask_names(text: str, names: list[tuple[str, bool]]) -> str:
    """`names`: (name, is a child). Longest names first; each span is replaced once."""
    canonical = canonical_people(text)
    spans: list[tuple[int, int, bool]] = []
    for name, is_child in names:
        wanted = canonical_people(name)
        pattern = re.compile(rf"(?<![\w-]){re.escape(wanted)}(?:'s)?(?![\w-])", re.I)
        spans += [(m.start(), m.end(), is_child) for m in pattern.finditer(canonical)]
    chosen: list[tuple[int, int, bool]] = []
    for start, end, is_child in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if not any(start < c_end and end > c_start for c_start, c_end, _ in chosen):
            chosen.append((start, end, is_child))
    for start, end, is_child in sorted(chosen, reverse=True):
        canonical = (
            canonical[:start] + ("the child" if is_child else "the parent") + canonical[end:]
        )
    return canonical
