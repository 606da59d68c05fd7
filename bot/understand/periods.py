"""Periods in questions, read by a small grammar and resolved against the case's own records.

`find_period(text, today, records)` finds the time phrase of a question and turns it into a
`Period` (inclusive dates, either open) with plain-words label and the exact words (`span`)
that gave it, so the caller can take them out of the question.

The grammar, in order of what it reads:

* dates: "2026-05-03", "03/05/2026" (UK day-first), "24/09" (two-digit day and month, the
  year as for "24 sept"; not "24/7", "3/10" or "the 9/12 review"), "3 May 2026", "15 oct",
  "the 14th", "March 2026", "march" (no year: the latest March that has begun; the next one
  when the question looks forward: "in the diary for december"), seasons (meteorological:
  spring = Mar-May, winter = Dec-Feb), "early/mid/late ...";
* years: "in 2025", and a year standing as a word with no preposition or after "for"/"of"
  ("no-access visits 2015", "Kerry's 2015 misses", "police 2016?", "for 2015"): a number
  1990-2099 that labels nothing ("room 2015", "ref 2019", "07700 900 2015", "£2015") and
  counts no unit ("2015 hours"); "at 2030" is a time of day;
* words before a date: since / after / before / until / from / between ... and / in / during,
  and "pre-"/"post-" ("pre-2012" ends 31 Dec 2011, "post 2015" starts 1 Jan 2016);
* ranges: "between jan and mar 2025", "from March to June last year", "jan-mar 2026";
* counted back from today: "the last 6 weeks", "the past 12 months", "the last half year",
  "in the last few months", "a fortnight ago", "3 days ago", "yesterday";
* calendar: "this/last/next week|month|year" (Monday-Sunday weeks), "so far this year";
* anchors in the case's own records: "since the ICPC", "before the move", "since the family
  moved to Calverdale", "since the baby was born", "while Early Help were involved",
  "in the hostel period", "between her birth and the transfer", "pre-ICPC", "post-move",
  "since the 2017 move" (the year says which move). An anchor is matched to chronology
  events, appointments, addresses, members' births, professionals' involvement and the
  case's opening, by idf-weighted word overlap over the case's own records (abbreviations
  expanded, typos read fuzzily). "since X" starts on X's date; "before X" ends the day before
  and starts when the case was opened. In particular:
  - "pre-X"/"post-X" is before/after X unless the compound is a term of its own
    ("pre-eclampsia", "post-natal") or names a kind of thing ("the pre-birth assessment",
    "a pre-proceedings letter"); "pre X" with a space only before an abbreviation;
  - children are named, or described by their place in the family: "the youngest", "the
    eldest girl", "the baby" / "the little one" (the youngest child born by today; the
    unborn baby when the words look forward: "when the baby is born", "pre-birth"). The
    case's own aliases come first. A child who "arrived" nowhere in particular was born
    ("when the youngest arrived"; not "arrived at school"); "when ..." is that one day;
  - "the pregnancy with Poppy", "when mum was pregnant with the youngest": the 280 days up
    to that child's birth; "this pregnancy": the unborn baby's;
  - "since they moved to their current address", "the house they are at now": the start of
    the address with no end date.
  - an anchor may be a clause with a gerund and its subject, read as the same clause with a
    verb: "them moving to Calverdale" as "they moved to Calverdale", "him going missing in
    October", "him being reported missing", "the family moving to X", "mum moving in with
    Lee" (a pronoun, a member of the case, or a noun after a determiner; not "me"/"us", the
    speaker's plans). A gerund alone stays a move, a birth or no anchor ("since moving";
    "before reporting a child missing");
  - a move whose destination is a person ("since mum moved in with Lee", "since they moved
    to Lee's") is the move event whose summary names that person where the household went
    ("moved into Lee Harrop's flat"), else one naming them at all; unresolved if none does.

A time phrase that names something no record holds ("since the adoption") comes back in
`unresolved` with no period, so the answer can say so. Words that only look like time
("who was the SW before her?", "last seen", "at the last core group", "recently") are no
period.

Several time phrases: the calendar's words beat the records' within one clause, and the
last phrase wins across clauses. A date, year, month or other phrase read from the calendar
alone names its dates outright, while an anchor's dates depend on matching the records, so
in one clause the calendar phrase wins, wherever it stands: "missed appointments for 2015
during the pregnancy with Poppy" and "when mum was pregnant with Poppy in 2015" are 2015,
and the span is "for 2015" / "in 2015", so the pregnancy words stay in the question. A date
inside an anchor that names a single event still only says which event
("since the core group on 15 june", "since the 2017 move"). Across clauses (split by ? ! ;
: . or " - " or a comma before a new question) the last phrase wins, because earlier ones
are usually context: "Mum says nothing has happened since March - is there anything after
March?".

Times that are not the question's are dropped: the speaker's own plans ("I'm visiting on
Monday", "I'm covering next week", "so I can decide whether to visit this week"), but not
when the speaker asks ("what have I got on next week?", "I want the visits this week", "I
need to know who saw Sam this week"); the time of an upcoming thing being prepared for
("before the visit tomorrow could you ...", "before tomorrow's visit", "ahead of the core
group next week"); and a future time told in a statement while the question is asked in
another clause ("Dr Kemble is going to examine Callum next week and asked me for his history;
could you give me ..."; but "For next week, list ..." keeps it).

Conventions match the evaluation's: "last year" is the previous calendar year; "the last N
units" is today minus N units to today; "after March" starts on 1 April.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

import prompts
from bot.types import Period
from ingest.models import MemberRole

if TYPE_CHECKING:
    from bot.records import Records


@dataclass(frozen=True)
class PeriodParse:
    """What `find_period` read: the period, or the time phrase it could not resolve."""

    period: Period | None
    unresolved: str | None  # a time phrase found but not resolvable ("since the adoption")


# ---------------------------------------------------------------------------------------
# Vocabulary (prompts/periods.yaml)

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

_NUM = "|".join(sorted((re.escape(w) for w in NUMBERS if " " not in w), key=len, reverse=True))
_MON = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)"
)
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_UNIT = r"(?:days?|weeks?|fortnights?|months?|years?|quarters?)"
_PREPS = (
    "ever since|since|after|following|before|prior to|up until|until|till|up to|from|"
    "between|in|during|on|over|throughout|within|for|of|at|around|as of|by"
)
_PREP_BEFORE = re.compile(rf"(?:^|\s)({_PREPS})\s(?:the\s)?$")
_CONNECTOR = re.compile(r"\s?(?:-|to|until|till|through|and)\s?")
_TO_NOW = re.compile(
    r"\s(?:(?:up\s)?(?:to|until|till)\s(?:now|today|date|the\spresent(?:\sday)?)|onwards|on)\b"
)
_DURATION_BEFORE = re.compile(rf"(?:^|\s)(?:\d+|{_NUM})\s(?:hours?|minutes?|{_UNIT})\s$")

# Calendar atoms: dates, months, years, seasons, "the 14th".
_ATOM = re.compile(
    rf"""
    (?P<iso>\b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})\b)
    |(?P<num>\b(?P<num_d>\d{{1,2}})[/.](?P<num_m>\d{{1,2}})[/.](?P<num_y>\d{{4}}|\d{{2}})\b)
    |(?P<dmn>\b(?P<dmn_d>\d\d)/(?P<dmn_m>\d\d)\b(?![/.]\d)
        (?!\s?(?:{_UNIT}|hours?|hrs?|mths?|wks?|yrs?|old|review|check)\b))
    |(?P<dm>\b(?:the\s)?(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?(?:\sof)?\s(?P<dm_m>{_MON})\b\.?
        (?:,?\s(?P<dm_y>(?:19|20)\d\d)\b)?)
    |(?P<md>\b(?P<md_m>{_MON})\.?\s(?P<md_d>\d{{1,2}})(?P<md_o>st|nd|rd|th)?\b
        (?!\s?(?:-|to)\s?\d)(?!\s?(?:hours?|{_UNIT}|am|pm|times?)\b)
        (?:,?\s(?P<md_y>(?:19|20)\d\d)\b)?)
    |(?P<ord>\bthe\s(?P<ord_d>\d{{1,2}})(?:st|nd|rd|th)\b)
    |(?:\b(?P<part>early|mid|late|the\s(?:start|beginning|middle|end)\sof)[\s-]?)?
     (?:(?P<the>the\s))?(?:(?P<mod>last|this|next)\s)?
     (?:
        (?P<my>\b(?P<my_m>{_MON})\b\.?,?\s(?:of\s)?(?P<my_y>(?:19|20)\d\d)\b)
        |(?P<sea>\b(?P<sea_n>spring|summer|autumn|winter)\b
            (?:\s(?:of\s)?(?P<sea_y>(?:19|20)\d\d)(?:\s?[/-]\s?(?P<sea_y2>\d{{2}}|\d{{4}}))?\b)?)
        |(?P<mon>\b(?P<mon_m>{_MON})\b\.?)
        |(?P<year>\b(?P<year_y>(?:19|20)\d\d)\b(?![-/.]\d))
     )
     (?P<ymod>\s(?:of\s)?(?:last|this|next)\syear\b)?
    """,
    re.X,
)

# Relative atoms: counted back from today, calendar weeks/months/years, days, weekdays.
_ROLLING = re.compile(
    rf"\b(?P<the>the\s)?(?P<dir>last|past|previous|preceding)\s"
    rf"(?:(?P<n>\d+|{_NUM}|a\sfew|few|a\scouple\sof|couple\sof|several)\s)?"
    rf"(?P<unit>{_UNIT}|half(?:\s|-)year|half\sa\syear)\b"
)
_AGO = re.compile(
    rf"\b(?P<n>\d+|{_NUM}|a\sfew|few|a\scouple\sof|couple\sof|several)\s(?P<unit>{_UNIT})\sago\b"
)
_CALENDAR = re.compile(
    r"\b(?:(?P<sofar>so\sfar\s)?(?P<mod>this|last|next|previous)\s(?P<unit>week|month|year|weekend)"
    r"(?P<sofar2>\sso\sfar|\sto\sdate)?|(?P<ytd>(?:the\s)?(?:year|month)\sto\sdate)"
    r"|(?P<tly>this\stime\slast\syear))\b"
)
_EDGE = re.compile(
    r"\b(?:the\s)?(?P<part>start|beginning|end|middle)\sof\s(?:(?P<mod>the|this|last|next)\s)?"
    r"(?P<unit>week|month|year|term)\b"
)
# School terms, by whole months (autumn Sep-Dec, spring Jan-Mar, summer Apr-Jul), and the
# school year (Sep-Aug).
_TERM = re.compile(
    r"\b(?:(?P<mod>this|last|next|previous|the)\s)?(?:(?P<name>autumn|spring|summer)\s)?"
    r"(?P<unit>term|school\syear|academic\syear)\b"
)
_TERMS = {"autumn": (9, 4), "spring": (1, 3), "summer": (4, 4)}  # first month, months long
_DAYWORD = re.compile(
    r"\b(?P<w>the\sday\sbefore\syesterday|yesterday|today|tonight|tomorrow"
    r"|this\s(?:morning|afternoon|evening))\b"
)
_WEEKDAY = re.compile(rf"\b(?:(?P<mod>last|this|next)\s)?(?P<wd>{_WD})\b")
_HOLIDAY = re.compile(
    r"\b(?:(?P<mod>last|this|next)\s)?(?P<h>christmas(?:\s(?:day|eve))?|xmas|boxing\sday"
    r"|new\syear(?:'s)?(?:\s(?:day|eve))?)(?:\s(?P<y>(?:19|20)\d\d))?\b"
)
# (first month, first day, days long, the day itself) of each holiday
_HOLIDAYS = {
    "christmas": (12, 24, 3, 1), "xmas": (12, 24, 3, 1), "christmas day": (12, 25, 1, 0),
    "christmas eve": (12, 24, 1, 0), "boxing day": (12, 26, 1, 0),
    "new year": (12, 31, 2, 1), "new year's": (12, 31, 2, 1), "new year's day": (1, 1, 1, 0),
    "new year day": (1, 1, 1, 0), "new year's eve": (12, 31, 1, 0), "new year eve": (12, 31, 1, 0),
}  # fmt: skip

# Anchors: a keyword, then words naming something in the records.
_ANCHOR_KW = re.compile(
    r"\b(?P<kw>ever\ssince|since|after|following|before|prior\sto|up\suntil|until|till|up\sto"
    r"|from\swhen|from\sthe\stime(?:\sthat|\swhen)?|when|while|whilst|during|between"
    r"|at\sthe\stime\sof|on\sthe\s(?:day|night|morning|afternoon|evening)\sof)\s"
)
_PERIOD_NOUN = re.compile(
    r"\b(?P<prep>in|during|over|throughout|for)\s(?P<det>the|their|his|her)\s"
    r"(?:(?P<pre>time|stay|period|days)\s(?:at|in)\s(?P<x1>[a-z0-9' ]+?)"
    r"|(?P<x2>[a-z']+(?:\s[a-z']+){0,2}?)\s(?P<noun>period|stay|placement|tenancy))"
    r"(?=\s|$|[?.!,;:])"
)
_WINDOW = re.compile(
    rf"\b(?:(?:in|within|during|over|for)\s)?the\s(?:(?P<n>\d+|{_NUM}|few|couple\sof)\s)?"
    rf"(?:(?:first|last)\s)?(?P<unit>{_UNIT})\s(?P<dir>after|following|before|prior\sto"
    r"|leading\sup\sto|since)\s"
)
_PREGNANCY = re.compile(
    r"\b(?:(?:during|in|through|throughout|over)\s)?(?P<det>this|the|her|current|[a-z]+'s)"
    r"\s(?:current\s)?pregnancy\b"
)
_PREGNANT_WITH = re.compile(r"\s(?:with|of)\s")
# "pre-2012", "post 2015": before / after a date; "pre-ICPC", "post-move": an anchor.
_PREFIX_DATE = re.compile(r"(?:^|[\s(])(?P<p>pre|post)(?:-|\s)$")
_PREFIX_ANCHOR = re.compile(
    r"(?<![\w'-])(?P<p>pre|post)(?:-(?P<x>[a-z][a-z0-9&]*)|\s(?P<y>[a-z][a-z0-9&]*))\b(?!-)"
)
_FAMILY_HEADS = (
    "child", "one", "kid", "sibling", *sorted(MALE_HEADS), *sorted(FEMALE_HEADS),
)  # fmt: skip
_RANKS = "|".join(
    re.escape(w) for w in sorted((*YOUNGEST_WORDS, *ELDEST_WORDS), key=len, reverse=True)
)
_PLACE_IN_FAMILY = re.compile(
    rf"\b(?:the|our|their|her|his|its|[a-z]+'s)\s(?P<w>{_RANKS})"
    rf"(?:\s(?P<head>{'|'.join(_FAMILY_HEADS)})s?)?\b"
)
_HOME = "|".join(re.escape(w) for w in HOME_NOUNS)
_NOW = "|".join(re.escape(w) for w in NOW_WORDS)
_CURRENT_HOME = re.compile(
    rf"\b(?:{'|'.join(CURRENT_WORDS)})\s(?:[a-z']+\s)?(?:{_HOME})\b"
    rf"|\b(?:{_HOME})\b.*\b(?:{_NOW})\b"
    rf"|\b(?:live|living|lives|are|is|stay|staying|reside|residing)\s(?:[a-z']+\s){{0,2}}(?:{_NOW})\b"
)
# Where a question's clause ends: time phrases in one clause are read together.
_CLAUSE_BREAK = re.compile(
    r"[?!;:]|[.](?!\d)|\s-\s|,\s(?:but|and|or|so|then|what|who|how|which|where|why|when|is|are"
    r"|was|were|did|does|do|has|have|had|can|could|will|would|any|anything)\b|\s(?:but|or)\s"
)
# An upcoming thing the speaker is preparing for: "before the visit tomorrow".
_UPCOMING = re.compile(
    r"\b(?:before|ahead\sof|prior\sto|in\spreparation\sfor|ready\sfor|going\sinto"
    r"|in\sadvance\sof)\s(?:(?:the|my|our|a|an|this|that|his|her|their)\s)?(?:[a-z'-]+\s){0,3}$"
)
_WH_CLAUSE = re.compile(
    r"\b(?:what|what's|who|who's|whom|which|when|where|why|how|if|whether)\s(?!to\b)"
)
_HARD_STOP = re.compile(
    r"[?!;:()\"]|[.,](?!\d)|\s-\s|\s(?:and|but|or|so)\s(?=(?:what|who|how|which|where|why|when"
    r"|is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|any|anything|has"
    r"|i|we|you|they|he|she|it|then)\b)|\s(?:but|or|because|whether|which|who|whom|whose"
    r"|what|where|why|how|if|since|before|after|until|between|while|whilst|during|when"
    r"|then|than|up\sto\snow|until\snow|till\snow|to\sdate|to\snow|so\sthat|as\swell)\b"
)
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
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i'll|i've|i'd|we|we're|we'll|we've|we'd)\b")
_GENERIC_FIRST = frozenset(_words("a an any each every another some no"))
_ANAPHORA = frozenset(
    _words(
        "when what which who whom how where why whether then now that this those these it him "
        "them me us you i we one ones"
    )
)
_DETERMINERS = frozenset(_words("the his her their its our my your mum's dad's"))
_FUTURE_RE = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in FUTURE_CUES) + r")\b")
_TRIGGER = re.compile(
    rf"\d|\b(?:{_MON}|{_WD}|since|before|after|between|during|until|till|while|whilst|when"
    r"|following|prior|last|past|previous|this|next|ago|today|tonight|yesterday|tomorrow"
    r"|spring|summer|autumn|winter|so far|to date|pregnan\w*|period|stay|placement|tenancy"
    r"|from|christmas|xmas|boxing day|new year|days?|weeks?|weekend|fortnight|months?|years?"
    r"|term|start|beginning|end|middle|pre|post|at the time of|night|morning|afternoon|evening"
    r"|day)\b"
)
_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-", "’": "'", "‘": "'"})
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\s+|.", re.S)
_WORD_RE = re.compile(r"[a-z0-9&]+(?:'[a-z]+)?")


# ---------------------------------------------------------------------------------------
# Dates


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _fmt(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _describe(start: dt.date | None, end: dt.date | None) -> str:
    if start and end:
        if start == end:
            return f"on {_fmt(start)}"
        if start.day == 1 and end == _month_end(start.year, start.month):
            return f"in {calendar.month_name[start.month]} {start.year}"
        if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
            if start.year == end.year:
                return f"in {start.year}"
            return f"from {start.year} to {end.year}"
        if start.day == 1 and end == _month_end(end.year, end.month):
            first = f"{calendar.month_name[start.month]} {start.year}"
            return f"from {first} to {calendar.month_name[end.month]} {end.year}"
        return f"from {_fmt(start)} to {_fmt(end)}"
    if start:
        return f"from {_fmt(start)}"
    if end:
        return f"up to {_fmt(end)}"
    return "any time"


def _month_number(word: str) -> int:
    word = word.rstrip(".")
    return MONTHS.get(word) or MONTH_ABBR[word]


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = word.strip()
    if word.isdigit():
        return int(word)
    word = word.removeprefix("a ").strip()
    return NUMBERS.get(word, NUMBERS.get(word.removesuffix(" of"), 1))


def _back(today: dt.date, n: int, unit: str) -> dt.date:
    """today minus n units."""
    unit = unit.rstrip("s")
    if unit == "day":
        return today - dt.timedelta(days=n)
    if unit == "week":
        return today - dt.timedelta(weeks=n)
    if unit == "fortnight":
        return today - dt.timedelta(weeks=2 * n)
    if unit == "quarter":
        return _shift_months(today, -3 * n)
    if unit == "year":
        return _shift_months(today, -12 * n)
    return _shift_months(today, -n)


@lru_cache(maxsize=512)
def _parse_day(text: str, today: dt.date, future: bool) -> tuple[int, int, int | None] | None:
    """A written day ('3rd of may 2026', 'may 3', '15 oct') read by dateparser: (month, day,
    year or None when the words give none); None when it is no real day ('31 feb')."""
    from dateparser.date import DateDataParser  # imported on first use: it is slow to load

    parser = DateDataParser(
        languages=["en"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "future" if future else "past",
            "RELATIVE_BASE": dt.datetime.combine(today, dt.time(12)),
            "REQUIRE_PARTS": ["day", "month"],
        },
    )
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError):
        return None
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    return day.month, day.day, day.year if "year" in (data.parts or ()) else None


# ---------------------------------------------------------------------------------------
# Text: lower case, dashes and quotes made plain, misspelt time words read as meant, with a
# map back to the question's own characters (a period's span is the user's words).


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


# ---------------------------------------------------------------------------------------
# The case's records, indexed once per Records for anchor matching.


def _stem(word: str) -> str:
    word = word.strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    if word in _KEEP_ING or len(word) <= 3:
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
        if word in _KEEP_ING:
            return word
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def _phrase_text(text: str) -> str:
    """Lower-case words with abbreviations followed by their expansion ('cin child in need
    plan'), for phrase matches."""
    words = []
    for word in _WORD_RE.findall(text.lower()):
        words.append(word)
        if word in ABBREVIATIONS:
            words.append(ABBREVIATIONS[word])
    return " ".join(words)


def _text_stems(*texts: str | None) -> set[str]:
    stems: set[str] = set()
    for text in texts:
        if not text:
            continue
        for word in _WORD_RE.findall(text.lower().replace("_", " ")):
            for part in ABBREVIATIONS.get(word, "").split() + [word]:
                if part not in ANCHOR_STOPWORDS:
                    stems.add(_stem(part))
    return stems


@dataclass
class _Doc:
    kind: str  # event | appointment | professional | address
    date: dt.date
    end: dt.date | None
    stems: frozenset[str]
    weak: frozenset[str]  # stems from notes: a match counts less
    event_type: str | None
    members: frozenset[str]
    lead: bool = False
    text: str = ""  # lower-case words, for phrase matches ("review child protection conference")


@dataclass
class _Index:
    opened: dt.date | None
    docs: list[_Doc]
    events: list[int]
    appointments: list[int]
    professionals: list[int]
    addresses: list[int]  # in order of start
    address_las: list[str | None]
    inverted: dict[str, set[int]]
    vocab: list[str]
    vocab_set: frozenset[str]
    member_phrases: list[tuple[str, str]]  # (lower phrase, member id), longest first
    members: dict[str, Any]
    person_words: frozenset[str]  # professionals' and members' names
    keep: frozenset[str]  # the case's own words: never read as a misspelt time word
    _matches: dict[str, frozenset[int]] = field(default_factory=dict)

    def docs_matching(self, stem: str) -> frozenset[int]:
        """Docs holding the stem, a longer form of it, or a shorter form (>= 5 letters)."""
        found = self._matches.get(stem)
        if found is not None:
            return found
        hits: set[int] = set(self.inverted.get(stem, ()))
        if len(stem) >= 5:
            lo = bisect.bisect_left(self.vocab, stem)
            while lo < len(self.vocab) and self.vocab[lo].startswith(stem):
                hits |= self.inverted[self.vocab[lo]]
                lo += 1
        for k in range(5, len(stem)):
            if stem[:k] in self.vocab_set:
                hits |= self.inverted[stem[:k]]
        if not hits and len(stem) >= 4 and not stem.isdigit():  # 'confrence', 'grop'
            near = process.extractOne(stem, self.vocab, scorer=fuzz.ratio, score_cutoff=85)
            close = near is not None and abs(len(near[0]) - len(stem)) <= (
                2 if len(stem) > 5 else 1
            )
            if near is not None and close and near[0][0] == stem[0]:
                hits = set(self.inverted[near[0]])
        result = frozenset(hits)
        self._matches[stem] = result
        return result


_INDEXES: dict[int, tuple[Records, _Index]] = {}


def _index(records: Records) -> _Index:
    cached = _INDEXES.get(id(records))
    if cached is not None and cached[0] is records:
        return cached[1]
    index = _build_index(records)
    if len(_INDEXES) >= 32:
        _INDEXES.pop(next(iter(_INDEXES)))
    _INDEXES[id(records)] = (records, index)
    return index


def _build_index(records: Records) -> _Index:
    docs: list[_Doc] = []
    events: list[int] = []
    appointments: list[int] = []
    professionals: list[int] = []
    addresses: list[int] = []
    for e in records.chronology:
        stems = _text_stems(
            e.event_type.value, e.summary, e.agency, e.source,
            e.source_type.value if e.source_type else None,
        )  # fmt: skip
        events.append(len(docs))
        text = _phrase_text(f"{e.event_type.value.replace('_', ' ')} {e.summary}")
        docs.append(
            _Doc("event", e.date, None, frozenset(stems), frozenset(), e.event_type.value,
                 frozenset(e.members), text=text)
        )  # fmt: skip
    for a in records.appointments:
        appointments.append(len(docs))
        docs.append(
            _Doc("appointment", a.date, None, frozenset(_text_stems(a.type, a.agency)),
                 frozenset(_text_stems(a.notes)), None, frozenset({a.member}))
        )  # fmt: skip
    for p in records.professionals:
        stems = _text_stems(p.name, p.role, p.agency, "lead professional" if p.lead else None)
        professionals.append(len(docs))
        docs.append(
            _Doc("professional", p.start, p.end, frozenset(stems), frozenset(), None,
                 frozenset(p.members), p.lead)
        )  # fmt: skip
    for a in records.addresses:
        addresses.append(len(docs))
        docs.append(
            _Doc("address", a.start, a.end, frozenset(_text_stems(a.area, a.local_authority)),
                 frozenset(_text_stems(a.notes)), None, frozenset(a.members))
        )  # fmt: skip
    inverted: dict[str, set[int]] = {}
    for i, doc in enumerate(docs):
        for stem in doc.stems | doc.weak:
            inverted.setdefault(stem, set()).add(i)
    phrases: list[tuple[str, str]] = []
    person: set[str] = set()
    for m in records.members:
        names = {m.name.lower(), m.name.split()[0].lower(), *(a.lower() for a in m.aliases)}
        phrases += [(n, m.id) for n in names if n]
        person |= {w for n in names for w in _WORD_RE.findall(n)}
    for p in records.professionals:
        person |= set(_WORD_RE.findall(p.name.lower())) - {"dr", "pc", "the"}
    keep: set[str] = set(person)
    places: set[str] = set()
    for a in records.addresses:
        places |= set(_WORD_RE.findall(f"{a.area} {a.local_authority or ''}".lower()))
    for p in records.professionals:
        keep |= set(_WORD_RE.findall(p.agency.lower()))
    keep |= places
    case = records.case
    return _Index(
        opened=case.opened if case else None,
        docs=docs,
        events=events,
        appointments=appointments,
        professionals=professionals,
        addresses=sorted(addresses, key=lambda i: docs[i].date),
        address_las=[
            a.local_authority.lower() if a.local_authority else None for a in records.addresses
        ],
        inverted=inverted,
        vocab=sorted(inverted),
        vocab_set=frozenset(inverted),
        member_phrases=sorted(phrases, key=lambda p: -len(p[0])),
        members={m.id: m for m in records.members},
        person_words=frozenset(person - {"the", "baby", "mum", "mother", "uncle"}),
        keep=frozenset(keep),
    )


# ---------------------------------------------------------------------------------------
# Candidates


@dataclass
class _Found:
    a: int  # norm offsets of the phrase
    b: int
    start: dt.date | None = None
    end: dt.date | None = None
    label: str = ""
    unresolved: bool = False
    fallback: _Found | None = None  # an unresolved anchor's own date ("... in august")
    context: bool = False  # maybe the speaker's own plans: not the question's period
    plan: bool = False  # surely the time of something upcoming ("before tomorrow's visit")
    anchor: bool = False  # read from the case's records, not from the calendar alone
    inner: tuple[int, int] | None = None  # a date inside an anchor that won: its words
    rank: int = 0  # longer/anchored readings win an overlap
    atom: bool = False  # read from a date alone, not from the records
    hits: list[dt.date] | None = None  # every date an anchor matched (for "between")


@dataclass
class _Atom:
    a: int
    b: int
    lo: dt.date
    hi: dt.date
    kind: str
    explicit_year: bool = True
    reyear: Callable[[int], tuple[dt.date, dt.date]] | None = None
    month: int | None = None
    point: dt.date | None = None
    needs_prep: bool = False
    future_deictic: bool = False
    word_year: bool = False  # a year standing as a word: a period without a preposition


@dataclass
class _Ctx:
    text: _Text
    today: dt.date
    index: _Index | None
    future: bool

    @property
    def opened(self) -> dt.date | None:
        return self.index.opened if self.index else None


def _pick_year(
    reyear: Callable[[int], tuple[dt.date, dt.date]], today: dt.date, how: str
) -> tuple[dt.date, dt.date] | None:
    """The year of an undated month/day/season: 'past' = the latest begun, 'future' = the
    next not yet over, 'last' = the latest over, 'this' = this year's, 'next' = the next to
    begin."""
    years = range(today.year + 1, today.year - 3, -1)
    options: list[tuple[dt.date, dt.date]] = []
    for y in years:
        try:
            options.append(reyear(y))
        except ValueError:
            continue
    if how == "past":
        return next(((lo, hi) for lo, hi in options if lo <= today), None)
    if how == "last":
        return next(((lo, hi) for lo, hi in options if hi < today), None)
    if how == "future":
        return next(((lo, hi) for lo, hi in reversed(options) if hi >= today), None)
    if how == "next":
        return next(((lo, hi) for lo, hi in reversed(options) if lo > today), None)
    return next(((lo, hi) for lo, hi in options if lo.year == today.year), None)


def _season_bounds(name: str) -> Callable[[int], tuple[dt.date, dt.date]]:
    first = SEASONS[name]

    def bounds(year: int) -> tuple[dt.date, dt.date]:
        start = dt.date(year, first, 1)
        last = _shift_months(start, 2)
        return start, _month_end(last.year, last.month)

    return bounds


def _calendar_atoms(ctx: _Ctx) -> list[_Atom]:
    return _calendar_atoms_between(ctx, 0, len(ctx.text.norm), keep_ordinals=True)


def _calendar_atom(m: re.Match[str], g: dict[str, str | None], ctx: _Ctx) -> _Atom | None:
    today = ctx.today
    a, b = m.start(), m.end()
    how = "future" if ctx.future else "past"
    if g["iso"]:
        day = dt.date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))  # type: ignore[arg-type]
        return _Atom(a, b, day, day, "day")
    if g["num"]:
        year = int(g["num_y"])  # type: ignore[arg-type]
        year += 2000 if year < 100 else 0
        day = dt.date(year, int(g["num_m"]), int(g["num_d"]))  # type: ignore[arg-type]
        return _Atom(a, b, day, day, "day")
    if g["dmn"]:  # "core group 24/09": UK day-first, the year as for "24 sept"
        number, month = int(g["dmn_d"]), int(g["dmn_m"])  # type: ignore[arg-type]
        if not (1 <= number <= 31 and 1 <= month <= 12):
            return None

        def day_of(y: int, month: int = month, number: int = number) -> tuple[dt.date, dt.date]:
            d = dt.date(y, month, number)
            return d, d

        picked = _pick_year(day_of, today, how)
        if picked is None:
            return _Atom(a, b, dt.date.min, dt.date.min, "invalid")  # "31/02"
        return _Atom(a, b, picked[0], picked[1], "day", False, day_of, month)
    if g["dm"] or g["md"]:
        key = "dm" if g["dm"] else "md"
        if key == "md" and not (g["md_o"] or g["md_y"]) and g["md_m"] == "may":
            return None  # "may 3 ..." is too often not a date
        # the grammar found the words; dateparser reads them ("the 3rd of may 2026")
        parsed = _parse_day(m.group(key).removeprefix("the "), today, ctx.future)
        if parsed is None:
            return _Atom(a, b, dt.date.min, dt.date.min, "invalid")  # "31 feb"
        month, number, year = parsed
        if year:
            day = dt.date(year, month, number)
            return _Atom(a, b, day, day, "day")

        def day_in(y: int, month: int = month, number: int = number) -> tuple[dt.date, dt.date]:
            d = dt.date(y, month, number)
            return d, d

        picked = _pick_year(day_in, today, how)
        if picked is None:
            return None
        return _Atom(a, b, picked[0], picked[1], "day", False, day_in, month)
    if g["ord"]:
        number = int(g["ord_d"])  # type: ignore[arg-type]
        if not 1 <= number <= 31:
            return None
        found = _ordinal_day(number, today, ctx.future)
        if found is None:
            return None
        return _Atom(a, b, found, found, "ord", needs_prep=True)
    mod = g["mod"]
    part = g["part"]
    if mod and (g["my"] or g["year"]):
        return None  # "this 2025"
    if g["my"]:
        month = _month_number(g["my_m"])  # type: ignore[arg-type]
        year = int(g["my_y"])  # type: ignore[arg-type]
        lo, hi = dt.date(year, month, 1), _month_end(year, month)
        atom = _Atom(a, b, lo, hi, "month", month=month)
    elif g["year"]:
        year = int(g["year_y"])  # type: ignore[arg-type]
        atom = _Atom(
            a,
            b,
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
            "year",
            needs_prep=True,
            word_year=_year_as_word(ctx.text.norm, m.start("year_y"), m.end("year_y")),
        )
    elif g["sea"]:
        name = g["sea_n"]
        bounds = _season_bounds(name)  # type: ignore[arg-type]
        if g["sea_y"]:
            year = int(g["sea_y"])  # type: ignore[arg-type]
            lo, hi = bounds(year)
            atom = _Atom(a, b, lo, hi, "season", month=SEASONS[name])  # type: ignore[index]
        else:
            picked = _season_year(bounds, today, mod, g["ymod"], ctx.future)
            if picked is None:
                return None
            atom = _Atom(
                a, b, picked[0], picked[1], "season", bool(mod or g["ymod"]), bounds,
                SEASONS[name], needs_prep=not (mod or g["the"] or g["ymod"]),  # type: ignore[index]
            )  # fmt: skip
    elif g["mon"]:
        word = g["mon_m"]
        month = _month_number(word)  # type: ignore[arg-type]

        def month_in(y: int, month: int = month) -> tuple[dt.date, dt.date]:
            return dt.date(y, month, 1), _month_end(y, month)

        picked = _season_year(month_in, today, mod, g["ymod"], ctx.future)
        if picked is None:
            return None
        explicit = bool(mod or g["ymod"])
        atom = _Atom(
            a, b, picked[0], picked[1], "month", explicit, month_in, month,
            needs_prep=word in ("may", "mar") and not (mod or g["ymod"] or part),
        )  # fmt: skip
        if ctx.index and not (mod or g["ymod"] or part):
            original = ctx.text.original(m.start("mon"), m.end("mon"))
            if original[:1].isupper() and word in ctx.index.person_words:
                atom.needs_prep = True  # "April" the person, unless "in April"
    else:
        return None
    if part:
        atom.lo, atom.hi = _part_of(atom.lo, atom.hi, part)
        atom.needs_prep = False
    return atom


