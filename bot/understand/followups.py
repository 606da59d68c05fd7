"""Follow-ups read over the previous Request: 'and before that?', 'who had it before her?',
'what about the others?', 'which of those were dental?', 'since when?'."""

from __future__ import annotations

import datetime as dt
import re

from bot.records import Records, record_day
from bot.request import Ask
from bot.types import Period
from bot.understand.vocabulary import EARLIEST_WORDS, LATEST_WORDS, SEQUENCE_WORDS

_FOLLOW_UP = re.compile(
    r"^\s*(and|but|also|so|ok(ay)?|what about|how about|same for|what of|and what about|"
    r"since when|those|these|them|of (those|them|these)|which of (those|them|these)|only|just|"
    r"any of (those|them|these)|what if|if)\b",
    re.I,
)
_THOSE = re.compile(r"\b(of (those|them|these)|those|these ones|these)\b", re.I)
_RELATIVE = re.compile(
    r"\b(before|after|since|prior to)\s+(that|then|this|her|him|them|it|those|these|they did)\b"
    # 'what happened after?', 'where did she go afterwards': the preposition with its object
    # left off, at the end of the part
    r"|\b(before|after)(?:wards?|hand)?\s*[?.!]*\s*$",
    re.I,
)
SHORT = 5  # words: a short question after another is read against it


def is_follow_up(question: str, previous: Ask | None) -> bool:
    if previous is None:
        return False
    return bool(_FOLLOW_UP.search(question) or _RELATIVE.search(question)) or (
        len(question.split()) <= SHORT
        and bool(
            re.search(
                r"\b(it|that|those|them|him|her|he|she|they|their|one|ones|the (?:"
                + "|".join((*LATEST_WORDS, *EARLIEST_WORDS, *SEQUENCE_WORDS))
                + r"))\b",
                question,
                re.I,
            )
            or _THERE.search(question)
        )
    )


# 'were the kids there?', 'was he seen then?': the place or time of the previous answer (not
# the 'there' of 'is there a dog?', 'there was a visit')
_THERE = re.compile(
    r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )"
    r"\b(there|then)\b(?!\s+(?:is|are|was|were|has|have|had|will|would|be|been|any|a|an)\b)",
    re.I,
)


def asks_since_when(question: str) -> bool:
    """'since when?': when the previous answer's records began."""
    return bool(re.match(r"^\W*(and\s+)?since when\b", question, re.I))


_OWN_QUESTION = re.compile(
    r"^\W*(?:(?:and|but|so|also|ok|okay)\s+)?(?!(?:what|how)\s+about\b)"
    r"(?:when|why|who|whose|where|which|what|how|is|are|was|were|did|does|do|has|have|had|"
    r"can|could|will|would)\b",
    re.I,
)


def asks_own_question(clause: str) -> bool:
    """'when did that close and why?' is a question of its own about the same thing; 'and
    ellis?', 'what about the baby', 'and before that?' repeat the previous one."""
    return bool(_OWN_QUESTION.match(clause))


# 'which were WNB?', 'which ones did she miss?': 'which' with no noun of its own picks among
# the records just answered
_WHICH_OF_THEM = re.compile(
    r"^\W*(?:and|so|ok(?:ay)?)?\W*which(?:\s+ones?)?\s+"
    r"(?:were|was|are|is|did|do|does|have|has|had|got)\b",
    re.I,
)


def narrows_previous(question: str) -> bool:
    """'which of those were dental?', 'what was decided at the second one?': only the previous
    answer's records."""
    return bool(_THOSE.search(question) or _WHICH_OF_THEM.search(question) or ordinal_of(question))


_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
_ORDINAL = re.compile(
    r"\bthe\s+(?:(?P<word>" + "|".join(_ORDINALS) + r")|(?P<number>[1-8])(?:st|nd|rd|th))"
    r"(?=\s+(?:one|time|of\s+(?:them|those|these))\b|\s*[?.!]*\s*$)",
    re.I,
)


def ordinal_of(question: str) -> int | None:
    """'the second one', 'the 3rd time', 'the first of them', '... at the second?': which
    of the records just answered, counted from the earliest (1 is the first)."""
    match = _ORDINAL.search(question)
    if match is None:
        return None
    if match.group("word"):
        return _ORDINALS.index(match.group("word").lower()) + 1
    return int(match.group("number"))


def nth_of(previous_ids: tuple[str, ...], nth: int, records: Records | None) -> tuple[str, ...]:
    """The nth of the previous answer's dated records in date order (all of them when it
    has fewer)."""
    dated = sorted(
        (
            (day, place, i)
            for place, i in enumerate(previous_ids)
            if (day := record_day(records, i))
        ),
    )
    return (dated[nth - 1][2],) if 0 < nth <= len(dated) else previous_ids


def relative_period(
    question: str,
    previous_ids: tuple[str, ...],
    records: Records | None,
    previous_shape: str | None = None,
) -> Period | None:
    """'before that' ends the day before the previous answer's earliest record; 'after that'
    starts the day after its latest. An answer of one record of several ('last seen alone on
    12 Jun') is that record: the latest of them, or the earliest."""
    match = _RELATIVE.search(question)
    if not match:
        return None
    if previous_shape in ("latest", "earliest"):
        dated = [(d, i) for i in previous_ids if (d := record_day(records, i))]
        if dated:
            one = max(dated) if previous_shape == "latest" else min(dated)
            previous_ids = (one[1],)
    return anchored_period(relative_word(question) or "after", previous_ids, records, match.group())


def relative_word(question: str) -> str | None:
    """'before' for 'before that' and 'prior to that'; 'after'; 'since'; None when the question
    is not timed against what came before."""
    match = _RELATIVE.search(question)
    if not match:
        return None
    word = (match.group(1) or match.group(3)).lower()
    return "before" if word == "prior to" else word


def anchored_period(
    word: str, anchor_ids: tuple[str, ...], records: Records | None, span: str
) -> Period | None:
    """The period before the earliest of the anchor records' days, or after (or since) the
    latest of them; None when none of them is dated."""
    days = sorted(d for d in (record_day(records, i) for i in anchor_ids) if d)
    if not days:
        return None
    if word == "before":
        end = days[0] - dt.timedelta(days=1)
        return Period(end=end, label=f"before {days[0]:%d %b %Y}".replace(" 0", " "), span=span)
    start = days[-1] + dt.timedelta(days=0 if word == "since" else 1)
    return Period(start=start, label=f"after {days[-1]:%d %b %Y}".replace(" 0", " "), span=span)


def inherit(ask: Ask, previous: Ask, own: set[str]) -> Ask:
    """Whatever the follow-up does not say itself (`own` names the fields it does say) is taken
    from the previous ask."""
    carried = {
        name: getattr(previous, name)
        for name in (
            "members",
            "professionals",
            "agency_or_role",
            "role_terms",
            "within_agency",
            "said",
            "event_types",
            "outcomes",
            "outcome_group",
            "source_types",
            "period",
            "current_only",
            "learning_kind",
            "topic",
        )
        if name not in own
    }
    if "period" in own:
        carried.pop("current_only", None)
        carried["current_only"] = False
    return ask.model_copy(update=carried)
