"""Pick the tool(s) for a question: semantic similarity to example phrasings (prompts/router.yaml)
plus the cue words practitioners use. A question may ask two things at once."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

import prompts
from bot.types import INTENTS, Intent
from ingest.embedder import Embedder

CUE_WEIGHT = 0.25
_CLAUSE_SPLIT = re.compile(
    r"(?:\?\s*|,?\s+\band\b\s+|;\s*)(?=(?:also\s+)?(?:when|who|what|where|which|how|is|are|has|have|did|"
    r"does|do|list|show)\b)",
    re.I,
)


@dataclass(frozen=True)
class Route:
    intent: Intent
    clause: str
    score: float


class Router:
    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.config: dict = prompts.load("router.yaml")
        self.cues = {
            intent: [re.compile(c, re.I) for c in self.config[intent]["cues"]] for intent in INTENTS
        }

    @cached_property
    def _examples(self) -> tuple[np.ndarray, list[Intent]]:
        texts: list[str] = []
        labels: list[Intent] = []
        for intent in INTENTS:
            for example in self.config[intent]["examples"]:
                texts.append(example)
                labels.append(intent)
        return np.asarray(self.embedder.embed(texts)), labels

    def scores(self, clause: str, vector: np.ndarray | None = None) -> dict[Intent, float]:
        matrix, labels = self._examples
        if vector is None:
            vector = np.asarray(self.embedder.embed_one(clause))
        similarities = matrix @ vector
        scores: dict[Intent, float] = dict.fromkeys(INTENTS, -1.0)
        for label, similarity in zip(labels, similarities, strict=True):
            scores[label] = max(scores[label], float(similarity))
        for intent, cues in self.cues.items():
            if any(cue.search(clause) for cue in cues):
                scores[intent] += CUE_WEIGHT
        return scores

    def route(
        self, question: str, *, has_case: bool, mask: Callable[[str], str] = lambda q: q
    ) -> list[Route]:
        """One route per clause, in the question's order, without repeats. `mask` hides
        names and dates, so that who and when do not decide what is asked."""
        clauses = [c.strip() for c in _CLAUSE_SPLIT.split(question) if c and c.strip()]
        clauses = clauses or [question]
        masked = [mask(clause) for clause in clauses]
        vectors = [self.embedder.embed_one(clause) for clause in masked]
        routes: list[Route] = []
        for clause, hidden, vector in zip(clauses, masked, vectors, strict=True):
            scores = self.scores(hidden, np.asarray(vector))
            if not has_case:
                intent: Intent = "learning"
            else:
                intent = max(scores, key=lambda name: scores[name])
            if intent not in [r.intent for r in routes]:
                routes.append(Route(intent, clause, scores[intent]))
        return routes