def _year_as_word(norm: str, a: int, b: int) -> bool:
    """Whether a four-digit number stands as a year ('visits 2015', "Kerry's 2015 misses"),
    not as a label or a count ('room 2015', '2015 hours', '07700 2015', '£2015')."""
    if not 1990 <= int(norm[a:b]) <= 2099:
        return False
    before = norm[max(0, a - 24) : a]
    if re.search(r"(?:\d[\s,./:-]?|[£$€#]\s?|[a-z]-)$", before) and not _PREFIX_DATE.search(before):
        return False
    word = re.search(r"([a-z]+)\.?\s$", before)
    if word and word.group(1) in NOT_YEAR_BEFORE:
        return False
    after = re.match(r"\s?(%|[a-z]+)", norm[b : b + 16])
    return not (after and (after.group(1) == "%" or after.group(1) in NOT_YEAR_AFTER))


def _season_year(
    bounds: Callable[[int], tuple[dt.date, dt.date]],
    today: dt.date,
    mod: str | None,
    ymod: str | None,
    future: bool,
) -> tuple[dt.date, dt.date] | None:
    if ymod:
        shift = {"last": -1, "this": 0, "next": 1}[ymod.split()[-2]]
        y = today.year + shift
        lo, hi = bounds(y)
        if lo.month == 12 and today.month <= 2 and shift == 0:
            lo, hi = bounds(y - 1)
        return lo, hi
    if mod == "last":
        return _pick_year(bounds, today, "last")
    if mod == "next":
        return _pick_year(bounds, today, "next")
    if mod == "this":
        lo, hi = bounds(today.year)
        if lo.month == 12 and today.month <= 2:  # this winter, in January
            return bounds(today.year - 1)
        return lo, hi
    return _pick_year(bounds, today, "future" if future else "past")


