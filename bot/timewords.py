"""A small grammar of time and quantity: what a question asks for (a time, a number) and
where a sentence holds one ('within 72 hours of the return', 'by 34 weeks', 'the same day').

Built from parts (number, unit, preposition, anchor), not from the words of any one
question, so 'how soon', 'by when', 'what's the timescale' and 'how many days' all ask for
a time, and 'within five working days', 'no later than 32 weeks' and 'at least monthly' are
all time expressions."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "twenty-one": 21, "twenty-eight": 28,
    "thirty": 30, "forty-five": 45, "sixty": 60, "ninety": 90,
}  # fmt: skip
NUMBER = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
UNIT = (
    r"(?:(?:working|calendar|school|business|clear)\s+)?"
    r"(?:minutes?|hours?|days?|weeks?|months?|years?)"
)
DURATION = rf"{NUMBER}(?:\s*(?:to|-|or)\s*{NUMBER})?\s*{UNIT}"
PREPOSITION = (
    r"(?:within|in|by|after|before|from|for|under|over|up to|at least|at most|no later than|"
    r"not later than|no more than|no sooner than|not before|every|each)"
)
FREQUENCY = r"(?:daily|weekly|fortnightly|monthly|quarterly|annually|yearly|every day)"
NAMED = r"(?:(?:the\s+)?same\s+day|immediately|without delay|as soon as\b[^,.;]*|straight away)"
ANCHOR = (  # 'of the referral', "after the child's return"
    r"(?:\s+(?:of|after|from|before)\s+(?:the\s+|a\s+|an\s+|their\s+|his\s+|her\s+)?"
    r"[^,.;()]{1,60}?(?=[,.;()]|\s+(?:and|or|if|unless|when)\b|$))?"
)
_TIME = re.compile(
    rf"\b(?:{PREPOSITION}\s+)?(?:{DURATION}|{FREQUENCY})(?:\s+of\s+pregnancy)?{ANCHOR}"
    rf"|\b{NAMED}",
    re.I,
)
_DURATION = re.compile(rf"\b(?P<preposition>{PREPOSITION}\s+)?(?P<duration>{DURATION})", re.I)
_ANY_NUMBER = re.compile(rf"\b{NUMBER}\b(?!-year-old)|\b\d+%", re.I)
_DIGITS = re.compile(r"\d")
# What a question asks for: a time ('when', 'how long', 'by when', 'what's the timescale') or
# a number ('how many', 'how much', 'what percentage').
_ASKS_TIME = re.compile(
    r"\b(?:when|how\s+(?:long|soon|quickly|fast|often|late|early)|by\s+when|by\s+what\s+\w+|"
    rf"what\s+(?:time|date|day|age|week)|time\s*(?:scale|frame|limit)s?|deadline|within\s+how|"
    rf"how\s+many\s+{UNIT}|(?:which|what)\s+(?:gestation|stage))\b",
    re.I,
)
_ASKS_NUMBER = re.compile(
    r"\bhow\s+(?:many|much|often)\b|\bwhat\s+(?:number|percentage|proportion|share)\b", re.I
)


@dataclass(frozen=True)
class Duration:
    amount: float
    unit: str  # "hour", "day", "working day", "week", "month", "year", "minute"
    text: str  # the words, with their preposition ('within 5 working days')


def asks_for_time(question: str) -> bool:
    return bool(_ASKS_TIME.search(question))


def asks_for_number(question: str) -> bool:
    return bool(_ASKS_NUMBER.search(question))


def time_expressions(sentence: str) -> list[str]:
    """The time expressions of a sentence, in order."""
    return [m.group().strip() for m in _TIME.finditer(sentence) if m.group().strip()]


def first_time(sentence: str) -> re.Match[str] | None:
    return _TIME.search(sentence)


def has_number(sentence: str) -> bool:
    return bool(_DIGITS.search(sentence) or _ANY_NUMBER.search(sentence))


def durations(sentence: str) -> list[Duration]:
    """Every duration of a sentence ('within 5 working days', 'no later than 72 hours')."""
    found = []
    for match in _DURATION.finditer(sentence):
        words = match.group("duration").lower().split()
        first = words[0].split("-")[0]
        amount = float(first) if first[0].isdigit() else float(_NUMBER_WORDS.get(first, 0))
        unit = words[-1].rstrip("s")
        if len(words) >= 2 and words[-2] in ("working", "business", "school"):
            unit = "working day" if unit == "day" else unit
        if amount:
            found.append(Duration(amount, unit, match.group().strip()))
    return found
