"""The grammar's regular expressions: calendar atoms, relative spans, anchors' keywords, clause
breaks, and the small tables they read with."""

from __future__ import annotations

import re

from bot.understand.periods.words import (
    CURRENT_WORDS,
    ELDEST_WORDS,
    FEMALE_HEADS,
    FUTURE_CUES,
    HOME_NOUNS,
    MALE_HEADS,
    NOW_WORDS,
    NUMBERS,
    YOUNGEST_WORDS,
)

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

# 'the next 2 weeks', 'the next fortnight', 'the coming few days': counted ahead from today
# ('next week' and 'next month' are the calendar's: see _CALENDAR)
_AHEAD = re.compile(
    rf"\b(?P<the>the\s)?(?P<dir>next|coming|following)\s"
    rf"(?:(?P<n>\d+|{_NUM}|a\sfew|few|a\scouple\sof|couple\sof|several)\s)?"
    rf"(?P<unit>{_UNIT})\b"
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
    r"(?P<unit>term|school\syear|academic\syear)"
    r"(?:\s(?:of\s|in\s)?(?P<y>(?:19|20)\d\d))?\b"
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

_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i'll|i've|i'd|we|we're|we'll|we've|we'd)\b")

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
