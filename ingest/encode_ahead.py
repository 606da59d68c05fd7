"""Encode the next case of an ingest on a worker thread while the one before is written.

Writing a case (Chroma's add, its snapshot file, the registry switch) costs ~10 % of a first
ingest beside the encoder; ONNX Runtime and torch release the GIL while they compute, so the
next case's new texts are drafted (`Store.draft`: what the live version lends) and encoded on
one worker thread meanwhile. One case runs ahead at most (memory holds two cases' vectors), in
the order given, and what runs ahead writes nothing: a failure of case N leaves case N+1's
encoding to finish and be dropped, so the store is as a case-by-case ingest would leave it.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING

from ingest.entries import Entry, bundle_entries
from ingest.models import Bundle
from ingest.store import Draft, Store, case_key

if TYPE_CHECKING:
    from ingest.embedder import Embedder

ProgressFactory = Callable[[str, int], Callable[[int], None]]
Encoded = tuple[Draft, list[list[float]]]


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
    ) -> None:
        self._store = store
        self._embedder = embedder  # called on the worker: a failure is the case's own
        self._progress = progress
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="casebrief-encode")
        self._waiting: deque[tuple[Bundle, str]] = deque()
        self._running: EncodeJob | None = None

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
        draft = self._store.draft(key, entries)
        return draft, self._embedder().embed_in_order(draft.texts(), tick)

    def __enter__(self) -> EncodeAhead:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
