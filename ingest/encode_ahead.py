"""Encode the next cases of an ingest on worker threads while the one before is written.

Writing a case (Chroma's add, its snapshot file, the registry switch) costs ~10 % of a first
ingest beside the encoder; ONNX Runtime and torch release the GIL while they compute, so the
next cases' new texts are drafted (`Store.draft_from`: what the live version lends) and encoded
on worker threads meanwhile. AHEAD cases run ahead at most (started, not yet handed out), in
the order given, and what runs ahead writes nothing: a failure of case N leaves the encoding
after it to finish and be dropped, so the store is as a case-by-case ingest would leave it.

Two cases in flight keep the encoder fed end to end: while case N waits for its batches, case
N+1 is drafted and tokenised and its batches queue behind N's in the embedder's streams (first
in, first out; ingest/onnx_model.py), so no stream waits between two cases for a draft, a
tokenisation or the last batch of a case. (One case ahead left ~2 s of an 8-case ingest with no
batch running and ~3 s with one.) Drafts are made in order, one after the other.

Texts repeat across the cases of one ingest (appointment rows, "No access visit recorded"): the
worker keeps the vectors it encoded, by text hash, for the cases after (the last `memo` texts
used, least recently used out first), so each distinct text is encoded once an ingest. A text
of a case still being encoded is kept as a promise of that case's vector (`_Pending`), taken
when the later case is handed out (the earlier one is done by then: cases are written in
order). ONNX vectors do not depend on the batch a text is in, so a vector reused is the one
encoding it again would give, bit for bit.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING

import numpy as np

from ingest.entries import bundle_entries
from ingest.live import LiveVersion
from ingest.models import Bundle
from ingest.store import Draft, Store, Vector, case_key

if TYPE_CHECKING:
    from ingest.embedder import Embedder

AHEAD = 2  # cases drafted and encoding beside the one being written
ProgressFactory = Callable[[str, int], Callable[[int], None]]
Encoded = tuple[Draft, Sequence[Vector]]


@dataclass
class EncodeJob:
    """One case being drafted and encoded (or done): `result()` waits for it."""

    bundle: Bundle
    content_hash: str
    live: LiveVersion | None  # the case's live version when the ingest validated it
    future: Future[Encoded] = field(default_factory=Future)
    drafted: threading.Event = field(default_factory=threading.Event)
    started: float = field(default_factory=time.perf_counter)

    def result(self) -> Encoded:
        """The draft, its reused vectors all taken (none promised), and its new vectors."""
        draft, fresh = self.future.result()
        for text_hash, vector in draft.reusable.items():
            if isinstance(vector, _Pending):
                draft.reusable[text_hash] = vector.get()
        return draft, fresh


@dataclass(frozen=True)
class _Pending:
    """A vector an earlier case of this ingest is encoding: row `row` of its new vectors."""

    job: EncodeJob
    row: int

    def get(self) -> Vector:
        return self.job.future.result()[1][self.row]


class EncodeAhead:
    """Cases added in order; `next()` returns the oldest job and starts the ones after it."""

    def __init__(
        self,
        store: Store,
        embedder: Callable[[], Embedder],
        progress: ProgressFactory | None = None,
        memo: int = 0,
    ) -> None:
        self._store = store
        self._embedder = embedder  # called on a worker: a failure is the case's own
        self._progress = progress
        self._pool = ThreadPoolExecutor(max_workers=AHEAD, thread_name_prefix="casebrief-encode")
        self._waiting: deque[EncodeJob] = deque()
        self._running: deque[EncodeJob] = deque()  # started, not yet handed out, in order
        self._last: EncodeJob | None = None  # the last job started: the next drafts after it
        self._memo: OrderedDict[str, Vector | _Pending] = OrderedDict()
        self._memo_lock = threading.Lock()
        self._memo_size = memo
        self._stopped = False

    def add(self, bundle: Bundle, content_hash: str, live: LiveVersion | None = None) -> None:
        """A case to write; `live`: its live version (the ingest holds the case's lock)."""
        self._waiting.append(EncodeJob(bundle, content_hash, live))
        self._fill()

    def next(self) -> EncodeJob | None:
        job = self._running.popleft() if self._running else None
        self._fill()
        return job

    def waiting(self) -> list[str]:
        """The case ids not yet returned by `next()`, in order."""
        return [job.bundle.case.case_id for job in (*self._running, *self._waiting)]

    def stop(self) -> None:
        """Start nothing more; wait for what runs (it writes nothing) and drop it."""
        self._stopped = True
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _fill(self) -> None:
        while self._waiting and len(self._running) < AHEAD and not self._stopped:
            job = self._waiting.popleft()
            before, self._last = self._last, job
            self._running.append(job)
            self._pool.submit(self._run, job, before)

    def _run(self, job: EncodeJob, before: EncodeJob | None) -> None:
        if not job.future.set_running_or_notify_cancel():
            return
        try:
            job.future.set_result(self._encode(job, before))
        except BaseException as error:
            job.future.set_exception(error)
        finally:
            job.drafted.set()

    def _encode(self, job: EncodeJob, before: EncodeJob | None) -> Encoded:
        if before is not None:
            before.drafted.wait()  # drafts in order: a text the case before encodes is reused
        try:
            embedder = self._embedder()
            entries = bundle_entries(job.bundle)
            tick = None
            if self._progress:
                tick = self._progress(f"{job.bundle.case.case_id}: embedding", len(entries))
            once = embedder.batch_invariant
            key = case_key(job.bundle.case.case_id)
            with self._memo_lock:
                known = dict(self._memo) if once else None
            draft = self._store.draft_from(job.live, key, entries, known, once=once)
            if once:
                self._promise(job, draft)
        finally:
            job.drafted.set()
        if tick and len(draft.to_embed) < len(entries):
            tick(len(entries) - len(draft.to_embed))  # reused: done already
        fresh = embedder.embed_in_order(draft.texts(), tick)
        if once:
            self._remember(draft, fresh)
        return draft, fresh

    def _promise(self, job: EncodeJob, draft: Draft) -> None:
        """This case's new texts, to the cases after, as promises of its vectors."""
        if self._memo_size <= 0:
            return
        with self._memo_lock:
            for entry in draft.entries:
                if entry.text_hash in self._memo:
                    self._memo.move_to_end(entry.text_hash)
            for row, entry in enumerate(draft.to_embed):
                self._memo[entry.text_hash] = _Pending(job, row)
            while len(self._memo) > self._memo_size:
                self._memo.popitem(last=False)

    def _remember(self, draft: Draft, fresh: Sequence[Vector]) -> None:
        """The promises kept by this case's vectors (copies: not views of the case's array)."""
        if self._memo_size <= 0:
            return
        with self._memo_lock:
            for entry, vector in zip(draft.to_embed, fresh, strict=True):
                if isinstance(self._memo.get(entry.text_hash), _Pending):
                    self._memo[entry.text_hash] = np.array(vector, dtype=np.float32)

    def __enter__(self) -> EncodeAhead:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
