"""Text: lower case, dashes and quotes made plain, misspelt time words read as meant, with a map
back to the question's own characters (a period's span is the user's words)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.understand.periods.patterns import _DASHES, _TOKEN
from bot.understand.periods.words import _GRAMMAR_WORDS, FUZZY_WORDS, NOT_FUZZY


@dataclass(frozen=True)
class _Text:
    orig: str
    norm: str
    starts: tuple[int, ...]
    pieces: tuple[tuple[int, int, int, int, bool], ...]  # norm a, b; orig a, b; same length

    def _pos(self, i: int, end: bool) -> int:
        if not self.pieces:
            return 0
        j = max(i - 1, 0) if end else i
        k = max(bisect.bisect_right(self.starts, j) - 1, 0)
        na, nb, oa, ob, same = self.pieces[k]
        if same:
            return oa + (j - na) + (1 if end else 0)
        return ob if end else oa

    def original(self, a: int, b: int) -> str:
        return self.orig[self._pos(a, False) : self._pos(b, True)].strip()


@lru_cache(maxsize=8192)
def _fix(word: str) -> str:
    """A misspelt month or time word read as meant ('septmber', 'befor'); else the word."""
    if len(word) < 5 or word in _GRAMMAR_WORDS or word in NOT_FUZZY or not word.isalpha():
        return word
    best = process.extractOne(word, FUZZY_WORDS, scorer=OSA.distance, score_cutoff=2)
    if best is None:
        return word
    target, distance = best[0], best[1]
    if target[0] != word[0] or distance > (2 if len(target) >= 8 else 1):
        return word
    return target


def _normalise(text: str, keep: frozenset[str]) -> _Text:
    plain = text.translate(_DASHES)
    norm: list[str] = []
    starts: list[int] = []
    pieces: list[tuple[int, int, int, int, bool]] = []
    at = 0
    for match in _TOKEN.finditer(plain):
        token = match.group()
        if token.isspace():
            out = " "
        elif token[0].isalpha():
            lower = token.lower()
            out = lower if lower in keep else _fix(lower)
        else:
            out = token
        starts.append(at)
        pieces.append((at, at + len(out), match.start(), match.end(), len(out) == len(token)))
        norm.append(out)
        at += len(out)
    return _Text(text, "".join(norm), tuple(starts), tuple(pieces))