def _ordinal_day(number: int, today: dt.date, future: bool) -> dt.date | None:
    """'the 14th': the latest 14th not after today (the next one when looking forward)."""
    step = 1 if future else -1
    month = today.replace(day=1)
    for _ in range(14):
        if number <= calendar.monthrange(month.year, month.month)[1]:
            day = month.replace(day=number)
            if (day >= today) if future else (day <= today):
                return day
        month = _shift_months(month, step)
    return None


def _part_of(lo: dt.date, hi: dt.date, part: str) -> tuple[dt.date, dt.date]:
    """Early / mid / late thirds: of a year or season by whole months (early 2026 = January
    to April), of a month or week by days (early March = 1-10 March)."""
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    first = part == "early" or part.endswith(("start of", "beginning of"))
    last = part == "late" or part.endswith("end of")
    if lo.day == 1 and hi == _month_end(hi.year, hi.month) and months >= 3:
        third = months // 3
        if first:
            end = _shift_months(lo, third - 1)
            return lo, _month_end(end.year, end.month)
        if last:
            return _shift_months(lo, months - third), hi
        mid_lo = _shift_months(lo, third)
        mid_hi = _shift_months(lo, months - third - 1)
        return mid_lo, _month_end(mid_hi.year, mid_hi.month)
    total = (hi - lo).days + 1
    third = max(total // 3, 1)
    if first:
        return lo, lo + dt.timedelta(days=third - 1)
    if last:
        return lo + dt.timedelta(days=2 * third), hi
    return lo + dt.timedelta(days=third), lo + dt.timedelta(days=2 * third - 1)


_SCHOOL_SUMMER = re.compile(
    r"\b(?:(?P<mod>last|this)\s)?(?:the\s)?(?:school\s)?summer\s(?:holidays?|hols|break)"
    r"(?:\s(?P<y>(?:19|20)\d\d))?\b"
)
# England's schools break up in the third or fourth week of July and go back in the first
# week of September: used when the case's education records do not date it.
SUMMER_TERM_ENDS = (7, 22)
AUTUMN_TERM_STARTS = (9, 3)


def _school_summer(index: _Index | None, year: int) -> tuple[dt.date, dt.date]:
    """The school summer holidays of a year: from the day after the last education record of
    July (the end of the summer term) to the day before the first of late August or
    September (the new term), else England's usual dates."""
    ends, starts = dt.date(year, *SUMMER_TERM_ENDS), dt.date(year, *AUTUMN_TERM_STARTS)
    if index is not None:
        education = [
            index.docs[i].date
            for i in index.events
            if index.docs[i].event_type == "education" and index.docs[i].date
        ]
        july = [d for d in education if d.year == year and d.month == 7]
        autumn = [d for d in education if dt.date(year, 8, 25) <= d <= dt.date(year, 9, 15)]
        ends = max(july, default=ends)
        starts = min((d for d in autumn if d > ends), default=starts)
    return ends + dt.timedelta(days=1), starts - dt.timedelta(days=1)


def _school_holiday_atoms(ctx: _Ctx) -> list[_Atom]:
    """'the summer holidays', 'over the summer hols', 'last summer holidays'."""
    atoms: list[_Atom] = []
    for m in _SCHOOL_SUMMER.finditer(ctx.text.norm):
        if m.group("y"):
            year = int(m.group("y"))
        else:
            this_year = _school_summer(ctx.index, ctx.today.year)
            begun = this_year[0] <= ctx.today
            year = ctx.today.year if begun and m.group("mod") != "last" else ctx.today.year - 1
            if m.group("mod") == "last" and this_year[1] < ctx.today:
                year = ctx.today.year
        lo, hi = _school_summer(ctx.index, year)
        atoms.append(_Atom(m.start(), m.end(), lo, min(hi, ctx.today), "holiday", point=lo))
    return atoms


def _relative_atoms(ctx: _Ctx) -> list[_Atom]:
    today, norm = ctx.today, ctx.text.norm
    atoms: list[_Atom] = []
    for m in _ROLLING.finditer(norm):
        unit = m.group("unit")
        half = unit.startswith("half")
        n = m.group("n")
        if not (m.group("the") or n or half or m.group("dir") in ("past", "preceding")):
            continue  # "last week": the calendar week
        if not n and not half and unit.endswith("s") and not m.group("the"):
            continue
        if unit.startswith("day") and not n and not m.group("the"):
            continue
        count, unit = (6, "months") if half else (_count(n), unit)
        atoms.append(_Atom(m.start(), m.end(), _back(today, count, unit), today, "rolling"))
    for m in _AGO.finditer(norm):
        n, unit = _count(m.group("n")), m.group("unit").rstrip("s")
        point = _back(today, n, unit)
        if unit == "day":
            lo = hi = point
        elif unit in ("week", "fortnight"):
            lo = _monday(point)
            hi = lo + dt.timedelta(days=6)
        elif unit == "month":
            lo, hi = point.replace(day=1), _month_end(point.year, point.month)
        else:
            lo, hi = dt.date(point.year, 1, 1), dt.date(point.year, 12, 31)
        atoms.append(_Atom(m.start(), m.end(), lo, min(hi, today), "ago", point=point))
    for m in _CALENDAR.finditer(norm):
        if m.group("tly"):
            point = _shift_months(today, -12)
            atoms.append(_Atom(m.start(), m.end(), point, point, "ago", point=point))
            continue
        if m.group("ytd"):
            unit = "year" if "year" in m.group("ytd") else "month"
            lo = today.replace(month=1, day=1) if unit == "year" else today.replace(day=1)
            atoms.append(_Atom(m.start(), m.end(), lo, today, "calendar"))
            continue
        mod, unit = m.group("mod"), m.group("unit")
        lo, hi = _calendar_unit(today, mod, unit)
        if mod == "this" and (m.group("sofar") or m.group("sofar2")):
            hi = today
        ahead = mod == "next" or (mod == "this" and unit != "year" and hi > today)
        atoms.append(_Atom(m.start(), m.end(), lo, hi, "calendar", future_deictic=ahead))
    for m in _EDGE.finditer(norm):
        mod = {"the": "this", None: "this"}.get(m.group("mod"), m.group("mod"))
        if m.group("unit") == "term":
            found = _term(today, mod, None, "term")
            if found is None:
                continue
            lo, hi = found
        else:
            lo, hi = _calendar_unit(today, mod, m.group("unit"))  # type: ignore[arg-type]
        if m.group("part") in ("start", "beginning") and m.group("unit") != "week":
            hi = min(hi, lo + dt.timedelta(days=13))  # "since the start of term"
        else:
            lo, hi = _part_of(lo, hi, "the " + m.group("part") + " of")
        atoms.append(_Atom(m.start(), m.end(), lo, hi, "calendar"))
    for m in _TERM.finditer(norm):
        if not (m.group("mod") or m.group("name")) and m.group("unit") == "term":
            continue  # "term" alone: too often not a time
        found = _term(today, m.group("mod"), m.group("name"), m.group("unit"))
        if found is not None:
            atoms.append(_Atom(m.start(), m.end(), found[0], found[1], "calendar"))
    for m in _DAYWORD.finditer(norm):
        word = m.group("w")
        shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}.get(word, 0)
        day = today + dt.timedelta(days=shift)
        atoms.append(
            _Atom(m.start(), m.end(), day, day, "day", point=day,
                  future_deictic=shift > 0 or word.startswith(("tonight", "this")))
        )  # fmt: skip
    for m in _HOLIDAY.finditer(norm):  # "since Christmas", "over new year"
        month, day, length, offset = _HOLIDAYS[m.group("h")]

        def holiday(
            y: int,
            month: int = month,
            day: int = day,
            length: int = length,
            new_year: bool = m.group("h").startswith("new"),
        ) -> tuple[dt.date, dt.date]:
            lo = dt.date(y - 1 if new_year and month == 12 else y, month, day)
            return lo, lo + dt.timedelta(days=length - 1)  # fmt: skip

        if m.group("y"):
            lo, hi = holiday(int(m.group("y")))
        else:
            how = {"last": "last", "next": "next", "this": "this"}.get(m.group("mod") or "")
            picked = _pick_year(holiday, today, how or ("future" if ctx.future else "past"))
            if picked is None:
                continue
            lo, hi = picked
        atoms.append(
            _Atom(m.start(), m.end(), lo, hi, "holiday", point=lo + dt.timedelta(days=offset),
                  needs_prep=not m.group("mod"))
        )  # fmt: skip
    for m in _WEEKDAY.finditer(norm):
        mod, wd = m.group("mod"), WEEKDAYS[m.group("wd")]
        if mod == "this":
            day = _monday(today) + dt.timedelta(days=wd)
        elif mod == "next" or (mod is None and ctx.future):
            day = today + dt.timedelta(days=(wd - today.weekday() - 1) % 7 + 1)
        else:
            day = today - dt.timedelta(days=(today.weekday() - wd - 1) % 7 + 1)
        atoms.append(
            _Atom(m.start(), m.end(), day, day, "weekday", point=day, needs_prep=mod is None,
                  future_deictic=mod in (None, "next"))
        )  # fmt: skip
    return atoms


