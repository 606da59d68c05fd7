"""The grammar's words: the vocabulary of prompts/periods.yaml, the calendar's names, and the
small word lists the grammar reads clauses with."""

from __future__ import annotations

import calendar
import re
from typing import Any

import prompts

_Y: dict[str, Any] = prompts.load("periods.yaml")


def _words(value: str) -> tuple[str, ...]:
    """Words and "quoted phrases" of a folded YAML string."""
    return tuple(a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', value))


ABBREVIATIONS: dict[str, str] = {k.lower(): v.lower() for k, v in _Y["abbreviations"].items()}

EVENT_TYPE_PHRASES: list[tuple[str, str]] = sorted(
    ((p.lower(), t) for t, ps in _Y["event_types"].items() for p in ps),
    key=lambda pt: -len(pt[0]),
)

SYNONYMS: dict[str, tuple[str, ...]] = {k.lower(): tuple(v) for k, v in _Y["synonyms"].items()}

ANCHOR_STOPWORDS = frozenset(_words(_Y["anchor_stopwords"]))

PERSON_HEADS = frozenset(_words(_Y["person_heads"]))

MOVE_WORDS = frozenset(_words(_Y["move_words"]))

LEAVE_WORDS = frozenset(_words(_Y["leave_words"]))

LIVE_WORDS = frozenset(_words(_Y["live_words"]))

INVOLVEMENT_WORDS = frozenset(_words(_Y["involvement_words"]))

FUTURE_CUES = _words(_Y["future_cues"])

NUMBERS: dict[str, int] = {str(k): int(v) for k, v in _Y["numbers"].items()}

FUZZY_WORDS = _words(_Y["fuzzy_words"])

NOT_FUZZY = frozenset(_words(_Y["not_fuzzy"]))

NOT_YEAR_BEFORE = frozenset(_words(_Y["not_year_before"]))

NOT_YEAR_AFTER = frozenset(_words(_Y["not_year_after"]))

PREFIX_NOT_TIME = frozenset(_words(_Y["prefix_not_time"]))

PREFIX_THING_NOUNS = frozenset(_words(_Y["prefix_thing_nouns"]))

YOUNGEST_WORDS = _words(_Y["youngest_words"])

ELDEST_WORDS = _words(_Y["eldest_words"])

MALE_HEADS = frozenset(_words(_Y["male_heads"]))

FEMALE_HEADS = frozenset(_words(_Y["female_heads"]))

CURRENT_WORDS = _words(_Y["current_words"])

NOW_WORDS = _words(_Y["now_words"])

HOME_NOUNS = _words(_Y["home_nouns"])

REQUEST_VERBS = frozenset(_words(_Y["request_verbs"]))

ASKING_VERBS = frozenset(_words(_Y["asking_verbs"]))

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}

MONTH_ABBR = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}  # the month each begins

# Words the grammar itself uses: never "corrected" to another word.
_GRAMMAR_WORDS = frozenset(
    set(MONTHS) | set(MONTH_ABBR) | set(WEEKDAYS) | set(SEASONS) | set(NUMBERS)
    | {
        "day", "days", "week", "weeks", "fortnight", "fortnights", "month", "months",
        "year", "years", "quarter", "quarters", "half", "weekend", "weekends", "today",
        "tonight", "yesterday", "tomorrow", "ago", "since", "before", "after", "between",
        "during", "until", "till", "from", "last", "past", "previous", "next", "this",
        "recent", "recently", "lately", "early", "late", "mid", "start", "beginning",
        "end", "middle", "onwards", "present", "now", "date", "while", "whilst", "when",
        "following", "prior", "over", "within", "throughout", "period", "stay", "mother",
        "morning", "evening", "afternoon", "seen", "seeing", "summary",
    }
)  # fmt: skip

_AUX = frozenset(
    _words(
        "did does do was were is are has have had will would can could should shall might may must"
    )
)

_SUBJECTS = frozenset(_words("he she they it we i you there"))

_PRESENT = frozenset(
    _words(
        "is are am goes comes gets does do will can should would must shall may might leaves "
        "moves starts happens returns turns runs go come get need needs wants won't can't "
        "doesn't don't isn't aren't"
    )
)

_IRREGULAR_PAST = frozenset(
    _words(
        "was were went got came left had did began begun born took taken became arrived saw "
        "said told ran met gave made found brought sent rang rung moved kept lost fell ended "
        "started opened closed stepped"
    )
)

_KEEP_ING = frozenset(
    _words(
        "missing morning evening during nothing something anything everything thing spring "
        "string ring king building meeting ceiling sibling offspring wedding hearing funding "
        "housing training sentencing clothing bedding"
    )
)

# Pronouns that can be the subject of a gerund ("them moving", "him going missing"); not
# "me"/"us": "before us visiting" is the speaker's own plan.
_GERUND_SUBJECTS = frozenset(_words("him her them"))

# Where a move went, when it names a person: "moved in with Lee", "moved to Lee's".
_DESTINATION = frozenset(_words("to into with"))

_GENERIC_FIRST = frozenset(_words("a an any each every another some no"))

_ANAPHORA = frozenset(
    _words(
        "when what which who whom how where why whether then now that this those these it him "
        "them me us you i we one ones"
    )
)

_DETERMINERS = frozenset(_words("the his her their its our my your mum's dad's"))
