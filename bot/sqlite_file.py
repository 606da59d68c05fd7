"""A small SQLite file of the app's own (audit log, saved conversations): connections that
wait for a busy writer, and numbered migrations applied once, in one transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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
