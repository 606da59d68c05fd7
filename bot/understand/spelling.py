"""Typing as people type: a word that is no known word is read as the closest word of the case
(its names, agencies, roles, types and record text), of the domain vocabulary, or of how
questions are asked. A correction that changed what is searched is said in the answer."""

from __future__ import annotations

import os
import re
import threading
from collections import Counter
from functools import cache

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein
from wordfreq import zipf_frequency

from bot.records import Records, member_names
from bot.search import tokens
from bot.understand.members import FUZZY_NAME, name_similarity
from bot.understand.periods import grammar_words
from bot.understand.terms import per_case, record_words
from bot.understand.vocabulary import (
    FAST_LOADER,
    is_word,
    known_phrases,
    known_terms,
    lexicon,
)
from bot.understand.vocabulary import TRAINING_DATA as DATA
from prompts import stopwords

MIN_SCORE = 80  # rapidfuzz ratio ('helth' -> 'health' 91, 'misisng' -> 'missing' 86)
MIN_SIMILARITY = 0.7  # Damerau-Levenshtein, normalised: 'mnay' -> 'many' 0.75
MIN_LENGTH = 4
CLIPPED_BY = 2  # letters at least left off a word typed short ('psych' of 'psychiatric')
ASKING_MIN_COUNT = 5  # the labelled questions misspell on purpose, but never this often
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")


def words_of(text: str) -> list[str]:
    return [w.lower().removesuffix("'s") for w in _WORD.findall(text)]


