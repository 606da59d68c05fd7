"""A question's parts: 'when was he last seen and was he seen alone?' asks two things.

A part starts after '?', ';', '+' or 'and'/'also'/'plus' when what follows begins like a
question of its own (a wh-word, an auxiliary verb, an imperative). Parts of fewer than three
words ('and why') stay with the part before them. A comparison ('this year compared with last
year') is two parts: the second asks the first's question of its own time (split_comparison).
"""

from __future__ import annotations

import re

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
_QUESTION_BREAK = re.compile(r"(?:\?+|(?<=[a-z]{3})(?<!Mrs)\.)\s+(?=\S)", re.I)
MIN_WORDS = 3


_SETTING = re.compile(
    r"^(?:in|on|at|from|for|during|regarding|re|about|as for|according to)\b"
    rf"(?!.*\b(?:{_STARTS})\b)",
    re.I,
)


def split_clauses(question: str) -> list[str]:
    """The parts of a question, in order; at least one. A leading phrase that only sets the
    scene ('in the ICPC minutes, when was ...') belongs to the part after it."""
    parts: list[str] = []
    setting = ""
    for sentence in _QUESTION_BREAK.split(question):
        for piece in _SPLIT.split(sentence):
            piece = piece.strip(" ,;+?")
            if not piece:
                continue
            if setting:
                piece, setting = f"{setting}, {piece}", ""
            elif _SETTING.match(piece) and not piece.endswith("?"):
                setting = piece
                continue
            if parts and len(piece.split()) < MIN_WORDS:
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
