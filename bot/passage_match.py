"""The words passage search and sentence choice compare: a text's word stems (stopwords
out, a few family words made one: 'mum' is 'mother'), the days of a month it names, a
passage's title and heading words; and `Hit`, a passage a search found."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

import prompts
from bot.request import AskedWord
from ingest.models import Passage

STOPWORDS = prompts.stopwords()
_SYNONYMS = {"dad": "father", "mum": "mother", "mom": "mother", "dads": "father", "mums": "mother"}


@lru_cache(maxsize=32768)
def lemma(word: str) -> str:
    """A word's dictionary form ('wrote', 'written': 'write'; 'scores': 'score')."""
    return simplemma.lemmatize(word, lang="en").lower()


WORD = re.compile(r"[a-z][a-z'-]+")  # a word as typed, for its dictionary form


@lru_cache(maxsize=4096)
def text_lemmas(text: str) -> frozenset[str]:
    """The dictionary forms of a text's words ('written' -> 'write')."""
    return frozenset(lemma(w) for w in set(WORD.findall(text.lower())))


def holds_word(text: str, word: AskedWord) -> bool:
    """Whether a text holds a word asked with, in any of its forms (its stem or its lemma)."""
    return word.stem in tokens(text) or word.lemma in text_lemmas(text)


def tokens(text: str) -> list[str]:
    return list(_tokens(text))


@lru_cache(maxsize=32768)  # record texts are read for every question: tokenised once each
def _tokens(text: str) -> tuple[str, ...]:
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", text.lower())
    words = [
        w.split("'")[0] if "'" in w.removesuffix("'s") else w.removesuffix("'s") for w in words
    ]
    words = [_SYNONYMS.get(w, w) for w in words]
    return tuple(_stem(w) for w in words if w not in STOPWORDS and len(w) > 1)


_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?)\b",
    re.I,
)


def day_months(text: str) -> set[str]:
    """The days of a month a text names ('9 March', 'March 9th' -> '9-mar'): a date is
    word evidence even though its day, one digit, is no word of its own."""
    found = set()
    for match in _DAY_MONTH.finditer(text):
        day = match.group(1) or match.group(4)
        month = (match.group(2) or match.group(3)).lower()
        if day and 1 <= int(day) <= 31:
            found.add(f"{int(day)}-{month}")
    return found


def content_words(text: str) -> list[str]:
    """A text's word stems of four letters or more, each once, in order."""
    return [t for t in dict.fromkeys(tokens(text)) if len(t) >= 4]


def _stem(word: str) -> str:
    for suffix in (
        "ations",
        "ation",
        "ated",
        "ments",
        "ment",
        "ings",
        "ing",
        "ies",
        "ures",
        "ure",
        "ed",
        "es",
        "s",
        "e",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    if len(word) == 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]  # a short plural: 'dogs', 'cots', 'ages'
    return word


def title_tokens(passage: Passage) -> set[str]:
    file_name = re.sub(r"[-_.]+", " ", passage.file.rsplit("/", 1)[-1])
    return set(tokens(f"{passage.title or ''} {file_name}"))


def levels(passage: Passage) -> list[str]:
    """A passage's headings, outermost first ('' when it has none)."""
    return (passage.heading or "").split(" > ")


def heading_tokens(passage: Passage) -> set[str]:
    return set(tokens(passage.heading or ""))


@dataclass(frozen=True)
class Hit:
    passage: Passage
    fused: float
    dense: float
    overlap: int
    title_match: bool = False
    heading_match: bool = False
    rare: frozenset[str] = frozenset()  # brought for these words: only sentences holding one
