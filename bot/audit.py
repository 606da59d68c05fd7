"""The audit trail: an append-only log of who read or changed what (never record text).

Each entry carries an HMAC-SHA256 over its number, the MAC before it and its contents, with a
key kept outside the store; the newest entry's number and MAC are published to a head file
outside the store on every append (`bot/audit_anchor.py`). So an entry edited, deleted,
renumbered or recomputed, entries cut from the end, and a log truncated, replaced or emptied
are all detected, by `verify` and, before writing, by every append (which then refuses).

The entries, their MACs and `verify` are in `bot/audit_chain.py`; this module writes the log.
`record(settings, ...)` is the one call other packages need."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, text

from bot.audit_anchor import (
    GENESIS,
    AuditError,
    AuditNotSetUp,
    AuditTampered,
    Head,
    HeadFile,
    create_key_file,
    load_key,
    outside_store,
)
from bot.audit_chain import (
    COLUMNS,
    AuditEntry,
    chain_problems,
    entry_from_row,
    head_problem,
    legacy_problems,
    verify,
)
from bot.database import Database, DatabaseUnreadable, Migrations, database
from config.settings import Settings

__all__ = ["AuditEntry", "AuditError", "AuditLog", "AuditNotSetUp", "AuditTampered", "record"]

MIGRATIONS = Migrations()
migration = MIGRATIONS.add
REFUSED = " Nothing more is written until an admin checks it (`casebrief audit verify`)."


@migration
def m001_create_audit(db: Connection) -> None:
    db.execute(
        text(
            """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            "user" TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            case_id TEXT,
            intent TEXT,
            record_ids TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )"""
        )
    )


@migration
def m002_index_case_user(db: Connection) -> None:
    db.execute(text("CREATE INDEX audit_case ON audit (case_id)"))
    db.execute(text('CREATE INDEX audit_user ON audit ("user")'))


@migration
def m003_head(db: Connection) -> None:
    """Kept so older logs migrate in order; the head now lives outside the store (m004)."""
    db.execute(text("CREATE TABLE head (one INTEGER PRIMARY KEY, id INTEGER, hash TEXT)"))


@migration
def m004_head_outside_the_store(db: Connection) -> None:
    db.execute(text("DROP TABLE IF EXISTS head"))


class Actor(Protocol):
    """Who did something: a signed-in user's id and role."""

    @property
    def id(self) -> str: ...

    @property
    def role(self) -> str: ...


