"""The words an ask asks with: its own words that English seldom uses, less stopwords and
the members' names ('mias weight and height': 'weight', 'height'; 'the kids going hungry':
'hungry'). The tools weigh them against the case's records: a topic no theme means is found
by those of them few records hold, and what no field holds is answered by one passage
holding all of them."""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from bot.passage_match import lemma, tokens
from bot.records import Records, member_words
from bot.request import AskedWord
from bot.understand.members import mask_members
from bot.understand.vocabulary import read_out_abbreviations
from prompts import stopwords

COMMON_ZIPF = 5.5  # English words this common ('going', 'ever', 'told') say nothing asked
ADVERB_BASE_ZIPF = 3.0  # 'actually' is 'actual' + 'ly' ('family' is no 'fami' + 'ly')
MIN_LETTERS = 3
_MASKED = re.compile(r"\bthe (?:child|parent)\b")  # what mask_members puts for a member


def asked_words(text: str, records: Records | None) -> tuple[AskedWord, ...]:
    """Each word stem of `text` (abbreviations read out, members' mentions taken out) of at
    least MIN_LETTERS letters, no stopword or member's name, none of whose forms in the text
    is as common in English as COMMON_ZIPF; with the form first typed."""
    unnamed = without_members(read_out_abbreviations(text), records)
    names = member_words(records) if records is not None else set()
    forms: dict[str, list[str]] = {}
    for typed in re.findall(r"[a-z][a-z0-9'-]+", unnamed.lower()):
        for stem in tokens(typed):
            forms.setdefault(stem, []).append(typed)
    return tuple(
        AskedWord(stem=stem, typed=typed[0], lemma=lemma(typed[0]))
        for stem, typed in forms.items()
        if len(stem) >= MIN_LETTERS
        and stem not in names
        and stem not in stopwords()
        and all(zipf_frequency(t, "en") < COMMON_ZIPF and not adverb(t) for t in typed)
    )


def adverb(word: str) -> bool:
    """A word of manner or degree ('actually', 'recently', 'happily'): an English word of four
    letters or more with 'ly' after it. It says how something is asked, not what."""
    if not word.endswith("ly") or len(word) < 6:
        return False
    bases = (word[:-2], word[:-3] + "y", word[:-2] + "e")  # actual-ly, happ-ily, gentl-y
    return any(len(b) >= 4 and zipf_frequency(b, "en") >= ADVERB_BASE_ZIPF for b in bases)


def without_members(text: str, records: Records | None) -> str:
    """A text with every mention of a member ('kai', "mum's fella") taken out."""
    return " ".join(_MASKED.sub(" ", mask_members(text, records)).split())
