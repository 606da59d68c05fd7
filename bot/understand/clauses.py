"""A question's parts: 'when was he last seen and was he seen alone?' asks two things.

A part starts after '?', ';', '+' or 'and'/'also'/'plus' when what follows begins like a
question of its own (a wh-word, an auxiliary verb, an imperative). Parts of fewer than three
words ('and why') stay with the part before them. A comparison ('this year compared with last
year') is two parts: the second asks the first's question of its own time (split_comparison).
"""

from __future__ import annotations

import re

from bot.understand.periods import is_past_verb

_STARTS = (
    r"when|who|whom|whose|what|whats|what's|where|which|how|why|is|are|was|were|has|have|had|"
    r"did|does|do|can|could|will|would|should|any|anything|list|show|give|tell|confirm|check|"
    r"were|whats|who's|when's|where's|how's"
)
_SPLIT = re.compile(
    rf"(?:\?+\s*|;\s*|\s\+\s*|,?\s+(?:and|also|plus|&|then|and then)\s+(?:also\s+)?|,\s+)"
    rf"(?=(?:{_STARTS})\b)",
    re.I,
)
# A full stop ends a sentence after a word of three or more letters ('Dr. Patel' does not).
# after a question mark (kept: 'DV history?' asks, though no question word opens it) or a
# full stop
_QUESTION_BREAK = re.compile(r"(?:(?<=\?)|(?<=[a-z]{3})(?<!Mrs)\.)\s+(?=\S)", re.I)
MIN_WORDS = 3


_SETTING = re.compile(
    r"^(?:in|on|at|from|for|during|regarding|re|about|as for|according to)\b"
    rf"(?!.*\b(?:{_STARTS})\b)",
    re.I,
)


def _is_statement(sentence: str) -> bool:
    """'Mum's emailed asking for a new worker.', 'I want to ask about his attendance': a
    sentence that asks nothing (no question word or verb first, no '?', no 'can you ...')."""
    return not (
        sentence.rstrip().endswith("?")
        or re.match(rf"^\W*(?:{_STARTS})\b", sentence, re.I)
        or _ASKING.search(sentence)
    )


def _with_statements_joined(sentences: list[str]) -> list[str]:
    """Sentences that only tell (the scene, the reason for asking) go with the question they
    come before, or else the one they follow: they are never asks of their own."""
    joined: list[str] = []
    pending = ""
    for sentence in sentences:
        if _is_statement(sentence) and len(sentences) > 1:
            if pending or not joined:
                pending = f"{pending} {sentence}".strip()
            else:
                joined[-1] = f"{joined[-1].rstrip(' ?')}; {sentence}"
            continue
        joined.append(f"{pending}. {sentence}" if pending else sentence)
        pending = ""
    if pending:
        joined.append(pending)
    return joined


def split_clauses(question: str) -> list[str]:
    """The parts of a question, in order; at least one. A leading phrase that only sets the
    scene ('in the ICPC minutes, when was ...') belongs to the part after it."""
    parts: list[str] = []
    setting = ""
    for sentence in _with_statements_joined(_QUESTION_BREAK.split(question)):
        pieces = [p.strip(" ,;+?") for p in _SPLIT.split(sentence)]
        pieces = [p for p in pieces if p]
        for n, piece in enumerate(pieces):
            if setting:
                piece, setting = f"{setting}, {piece}", ""
            elif n == 0 and len(pieces) > 1 and _SETTING.match(piece):
                setting = piece  # 'in the ICPC minutes, when was ...'
                continue
            if parts and len(_without_told(piece).split()) < MIN_WORDS:
                parts[-1] = f"{parts[-1]} and {piece}"
            else:
                parts.append(piece)
    if setting:
        parts.append(setting)
    if len(parts) > 1 and len(parts[0].split()) < MIN_WORDS:
        parts[1] = f"{parts[0]} {parts[1]}"
        parts.pop(0)
    return parts or [question.strip()]


_COMPARED = re.compile(
    r"^(?P<first>.+?)\s*,?\s+(?:compared (?:with|to)|as against|versus|vs\.?)\s+"
    r"(?P<second>[^,;?]+?)\s*\??$",
    re.I,
)
COMPARED_MAX_WORDS = 5  # 'last year', 'the year before', 'the same time in 2025'


def split_comparison(part: str) -> tuple[str, str] | None:
    """'how many times has he gone missing this year compared with last year' -> the question
    and 'last year', which asks it again of another time; None when the part compares
    nothing or compares things longer than a time phrase."""
    match = _COMPARED.match(part)
    if not match or len(match.group("second").split()) > COMPARED_MAX_WORDS:
        return None
    return match.group("first").strip(), match.group("second").strip()


