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
    """Capitalised words (not starting a sentence) that nothing in the case is called."""
    found: list[str] = []
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        lower = word.lower().removesuffix("'s")
        forms = {lower, lower.removesuffix("s")}  # 'NAVs', 'SWs'
        if (
            forms & case_words
            or forms & known_terms()
            or any(name_similarity(lower, w) >= FUZZY_NAME for w in case_words)
            or lower in _calendar_words()
            or lower in ("i", "dr", "mr", "mrs", "ms", "miss", "st")
        ):
            continue
        found.append(word)
    return found


@cache
def _vocabulary_agencies() -> frozenset[str]:
    """The agency and role words of the practitioners' vocabulary (not the case's own)."""
    data = vocabulary()
    terms = {t for meaning in data["abbreviations"].values() for t in meaning.get("terms", [])}
    terms |= {t for mapped in data["synonyms"].values() for t in mapped}
    return frozenset(terms)


def absent_agencies(terms: tuple[str, ...], text: str) -> list[str]:
    """Vocabulary agency or role terms of an ask when none of them occurs in the case."""
    named = [t for t in terms if t in _vocabulary_agencies()]
    if not named or any(re.search(rf"(?<![a-z]){re.escape(t)}", text) for t in named):
        return []
    return named
