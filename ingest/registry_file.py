"""A copy of an embedded store's registry in one JSON file, read without importing chromadb.

`casebrief cases` needs only the registry; importing chromadb costs more than the whole listing
should. So every switch of the registry in an embedded store (publish, forget) rewrites
`registry.json` in the store folder, under one file lock, in this order: remove the copy,
switch Chroma's registry, write the copy again from Chroma's rows (a temporary file renamed
over the old, so a reader sees the whole file or none). A reader therefore finds either no
copy, and reads Chroma, or a copy of what Chroma's registry says. The copy carries Chroma's
generation token. `current()` trusts the copy only when that token is the one in Chroma's own
SQLite file (one row, read with the standard library: ~1 ms), so a copy left behind by a writer
that does not keep it is never believed; if Chroma's tables ever differ, the read fails and the
listing goes through Chroma. A reader through Chroma (`Store.all_live`) rewrites a copy that
is missing or stale. A Chroma server keeps no copy (its registry may change from elsewhere)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

from filelock import FileLock
from pydantic import BaseModel, ValidationError

from ingest.live import LiveVersion

NAME = "registry.json"
REGISTRY = "cb-registry"  # Chroma's registry collection and its generation row (ingest/store.py)
GENERATION = "generation"
# CROSS JOIN fixes SQLite's join order (each step by an index): left to its planner, which has
# no statistics, it scanned every metadata row of the store (70 ms at 300 cases, not 1 ms).
_TOKEN = """SELECT m.string_value FROM collections c
    CROSS JOIN segments s CROSS JOIN embeddings e CROSS JOIN embedding_metadata m
    WHERE c.name = ? AND s.collection = c.id AND e.segment_id = s.id AND e.embedding_id = ?
    AND m.id = e.id AND m.key = 'token'"""


class RegistryCopy(BaseModel):
    """What the file holds: the generation token and every live row, by key."""

    token: str
    rows: list[LiveVersion]

    def of_kind(self, kind: str) -> list[LiveVersion]:
        return [row for row in self.rows if row.key.partition(":")[0] == kind]


def chroma_mode(folder: Path) -> int:
    """The permission bits of the store's Chroma database (owner only if there is none yet):
    what this module and ingest/snapshot.py write holds the same records."""
    try:
        return (folder / "chroma.sqlite3").stat().st_mode & 0o777
    except OSError:
        return 0o600


def path_in(folder: Path) -> Path:
    return folder / NAME


def lock(folder: Path) -> FileLock:
    """Held while the registry and its copy change together (and while a copy is rebuilt)."""
    (folder / "locks").mkdir(parents=True, exist_ok=True)
    return FileLock(folder / "locks" / "registry.lock", timeout=120)


def read(folder: Path) -> RegistryCopy | None:
    """The copy, or None when there is none (or it cannot be read: then Chroma is asked)."""
    try:
        return RegistryCopy.model_validate_json(path_in(folder).read_bytes())
    except (OSError, ValueError, ValidationError):
        return None


# A token read is kept while Chroma's files are as they were when it was read (inode, size,
# modification time of the database and its write-ahead log). As git does for its index, a
# file changed less than SETTLED seconds before the read is not trusted to show its next change
# (file times are coarse), so its token is read again every time until it has settled.
SETTLED = 2.0
_TOKENS: dict[Path, tuple[tuple[tuple[int, int, int], ...], str | None]] = {}
_TOKENS_LOCK = threading.Lock()


def _signature(database: Path) -> tuple[tuple[int, int, int], ...] | None:
    """The database's and its log's (inode, size, mtime); None if one changed just now."""
    found: list[tuple[int, int, int]] = []
    for path in (database, database.with_name(database.name + "-wal")):
        try:
            status = path.stat()
        except FileNotFoundError:
            found.append((0, 0, 0))
            continue
        if time.time() - status.st_mtime < SETTLED:
            return None
        found.append((status.st_ino, status.st_size, status.st_mtime_ns))
    return tuple(found)


def chroma_token(folder: Path) -> str | None:
    """The generation token in Chroma's SQLite file, read only; None if it cannot be read.
    Read again only when Chroma's files changed (a stat of two files, not a query)."""
    database = folder / "chroma.sqlite3"
    if not database.is_file():
        return None
    signature = _signature(database)
    with _TOKENS_LOCK:
        held = _TOKENS.get(folder)
    if signature is not None and held is not None and held[0] == signature:
        return held[1]
    token = _read_token(database)
    if signature is not None and signature == _signature(database):  # unchanged while read
        with _TOKENS_LOCK:
            _TOKENS[folder] = (signature, token)
    return token


def _read_token(database: Path) -> str | None:
    try:
        with contextlib.closing(
            sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        ) as connection:
            rows = connection.execute(_TOKEN, (REGISTRY, GENERATION)).fetchall()
    except sqlite3.Error:
        return None
    return str(rows[0][0]) if len(rows) == 1 and rows[0][0] else None


def current(folder: Path) -> RegistryCopy | None:
    """The copy, if there is one and it is of the registry Chroma has now; else None."""
    copy = read(folder)
    if copy is None or chroma_token(folder) != copy.token:
        return None
    return copy


def remove(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path_in(folder).unlink()


def write(folder: Path, copy: RegistryCopy) -> None:
    """Atomically: a reader sees the old file, no file, or this one, never part of one."""
    data = copy.model_dump_json().encode()
    handle, temporary = tempfile.mkstemp(prefix=".registry-", suffix=".tmp", dir=folder)
    try:
        os.fchmod(handle, chroma_mode(folder))
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path_in(folder))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