def _term(
    today: dt.date, mod: str | None, name: str | None, unit: str
) -> tuple[dt.date, dt.date] | None:
    """A school term or school year: this (the one begun most recently), last, next."""
    if unit != "term":
        first = today.year if today.month >= 9 else today.year - 1
        shift = {"last": -1, "previous": -1, "next": 1}.get(mod or "", 0)
        return dt.date(first + shift, 9, 1), dt.date(first + shift + 1, 8, 31)
    terms = []
    for year in range(today.year - 2, today.year + 2):
        for term, (month, length) in _TERMS.items():
            if name is None or term == name:
                lo = dt.date(year, month, 1)
                end = _shift_months(lo, length - 1)
                terms.append((lo, _month_end(end.year, end.month)))
    terms.sort()
    begun = [t for t in terms if t[0] <= today]
    if mod in ("last", "previous"):
        ended = [t for t in terms if t[1] < today]
        if name is None and begun and begun[-1][1] >= today:  # in term: the one before
            return begun[-2] if len(begun) > 1 else None
        return ended[-1] if ended else None
    if mod == "next":
        return next((t for t in terms if t[0] > today), None)
    return begun[-1] if begun else None


def _calendar_unit(today: dt.date, mod: str, unit: str) -> tuple[dt.date, dt.date]:
    shift = {"this": 0, "last": -1, "previous": -1, "next": 1}[mod]
    if unit == "week":
        lo = _monday(today) + dt.timedelta(weeks=shift)
        return lo, lo + dt.timedelta(days=6)
    if unit == "weekend":
        saturday = _monday(today) + dt.timedelta(days=5, weeks=shift)
        if mod == "last" and saturday + dt.timedelta(days=1) >= today:
            saturday -= dt.timedelta(weeks=1)
        return saturday, saturday + dt.timedelta(days=1)
    if unit == "month":
        lo = _shift_months(today.replace(day=1), shift)
        return lo, _month_end(lo.year, lo.month)
    return dt.date(today.year + shift, 1, 1), dt.date(today.year + shift, 12, 31)


def _prep_before(norm: str, a: int) -> str | None:
    """The preposition just before norm[a:] ('since', 'in the'), if any."""
    m = _PREP_BEFORE.search(norm, max(0, a - 20), a)
    return m.group(1) if m else None


_SINCE_EARLIER = re.compile(r"\b(?:ever\s)?since\b")


def _clause_before(norm: str, a: int) -> str:
    """The words of norm before a, back to the last clause break."""
    head = norm[:a]
    breaks = [head.rfind(mark) for mark in ".;?!,"]
    return head[max(breaks) + 1 :]


def _prep_start(norm: str, a: int) -> int:
    """Where the preposition before norm[a:] begins (a when there is none)."""
    m = _PREP_BEFORE.search(norm, max(0, a - 20), a)
    return m.start(1) if m else a


def _date_phrases(ctx: _Ctx, atoms: list[_Atom]) -> list[_Found]:
    """Atoms with the words around them: 'since march', 'between jan and mar 2025'."""
    norm, today = ctx.text.norm, ctx.today
    atoms = _longest(atoms)
    by_start = {atom.a: atom for atom in atoms}
    found: list[_Found] = []
    used: set[int] = set()
    for atom in atoms:
        if id(atom) in used:
            continue
        prep = _prep_before(norm, atom.a)
        a = _prep_start(norm, atom.a)
        if prep is None and atom.kind == "ago" and _SINCE_EARLIER.search(_clause_before(norm, a)):
            # 'since I was last covering this family a fortnight ago': the point it began
            prep = "since"
        prefix = _PREFIX_DATE.search(norm[: atom.a]) if prep is None else None
        if prefix and atom.kind in ("year", "month", "day", "season", "holiday"):
            prep = "before" if prefix.group("p") == "pre" else "after"  # "pre-2012"
            a = prefix.start("p")
        if atom.kind == "invalid":  # said as a date, but there is no such day
            found.append(_Found(a, atom.b, unresolved=True, rank=1))
            continue
        # a range: "jan-mar 2026", "between 2019 and 2021", "from march to june last year"
        conn = _CONNECTOR.match(norm, atom.b)
        other = by_start.get(conn.end()) if conn else None
        if other is not None and conn is not None:
            word = conn.group().strip()
            ok = (word == "and") == (prep == "between") and (
                prep in ("between", "from")
                or atom.kind not in ("year", "ord")
                or (other.kind == "year" and word in ("-", "to"))
            )
            ranged = atom.kind not in ("rolling", "calendar") and other.kind != "rolling"
            lo, hi = _range(atom, other, today) if ok and ranged else (atom.hi, atom.lo)
            if ok and ranged and lo <= hi:
                used |= {id(atom), id(other)}
                a = a if prep in ("between", "from") else atom.a
                found.append(_Found(a, other.b, lo, hi, _describe(lo, hi), rank=2))
                continue
        if prep == "between":
            prep = None
            a = atom.a
        if not _prep_ok(atom, prep):
            continue
        phrase = _phrase(ctx, atom, prep, a)
        if phrase is None:
            continue
        # the time of something upcoming, not of the question: "before tomorrow's visit",
        # "before the visit tomorrow"
        possessive = norm.startswith("'s", atom.b) and prep is not None
        upcoming = prep in (None, "on", "at") and _UPCOMING.search(norm[:a]) is not None
        if atom.lo > today and (possessive or upcoming):
            phrase.plan = True
        found.append(phrase)
    return found


def _range(first: _Atom, second: _Atom, today: dt.date) -> tuple[dt.date, dt.date]:
    """A range's bounds; an end without a year takes it from the other end ('between
    november 2025 and february': February 2026)."""
    if first.month and second.month and first.reyear and not first.explicit_year:
        if second.explicit_year or second.reyear is None:
            year = second.lo.year - (1 if first.month > second.month else 0)
            try:
                return first.reyear(year)[0], second.hi
            except ValueError:
                return first.lo, second.hi
        year = first.lo.year + (1 if second.month < first.month else 0)
        return first.lo, second.reyear(year)[1]  # neither dated: the first as read
    if first.month and second.month and second.reyear and not second.explicit_year:
        year = first.lo.year + (1 if second.month < first.month else 0)
        return first.lo, second.reyear(year)[1]
    return first.lo, second.hi


def _prep_ok(atom: _Atom, prep: str | None) -> bool:
    """Whether an atom that needs a preposition ('may', 'the 14th') has one; a year standing
    as a word needs none ('visits 2015', 'for 2015'), but 'at 2030' is a time of day."""
    if not atom.needs_prep or prep not in (None, "of", "at", "by", "around", "for", "as of"):
        return True
    if atom.kind == "year":
        return atom.word_year and prep in (None, "for", "of")
    if atom.kind == "month":
        return prep in ("of", "for", "by", "around")  # "the diary for december"
    return atom.kind == "holiday" and prep in ("at", "around", "for")  # "at christmas"


