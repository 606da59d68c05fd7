"""Initials the case's own records spell out: 'when was the LPM' asks about the 'legal planning
meeting' a chronology record names, 'GCP2 scores?' about the 'Graded Care Profile 2'. A word
typed in capitals that no vocabulary, role or agency initials, name or record of the case
holds is read as the phrase of the records whose words' first letters (and numbers) it is,
when the records say that phrase often enough, or in capitals, to be a term of theirs rather
than a chance run of words. The reading is said ("read 'LPM' as 'legal planning meeting'")."""

from __future__ import annotations

import re
from collections import Counter

from bot.records import Records
from bot.understand.terms import abbreviation_keys, per_case, role_initials

MIN_LETTERS = 3  # two letters stand for too many runs of words ('the MW': which?)
MAX_LETTERS = 6
MIN_TIMES = 2  # a phrase in lower case is a term when the records say it this often
_SMALL = frozenset({"of", "and", "the", "for", "in", "to", "a", "an", "on", "with", "at", "&"})
_CLAUSE = re.compile(r"[.;:,()\[\]!?\n|/]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+")
_TYPED = re.compile(r"\b([A-Z][A-Z0-9]{1,5}|[A-Za-z]{2,5}\d)(s?)\b")


def _runs(clause: str) -> list[tuple[str, str, bool]]:
    """Every run of words of one clause with its initials (a number kept whole, small words
    inside a run skipped) and whether each of its words is capitalised."""
    words = _WORD.findall(clause)
    found: list[tuple[str, str, bool]] = []
    for start, first in enumerate(words):
        if first.lower() in _SMALL:
            continue
        initials = ""
        capitals = True
        for end in range(start, len(words)):
            word = words[end]
            if word.lower() in _SMALL:
                continue
            initials += word if word.isdigit() else word[0].lower()
            capitals = capitals and (word.isdigit() or word[0].isupper())
            if len(initials) > MAX_LETTERS:
                break
            if end > start and len(initials) >= MIN_LETTERS:
                found.append((initials, " ".join(words[start : end + 1]), capitals))
    return found


def _spelt_out(records: Records) -> dict[str, str]:
    """Initials -> the phrase of the case's records they stand for (made once per version)."""
    said: Counter[tuple[str, str]] = Counter()
    capitalised: set[tuple[str, str]] = set()
    for text in records.texts.values():
        for clause in _CLAUSE.split(text):
            for initials, phrase, capitals in _runs(clause):
                key = (initials, phrase.lower())
                said[key] += 1
                if capitals:
                    capitalised.add(key)
    best: dict[str, tuple[int, str]] = {}
    for (initials, phrase), times in said.items():
        if times < MIN_TIMES and (initials, phrase) not in capitalised:
            continue
        if initials not in best or times > best[initials][0]:
            best[initials] = (times, phrase)
    return {initials: phrase for initials, (_, phrase) in best.items()}


def _held_words(records: Records) -> frozenset[str]:
    return frozenset(w for t in records.texts.values() for w in re.findall(r"[a-z0-9]+", t.lower()))


def spell_out(question: str, records: Records | None) -> tuple[str, list[tuple[str, str]]]:
    """The question with each such word replaced by its phrase, and (typed, read as) pairs."""
    if records is None:
        return question, []
    # the vocabulary's abbreviations, and the initials of the case's roles and agencies (read
    # by the role matching: 'the EHO in marlow vale')
    known = abbreviation_keys() | role_initials(records).keys()
    table = per_case("spelt-out initials", records, _spelt_out)
    held = per_case("held words", records, _held_words)
    readings: list[tuple[str, str]] = []

    def spell(match: re.Match[str]) -> str:
        word = match.group(1)
        lower = word.lower()
        if lower in known or lower in held or len(re.sub(r"\d", "", lower)) < 2:
            return match.group()
        phrase = table.get(lower)
        if phrase is None:
            return match.group()
        readings.append((match.group(), phrase))
        return phrase

    return _TYPED.sub(spell, question), readings
