"""What a question names that the case does not hold: a proper name ('St Mary's RC Primary',
'Tyler') no member, professional, agency, place or document of the case is called, and an
agency or role of the practitioners' vocabulary ('probation', 'fire service') that no record
of the case mentions. An ask resting on such a name has no evidence in the case."""

from __future__ import annotations

import calendar
import re
from functools import cache

from bot.records import Records
from bot.understand.members import FUZZY_NAME, name_similarity
from bot.understand.vocabulary import known_terms, vocabulary
from prompts import stopwords

# A capitalised word inside a sentence (not its first word, not an abbreviation in capitals).
_CAPITALISED = re.compile(r"(?<![.?!]\s)(?<!^)\b[A-Z][a-z][A-Za-z'-]*")


@cache
def _calendar_words() -> frozenset[str]:
    names = [*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr]
    return frozenset(n.lower() for n in names if n)


def case_text(records: Records) -> str:
    """Everything the case calls anything, lower case, for phrase look-ups."""
    parts = list(records.texts.values())
    parts += [" ".join([m.name, m.id, *m.aliases]) for m in records.members]
    parts += [f"{p.name} {p.role} {p.agency}" for p in records.professionals]
    parts += [f"{a.area} {a.local_authority or ''}" for a in records.addresses]
    parts += [f"{p.title or ''} {p.heading or ''} {p.file}" for p in records.passages]
    if records.case:
        parts.append(f"{records.case.title} {records.case.local_authority or ''}")
    return " ".join(parts).lower()


def unknown_proper_names(text: str, records: Records, case_words: frozenset[str]) -> list[str]:
    """Capitalised words (not starting a sentence) and names of several words that nothing
    in the case is called."""
    if _title_case(text):
        return []
    found: list[str] = []
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        lower = word.lower().removesuffix("'s")
        forms = {lower, lower.removesuffix("s")}  # 'NAVs', 'SWs'
        if (
            forms & case_words
            or forms & known_terms()
            or any(name_similarity(lower, w) >= FUZZY_NAME for w in _name_words(records))
            or lower in _calendar_words()
            or lower in ("i", "dr", "mr", "mrs", "ms", "miss", "st")
        ):
            continue
        found.append(word)
    phrases = unknown_phrases(text, case_text(records))
    inside = {w for p in phrases for w in p.split()}
    return phrases + [w for w in found if w not in inside and w.removesuffix("'s") not in inside]


# Two or more capitalised words in a row: one name ('St Mary's RC Primary' holds 'St Mary's').
# Abbreviations in capitals ('Ryan's DOB', 'Marlow Vale SW') are not part of the name.
_PHRASE = re.compile(r"\b[A-Z][a-z][A-Za-z'-]*(?:\s+[A-Z][a-z][A-Za-z'-]*)+")
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "i"})
_SENTENCE_START = re.compile(r"(^|[.?!:;]\s+)$")
PHRASE_MATCH = 90  # rapidfuzz partial ratio for a pair of a name's words to count as in the case


def unknown_phrases(text: str, case: str) -> list[str]:
    """Names of several words whose neighbouring words never occur together in the case:
    each word alone may be the case's ('Mary' near 'Mark', 'Primary'), the name is not."""
    from rapidfuzz import fuzz

    found = []
    for match in _PHRASE.finditer(text):
        typed = match.group().split()
        if _SENTENCE_START.search(text[: match.start()]):
            typed = typed[1:]  # 'Has Poppy ...', 'Which Community Paediatrics ...'
        words = [w.lower() for w in typed]
        if len(words) < 2 or words[0] in _TITLES or _calendar(words):
            continue
        pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
        if any(fuzz.partial_ratio(pair, case, score_cutoff=PHRASE_MATCH) == 0 for pair in pairs):
            found.append(" ".join(typed).removesuffix("'s"))
    return found


def _title_case(text: str) -> bool:
    """Title Case Typing ('When Was The Last Visit') says nothing of names."""
    small = [w for w in text.split()[1:] if w.lower() in stopwords()]
    return sum(w[:1].isupper() for w in small) > 1


def _calendar(words: list[str]) -> bool:
    return any(w in _calendar_words() for w in words)


def _name_words(records: Records) -> frozenset[str]:
    """The words of what the case calls someone or something: members and their aliases,
    professionals, agencies, areas. A misspelt name ('Rian') is near one of these; a name
    merely near an ordinary word of the records ('Mary' and 'may') is not the case's."""
    parts = [" ".join([m.name, *m.aliases]) for m in records.members]
    parts += [f"{p.name} {p.agency}" for p in records.professionals]
    parts += [f"{a.area} {a.local_authority or ''}" for a in records.addresses]
    return frozenset(w for w in re.findall(r"[a-z][a-z'-]+", " ".join(parts).lower()) if len(w) > 2)


@cache
def _vocabulary_agencies() -> frozenset[str]:
    """The agency and role words of the practitioners' vocabulary (not the case's own)."""
    data = vocabulary()
    terms = {t for meaning in data["abbreviations"].values() for t in meaning.get("terms", [])}
    terms |= {t for mapped in data["synonyms"].values() for t in mapped}
    return frozenset(terms)


def absent_agencies(terms: tuple[str, ...], text: str) -> list[str]:
    """Vocabulary agency or role terms of an ask when none of the ask's terms occurs in the
    case ('mental health' is also read as 'camhs': a case with a mental health team has it)."""
    named = [t for t in terms if t in _vocabulary_agencies()]
    if not named or any(re.search(rf"(?<![a-z]){re.escape(t)}", text) for t in terms):
        return []
    return named