def _phrase(ctx: _Ctx, atom: _Atom, prep: str | None, a: int) -> _Found | None:
    norm, today, opened = ctx.text.norm, ctx.today, ctx.opened
    b = atom.b
    lo, hi = atom.lo, atom.hi
    words = ctx.text.original(a, b)
    if prep in ("since", "ever since"):
        start = atom.point or lo
        if start > today:
            return None
        return _Found(a, b, start, today, f"since {_fmt(start)}", rank=1)
    if prep in ("after", "following"):
        start = (atom.point or hi) + dt.timedelta(days=1)
        return _Found(
            a,
            b,
            start,
            today if start <= today else None,
            f"after {_describe(lo, hi).removeprefix('in ').removeprefix('on ')}",
            rank=1,
        )
    if prep in ("before", "prior to"):
        end = (atom.point or lo) - dt.timedelta(days=1)
        start = opened if opened and opened <= end else None
        return _Found(a, b, start, end, f"before {_fmt(end + dt.timedelta(days=1))}", rank=1)
    if prep in ("until", "till", "up until", "up to"):
        start = opened if opened and opened <= hi else None
        return _Found(a, b, start, hi, f"up to {_fmt(hi)}", rank=1)
    if prep == "from":
        tail = _TO_NOW.match(norm, b)
        if tail:
            onwards = tail.group().strip() in ("onwards", "on")
            end = None if onwards else today
            return _Found(a, tail.end(), lo, end, f"from {_fmt(lo)}", rank=1)
    if atom.kind == "rolling":
        return _Found(a, b, lo, hi, f"{words} ({_fmt(lo)} to {_fmt(hi)})", rank=1)
    found = _Found(a, b, lo, hi, _describe(lo, hi), rank=1)
    found.context = atom.future_deictic
    return found


def _longest(atoms: list[_Atom]) -> list[_Atom]:
    """Non-overlapping atoms, the longest reading of any stretch."""
    kept: list[_Atom] = []
    for atom in sorted(atoms, key=lambda t: (-(t.b - t.a), t.a)):
        if all(atom.b <= k.a or atom.a >= k.b for k in kept):
            kept.append(atom)
    return sorted(kept, key=lambda t: t.a)


# ---------------------------------------------------------------------------------------
# Anchors


@dataclass
class _Hit:
    date: dt.date
    end: dt.date | None = None  # a span: an address lived at, an involvement


_NOT_TIME = "not time"


def _anchor_words(norm: str, start: int, limit: int = 14) -> tuple[list[tuple[str, int, int]], int]:
    """The words after a keyword up to where the clause ends, with their norm offsets."""
    stop = _HARD_STOP.search(norm, start)
    end = stop.start() if stop else len(norm)
    words = [(m.group(), m.start(), m.end()) for m in _WORD_RE.finditer(norm, start, end)]
    # a new clause: an auxiliary then a subject ("since the ICPC has kai been seen"), or
    # the speaker ("since the plans started in April I'm worried that ...")
    for i in range(1, len(words)):
        if _FIRST_PERSON.fullmatch(words[i][0]) or (
            i < len(words) - 1 and words[i][0] in _AUX
            and (words[i + 1][0] in _SUBJECTS or words[i + 1][0] in ("the", "any", "anyone"))
        ):  # fmt: skip
            words = words[:i]
            break
    words = words[:limit]
    return words, (words[-1][2] if words else start)


def _anchors(ctx: _Ctx, atoms: list[_Atom]) -> list[_Found]:
    norm, today = ctx.text.norm, ctx.today
    atom_starts = {atom.a: atom for atom in atoms}
    found: list[_Found] = []
    for m in _ANCHOR_KW.finditer(norm):
        kw, e = m.group("kw"), m.end()
        if kw.startswith("on the"):
            kw = "at the time of"  # "on the night of the DA incident": that day
        at = atom_starts.get(e)
        if at is not None and kw != "between" and not _modifies_noun(norm, at):
            continue  # "since march", "before the 14th": a date phrase ("since the 2017 move"
            # is an anchor: the year says which move)
        before = norm[: m.start()]
        if kw == "when" and _interrogative_when(norm, m.start(), e):
            continue
        if kw == "following" and before.endswith(("the ", "a ")):
            continue
        if before.endswith("for ") and kw in ("after", "before"):
            continue  # "a meeting for after his assessment": a plan, not a filter
        window = bool(_DURATION_BEFORE.search(before[-24:])) if kw in (
            "after", "following", "before") else False  # fmt: skip
        if window and not re.search(r"\b(?:in|within|for)\s(?:the\s)?\S+\s\S+\s$", before):
            continue  # "wait 24 hours before reporting"
        words, end = _anchor_words(norm, e)
        if not words:
            continue
        if kw == "between":
            result = _between(ctx, words)
        elif kw in ("from when", "from the time", "from the time that", "from the time when"):
            result = _from_when(ctx, words)
        else:
            result = _resolve(ctx, kw, words)
        if result is None or result == _NOT_TIME:
            continue
        assert isinstance(result, _Found)
        result.a = m.start()
        if result.b <= 0:
            result.b = end
        if kw in ("from when", "from the time"):
            tail = _TO_NOW.match(norm, result.b)
            if tail:
                result.b = tail.end()
        found.append(result)
    for m in _WINDOW.finditer(norm):  # "in the month after the ICPC"
        words, end = _anchor_words(norm, m.end())
        if not words:
            continue
        after = m.group("dir") in ("after", "following", "since")
        result = _resolve(ctx, "since" if after else "before", words)
        if not isinstance(result, _Found) or result.unresolved or result.start is None:
            if isinstance(result, _Found):
                result.a, result.b = m.start(), end
                found.append(result)
            continue
        n, unit = _count(m.group("n")), m.group("unit")
        if after:
            day = result.start
            lo, hi = day, _back(day, -n, unit)
        else:
            day = (result.end or today) + dt.timedelta(days=1)
            lo, hi = _back(day, n, unit), day - dt.timedelta(days=1)
        phrase = ctx.text.original(m.start(), end)
        found.append(_Found(m.start(), end, lo, hi, f"{phrase} ({_fmt(lo)} to {_fmt(hi)})",
                            rank=4))  # fmt: skip
    for m in _PREGNANCY.finditer(norm):
        end = m.end()
        child = _PREGNANT_WITH.match(norm, end)  # "the pregnancy with Poppy"
        if child and ctx.index is not None:
            end = _member_phrase_end(ctx.index, norm, child.end(), ctx.today) or end
        words = [
            (w.group(), w.start(), w.end()) for w in _WORD_RE.finditer(norm, m.start("det"), end)
        ]
        result = _resolve(ctx, "during", words)
        if isinstance(result, _Found):
            result.a, result.b = m.start(), end
            found.append(result)
    for m in _PERIOD_NOUN.finditer(norm):
        x = m.group("x1") or m.group("x2")
        xa = m.start("x1") if m.group("x1") else m.start("x2")
        words = [(w.group(), w.start(), w.end()) for w in _WORD_RE.finditer(norm, xa, xa + len(x))]
        if not words or words[0][0] in _GENERIC_FIRST or words[0][0] in _ANAPHORA:
            continue
        if words[0][0] in ("last", "past", "first", "next", "previous", "same", "whole"):
            continue
        result = _resolve(ctx, "while", words, address_span=True)
        if result == _NOT_TIME or result is None:
            continue
        assert isinstance(result, _Found)
        result.a, result.b = m.start(), m.end()
        if not result.unresolved and result.start and result.end and result.inner is None:
            phrase = ctx.text.original(m.start(), m.end())
            result.label = f"{phrase} ({_fmt(result.start)} to {_fmt(result.end)})"
        found.append(result)
    found += _prefix_anchors(ctx)
    for result in found:
        result.anchor = result.inner is None
    return found


def _prefix_anchors(ctx: _Ctx) -> list[_Found]:
    """'pre-ICPC', 'post-move', 'pre-birth': before / after the thing named, unless the
    compound is a term of its own ('pre-eclampsia') or names a kind of thing ('the
    pre-birth assessment', 'a pre-proceedings letter'). 'pre X' with a space only before
    an abbreviation ('pre ICPC'); dates ('pre-2012') are read as date phrases."""
    norm = ctx.text.norm
    found: list[_Found] = []
    for m in _PREFIX_ANCHOR.finditer(norm):
        x = m.group("x") or m.group("y")
        if m.group("y") and x not in ABBREVIATIONS:
            continue
        if x in PREFIX_NOT_TIME:
            continue
        nxt = _WORD_RE.match(norm, m.end() + 1) if norm[m.end() : m.end() + 1] == " " else None
        if nxt and nxt.group() in PREFIX_THING_NOUNS:
            continue  # "the pre-birth assessment": a kind of assessment, not a time
        xa, xb = m.start("x") if m.group("x") else m.start("y"), m.end()
        kw = "before" if m.group("p") == "pre" else "after"
        result = _resolve(ctx, kw, [("the", xa, xa), (x, xa, xb)])
        if not isinstance(result, _Found):
            continue
        result.a, result.b = m.start(), xb
        phrase = ctx.text.original(xa, xb)
        result.label = result.label.replace(f"{kw} {phrase}", f"{kw} the {phrase}", 1)
        found.append(result)
    return found


def _interrogative_when(norm: str, a: int, e: int) -> bool:
    nxt = _WORD_RE.match(norm, e)
    if nxt and nxt.group() in _AUX:
        return True
    return norm[:a].rstrip().endswith("since")  # "since when": a question


def _from_when(ctx: _Ctx, words: list[tuple[str, int, int]]) -> _Found | str | None:
    """'from when the school raised it (up to now)', 'from when X to when Y'."""
    for i, (w, _, _) in enumerate(words):
        if w in ("to", "until", "till") and 0 < i < len(words) - 1:
            left = _resolve(ctx, "since", words[:i])
            right = _side(ctx, "until", words[i + 1 :])
            if isinstance(left, _Found) and isinstance(right, _Found) and left.start:
                end = right.end or left.start
                if left.unresolved or right.unresolved or end < left.start:
                    continue
                return _Found(0, words[-1][2], left.start, end, _describe(left.start, end),
                              rank=3)  # fmt: skip
    return _resolve(ctx, "since", words)


def _side(ctx: _Ctx, kw: str, words: list[tuple[str, int, int]]) -> _Found | str | None:
    """One end of a range: a date ('june 2026') or an anchor ('the move')."""
    text = ctx.text.norm[words[0][1] : words[-1][2]]
    m = _ATOM.fullmatch(text)
    if m:
        try:
            atom = _calendar_atom(m, m.groupdict(), ctx)
        except ValueError:
            atom = None
        if atom is not None and atom.kind == "invalid":
            return _Found(0, 0, unresolved=True)
        if atom is not None:
            return _Found(0, 0, atom.lo, atom.hi, _describe(atom.lo, atom.hi), atom=True)
    return _resolve(ctx, kw, words, want_hits=True)


def _between(ctx: _Ctx, words: list[tuple[str, int, int]]) -> _Found | str | None:
    splits = [i for i, (w, _, _) in enumerate(words) if w == "and" and 0 < i < len(words) - 1]
    seen_time = False
    for i in splits:
        left = _side(ctx, "since", words[:i])
        right = _side(ctx, "until", words[i + 1 :])
        if left == _NOT_TIME or right == _NOT_TIME:
            continue
        if isinstance(left, _Found) and isinstance(right, _Found) and left.atom and right.atom:
            return _NOT_TIME  # two dates: read as a date range
        seen_time = True
        if (
            isinstance(left, _Found)
            and isinstance(right, _Found)
            and not (left.unresolved or right.unresolved)
        ):
            lo, hi = _between_dates(left, right)
            if lo is None or hi is None or lo > hi:
                continue
            a_words = ctx.text.original(words[0][1], words[i - 1][2])
            b_words = ctx.text.original(words[i + 1][1], words[-1][2])
            label = f"between {a_words} ({_fmt(lo)}) and {b_words} ({_fmt(hi)})"
            return _Found(0, words[-1][2], lo, hi, label, rank=3)
    if seen_time:
        return _Found(0, words[-1][2], unresolved=True, rank=3)
    return _NOT_TIME


def _between_dates(left: _Found, right: _Found) -> tuple[dt.date | None, dt.date | None]:
    lefts = left.hits or [left.start]
    rights = right.hits or [right.end]
    lefts = [d for d in lefts if d]
    rights = [d for d in rights if d]
    if not lefts or not rights:
        return None, None
    lo = max((d for d in lefts if any(r >= d for r in rights)), default=max(lefts))
    hi = min((r for r in rights if r >= lo), default=max(rights))
    return lo, hi


def _is_gerund(word: str) -> bool:
    return len(word) > 4 and word.endswith("ing") and word not in _KEEP_ING


def _gerund_clause(tokens: list[str], index: _Index | None) -> bool:
    """A gerund with its subject before it, which says what happened as "they moved" does:
    a pronoun ("them moving", "him going missing", "her being discharged"), a member of the
    case ("mum moving in with Lee", "uncle Warren moving in") or a noun after a determiner
    ("the family moving"). A gerund alone ("before reporting a child missing") is not one."""
    phrases = dict(index.member_phrases) if index else {}
    for k in range(1, min(len(tokens), 4)):
        if not _is_gerund(tokens[k]):
            continue
        subject = tokens[:k]
        if k == 1 and subject[0] in _GERUND_SUBJECTS:
            return True
        if " ".join(subject).removesuffix("'s") in phrases:
            return True
        return (
            k >= 2
            and (subject[0] in _DETERMINERS or subject[0].endswith("'s"))
            and not any(_is_past_verb(t) or t in _AUX or t in _PRESENT for t in subject)
        )
    return False


def is_past_verb(word: str) -> bool:
    """'took', 'moved', 'was': a verb of the past (the speaker's past, not a plan)."""
    return _is_past_verb(word) or word in ("was", "were", "had", "did")


