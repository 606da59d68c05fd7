"""The kinds of content a question asks for, and whether a sentence holds one: a time
('how soon', 'by when' -> 'within 72 hours'), a number ('how many' -> 'three or more') or a
request ('what is mum asking for' -> 'I want a different social worker') or a plan ('what
support is the school putting in' -> 'What the school will do: ...') or a person ('who
attended' -> 'Hannah Okafor, Social Worker'). Small grammars,
not the words of any one question (bot.timewords holds the time and number ones)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from bot.timewords import asks_for_number, asks_for_time, has_number, time_expressions

Kind = Literal["time", "number", "request", "plan", "person"]
# Who did something: 'who attended', 'who chaired it', 'whose report'.
_ASKS_PERSON = re.compile(r"\bwho(?:m|se)?\b", re.I)
_HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "DC", "PC", "DS")
_ASKS_REQUEST = re.compile(
    r"\b(?:ask(?:s|ed|ing)?\s+for|want(?:s|ed|ing)?|wish(?:es|ed)?|request(?:s|ed|ing)?|"
    r"would\s+like|looking\s+for|hoping\s+for)\b",
    re.I,
)
_HOLDS_REQUEST = re.compile(
    r"\b(?:i|we|she|he|they)\s+(?:\w+\s+){0,2}?(?:want|wants|wanted|would like|wish|wishes|"
    r"ask(?:s|ed)? for|request(?:s|ed)?|am asking|are asking|is asking)\b|\bplease\b",
    re.I,
)


# What someone will do: 'what support is the school putting in', 'what will the school do'.
_ASKS_PLAN = re.compile(
    r"\bwhat\s+(?:support|help|actions?|services?)\b.*\b(?:putting\s+in|put\s+in\s+place|"
    r"offer(?:ing)?|giv(?:e|ing)|provid(?:e|ing)|plan(?:ning)?)\b|"
    r"\bwhat\s+(?:will|is|are)\s+.+\b(?:do|doing|going\s+to\s+do|planning)\b",
    re.I,
)
_HOLDS_PLAN = re.compile(
    r"\b(?:will|shall|(?:is|are)\s+to|to\s+be|plan(?:ned)?|agreed|going\s+to)\b", re.I
)


def asked_kinds(question: str) -> set[Kind]:
    kinds: set[Kind] = set()
    if asks_for_time(question):
        kinds.add("time")
    if asks_for_number(question):
        kinds.add("number")
    if _ASKS_REQUEST.search(question):
        kinds.add("request")
    if _ASKS_PLAN.search(question):
        kinds.add("plan")
    if _ASKS_PERSON.search(question):
        kinds.add("person")
    return kinds


def holds(kinds: set[Kind], sentence: str, people: re.Pattern[str] | None = None) -> bool:
    """Whether the sentence holds any of the kinds asked for; a person is one `people`
    matches (the names a case's records know)."""
    return bool(
        ("person" in kinds and people is not None and people.search(sentence))
        or ("time" in kinds and time_expressions(sentence))
        or ("number" in kinds and has_number(sentence))
        or ("request" in kinds and _HOLDS_REQUEST.search(sentence))
        or ("plan" in kinds and _HOLDS_PLAN.search(sentence))
    )


def people_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """A person in a sentence: one of these names (a title such as 'Dr' left off), or any
    name after a title ('Ms Ashdown', 'DC Sarah Linton')."""
    titles = {h.lower() for h in _HONORIFICS}
    bare = {" ".join(w for w in n.split() if w.lower().rstrip(".") not in titles) for n in names}
    known = "|".join(re.escape(n) for n in sorted(bare, key=len, reverse=True) if n)
    titled = rf"\b(?:{'|'.join(_HONORIFICS)})\.? [A-Z][a-z]+"
    return re.compile(rf"\b(?:{known})\b|{titled}" if known else titled)
