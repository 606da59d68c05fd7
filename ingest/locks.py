"""One ingest of a case at a time: a lock file per case (or the learning corpus)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from filelock import FileLock, Timeout


class IngestBusy(Exception):
    """Another ingest of the same case still holds its lock."""

    def __init__(self, key: str, lock_file: Path, waited_s: float) -> None:
        self.key = key
        self.lock_file = lock_file
        name = key.partition(":")[2] or key
        super().__init__(
            f"ingest of {name} already running (it holds {lock_file}); waited {waited_s:g} s. "
            "Try again when it has finished, or wait longer with CASEBRIEF_INGEST_LOCK_WAIT_S."
        )


def lock_file(folder: Path, key: str) -> Path:
    """'case:FAM-0042' -> FOLDER/case-FAM-0042.lock (case ids hold no path characters); a long
    id is cut and made unique with a hash, as file names hold 255 bytes."""
    name = key.replace(":", "-")
    if len(name) > 100:
        name = f"{name[:80]}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"
    return folder / f"{name}.lock"


@contextmanager
def ingest_locks(keys: Iterable[str], folder: Path, wait_s: float) -> Iterator[None]:
    """Hold the lock of every key (taken in sorted order, so two ingests never deadlock)."""
    folder.mkdir(parents=True, exist_ok=True)
    with ExitStack() as held:
        for key in sorted(set(keys)):
            path = lock_file(folder, key)
            try:
                held.enter_context(FileLock(path, timeout=wait_s).acquire())
            except Timeout:
                raise IngestBusy(key, path, wait_s) from None
        yield
