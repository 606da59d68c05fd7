"""The learning passages that discuss each pattern: the pattern's description (our own words,
prompts/patterns.yaml) searched by meaning and words over the ingested learning corpus, the
best sentence of each passage quoted. Nothing decides from them; they are cited beside the
case records."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

import prompts
from bot.patterns.model import PATTERN_KEYS, PatternKey
from bot.search import PassageIndex
from bot.tools.passages import is_evidence

PER_PATTERN = 2  # passages linked to a pattern
MIN_DENSE = 0.35  # cosine of a passage to the pattern's description
NEAR_BEST = 0.12  # a second passage must be about as close as the best
CANDIDATES = 10  # passages ranked by words and meaning, then by meaning alone


class LinkedPassage(BaseModel):
    model_config = ConfigDict(frozen=True)

    pattern: PatternKey
    passage_id: str
    source: str
    quote: str
    similarity: float


PatternLinks = dict[str, list[LinkedPassage]]


def description(pattern: PatternKey) -> str:
    return str(prompts.load("patterns.yaml")["descriptions"][pattern])


def _source(passage_title: str | None, file: str, heading: str | None) -> str:
    where = heading.split(" > ")[-1] if heading else ""
    return (passage_title or file) + (f", {where}" if where else "")


def link_pattern(index: PassageIndex, pattern: PatternKey) -> list[LinkedPassage]:
    text = description(pattern)
    close = sorted(
        (h for h in index.search(text, k=CANDIDATES) if is_evidence(h) and h.dense >= MIN_DENSE),
        key=lambda h: -h.dense,
    )
    hits = [h for h in close if h.dense >= close[0].dense - NEAR_BEST][:PER_PATTERN]
    found = []
    for hit in hits:
        quotes = index.quotes(text, [hit], limit=1)
        if not quotes:
            continue
        passage = hit.passage
        found.append(
            LinkedPassage(
                pattern=pattern,
                passage_id=passage.id,
                source=_source(passage.title, passage.file, passage.heading),
                quote=quotes[0].sentence,
                similarity=round(hit.dense, 3),
            )
        )
    return found


def link_learning(index: PassageIndex | None) -> PatternLinks:
    """Every pattern's linked passages (none without a learning corpus)."""
    if index is None or not index.passages:
        return {}
    return {pattern: link_pattern(index, pattern) for pattern in PATTERN_KEYS}
