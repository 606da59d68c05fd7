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

The grammar is a package of small modules, each with one job: `words` and `patterns` (the
vocabulary and regular expressions), `dates` (calendar arithmetic and labels), `text`
(normalising the question), `absolute`, `relative` and `school` (calendar atoms),
`date_phrases` (atoms with the words around them), `index`, `matching`, `family`, `places`,
`verbs`, `resolve` and `anchors` (anchors in the case's records), and `find` (choosing the
question's period).
"""

import re
from functools import cache

from bot.understand.periods.find import PeriodParse, find_period
from bot.understand.periods.verbs import is_past_verb
from bot.understand.periods.words import LIVE_WORDS, MOVE_WORDS

__all__ = [
    "LIVE_WORDS",
    "MOVE_WORDS",
    "PeriodParse",
    "find_period",
    "grammar_words",
    "is_past_verb",
]


@cache
def grammar_words() -> frozenset[str]:
    """The words the grammar's own patterns spell out ('hols', 'fortnight', 'term'): a word it
    reads is no misspelling of a case word ('summer hols' is not 'summer hold')."""
    from bot.understand.periods import patterns, school

    found: set[str] = set()
    for module in (patterns, school):
        for value in vars(module).values():
            if isinstance(value, re.Pattern):
                found |= set(re.findall(r"(?<![\\<a-z])[a-z]{3,}", value.pattern))
    return frozenset(found)
