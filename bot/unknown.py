"""No evidence, no answer: a question about something no record mentions gets no answer.

'What is Callum's blood group?' must not be answered with Callum's household record just
because the name matched. Every content word of a question must either be a way of asking
(prompts/question_words.txt), a practitioner's term (prompts/vocabulary.yaml), or appear in
the records searched."""

from __future__ import annotations

import re
from functools import cache

import prompts
from bot.records import Records
from bot.search import tokens


@cache
def _asking_words() -> frozenset[str]:
    text = prompts.text("question_words.txt")
    words = " ".join(line for line in text.splitlines() if not line.startswith("#"))
    vocabulary = prompts.load("vocabulary.yaml")
    phrases = [*vocabulary["abbreviations"], *vocabulary["synonyms"], *vocabulary["outcomes"]]
    for section in ("event_types", "source_types"):
        for name, words_for in vocabulary[section].items():
            phrases += [name, *words_for]
    for meaning in vocabulary["abbreviations"].values():
        phrases += meaning.get("terms", [])
    return frozenset(tokens(words + " " + " ".join(phrases)))


def _record_pairs(records: Records) -> frozenset[tuple[str, str]]:
    key = ("pairs", records.version.collection)
    cached = _PAIRS.get(key)
    if cached is None:
        pairs: set[tuple[str, str]] = set()
        for text in [*records.texts.values(), *(p.heading or "" for p in records.passages)]:
            words = tokens(text)
            pairs.update(zip(words, words[1:], strict=False))
        cached = _PAIRS[key] = frozenset(pairs)
    return cached


def _record_words(records: Records) -> frozenset[str]:
    key = ("words", records.version.collection)
    cached = _WORDS.get(key)
    if cached is None:
        texts = list(records.texts.values())
        texts += [f"{p.title or ''} {p.heading or ''} {p.file}" for p in records.passages]
        texts += [" ".join([m.name, m.id, *m.aliases]) for m in records.members]
        cached = frozenset(tokens(" ".join(texts).replace("-", " ")) + tokens(" ".join(texts)))
        _WORDS[key] = cached
    return cached


_WORDS: dict[tuple[str, str], frozenset[str]] = {}
_PAIRS: dict[tuple[str, str], frozenset[tuple[str, str]]] = {}


def unknown_words(question: str, searched: list[Records]) -> list[str]:
    """Words of the question found neither in how people ask nor in any record searched."""
    known = set(_asking_words())
    for records in searched:
        known |= _record_words(records)
    unknown: list[str] = []
    for word in re.findall(r"[A-Za-z][A-Za-z'-]*", question):
        stems = tokens(word)
        if stems and all(
            stem not in known
            and stem.removesuffix("s") not in known  # 'WNBs', 'NAVs'
            and len(stem) > 2
            for stem in stems
        ):
            unknown.append(word)
    return list(dict.fromkeys(unknown))


def uncovered_words(question: str, records: Records, cited_texts: list[str]) -> list[str]:
    """Subject words of the question that none of the records found mentions: the answer
    would be about something else ('blood group' answered with a date of birth)."""
    asking = _asking_words()
    names = {t for m in records.members for t in tokens(" ".join([m.name, m.id, *m.aliases]))}
    cited = set(tokens(" ".join(cited_texts)))
    uncovered: list[str] = []
    for word in re.findall(r"[A-Za-z][A-Za-z'-]*", question):
        stems = [
            s
            for s in tokens(word)
            if s not in asking and s.removesuffix("s") not in asking and s not in names
        ]
        if stems and all(s not in cited and s.removesuffix("s") not in cited for s in stems):
            uncovered.append(word)
    return list(dict.fromkeys(uncovered))
