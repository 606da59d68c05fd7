"""Encode the next case of an ingest on a worker thread while the one before is written.

Writing a case (Chroma's add, its snapshot file, the registry switch) costs ~10 % of a first
ingest beside the encoder; ONNX Runtime and torch release the GIL while they compute, so the
next case's new texts are drafted (`Store.draft`: what the live version lends) and encoded on
one worker thread meanwhile. One case runs ahead at most (memory holds two cases' vectors), in
the order given, and what runs ahead writes nothing: a failure of case N leaves case N+1's
encoding to finish and be dropped, so the store is as a case-by-case ingest would leave it.

Texts repeat across the cases of one ingest (appointment rows, "No access visit recorded"): the
worker keeps the vectors it encoded, by text hash, for the cases after (the last `memo` texts
used, least recently used out first), so each distinct text is encoded once an ingest. ONNX
vectors do not depend on the batch a text is in, so a vector reused is the one encoding it again
would give, bit for bit.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING

import numpy as np

from ingest.entries import Entry, bundle_entries
from ingest.models import Bundle
from ingest.store import Draft, Store, Vector, case_key

if TYPE_CHECKING:
    from ingest.embedder import Embedder

ProgressFactory = Callable[[str, int], Callable[[int], None]]
Encoded = tuple[Draft, Sequence[Vector]]


@dataclass
class EncodeJob:
    """One case being drafted and encoded (or done): `result()` waits for it."""

    bundle: Bundle
    content_hash: str
    future: Future[Encoded]
    started: float = field(default_factory=time.perf_counter)

    def result(self) -> Encoded:
        return self.future.result()


class EncodeAhead:
    """Cases added in order; `next()` returns the oldest job and starts the one after it."""

    def __init__(
        self,
        store: Store,
        embedder: Callable[[], Embedder],
        progress: ProgressFactory | None = None,
        memo: int = 0,
    ) -> None:
        self._store = store
        self._embedder = embedder  # called on the worker: a failure is the case's own
        self._progress = progress
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="casebrief-encode")
        self._waiting: deque[tuple[Bundle, str]] = deque()
        self._running: EncodeJob | None = None
        self._memo: OrderedDict[str, Vector] = OrderedDict()  # worker thread only
        self._memo_size = memo

    def add(self, bundle: Bundle, content_hash: str) -> None:
        self._waiting.append((bundle, content_hash))
        if self._running is None:
            self._running = self._start()

    def next(self) -> EncodeJob | None:
        job = self._running
        self._running = self._start()
        return job

    def waiting(self) -> list[str]:
        """The case ids not yet returned by `next()`, in order."""
        ahead = [self._running.bundle.case.case_id] if self._running else []
        return ahead + [bundle.case.case_id for bundle, _ in self._waiting]

    def stop(self) -> None:
        """Start nothing more; wait for what runs (it writes nothing) and drop it."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _start(self) -> EncodeJob | None:
        if not self._waiting:
            return None
        bundle, content_hash = self._waiting.popleft()
        entries = bundle_entries(bundle)
        tick = None
        if self._progress:
            tick = self._progress(f"{bundle.case.case_id}: embedding", len(entries))
        key = case_key(bundle.case.case_id)
        return EncodeJob(bundle, content_hash, self._pool.submit(self._encode, key, entries, tick))

    def _encode(
        self, key: str, entries: list[Entry], tick: Callable[[int], None] | None
    ) -> Encoded:
        embedder = self._embedder()
        once = embedder.batch_invariant
        draft = self._store.draft(key, entries, self._memo if once else None, once=once)
        if tick and len(draft.to_embed) < len(entries):
            tick(len(entries) - len(draft.to_embed))  # reused: done already
        fresh = embedder.embed_in_order(draft.texts(), tick)
        if once:
            self._remember(draft, fresh)
        return draft, fresh

    def _remember(self, draft: Draft, fresh: Sequence[Vector]) -> None:
        if self._memo_size <= 0:
            return
        for entry in draft.entries:
            if entry.text_hash in self._memo:
                self._memo.move_to_end(entry.text_hash)
        for entry, vector in zip(draft.to_embed, fresh, strict=True):
            self._memo[entry.text_hash] = np.array(vector, dtype=np.float32)  # not a view
        while len(self._memo) > self._memo_size:
            self._memo.popitem(last=False)

    def __enter__(self) -> EncodeAhead:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
