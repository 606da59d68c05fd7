"""A small SQLite file of the app's own (audit log, saved conversations): connections that
wait for a busy writer, and numbered migrations applied once, in one transaction."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

Migration = Callable[[sqlite3.Connection], None]


class Migrations(list[Migration]):
    """Steps in order; `@steps.add` registers one. A step's name is its id in `_migrations`."""

    def add(self, step: Migration) -> Migration:
        self.append(step)
        return step


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        yield db
    finally:
        db.close()


def migrate(db: sqlite3.Connection, steps: Migrations) -> None:
    """Apply the steps not yet applied, all or none."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY)")
        done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
        for step in steps:
            if step.__name__ not in done:
                step(db)
                db.execute("INSERT INTO _migrations VALUES (?)", (step.__name__,))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


class SqliteFile:
    """A store in one SQLite file: its folder made, its migrations applied on opening."""

    migrations: Migrations

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            migrate(db, self.migrations)

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return connect(self.path)
