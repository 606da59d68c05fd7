"""The app's own tables (audit log, saved conversations) through SQLAlchemy Core: SQLite files
by default, or one PostgreSQL database shared by several app servers (CASEBRIEF_DATABASE_URL).

SQLite keeps one persistent connection per file and process, in WAL mode with
synchronous=FULL, so a committed row is on disk before the call returns; writers take the
file's write lock (BEGIN IMMEDIATE). PostgreSQL commits durably by default. Migrations are
numbered steps applied once, all or none, recorded by name in `_migrations`."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool, StaticPool

Migration = Callable[[Connection], None]
IMMEDIATE = "casebrief_immediate"


class DatabaseUnreadable(RuntimeError):
    """The file or server cannot be used as a database (corrupt, not a database, down)."""


class Migrations(list[Migration]):
    """Steps in order; `@steps.add` registers one. A step's name is its id in `_migrations`, so
    names are unique across every store that may share one database."""

    def add(self, step: Migration) -> Migration:
        self.append(step)
        return step


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi: sqlite3.Connection, _record: object) -> None:
        dbapi.isolation_level = None  # SQLAlchemy's BEGIN below, not the driver's
        dbapi.execute("PRAGMA busy_timeout = 30000")
        dbapi.execute("PRAGMA journal_mode = WAL")
        dbapi.execute("PRAGMA synchronous = FULL")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(IMMEDIATE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


class Database:
    """One SQLAlchemy engine for one URL. For SQLite the one connection is shared by the
    process's threads under a lock and reopened if the file was replaced underneath it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.dialect = make_url(url).get_backend_name()
        self.path = sqlite_path(url)
        self._lock = threading.RLock()
        self._identity: tuple[int, int] | None = None
        self.engine = self._engine()

    def _engine(self) -> Engine:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(
                self.url,
                poolclass=StaticPool,
                connect_args={"check_same_thread": False, "timeout": 30},
            )
            _sqlite_events(engine)
            return engine
        return create_engine(self.url, pool_pre_ping=True, pool_size=2, max_overflow=4)

    def where(self) -> str:
        return where(self.url)

    def _same_file(self) -> None:
        """A file replaced (or deleted) while this process held it open is opened afresh, so
        writes never go on into a file nobody can see any more."""
        if self.path is None:
            return
        try:
            stat = os.stat(self.path)
            identity: tuple[int, int] | None = (stat.st_dev, stat.st_ino)
        except FileNotFoundError:
            identity = None
        if identity != self._identity:
            self.engine.dispose()
            self.engine = self._engine()
            self._identity = identity

    @contextmanager
    def transaction(self, lock: str | None = None) -> Iterator[Connection]:
        """One write transaction; `lock` names a table PostgreSQL locks against other writers
        (SQLite's BEGIN IMMEDIATE already locks the file)."""
        with self._lock:
            self._same_file()
            with self._errors(), self.engine.connect() as connection:
                connection = connection.execution_options(**{IMMEDIATE: True})
                with connection.begin():
                    if lock and self.dialect == "postgresql":
                        connection.execute(text(f"LOCK TABLE {lock} IN EXCLUSIVE MODE"))
                    yield connection
            if self.path is not None and self._identity is None:
                self._identity = _identity(self.path)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._lock:
            self._same_file()
            with self._errors(), self.engine.connect() as connection, connection.begin():
                yield connection

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except (SQLAlchemyError, sqlite3.DatabaseError) as error:
            raise DatabaseUnreadable(f"{self.where()}: {_reason(error)}") from error

    def has_table(self, name: str) -> bool:
        with self.reading() as connection:
            if self.dialect == "sqlite":
                found = connection.execute(
                    text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"),
                    {"n": name},
                ).first()
            else:
                found = connection.execute(text("SELECT to_regclass(:n)"), {"n": name}).scalar()
            return bool(found)

    def migrate(self, steps: Migrations) -> None:
        """Apply the steps not yet applied, all or none; concurrent servers wait for each other."""
        with self.transaction() as connection:
            if self.dialect == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
            connection.execute(
                text("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY)")
            )
            done = {row[0] for row in connection.execute(text("SELECT name FROM _migrations"))}
            for step in steps:
                if step.__name__ not in done:
                    step(connection)
                    connection.execute(
                        text("INSERT INTO _migrations (name) VALUES (:n)"), {"n": step.__name__}
                    )

    def migrations_done(self) -> list[str]:
        with self.reading() as connection:
            return [row[0] for row in connection.execute(text("SELECT name FROM _migrations"))]

    def close(self) -> None:
        self.engine.dispose()


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for a database server."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)


def where(url: str) -> str:
    """The file, or the URL without its password, for messages."""
    path = sqlite_path(url)
    return str(path) if path is not None else make_url(url).render_as_string(hide_password=True)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino


def _reason(error: BaseException) -> str:
    original: Any = getattr(error, "orig", None) or error
    return str(original).splitlines()[0] if str(original) else type(original).__name__


def read_only(url: str) -> Engine:
    """An engine for `audit verify`: no pool, no PRAGMAs, nothing migrated (the caller checks
    first that a SQLite file exists, so opening it creates nothing)."""
    return create_engine(url, poolclass=NullPool)


_DATABASES: dict[str, Database] = {}
_LOCK = threading.Lock()


def database(url: str) -> Database:
    """The process's one Database for a URL."""
    with _LOCK:
        if url not in _DATABASES:
            _DATABASES[url] = Database(url)
        return _DATABASES[url]


def is_open(path: Path) -> bool:
    """Whether this process keeps a connection to this SQLite file."""
    with _LOCK:
        return any(db.path == path for db in _DATABASES.values())


def close_all() -> None:
    """Close every connection this process holds (tests, shutdown)."""
    with _LOCK:
        for db in _DATABASES.values():
            db.close()
        _DATABASES.clear()
