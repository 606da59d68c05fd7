"""The particulars of a question: its own words that name nothing the reading filters by
and that few labelled questions use ('maisie apgars', 'mums solicitors?', 'how many
placements did she have in care'). An answer whose records hold none of them has not
answered what was asked, whatever kind of record it lists."""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from bot.records import Records, member_names
from bot.search import tokens
from bot.understand.classify import question_words
from bot.understand.terms import Terms, per_case
from bot.understand.vocabulary import expand_abbreviations, people_words
from prompts import stopwords


def particulars(rest: str, records: Records | None, terms: Terms) -> tuple[str, ...]:
    """The word stems of `rest` (the clause less its time phrase, abbreviations spelt out), of words
    rarer than RARE_ZIPF and of at least MIN_LETTERS letters, that are no stopword, family
    word, name of a member or professional, word of a filter the reading found nor a word of
    asking (`question_words`)."""
    if records is None:
        return ()
    known = set(question_words()) | set(stopwords())
    known |= {t for w in (*people_words(), *people_words().values()) for t in tokens(w)}
    known |= per_case("names", records, _name_words)
    known |= set(tokens(" ".join([*terms.agency_or_role, *terms.role_terms, *terms.said])))
    known |= {t for e in terms.event_types for t in tokens(e.value.replace("_", " "))}
    spelt = expand_abbreviations(rest).lower()  # 'MH' is 'mental health', a team's words
    rare = [w for w in re.findall(r"[a-z][a-z'-]+", spelt) if zipf_frequency(w, "en") < RARE_ZIPF]
    found = tokens(" ".join(rare))
    return tuple(dict.fromkeys(t for t in found if t not in known and len(t) >= MIN_LETTERS))


MIN_LETTERS = 4  # 'pre' of 'pre-birth', 'lol' and initials no vocabulary holds are no particular
# A particular is a word rarer in English than this (Zipf scale, wordfreq: 'placements' 3.3,
# 'solicitor' 3.7, 'apgar' 2.0): 'the rest of them' (5.2), 'currently' (5.1) ask nothing
# particular, whatever the records hold.
RARE_ZIPF = 4.0


def _name_words(records: Records) -> frozenset[str]:
    """The words of the case's members' and professionals' names (a role or agency is no
    name: 'solicitor' is a particular when the reading does not filter by it)."""
    named = [n for m in records.members for n in member_names(m)]
    named += [p.name for p in records.professionals]
    return frozenset(tokens(" ".join(named)))