@cache
def asking_words() -> frozenset[str]:
    """Words of the labelled questions that are how people ask (slang, abbreviations: 'appts',
    'strat', 'misper'): common in the questions, not a name of their rosters, and not a
    misspelling of an English word (the questions misspell on purpose: 'referal')."""
    counts: Counter[str] = Counter()
    names: set[str] = set()
    for path in DATA.glob("*.yaml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
        for item in data["examples"]:
            counts.update(set(words_of(item["q"])))
        roster = data.get("roster") or {}
        names |= {
            w for n in [*roster.get("children", []), *roster.get("adults", [])] for w in words_of(n)
        }
    english = sorted(lexicon())
    return frozenset(
        w
        for w, n in counts.items()
        if n >= ASKING_MIN_COUNT
        and w not in names
        and (w in lexicon() or _closest(w, english) is None)
    )


@cache
def asking_phrases() -> frozenset[str]:
    """Two-word phrases of how questions are asked ('last seen', 'seen by'): common in the
    labelled questions."""
    counts: Counter[str] = Counter()
    for path in DATA.glob("*.yaml"):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
        for item in data["examples"]:
            words = words_of(item["q"])
            counts.update({f"{a} {b}" for a, b in zip(words, words[1:], strict=False)})
    return frozenset(p for p, n in counts.items() if n >= ASKING_MIN_COUNT)


def _closest(word: str, choices: list[str]) -> str | None:
    """The nearest choice by edit distance counting a swap of two letters as one edit
    ('mnay' -> 'many', not 'may'); ties go to the choice of the same length."""
    nearest = _nearest(word, choices)
    return nearest[0] if nearest else None


def _nearest(word: str, choices: list[str]) -> list[str]:
    """The choices tied nearest (see _closest), the one _closest picks first."""
    near = process.extract(word, choices, scorer=fuzz.ratio, score_cutoff=MIN_SCORE - 10, limit=8)
    scored = [
        (
            DamerauLevenshtein.normalized_similarity(word, choice),
            -abs(len(choice) - len(word)),
            choice,
        )
        for choice, _, _ in near
    ]
    scored = sorted((s for s in scored if s[0] >= MIN_SIMILARITY), reverse=True)
    return [s[2] for s in scored if s[:2] == scored[0][:2]]


def _closer_to_word(typed: str, word: str | None, names: list[str]) -> bool:
    """'childen' is one edit from 'children' and two from the name 'child-e': a word strictly
    closer than every near name is the word."""
    if word is None:
        return False
    similarity = DamerauLevenshtein.normalized_similarity
    return similarity(typed, word) > max(similarity(typed, n) for n in names)


def _name_words(records: Records) -> tuple[str, ...]:
    return tuple(sorted({w for n in record_words(records) for w in words_of(n)}))


def clipped(word: str, records: Records | None) -> str | None:
    """A word typed short ('psych', 'paeds', 'physio'): the one word of the case's agency,
    role and appointment-type names it begins, CLIPPED_BY letters or more shorter; None when
    it begins none, or words that part sooner than CLIPPED_BY letters after it ('ortho' of
    'orthoptic' and 'orthodontic'); of forms of one word ('psychiatric', 'psychiatrist'),
    the shortest."""
    if records is None or len(word) < MIN_LENGTH or not word.isalpha():
        return None
    longer = [
        w
        for w in per_case("name words", records, _name_words)
        if w.startswith(word) and len(w) >= len(word) + CLIPPED_BY
    ]
    if not longer or len(os.path.commonprefix(longer)) < len(word) + CLIPPED_BY:
        return None
    return min(longer, key=len)


CONTRACTION_ZIPF = 4.0  # 'they're' 5.5, 'what's' 5.2: a contraction as people write it
_CONTRACTED = re.compile(r"^(?P<head>[a-z]+?)(?P<tail>n't|'re|'ve|'ll|'s|'d|'m)$")


def contraction(lower: str) -> str | None:
    """A contraction typed without its apostrophe ('theyre', 'whats', 'didnt'): the English
    contraction it spells (wordfreq: common in English text), else None. Never a misspelling
    to read as a case word ('theyre' is not 'there')."""
    for at in (len(lower) - 3, len(lower) - 2, len(lower) - 1):
        if at < 1:
            continue
        form = lower[:at] + "'" + lower[at:]
        if lower.endswith("nt") and at == len(lower) - 1:
            form = lower[:-2] + "n't"
        m = _CONTRACTED.match(form)
        if m and zipf_frequency(form, "en") >= CONTRACTION_ZIPF and is_word(m["head"], frozenset()):
            return form
    return None


def _member_names(records: Records | None) -> list[str]:
    if records is None:
        return []
    return sorted({n.lower() for m in records.members for n in member_names(m) if len(n) > 2})


def _known_form(lower: str, known: frozenset[str]) -> bool:
    """The word or its singular, or its stem before -ing or -ed, is a known word."""
    forms = {lower, lower.removesuffix("s"), lower.removesuffix("es")}
    forms |= {
        lower[: -len(e)] + tail for e in ("ing", "ed") if lower.endswith(e) for tail in ("", "e")
    }
    return bool(forms & known)


class Speller:
    def __init__(self) -> None:
        self._case_words: dict[str, frozenset[str]] = {}
        self._bigrams: dict[str, frozenset[str]] = {}
        self._sorted: dict[str, tuple[frozenset[str], list[str]]] = {}
        self._lock = threading.Lock()

    def case_words(self, records: Records | None) -> frozenset[str]:
        if records is None:
            return frozenset()
        key = records.version.collection
        cached = self._case_words.get(key)
        if cached is None:
            texts = list(records.texts.values())
            texts += [" ".join([m.name, *m.aliases]) for m in records.members]
            texts += [f"{a.area} {a.local_authority or ''}" for a in records.addresses]
            cached = frozenset(words_of(" ".join(texts)))
            with self._lock:
                if len(self._case_words) > 64:
                    self._case_words.clear()
                self._case_words[key] = cached
        return cached

    def _choices(self, known: frozenset[str], records: Records | None) -> list[str]:
        """The known words a misspelt word is read against, sorted: made once per case version
        (the vocabulary's and the asking words are the same for every question), not per
        question (~0.5 ms). Read only."""
        key = records.version.collection if records is not None else ""
        cached = self._sorted.get(key)
        if cached is None or cached[0] != known:  # the same words: the same order
            cached = (known, sorted(w for w in known if len(w) >= MIN_LENGTH - 1))
            with self._lock:
                if len(self._sorted) > 64:
                    self._sorted.clear()
                self._sorted[key] = cached
        return cached[1]

    def known_words(self, records: Records | None) -> frozenset[str]:
        return self.case_words(records) | known_terms() | asking_words()

    def _in_a_phrase(
        self,
        word: str,
        match: re.Match[str],
        question: str,
        records: Records | None,
        choices: list[str],
    ) -> bool:
        """Whether the word read with the word after it (itself read against `choices`, as
        `correct` reads it) is a phrase of the case's records or the vocabulary ('leed
        profesional': 'lead professional', not the name Lee)."""
        after = _WORD.search(question, match.end())
        if after is None:
            return False
        following = after.group().lower()
        if len(following) >= MIN_LENGTH and not is_word(following, self.known_words(records)):
            following = _closest(following, choices) or following
        return f"{word} {following}" in self._phrases(records)

    def _in_context(
        self,
        lower: str,
        match: re.Match[str],
        question: str,
        records: Records | None,
        known: frozenset[str],
        choices: list[str],
    ) -> str | None:
        """A short or English word (or a word of the case: 'SEN') that is no word of the
        vocabulary or of how questions are asked, one edit from a word that makes a phrase with
        a word beside it while it makes none ('when was he last sen by ...': 'last seen'), is
        that word; else None. Another form of the same word ('conclude') is no correction."""
        if (
            len(lower) < MIN_LENGTH - 1
            or not lower.isalpha()
            or _known_form(lower, known_terms() | asking_words() | grammar_words())
            or lower in stopwords()
        ):
            return None
        before = _WORD.findall(question[: match.start()])
        after = _WORD.search(question, match.end())
        left = before[-1].lower() if before else None
        right = after.group().lower() if after else None
        left = None if left in stopwords() else left
        right = None if right in stopwords() else right
        if left is None and right is None:
            return None
        phrases = self._phrases(records) | asking_phrases()

        def pairs(word: str) -> int:
            return (f"{left} {word}" in phrases) + (f"{word} {right}" in phrases)

        if pairs(lower):
            return None
        stem = tokens(lower)
        near = process.extract(
            lower, choices, scorer=DamerauLevenshtein.distance, score_cutoff=1, limit=None
        )
        found = sorted(
            ((pairs(c), len(c) >= MIN_LENGTH, c) for c, _, _ in near if stem != tokens(c)),
            reverse=True,
        )
        return found[0][2] if found and found[0][0] else None

    def _phrases(self, records: Records | None) -> frozenset[str]:
        """Two-word phrases of the vocabulary's terms and of the case's records."""
        key = records.version.collection if records is not None else ""
        cached = self._bigrams.get(key)
        if cached is None:
            texts = list(known_phrases())
            if records is not None:
                texts += list(records.texts.values())
            found: set[str] = set()
            for text in texts:
                words = words_of(text)
                found.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
            cached = frozenset(found)
            with self._lock:
                if len(self._bigrams) > 64:
                    self._bigrams.clear()
                self._bigrams[key] = cached
        return cached

    def correct(self, question: str, records: Records | None) -> tuple[str, list[tuple[str, str]]]:
        """The question with misspelt words replaced, and (typed, read as) for those that
        changed a searched word (a case or domain word)."""
        case = self.case_words(records)
        searched = case | known_terms()
        known = searched | asking_words() | grammar_words()
        choices = self._choices(known, records)
        names = _member_names(records)
        readings: list[tuple[str, str]] = []

        def fix(match: re.Match[str]) -> str:
            word = match.group()
            lower = word.lower().removesuffix("'s")
            if len(lower) >= MIN_LENGTH and not is_word(lower, known) and contraction(lower):
                return contraction(lower) or word  # 'theyre' is "they're", no misspelling
            if len(lower) < MIN_LENGTH or is_word(lower.split("'")[0], known):
                # contractions ('who've') are read by their first part
                read = self._in_context(lower, match, question, records, known, choices)
                if read is None or any(n in (lower, read) for n in names):
                    return word  # a member's name, or near one: read by the member resolver
                if read in searched:
                    readings.append((word, read))
                return read + ("'s" if word.lower().endswith("'s") else "")
            tied = _nearest(lower, choices)
            # among equally near words, one that makes a phrase with the next word
            # ('leed profesional': 'lead professional', not 'need')
            in_phrase = [w for w in tied if self._in_a_phrase(w, match, question, records, choices)]
            best = (in_phrase or tied or [None])[0]
            near_names = [n for n in names if name_similarity(lower, n) >= FUZZY_NAME]
            phrase = bool(in_phrase)
            if near_names and not (phrase or _closer_to_word(lower, best, near_names)):
                return word  # a misspelt member's name: read by the member resolver
            if best is None:
                best = clipped(lower, records)
            if best is None:
                return word
            if best in searched:
                readings.append((word, best))
            return best + ("'s" if word.lower().endswith("'s") else "")

        corrected = _WORD.sub(fix, question)
        return corrected, list(dict.fromkeys(readings))
