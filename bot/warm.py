"""A case version's caches built on a thread of their own when the version is first opened, so
its first questions do not pay for them (the passage index's sentence vectors take ~1 s for a
case of 40 passages)."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from bot.records import Records

log = logging.getLogger(__name__)
REMEMBERED = 4096  # versions remembered as warmed (names only) before the memory is cleared


class CaseWarmer:
    """`soon(records)`: `warm(records)` on the warmer's one daemon thread, once a version.

    A daemon thread: a command that answers one question and exits never waits for it. What it
    builds is what a question would build (the same caches, by the same code), so an answer
    is the same whether or not the warm has finished; a question that needs a part being built
    waits for it (a passage index's parts are built under their own locks) or builds it too.
    A failure (a version replaced or dropped meanwhile, a store gone) is logged and dropped:
    the next question builds what it needs as before."""

    def __init__(self, warm: Callable[[Records], None]) -> None:
        self._warm = warm
        self._queue: queue.SimpleQueue[Records] = queue.SimpleQueue()
        self._seen: set[str] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._idle = threading.Event()
        self._idle.set()

    def soon(self, records: Records) -> None:
        key = records.version.collection
        with self._lock:
            if key in self._seen:
                return
            if len(self._seen) >= REMEMBERED:
                self._seen.clear()
            self._seen.add(key)
            self._idle.clear()
            self._queue.put(records)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="casebrief-warm-case", daemon=True
                )
                self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Until every version asked for is warmed (tests, benchmarks); False on timeout."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        while True:
            records = self._queue.get()
            try:
                self._warm(records)
            except Exception:  # noqa: BLE001 - a cache left unbuilt is built by the question
                log.debug("warming %s failed", records.version.collection, exc_info=True)
            with self._lock:
                if self._queue.empty():
                    self._idle.set()
