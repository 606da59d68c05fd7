"""Own gold questions that are near-copies of the classifier's training examples (cosine of
their embeddings >= NEAR): a score on them shows memory, not understanding, so the report
gives the scores without them too."""

from __future__ import annotations

import numpy as np
import yaml

from bot.understand.vocabulary import FAST_LOADER, TRAINING_DATA
from eval.evaluate import GoldQuestion
from ingest.embedder import Embedder

NEAR = 0.8


def training_questions() -> list[str]:
    questions: list[str] = []
    for path in sorted(TRAINING_DATA.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER)
        questions += [item["q"] for item in data["examples"]]
    return questions


def near_copies(gold: list[GoldQuestion], embedder: Embedder) -> dict[str, float]:
    """Gold id -> its highest cosine to a training example, for those at or above NEAR."""
    examples = np.asarray(embedder.embed(training_questions()))
    asked = np.asarray(embedder.embed([g.question for g in gold]))
    closest = (asked @ examples.T).max(axis=1)
    return {g.id: float(c) for g, c in zip(gold, closest, strict=True) if c >= NEAR}