class AuditLog:
    """One audit log (a SQLite file or the shared database) with its key and head file."""

    def __init__(self, settings: Settings) -> None:
        outside_store(settings)
        self.key = load_key(settings)
        self.head = HeadFile(settings.audit_head_path(), self.key)
        self.url = settings.audit_url()
        self.db: Database = database(self.url)
        self.where = self.db.where()
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None  # (device, inode) of the file last checked
        try:
            head = self.head.read()
            self._check_store(head)
            if head is not None and head.entries:
                self._check_end()
        except AuditTampered as error:
            raise AuditTampered(f"{error}{REFUSED}") from None
        try:
            self.db.migrate(MIGRATIONS)
        except DatabaseUnreadable as error:
            raise AuditError(f"Audit log {error}") from None

    @property
    def path(self) -> Path | None:
        """The SQLite file; None for a shared database."""
        return self.db.path

    def _check_store(self, head: Head | None) -> None:
        """Before touching the store: a log the head says has entries must still be there.
        The same SQLite file as last time (device and inode) still has its table: a file put
        in its place is a new inode, and a table dropped inside it fails the append (which then
        checks again from the start)."""
        if head is None or head.entries == 0:
            return
        path = self.db.path
        if path is not None and not path.exists():
            raise AuditTampered(
                f"Audit log {path} is missing; the head file says it had {head.entries} entries."
            )
        status = path.stat() if path is not None else None
        if status is not None and status.st_size == 0:
            raise AuditTampered(
                f"Audit log {path} is empty (0 bytes); the head file says it had "
                f"{head.entries} entries: truncated."
            )
        if status is not None and self._seen == (status.st_dev, status.st_ino):
            return
        self._seen = None
        try:
            exists = self.db.has_table("audit")
        except DatabaseUnreadable as error:
            raise AuditError(f"Audit log {error}") from None
        if not exists:
            raise AuditTampered(
                f"Audit log {self.where} has no audit table; the head file says it had "
                f"{head.entries} entries: replaced."
            )
        if status is not None:
            self._seen = (status.st_dev, status.st_ino)

    def _check_end(self) -> None:
        """The newest entry is the one the head names (under the write lock, so an append by
        another process cannot come between reading the two)."""
        try:
            with self.db.transaction(lock="audit") as db:
                head = self.head.read()
                last = db.execute(
                    text("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
                ).first()
        except DatabaseUnreadable as error:
            raise AuditError(f"Audit log {error}") from None
        if head is not None and head.entries:
            where, last_id = self.where, last[0] if last else 0
            problem = head_problem(where, last_id, last[1] if last else GENESIS, head)
            if problem:
                raise AuditTampered(problem)

    def note(
        self,
        user: Actor,
        action: str,
        *,
        case_id: str | None = None,
        intent: str | None = None,
        record_ids: Sequence[str] = (),
        detail: str = "",
    ) -> AuditEntry:
        """Append what a signed-in user did (their id and role), durably, or raise."""
        return self.append(
            AuditEntry(
                user=user.id,
                role=user.role,
                action=action,
                case_id=case_id,
                intent=intent,
                record_ids=list(record_ids),
                detail=detail,
            )
        )

    def append(self, entry: AuditEntry) -> AuditEntry:
        """Write one entry durably, or raise: never an answer without its entry."""
        with self._lock:
            before: list[Head | None] = []
            try:
                self._check_store(self.head.read())
                with self.db.transaction(lock="audit") as db:
                    head = self.head.read()  # again, now that no other writer can append
                    before.append(head)
                    stored, flushed = self._append(db, entry, head)
                # The COMMIT has flushed the entry (synchronous=FULL) while the head's own
                # thread flushed the head: both are on disk before the answer is returned.
                self._flushed(flushed)
            except AuditTampered as error:
                raise AuditTampered(f"{error}{REFUSED}") from None
            except DatabaseUnreadable as error:
                if before:
                    self.head.restore(before[0])  # as it was before this entry
                self._seen = None
                try:
                    self._check_store(self.head.read())  # say what became of the log, if known
                except AuditTampered as tampered:
                    raise AuditTampered(f"{tampered}{REFUSED}") from None
                raise AuditError(f"Audit log {error}") from None
        return stored

    def _flushed(self, flushed: Future[None]) -> None:
        try:
            flushed.result()
        except OSError as error:
            raise AuditError(
                f"Audit head file {self.head.path} could not be flushed to disk: {error}."
            ) from None

    def _append(
        self, db: Connection, entry: AuditEntry, head: Head | None
    ) -> tuple[AuditEntry, Future[None]]:
        last = db.execute(text("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")).first()
        last_id, last_mac = (last[0], last[1]) if last else (0, GENESIS)
        if head is None and last_id:
            raise AuditNotSetUp(
                f"Audit log {self.where} has {last_id} entries but no head file "
                f"({self.head.path}): run `casebrief audit init`."
            )
        if head is not None:
            problem = head_problem(self.where, last_id, last_mac, head)
            if problem:
                raise AuditTampered(problem)
        number = last_id + 1
        stored = entry.model_copy(
            update={
                "id": number,
                "prev_hash": last_mac,
                "hash": entry.mac(self.key, number, last_mac),
            }
        )
        db.execute(
            text(
                f"INSERT INTO audit ({COLUMNS}) VALUES (:id, :at, :user, :role, :action, "
                ":case_id, :intent, :record_ids, :detail, :prev_hash, :hash)"
            ),
            {**stored.model_dump(), "record_ids": json.dumps(stored.record_ids)},
        )
        # written before COMMIT, while no other writer can append; flushed beside the COMMIT
        _, flushed = self.head.put(number, stored.hash)
        return stored, flushed

    def entries(
        self, *, case_id: str | None = None, user: str | None = None, since: str | None = None
    ) -> list[AuditEntry]:
        query = f"SELECT {COLUMNS} FROM audit WHERE 1=1"
        params: dict[str, str] = {}
        for column, name, value, op in (
            ("case_id", "case_id", case_id, "="),
            ('"user"', "user", user, "="),
            ("at", "since", since, ">="),
        ):
            if value is not None:
                query += f" AND {column} {op} :{name}"
                params[name] = value
        try:
            with self.db.reading() as db:
                rows = db.execute(text(query + " ORDER BY id"), params).mappings().all()
        except DatabaseUnreadable as error:
            raise AuditError(f"Audit log {error}") from None
        return [entry_from_row(row) for row in rows]

    def verify(self) -> list[str]:
        return verify(self.url, self.db.path, self.key, self.head, self.where)

    def seal(self, restart: bool = False) -> str:
        """`casebrief audit init` on an existing log: publish its head (if it has none), after
        checking every entry. A log of the unkeyed era is re-chained with the key if its sha256
        chain holds. `restart` re-anchors a log whose MACs hold but whose head does not."""
        with self._lock, self.db.transaction(lock="audit") as db:
            rows = db.execute(text(f"SELECT {COLUMNS} FROM audit ORDER BY id")).mappings().all()
            entries = [entry_from_row(row) for row in rows]
            head = self.head.read()
            if head is not None and not restart:
                problem = head_problem(
                    self.where, len(entries), entries[-1].hash if entries else GENESIS, head
                )
                if problem:
                    raise AuditTampered(problem)
                return f"Audit log already set up: {len(entries)} entries, head {self.head.path}."
            if entries and chain_problems(entries, self.key):
                legacy = legacy_problems(entries)
                if legacy or restart:
                    raise AuditTampered(
                        f"Audit log {self.where}: "
                        + (legacy or chain_problems(entries, self.key))[0]
                        + "; not sealed."
                    )
                previous = GENESIS
                for entry in entries:
                    assert entry.id is not None
                    mac = entry.mac(self.key, entry.id, previous)
                    db.execute(
                        text("UPDATE audit SET prev_hash = :p, hash = :h WHERE id = :i"),
                        {"p": previous, "h": mac, "i": entry.id},
                    )
                    previous = mac
                self.head.write(len(entries), previous)
                return f"Sealed {len(entries)} earlier entries with the audit key."
            last = entries[-1].hash if entries else GENESIS
            self.head.write(len(entries), last)
            return f"Audit log set up: {len(entries)} entries, head {self.head.path}."


_LOGS: dict[tuple[str, str, str], AuditLog] = {}
_LOGS_LOCK = threading.Lock()


def first_use(settings: Settings) -> bool:
    """No key, no head and no log yet: a new embedded store, set up as `audit init` would.
    A log or head without its key is never set up again (that would hide a deleted key)."""
    return (
        settings.audit_key is None
        and settings.database_url is None
        and not settings.audit_key_path().exists()
        and not settings.audit_head_path().exists()
        and not settings.audit_file().exists()
    )


def open_log(settings: Settings) -> AuditLog:
    """The process's AuditLog for these settings (one connection, opened and migrated once).
    On a new embedded store the key is made on first use, so `casebrief ingest` then `ask`
    work from a fresh clone; a shared database needs `casebrief audit init`."""
    if first_use(settings):
        with contextlib.suppress(FileExistsError):  # another process made it first
            create_key_file(settings.audit_key_path())
    key = (settings.audit_url(), str(settings.audit_head_path()), load_key(settings).id)
    with _LOGS_LOCK:
        if key not in _LOGS:
            _LOGS[key] = AuditLog(settings)
        return _LOGS[key]


def forget_logs() -> None:
    with _LOGS_LOCK:
        _LOGS.clear()


def record(
    settings: Settings,
    *,
    user: str,
    role: str,
    action: str,
    case_id: str | None = None,
    record_ids: Sequence[str] = (),
    intent: str | None = None,
    detail: str = "",
) -> AuditEntry:
    """Append one entry to the audit log of these settings; raises AuditError if it cannot."""
    return open_log(settings).append(
        AuditEntry(
            user=user,
            role=role,
            action=action,
            case_id=case_id,
            intent=intent,
            record_ids=list(record_ids),
            detail=detail,
        )
    )