def _is_past_verb(word: str) -> bool:
    return word in _IRREGULAR_PAST or (
        len(word) > 4 and word.endswith("ed") and word not in ("need", "speed", "bed", "red")
    )


def _resolve(
    ctx: _Ctx,
    kw: str,
    words: list[tuple[str, int, int]],
    *,
    address_span: bool = False,
    want_hits: bool = False,
) -> _Found | str | None:
    """An anchor's period, _NOT_TIME when the words are no time phrase, or an unresolved
    _Found when they are one that the records do not hold."""
    today = ctx.today
    tokens = [w for w, _, _ in words]
    first = tokens[0]
    joined = " ".join(tokens)
    pregnancy = any(t.startswith("pregnan") for t in tokens[:4])
    index = ctx.index
    # a subject before a gerund is a clause like "they moved": "them moving to Calverdale",
    # "him going missing", "him being reported missing", "mum moving in with Lee"
    gerund_clause = _gerund_clause(tokens, index)
    if not pregnancy and not gerund_clause:
        if first in _ANAPHORA or first in _GENERIC_FIRST:
            return _NOT_TIME
        if first == "her" and len(tokens) == 1:
            return _NOT_TIME
    if tokens[-1] in ("hours", "hour", "minutes", "days", "weeks", "months", "years"):
        return _NOT_TIME
    if first.endswith(("'s", "'ve", "'re", "'d", "'ll")) and first.split("'")[0] in (
        "he", "she", "it", "they", "we", "i", "you", "there", "that", "what", "who",
    ):  # fmt: skip
        return _NOT_TIME  # "since he's been missing so much": because, not since when
    if re.search(r"\b(?:next|upcoming|coming|forthcoming|future|tomorrow|tomorrow's|tonight)\b",
                 joined):  # fmt: skip
        return _NOT_TIME  # "before the next core group": a plan, not a time in the records
    qualifier = None
    if re.search(r"\b(?:last|latest|most recent|recent|previous)\b", joined):
        qualifier = "latest"
    elif re.search(r"\b(?:first|earliest|1st|started|began|begun|opened)\b", joined):
        qualifier = "first"  # "since the CP plans started": when they began
    has_past = any(
        _is_past_verb(t) and not (i and tokens[i - 1] in _DETERMINERS | _GENERIC_FIRST)
        for i, t in enumerate(tokens)
    )  # not "the allocated worker", "a missed appointment": adjectives
    has_present = any(
        t in _PRESENT and not (t == "may" and i and tokens[i - 1] in ("in", "of", "during"))
        for i, t in enumerate(tokens)
    )  # not "in may": the month
    gerund = first.endswith("ing") and first not in _KEEP_ING
    kind_move = any(t in MOVE_WORDS for t in tokens) or bool(
        re.search(r"\b(?:got|came|come|get|getting|coming)\s(?:to|into|back\sto)\b", joined)
    )
    kind_leave = any(t in LEAVE_WORDS for t in tokens) or "moved out" in joined
    kind_live = any(t in LIVE_WORDS for t in tokens)
    kind_birth = any(
        t in ("born", "birth", "birthday") and (i == 0 or tokens[i - 1] not in _BIRTH_COMPOUND)
        for i, t in enumerate(tokens)
    )  # not "the pre-birth assessment", "the new birth visit"
    # a birth to come counts: "when the baby is born", "before birth", "pre-birth"
    forward = (
        re.search(r"\b(?:is|will|'ll|due|expected|arrives|comes)\b", joined) is not None
        and re.search(r"\b(?:was|were|had|has|have|did)\b", joined) is None
    ) or (kw in ("before", "prior to") and not has_past)
    kind_opened = "case" in tokens and bool(
        re.search(r"\b(?:open|opened|opening|allocated|started|began)\b", joined)
    )
    kind_involved = any(w in joined.split() or (" " in w and w in joined)
                        for w in INVOLVEMENT_WORDS)  # fmt: skip
    if has_present and not has_past and not (kind_birth or pregnancy):
        return _NOT_TIME  # "when a child goes missing", "before I meet mum"
    if gerund and not (kind_move or kind_leave or kind_live or kind_birth):
        return _NOT_TIME  # "before reporting a child missing"
    known_abbrev = first in ABBREVIATIONS or any(
        re.match(rf"{re.escape(p)}\b", joined) for p, _ in EVENT_TYPE_PHRASES
    )
    clause = has_past or kind_birth or gerund_clause
    if not (
        first in _DETERMINERS
        or first.endswith("'s")
        or known_abbrev
        or clause
        or pregnancy
        or gerund
        or address_span
        or (index and first in dict(index.member_phrases) and has_past)
        or (index and _names_an_address(index, tokens))  # "before greywell": the move there
    ):
        return _NOT_TIME  # "after school", "before bed"
    members = _members_in(index, joined, today, forward) if index else []
    content = [t for t in tokens if t not in ANCHOR_STOPWORDS]
    if index and not clause and not pregnancy:
        names = [t for t in content if _stem(t) in {_stem(p) for p in index.person_words}]
        if content and len(names) == len(content):
            return _NOT_TIME  # "before priya": who came before, not when
    if not clause and not pregnancy and content and content[-1] in PERSON_HEADS:
        return _NOT_TIME  # "the one before her", "before the current social worker"
    special = pregnancy or kind_birth or kind_opened or kind_involved or address_span
    if not content and not special and not (kind_move or kind_leave or kind_live):
        return _NOT_TIME  # "when she was told": nothing in it to find
    if index is None:
        return _unresolved(ctx, words)
    constraint = _inner_dates(ctx, words)
    plain = [w for w, a, _ in words if constraint is None or not constraint.a <= a < constraint.b]
    hits: list[_Hit] = []
    to_person: list[_Hit] | None = None
    span_mode = kw in ("while", "whilst", "during") or address_span
    types, _ = _event_types(plain)
    kind_place = kind_move or kind_leave or kind_live or address_span
    if (
        any(t in ("arrived", "arrive", "arrives", "arrival") for t in tokens)
        and _a_child_arrived(index, tokens, members)
        and not _names_an_address(index, plain)
    ):
        kind_birth, kind_place = True, False  # "since the baby arrived", "when Poppy arrived"
    if pregnancy:
        hits = _pregnancy(index, tokens, today)
        span_mode = True
    elif kind_opened and index.opened:
        hits = [_Hit(index.opened)]
    elif kind_birth:
        hits = _births(index, tokens, members, ctx, forward)
    elif kind_involved:
        hits = _involvement(index, ctx, plain, members, words, kw)
    elif kind_place:
        to_person = _moves_to_person(index, plain) if kind_move else None
        if to_person is not None:  # "since mum moved in with Lee": where the move went
            hits = to_person
        else:
            hits = _moves(index, plain, kind_leave, kind_live or span_mode, qualifier, ctx)
    elif not types and _names_an_address(index, plain):  # "since the hostel"
        hits = _moves(index, plain, False, span_mode, qualifier, ctx)
    if constraint is not None and span_mode and hits:
        # a span named by the records gives way to the calendar words inside it ("when mum
        # was pregnant with Poppy in 2015": 2015); the rest of the words stay in the question
        lo, hi = constraint.lo, constraint.hi
        return _Found(0, words[-1][2], lo, hi, _describe(lo, hi), rank=3,
                      inner=(constraint.a, constraint.b))  # fmt: skip
    if constraint is not None:
        hits = [h for h in hits if constraint.lo <= h.date <= constraint.hi]
    if not hits and (kind_move or kind_leave) and not address_span and to_person is None:
        hits = _match(index, ctx, plain, members, constraint, kw, ("move",))
    if not hits and not (
        pregnancy or kind_birth or kind_opened or address_span or kind_move or kind_leave
    ):
        required, bonus = _split_concepts(plain, index)
        if not (required or bonus or constraint or _event_types(plain)[0]):
            return _NOT_TIME  # "when she was told": nothing in it to find
        hits = _match(index, ctx, plain, members, constraint, kw, ())
    if not hits:
        return _unresolved(ctx, words, constraint)
    phrase = ctx.text.original(words[0][1], words[-1][2])
    return _period_from_hits(ctx, kw, hits, qualifier, phrase, words[-1][2], span_mode,
                             want_hits, dated=constraint is not None)  # fmt: skip


_BIRTH_COMPOUND = frozenset(_words("pre post new ante"))


def _a_child_arrived(index: _Index, tokens: list[str], members: list[str]) -> bool:
    """'since the baby arrived', 'when the youngest arrived': a child of the family named
    as arriving nowhere in particular arrived by being born ('arrived at school' is not)."""
    at = next(i for i, t in enumerate(tokens) if t in ("arrived", "arrive", "arrives", "arrival"))
    if any(t in ("at", "in", "to", "into", "back", "home", "here", "there", "from")
           for t in tokens[at + 1 :]):  # fmt: skip
        return False
    named = [index.members.get(m) for m in members]
    return len(members) == 1 and any(
        m is not None and m.role in (MemberRole.CHILD, MemberRole.UNBORN)
        and (m.date_of_birth or m.expected_date)
        for m in named
    )  # fmt: skip


def _members_in(index: _Index, joined: str, today: dt.date, forward: bool) -> list[str]:
    """Members the words name ('Poppy', the case's 'the baby') or describe ('the eldest
    girl': the description is read first, so the case's 'the eldest' does not also count)."""
    described = _described_members(index, joined, today, forward)
    masked = joined
    for _, a, b in described:
        masked = masked[:a] + " " * (b - a) + masked[b:]
    members = _mentioned_members(index, masked)
    return members + [m for m, _, _ in described if m not in members]


def _member_phrase_end(index: _Index, norm: str, at: int, today: dt.date) -> int | None:
    """Where a member's name or description ('Poppy', 'the youngest') starting at `at` ends."""
    ends = [
        at + len(phrase) for phrase, _ in index.member_phrases
        if norm.startswith(phrase, at) and not _WORD_RE.match(norm, at + len(phrase))
    ]  # fmt: skip
    described = _PLACE_IN_FAMILY.match(norm, at)
    if described and _described_members(index, described.group(), today, False):
        ends.append(described.end())
    return max(ends, default=None)


def _described_members(
    index: _Index, joined: str, today: dt.date, forward: bool
) -> list[tuple[str, int, int]]:
    """Children named by their place in the family, with where the words are: 'the
    youngest', 'the eldest girl', 'the baby' / 'the little one' (the youngest born; the
    unborn baby when the words look forward), by date of birth. The case's own aliases come
    first ('the baby' may be one), unless the words say more ('the eldest girl')."""
    found: list[tuple[str, int, int]] = []
    aliases = dict(index.member_phrases)
    for m in _PLACE_IN_FAMILY.finditer(joined):
        head = m.group("head") or ""
        if m.group() in aliases or (
            head in ("", "child", "one", "kid", "sibling") and f"the {m.group('w')}" in aliases
        ):
            continue  # named by the case already
        gender = "male" if head in MALE_HEADS else "female" if head in FEMALE_HEADS else None
        children = [
            c for c in index.members.values()
            if c.role == MemberRole.CHILD and c.date_of_birth and c.date_of_birth <= today
            and (gender is None or (c.gender or "").lower() in (gender, ""))
        ]  # fmt: skip
        word = m.group("w")
        if word in ("baby", "little one") and forward:
            unborn = [c for c in index.members.values() if c.role == MemberRole.UNBORN
                      and c.expected_date]  # fmt: skip
            children = unborn or children
        if not children:
            continue
        key: Callable[[Any], dt.date] = lambda c: c.date_of_birth or c.expected_date  # noqa: E731
        pick = min(children, key=key) if word in ELDEST_WORDS else max(children, key=key)
        found.append((pick.id, m.start(), m.end()))
    return found


def _place_words(tokens: list[str]) -> list[str]:
    verbs = MOVE_WORDS | LEAVE_WORDS | LIVE_WORDS | {"got", "came", "come", "get", "moved"}
    return [
        t for t in tokens
        if t not in _PLACE_STOP and t not in verbs and t not in ANCHOR_STOPWORDS
        and t not in ("borough", "county", "authority")
    ]  # fmt: skip


def _names_an_address(index: _Index, tokens: list[str]) -> bool:
    """Whether every word of the anchor is in one address ('the hostel', 'Greywell')."""
    concepts = _concepts(_place_words(tokens), index)
    if not concepts or not index.addresses:
        return False
    return any(
        all(_holds(index.docs[i].stems | index.docs[i].weak, alts) for alts in concepts)
        for i in index.addresses
    )


def _unresolved(
    ctx: _Ctx, words: list[tuple[str, int, int]], constraint: _Atom | None = None
) -> _Found:
    found = _Found(0, words[-1][2], unresolved=True, rank=3)
    if constraint is not None:
        found.fallback = _Found(constraint.a, constraint.b, constraint.lo, constraint.hi,
                                _describe(constraint.lo, constraint.hi))  # fmt: skip
    return found


