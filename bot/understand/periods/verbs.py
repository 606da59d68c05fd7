"""Verbs of a clause: past verbs (the speaker's past, not a plan) and gerunds with their subject
('them moving to Calverdale')."""

from __future__ import annotations

from bot.understand.periods.index import _Index
from bot.understand.periods.words import (
    _AUX,
    _DETERMINERS,
    _GERUND_SUBJECTS,
    _IRREGULAR_PAST,
    _KEEP_ING,
    _PRESENT,
)


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