# What a long, rambling part actually asks comes after words like these: 'so I need to know
# which health visitor he had'; the scene before them is context.
_ASKING = re.compile(
    r"\b(?:i(?: need| want| would like|'d like| have) to (?:know|find out|check|confirm)|"
    r"i need|i'm trying to (?:find out|work out)|can you (?:tell me|list|give me|show me|"
    r"confirm|check|pull|find)|could you (?:tell me|list|give me|show me|confirm|check|pull|"
    r"find)|please (?:tell me|list|give me|confirm|check)|tell me|let me know)\b",
    re.I,
)
LONG_PART = 14  # words: a part this long may ramble before it asks


# '..., before I chase the notes', '... so I can decide whether to visit': the speaker's own
# plans, said after the question
_PURPOSE = re.compile(
    r"[,;]?\s+(?:before|so that|so|as|because|until|then|and then)\s+(?:i|we)(?:'ll|'m|'d)?"
    r"\s+(?P<verb>[a-z']+).*$",
    re.I,
)


_SCENE_BREAK = re.compile(r"\s*,\s*|\s+[-\u2013\u2014:]\s+")


def split_scene(part: str) -> tuple[str, str] | None:
    """'going out tomorrow, who else is involved?' -> ('going out tomorrow', 'who else is
    involved?'): a first piece, up to a comma or dash, that asks nothing, before a piece that
    asks; None when the part does not open so."""
    match = _SCENE_BREAK.search(part)
    if match is None:
        return None
    head, tail = part[: match.start()].strip(), part[match.end() :].strip()
    if not head or len(tail.split()) < MIN_WORDS or not _is_statement(head) or _is_statement(tail):
        return None
    return head, tail


def _without_told(part: str) -> str:
    """'DV history; need it for a referral' (a sentence that only tells, joined to the
    question before it): the question, without why it is asked."""
    asked, told, tail = part.rpartition("; ")
    return asked if told and asked.strip() and _is_statement(tail) else part


def asking_part(part: str) -> str:
    """What a part asks: without the speaker's plans said after it, and, in a long part, the
    words after the last 'I need to know', 'can you tell me' ... when they are a question of
    their own."""
    if (asked := _without_told(part)) != part:
        return asking_part(asked)
    matches = list(_ASKING.finditer(part)) if len(part.split()) >= LONG_PART else []
    rest = part[matches[-1].end() :].strip(" ,:;-") if matches else part
    part = rest if len(rest.split()) >= MIN_WORDS else part
    plan = _PURPOSE.search(part)
    if plan is None or is_past_verb(plan.group("verb").lower()):
        return part  # 'what happened before I took over': a time, not a plan
    bare = part[: plan.start()]
    return bare if len(bare.split()) >= MIN_WORDS else part


# 'On which dates did the conferences sit, and ...': a question opening with a preposition
_PREPOSITION = re.compile(r"^\W*(?:in|on|at|from|for|during|regarding|re|about|as for)\b", re.I)


def _only_tells(part: str) -> bool:
    """The part's last sentence asks nothing in any of its pieces ("mum's latest email - is
    the case closed?" asks) and opens with no preposition ('on which dates did ...')."""
    last = _QUESTION_BREAK.split(part)[-1]
    pieces = re.split(r"\s+[-\u2013\u2014:]\s+|;\s*", last)
    return not _PREPOSITION.match(last) and all(_is_statement(p) for p in pieces if p.strip())


def statements_forward(parts: list[str]) -> list[str]:
    """A part that only tells ('I'm looking at how hard it was to get in; for 2015
    specifically, can you list ...': split before 'can you') goes with the part after it.
    (Applied to questions, not to the labelled examples the classifier learns from.)"""
    joined: list[str] = []
    pending = ""
    for n, part in enumerate(parts):
        if n < len(parts) - 1 and _only_tells(part):
            pending = f"{pending}, {part}" if pending else part
            continue
        joined.append(f"{pending}, {part}" if pending else part)
        pending = ""
    return joined


def after_statement(part: str) -> str:
    """What a part joined by `statements_forward` asks: the words after the statement it
    begins with ('I'm looking at how hard it was to get in; for 2015, can you list ...' ->
    'can you list ...'); the part itself when it begins with no statement."""
    match = _SPLIT.search(part)
    if match is None:
        return part
    if not _only_tells(part[: match.start()]):
        return part  # 'in the ICPC minutes, when was ...': the scene is read with it
    rest = part[match.end() :]
    return rest if len(rest.split()) >= MIN_WORDS else part


def begins_as_question(part: str) -> bool:
    """'What did the social worker find ...': the part opens as a question of its own."""
    return bool(re.match(rf"^\W*(?:{_STARTS})\b", part, re.I))