def _period_from_hits(
    ctx: _Ctx,
    kw: str,
    hits: list[_Hit],
    qualifier: str | None,
    phrase: str,
    b: int,
    span_mode: bool,
    want_hits: bool,
    dated: bool = False,
) -> _Found | None:
    today, opened = ctx.today, ctx.opened

    def on(day: dt.date) -> str:  # "since the ICPC on 16 April 2026"
        return f"{kw} {phrase} ({_fmt(day)})" if dated else f"{kw} {phrase} on {_fmt(day)}"

    hits = sorted(hits, key=lambda h: h.date)
    if kw in ("since", "ever since", "after", "following"):
        past = [h for h in hits if h.date <= today] or hits
        hit = past[0] if qualifier == "first" else past[-1]
        found = _Found(0, b, hit.date, today if hit.date <= today else None, on(hit.date),
                       rank=3)  # fmt: skip
    elif kw in ("before", "prior to", "until", "till", "up until", "up to"):
        hit = hits[-1] if qualifier == "latest" else hits[0]
        end = hit.date - dt.timedelta(days=1) if kw in ("before", "prior to") else hit.date
        start = opened if opened and opened <= end else None
        found = _Found(0, b, start, end, on(hit.date), rank=3)
    elif span_mode:
        if qualifier == "first":
            chosen = hits[:1]
        elif qualifier == "latest":
            chosen = hits[-1:]
        else:
            chosen = hits
        lo = min(h.date for h in chosen)
        hi = max(h.end if h.end is not None else h.date for h in chosen)
        found = _Found(0, b, lo, hi, f"{kw} {phrase} ({_fmt(lo)} to {_fmt(hi)})", rank=3)
    else:  # when, at the time of: the day itself, or the stay ("when they lived in X")
        past = [h for h in hits if h.date <= today] or hits
        hit = past[0] if qualifier == "first" else past[-1]
        end = hit.end if hit.end is not None else hit.date
        label = (
            f"{kw} {phrase}, on {_fmt(hit.date)}" if end == hit.date
            else f"{kw} {phrase} ({_fmt(hit.date)} to {_fmt(end)})"
        )  # fmt: skip
        found = _Found(0, b, hit.date, end, label, rank=3)
    if want_hits:
        found.hits = [h.date for h in hits]
    return found


def _mentioned_members(index: _Index, joined: str) -> list[str]:
    found: list[str] = []
    for phrase, member_id in index.member_phrases:
        if re.search(rf"(?:^|\s){re.escape(phrase)}(?:'s)?(?:\s|$)", joined) and (
            member_id not in found
        ):
            found.append(member_id)
    return found


_NOT_NOUN = frozenset(
    _words(
        "and or but to until till through onwards on in at of for from with by is are was were "
        "has have had did do does what who which when where why how then so if than as"
    )
)


def _modifies_noun(norm: str, atom: _Atom) -> bool:
    """A year standing before a noun, saying which one ('the 2017 move', 'his 2021 arrest')."""
    nxt = _WORD_RE.match(norm, atom.b + 1) if norm[atom.b : atom.b + 1] == " " else None
    return (
        atom.kind == "year" and atom.word_year and nxt is not None
        and re.fullmatch(r"(?:the\s)?\d{4}", norm[atom.a : atom.b]) is not None
        and nxt.group().isalpha() and nxt.group() not in _NOT_NOUN
    )  # fmt: skip


def _inner_dates(ctx: _Ctx, words: list[tuple[str, int, int]]) -> _Atom | None:
    """A date inside an anchor ('he went missing in september'): the event must fall in it."""
    a, b = words[0][1], words[-1][2]
    for atom in _calendar_atoms_between(ctx, a, b):
        if atom.kind in ("month", "day", "season", "year") and (
            _prep_before(ctx.text.norm, atom.a) in ("in", "on", "during", "of")
            or not atom.needs_prep
            or _modifies_noun(ctx.text.norm, atom)  # "the 2017 move"
        ):
            atom.a = _prep_start(ctx.text.norm, atom.a)
            return atom
    return None


def _calendar_atoms_between(
    ctx: _Ctx, a: int, b: int, *, keep_ordinals: bool = False
) -> list[_Atom]:
    out = []
    for m in _ATOM.finditer(ctx.text.norm, a, b):
        try:
            atom = _calendar_atom(m, m.groupdict(), ctx)
        except ValueError:  # "31/02/2026": a date, but no day
            atom = _Atom(m.start(), m.end(), dt.date.min, dt.date.min, "invalid")
        if atom is not None and (keep_ordinals or atom.kind != "ord"):
            out.append(atom)
    return out


def _concepts(tokens: list[str], index: _Index) -> list[tuple[str, ...]]:
    """The anchor's words to match, each with the stems that count as it."""
    required, bonus = _split_concepts(tokens, index)
    return required + bonus


