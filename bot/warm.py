"""A case version's caches built on a thread of their own when the version is first opened, so
its first questions do not pay for them (the passage index's sentence vectors take ~1 s for a
case of 40 passages). For a server (the app starts it): a command that answers one question
and exits has nothing to gain and would wait for the warm at exit."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from bot.records import Records

log = logging.getLogger(__name__)
REMEMBERED = 4096  # versions remembered as warmed (names only) before the memory is cleared


class CaseWarmer:
    """`soon(records)`: once `start`ed, `warm(records)` on the warmer's one thread, once a
    version; before, nothing.

    What it builds is what a question would build (the same caches, by the same code), so an
    answer is the same whether or not the warm has finished; a question that needs a part being
    built waits for it (a passage index's parts are built under their own locks) or builds it
    too. A failure (a version replaced or dropped meanwhile, a store gone) is logged and
    dropped: the next question builds what it needs as before. The thread is a pool's, joined
    at exit after the warm under way (a daemon thread killed inside ONNX Runtime aborts the
    process)."""

    def __init__(self, warm: Callable[[Records], None]) -> None:
        self._warm = warm
        self._seen: set[str] = set()
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []

    def start(self) -> None:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(1, thread_name_prefix="casebrief-warm-case")

    def soon(self, records: Records) -> None:
        key = records.version.collection
        with self._lock:
            if self._pool is None or key in self._seen:
                return
            if len(self._seen) >= REMEMBERED:
                self._seen.clear()
            self._seen.add(key)
            self._pending = [f for f in self._pending if not f.done()]
            self._pending.append(self._pool.submit(self._run, records))

    def wait(self, timeout: float | None = None) -> bool:
        """Until every version asked for so far is warmed (tests, benchmarks); False on
        timeout."""
        with self._lock:
            pending = list(self._pending)
        for future in pending:
            try:
                future.result(timeout)
            except TimeoutError:
                return False
        return True

    def _run(self, records: Records) -> None:
        try:
            self._warm(records)
        except Exception:  # noqa: BLE001 - a cache left unbuilt is built by the question
            log.debug("warming %s failed", records.version.collection, exc_info=True)