def _split_concepts(
    tokens: list[str], index: _Index
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(words an event must match, words about who did it that only help rank: 'the SW' in
    'when the SW went out')."""
    joined = " ".join(tokens)
    concepts: list[tuple[str, ...]] = []
    bonus: list[tuple[str, ...]] = []
    for phrase, alts in SYNONYMS.items():
        if " " in phrase and re.search(rf"\b{re.escape(phrase)}\b", joined):
            concepts.append(tuple(_stem(a) for a in alts))
            joined = re.sub(rf"\b{re.escape(phrase)}\b", " ", joined)
    member_words = {w for p, _ in index.member_phrases for w in p.split()}
    words = joined.split()
    for k, word in enumerate(words):
        word = word.removesuffix("'s")
        if word in ANCHOR_STOPWORDS or word in member_words:
            continue
        if word in MONTHS or word in MONTH_ABBR:
            continue
        nxt = words[k + 1].removesuffix("'s") if k + 1 < len(words) else ""
        target = bonus if word in PERSON_HEADS or nxt in PERSON_HEADS else concepts
        expansion = ABBREVIATIONS.get(word)
        if expansion:
            parts = [p for p in expansion.split() if p not in ANCHOR_STOPWORDS]
            target += [(_stem(p), _stem(word)) for p in parts]
            continue
        alts = SYNONYMS.get(word) or SYNONYMS.get(_stem(word))
        target.append(tuple(_stem(a) for a in alts) if alts else (_stem(word),))
    return concepts, bonus


def _event_types(tokens: list[str]) -> tuple[set[str], set[str]]:
    """Event types the anchor names ('core group', 'ICPC'), the longest phrase winning
    ('home visit' is not also any visit), and the plain words that named them."""
    joined = " " + " ".join(tokens) + " "
    types: set[str] = set()
    words: set[str] = set()
    for phrase in dict.fromkeys(p for p, _ in EVENT_TYPE_PHRASES):  # longest first
        pattern = rf"\s{re.escape(phrase)}s?\s"
        if re.search(pattern, joined):
            types |= {t for p, t in EVENT_TYPE_PHRASES if p == phrase}
            words |= {w for w in phrase.split() if w not in ABBREVIATIONS}
            joined = re.sub(pattern, " # ", joined)
    return types, words


def _coverage(index: _Index, pool: list[int], concepts: list[tuple[str, ...]]) -> dict[int, float]:
    """Each doc's share of the concepts' idf weight that it holds (notes count 0.6)."""
    n = len(index.docs)
    weights: list[float] = []
    matched: list[frozenset[int]] = []
    for alts in concepts:
        docs = frozenset().union(*(index.docs_matching(s) for s in alts))
        matched.append(docs)
        weights.append(math.log((n + 1) / (len(docs) + 0.5)))
    total = sum(weights) or 1.0
    scores: dict[int, float] = {}
    for i in pool:
        doc = index.docs[i]
        got = 0.0
        for docs, weight, alts in zip(matched, weights, concepts, strict=True):
            if i in docs:
                got += weight if not doc.weak or _holds(doc.stems, alts) else 0.6 * weight
        scores[i] = got / total
    return scores


def _holds(stems: frozenset[str], alts: tuple[str, ...]) -> bool:
    return any(
        s in stems or any(t.startswith(s) or s.startswith(t) for t in stems
                          if min(len(s), len(t)) >= 5)
        for s in alts
    )  # fmt: skip


def _score(
    index: _Index,
    pool: Iterable[int],
    concepts: list[tuple[str, ...]],
    bonus: list[tuple[str, ...]] | None = None,
) -> dict[int, tuple[float, float]]:
    """Per doc: (coverage of the words it must match, that plus a little for the rest)."""
    pool = list(pool)
    required = _coverage(index, pool, concepts) if concepts else {i: 1.0 for i in pool}
    extra = _coverage(index, pool, bonus) if bonus else {}
    return {i: (required[i], required[i] + 0.25 * extra.get(i, 0.0)) for i in pool}


def _best(scores: dict[int, tuple[float, float]], threshold: float = 0.5) -> list[int]:
    eligible = {i: s for i, s in scores.items() if s[0] >= threshold}
    if not eligible:
        return []
    top = max(s[1] for s in eligible.values())
    return [i for i, s in eligible.items() if s[1] >= top - 0.02]


def _member_ok(index: _Index, i: int, members: list[str]) -> bool:
    doc_members = index.docs[i].members
    return not members or not doc_members or bool(doc_members & set(members))


def _match(
    index: _Index,
    ctx: _Ctx,
    tokens: list[str],
    members: list[str],
    constraint: _Atom | None,
    kw: str,
    types: tuple[str, ...],
) -> list[_Hit]:
    """Events (then appointments) that the anchor's words name: the best matches, all equally
    good (the caller picks the latest or the first)."""
    concepts, bonus = _split_concepts(tokens, index)
    wanted, type_words = _event_types(tokens)
    wanted = set(types) or wanted
    if not concepts and not wanted and constraint is None:
        concepts, bonus = bonus, []  # "since the SW went": the SW is all there is to match
    if not concepts and not wanted and constraint is None:
        return []
    phrases = _phrases(tokens)
    typed = [i for i in index.events if index.docs[i].event_type in wanted] if wanted else []
    tiers = ([typed] if typed else []) + [index.events, index.appointments]
    for tier in tiers:
        pool = [
            i for i in tier
            if _member_ok(index, i, members)
            and (constraint is None or constraint.lo <= index.docs[i].date <= constraint.hi)
        ]  # fmt: skip
        use = concepts
        if tier is typed:  # the type is matched already: "court" in "the court hearing"
            use, _ = _split_concepts([t for t in tokens if t not in type_words], index)
        if not pool or (tier is not typed and not use and constraint is None):
            continue
        scores = _score(index, pool, use, bonus)
        for i in pool:
            extra = _phrase_bonus(index.docs[i].text, phrases, user=tier is not typed)
            scores[i] = (scores[i][0], scores[i][1] + extra)
        best = _best(scores)
        if best:
            return [_Hit(index.docs[i].date) for i in best]
    return []


def _phrases(tokens: list[str]) -> tuple[list[list[str]], list[list[str]]]:
    """Word runs to find as phrases: an abbreviation's expansion ('review child protection
    conference'), and runs of the anchor's own words ('child protection plans')."""
    expansions = [ABBREVIATIONS[t].split() for t in tokens if t in ABBREVIATIONS]
    runs: list[list[str]] = []
    current: list[str] = []
    for token in tokens:
        if token in _RUN_BREAK or token in _IRREGULAR_PAST:
            if len(current) >= 2:
                runs.append(current)
            current = []
            continue
        current += ABBREVIATIONS[token].split() if token in ABBREVIATIONS else [token]
    if len(current) >= 2:
        runs.append(current)
    # a run counts when it holds two words that mean something ('child protection plans')
    runs = [r for r in runs if sum(w not in ANCHOR_STOPWORDS for w in r) >= 2]
    return expansions, runs


_RUN_BREAK = frozenset(
    _words(
        "the a an his her their its our my your this that last latest recent most first "
        "earliest previous was were is are has have had did he she they it we i you to into at "
        "on in from with by"
    )
)


def _phrase_bonus(text: str, phrases: tuple[list[list[str]], list[list[str]]], *,
                  user: bool) -> float:  # fmt: skip
    """A little for holding an expansion whole, or the longest run of the anchor's words."""
    expansions, runs = phrases
    score = 0.0
    for words in expansions:
        if _has_run(text, words):
            score += 0.3
    if user:
        for words in runs:
            longest = max(
                (n for n in range(len(words), 1, -1)
                 for k in range(len(words) - n + 1) if _has_run(text, words[k : k + n])),
                default=0,
            )  # fmt: skip
            score += 0.3 * longest / len(words)
    return score


def _has_run(text: str, words: list[str]) -> bool:
    pattern = r"\b" + r"\w*\s".join(re.escape(_stem(w)) for w in words) + r"\w*"
    return re.search(pattern, text) is not None


def _births(
    index: _Index, tokens: list[str], members: list[str], ctx: _Ctx, forward: bool = False
) -> list[_Hit]:
    """Births: of the members named ('since Poppy was born', children before parents: 'since
    mum had Poppy'), else of the one member the question names, else the youngest child's
    (born by today, unless the words look forward: 'when the baby is born')."""
    people = [index.members[m] for m in members if m in index.members]
    people = [m for m in people if m.date_of_birth or m.expected_date]
    young = [m for m in people if m.role in (MemberRole.CHILD, MemberRole.UNBORN)]
    people = young or people
    if not people:  # "has Sam been seen since birth": the one child the question names
        named = [index.members[m] for m in _mentioned_members(index, ctx.text.norm)]
        named = [m for m in named if (m.date_of_birth or m.expected_date)
                 and m.role in (MemberRole.CHILD, MemberRole.UNBORN)]  # fmt: skip
        people = named if len(named) == 1 else []
    if not people:
        gender = None
        if any(t in ("her", "she") for t in tokens):
            gender = "female"
        elif any(t in ("his", "he", "him") for t in tokens):
            gender = "male"
        people = [
            m for m in index.members.values()
            if (m.date_of_birth or m.expected_date)
            and (gender is None or (m.gender or "").lower() in (gender, ""))
        ]  # fmt: skip
        children = [m for m in people if m.role in (MemberRole.CHILD, MemberRole.UNBORN)]
        people = children or people
        if not forward:  # "since the little one was born": a birth that has happened
            people = [m for m in people if (m.date_of_birth or m.expected_date) <= ctx.today
                      ] or people  # fmt: skip
        if people:
            people = [max(people, key=lambda m: m.date_of_birth or m.expected_date)]
    return [_Hit(m.date_of_birth or m.expected_date) for m in people
            if m.date_of_birth or m.expected_date]  # fmt: skip


def _pregnancy(index: _Index, tokens: list[str], today: dt.date) -> list[_Hit]:
    """A pregnancy: 280 days up to the birth. 'The pregnancy with Poppy' / 'pregnant with the
    youngest': that child's; else the unborn baby's; else (not 'this pregnancy') the latest
    birth's, when it was in the case's time."""
    babies = []
    if "with" in tokens or "of" in tokens:  # the child named after "with" ("the pregnancy
        at = max(tokens.index(w) for w in ("with", "of") if w in tokens)  # with Poppy")
        rest = " ".join(tokens[at + 1 :])
        named = _members_in(index, rest, today, False)
        babies = [
            index.members[m] for m in named if m in index.members
            and index.members[m].role in (MemberRole.CHILD, MemberRole.UNBORN)
            and (index.members[m].date_of_birth or index.members[m].expected_date)
        ]  # fmt: skip
    if babies:
        born = max(b.date_of_birth or b.expected_date for b in babies)  # type: ignore[type-var]
        return [_Hit(born - dt.timedelta(days=280), born)]
    unborn = [m for m in index.members.values() if m.expected_date]
    if unborn:
        due = max(m.expected_date for m in unborn)
        return [_Hit(due - dt.timedelta(days=280), due)]
    if "this" in tokens or "current" in tokens:
        return []
    born = [m for m in index.members.values() if m.date_of_birth and m.role == MemberRole.CHILD]
    if not born or (index.opened and max(m.date_of_birth for m in born) < index.opened):
        return []
    dob = max(m.date_of_birth for m in born)
    return [_Hit(dob - dt.timedelta(days=280), dob)]


_PLACE_STOP = frozenset(
    _words(
        "to into in at from the a their new house home flat address area out of again away "
        "back there here"
    )
)


def _moves(
    index: _Index,
    tokens: list[str],
    leave: bool,
    live: bool,
    qualifier: str | None,
    ctx: _Ctx,
) -> list[_Hit]:
    """Moves: the start of an address (the named one: 'to Calverdale', 'into the hostel');
    'left X' the end of X; living/staying at X (or 'the hostel period') the whole stay."""
    order = index.addresses
    if not order:
        return []
    docs = [index.docs[i] for i in order]
    joined = " ".join(tokens)
    current = [d for d in docs if d.end is None]
    if not leave and current and _CURRENT_HOME.search(joined):
        # "since they moved to their current address", "the house they are at now"
        return [_Hit(current[-1].date, ctx.today)] if live else [_Hit(current[-1].date)]
    out_of_area = bool(re.search(r"\bout\sof\s(?:the\s)?(?:borough|area|county|authority)\b",
                                 joined))  # fmt: skip
    place = [] if out_of_area else _place_words(tokens)
    if place:  # "since the Ashdowns moved": the family's name is not a place
        people = {_stem(p) for p in index.person_words}
        places = set().union(*(d.stems | d.weak for d in docs))
        place = [t for t in place if _stem(t) not in people or _stem(t) in places]
    concepts = _concepts(place, index) if place else []
    if concepts:
        scores = _score(index, order, concepts)
        best = set(_best(scores))
        if not best:
            return []
        runs: list[list[int]] = []
        for pos, i in enumerate(order):
            if i in best:
                if runs and runs[-1][-1] == pos - 1:
                    runs[-1].append(pos)
                else:
                    runs.append([pos])
        if live:
            return [_Hit(docs[r[0]].date, docs[r[-1]].end or ctx.today) for r in runs]
        if leave:
            return [_Hit(docs[r[-1]].end) for r in runs if docs[r[-1]].end]  # type: ignore[arg-type]
        return [_Hit(docs[r[0]].date) for r in runs]
    if live:
        return []
    moves = list(range(1, len(order)))
    las = index.address_las  # in the order of `order`: Records keeps addresses by start
    changes = [p for p in moves if las[p] and las[p - 1] and las[p] != las[p - 1]]
    # "the move" is the move that changed services (a new local authority); "since they
    # moved (house)" / "since moving" is simply their latest move.
    as_verb = bool(re.search(r"\b(?:moved|moving|relocated|relocating)\b", joined))
    if as_verb and not out_of_area and qualifier is None:
        return [_Hit(docs[p].date) for p in moves]
    if out_of_area or qualifier is None:
        if changes:
            moves = changes
        elif out_of_area:
            return []
    return [_Hit(docs[p].date) for p in moves]


def _moves_to_person(index: _Index, tokens: list[str]) -> list[_Hit] | None:
    """A move whose destination is a person of the case ("since mum moved in with Lee",
    "since they moved to Lee's"): the move events whose summary names that person where the
    household went (after "to", "into" or "with": "moved into Lee Harrop's flat"), else the
    move events that name them at all. None when the move's destination names no member."""
    verb = next((i for i, t in enumerate(tokens) if t in MOVE_WORDS), None)
    if verb is None:
        return None
    to = next((i for i in range(verb + 1, len(tokens)) if tokens[i] in _DESTINATION), None)
    if to is None:
        return None
    named = _mentioned_members(index, " ".join(tokens[to + 1 :]))
    if not named:
        return None
    moves = [i for i in index.events if index.docs[i].event_type == "move"]
    names = {
        m: "|".join(re.escape(p) for p, who in index.member_phrases if who == m) for m in named
    }
    going = r"\b(?:to|into|with)\s(?:[a-z0-9&']+\s){{0,3}}?(?:{})(?:'s)?\b"
    for pattern in (going, r"\b(?:{})(?:'s)?\b"):
        hits = [
            _Hit(index.docs[i].date) for i in moves
            if all(re.search(pattern.format(names[m]), index.docs[i].text) for m in named)
        ]  # fmt: skip
        if hits:
            return hits
    return []


def _involvement(
    index: _Index,
    ctx: _Ctx,
    tokens: list[str],
    members: list[str],
    words: list[tuple[str, int, int]],
    kw: str,
) -> list[_Hit]:
    """A professional's or agency's involvement: 'while Early Help were involved'."""
    extra: list[str] = []
    if "there" in tokens:
        extra = _place_named_before(ctx, words[0][1], index)
    concepts = _concepts([t for t in tokens if t != "there"] + extra, index)
    if not concepts:
        return []
    pool = [i for i in index.professionals if _member_ok(index, i, members)]
    best = _best(_score(index, pool, concepts))
    ending = any(t in ("left", "ended", "closed", "stopped", "finished") for t in tokens)
    hits = []
    for i in best:
        doc = index.docs[i]
        if ending:
            if doc.end:
                hits.append(_Hit(doc.end))
        else:
            hits.append(_Hit(doc.date, doc.end or ctx.today))
    return hits


_CAPITALISED = re.compile(r"(?<![.?!]\s)(?<!^)\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)*)")


def _place_named_before(ctx: _Ctx, norm_at: int, index: _Index) -> list[str]:
    """What 'there' points back to: the last capitalised name before it that is not a
    person of the case ('a letter from Brackenmoor High ... while Kai was on roll there')."""
    before = ctx.text.orig[: ctx.text._pos(norm_at, False)]  # noqa: SLF001
    names = [
        m.group(1) for m in _CAPITALISED.finditer(before)
        if m.group(1).lower() not in index.person_words and m.group(1) not in ("I",)
        and not any(w.lower() in MONTHS or w.lower() in WEEKDAYS for w in m.group(1).split())
    ]  # fmt: skip
    return names[-1].lower().split() if names else []


# ---------------------------------------------------------------------------------------


def _clause(norm: str, a: int, b: int) -> tuple[int, int]:
    """The bounds of the clause around norm[a:b] (punctuation and ' - ' end one)."""
    left = max(norm.rfind(c, 0, a) for c in ".?!;,") + 1
    dash = norm.rfind(" - ", 0, a)
    left = max(left, dash + 3 if dash >= 0 else 0)
    right_candidates = [norm.find(c, b) for c in ".?!;,"] + [norm.find(" - ", b)]
    right = min((r for r in right_candidates if r >= 0), default=len(norm))
    return left, right


def _speaker_context(ctx: _Ctx, found: _Found) -> bool:
    """'I'm covering ... next week', 'I'm going out tomorrow', 'so I can decide whether to
    visit this week': the speaker's own plans. Not when the speaker asks ('what have I got
    on next week', 'I want the visits this week', 'I need to know who saw Sam this week')."""
    norm = ctx.text.norm
    left, right = _clause(norm, found.a, found.b)
    for m in _FIRST_PERSON.finditer(norm, left, right):
        before = _WORD_RE.findall(norm[left : m.start()])
        if before and before[-1] in _AUX:
            continue  # "what have I got on next week": a question
        after = _WORD_RE.findall(norm[m.end() : right])[:4]
        after = [w for w in after if w not in _AUX and w not in ("just", "really", "also")]
        if (
            after
            and after[0] in REQUEST_VERBS
            and not (len(after) > 2 and after[1] == "to" and after[2] not in ASKING_VERBS)
        ):
            continue  # "I want / I'd like / I need to know": asking, not planning
        if m.end() <= found.a and _WH_CLAUSE.search(norm, m.end(), found.a):
            continue  # "I want to know who saw Sam this week": the time of the question
        return True
    return False


_ASKING = re.compile(
    r"\b(?:what|what's|which|who|who's|whom|when|where|why|how|could|can|would|will\syou"
    r"|please|list|tell|give|show|any|anything|is\sthere|are\sthere)\b"
)


def _told_ahead(ctx: _Ctx, found: _Found) -> bool:
    """A time still to come, told in a statement before the question is asked in another
    clause ('Dr Kemble is going to examine Callum next week and asked me for his history;
    could you give me ...', 'the conference is next Tuesday - what has happened?'): the time
    of someone's plan, not of the question. A time alone ('For next week, list ...') or in
    the asking clause ('what's booked next week?') stays."""
    norm = ctx.text.norm
    if found.start is None or found.start <= ctx.today:
        return False
    left, right = _clause(norm, found.a, found.b)
    if norm[right : right + 1] == "?":
        return False
    own = norm[left : found.a] + " " + norm[found.b : right]
    words = _WORD_RE.findall(own)
    if _ASKING.search(own) or not any(
        w in _AUX or w in _PRESENT or w in _IRREGULAR_PAST for w in words
    ):
        return False
    return _ASKING.search(norm, right) is not None


def _same_clause(norm: str, x: _Found, y: _Found) -> bool:
    first, second = (x, y) if x.a <= y.a else (y, x)
    return _CLAUSE_BREAK.search(norm, first.b, max(first.b, second.a)) is None


def find_period(text: str, today: dt.date, records: Records | None = None) -> PeriodParse:
    """The period a question asks about, or the time phrase it names that no record holds.

    `today` resolves relative words; `records` (a case's) resolves anchors such as 'since
    the ICPC'. With no records, an anchor is returned as unresolved."""
    if isinstance(today, dt.datetime):
        today = today.date()
    if not text or not _TRIGGER.search(text.lower()):
        quick = _normalise(text or "", frozenset())
        if not _TRIGGER.search(quick.norm):
            return PeriodParse(None, None)
    index = _index(records) if records is not None else None
    norm_text = _normalise(text, index.keep if index else frozenset())
    ctx = _Ctx(norm_text, today, index, bool(_FUTURE_RE.search(norm_text.norm)))
    atoms = _calendar_atoms(ctx) + _relative_atoms(ctx) + _school_holiday_atoms(ctx)
    candidates = _date_phrases(ctx, atoms) + _anchors(ctx, atoms)
    kept: list[_Found] = []
    order = sorted(
        candidates, key=lambda c: (c.unresolved and not c.fallback, -c.rank, -(c.b - c.a), c.a)
    )
    for cand in order:
        if all(cand.b <= k.a or cand.a >= k.b for k in kept):
            kept.append(cand)
    kept.sort(key=lambda c: c.a)
    kept = [
        c for c in kept
        if not c.plan and not (c.context and _speaker_context(ctx, c)) and not _told_ahead(ctx, c)
    ]  # fmt: skip
    resolved = [c for c in kept if not c.unresolved or c.fallback]
    unresolved = [c for c in kept if c.unresolved]
    period = None
    if resolved:
        chosen = resolved[-1]
        if chosen.anchor and not chosen.unresolved:  # the calendar's words beat the records'
            dated = [c for c in resolved if not c.anchor and not c.unresolved
                     and _same_clause(norm_text.norm, c, chosen)]  # fmt: skip
            chosen = dated[-1] if dated else chosen
        source = chosen.fallback if chosen.unresolved and chosen.fallback else chosen
        a, b = chosen.inner or (chosen.a, chosen.b)
        span = norm_text.original(a, b)
        period = Period(start=source.start, end=source.end, label=source.label, span=span)
    words = norm_text.original(unresolved[0].a, unresolved[0].b) if unresolved else None
    return PeriodParse(period, words)


__all__ = ["PeriodParse", "find_period"]
