"""The audit trail: an append-only, hash-chained SQLite log in the store. Never record text."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3

from pydantic import BaseModel, Field

from bot.sqlite_file import Migrations, SqliteFile

MIGRATIONS = Migrations()
migration = MIGRATIONS.add


@migration
def m001_create_audit(db: sqlite3.Connection) -> None:
    db.execute(
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user TEXT NOT NULL,
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


@migration
def m002_index_case_user(db: sqlite3.Connection) -> None:
    db.execute("CREATE INDEX audit_case ON audit (case_id)")
    db.execute("CREATE INDEX audit_user ON audit (user)")


@migration
def m003_head(db: sqlite3.Connection) -> None:
    """The newest entry's id and hash, so removing entries from the end is detected too."""
    db.execute("CREATE TABLE head (one INTEGER PRIMARY KEY CHECK (one = 1), id INTEGER, hash TEXT)")


class AuditEntry(BaseModel):
    id: int | None = None
    at: str = Field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    user: str
    role: str
    action: str = Field(description="question, export, denied, login, ingest, forget")
    case_id: str | None = None
    intent: str | None = None
    record_ids: list[str] = Field(default_factory=list)
    detail: str = ""
    prev_hash: str = ""
    hash: str = ""

    def digest(self, prev_hash: str) -> str:
        body = self.model_dump(exclude={"id", "prev_hash", "hash"})
        payload = json.dumps(body, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(f"{prev_hash}|{payload}".encode()).hexdigest()


class AuditLog(SqliteFile):
    migrations = MIGRATIONS

    def append(self, entry: AuditEntry) -> AuditEntry:
        with self._lock, self._connect() as db:
            db.execute("BEGIN IMMEDIATE")  # one writer at a time keeps the chain linear
            try:
                row = db.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
                prev_hash = row[0] if row else "genesis"
                stored = entry.model_copy(
                    update={"prev_hash": prev_hash, "hash": entry.digest(prev_hash)}
                )
                cursor = db.execute(
                    "INSERT INTO audit (at, user, role, action, case_id, intent, record_ids, "
                    "detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        stored.at,
                        stored.user,
                        stored.role,
                        stored.action,
                        stored.case_id,
                        stored.intent,
                        json.dumps(stored.record_ids),
                        stored.detail,
                        stored.prev_hash,
                        stored.hash,
                    ),
                )
                db.execute(
                    "INSERT OR REPLACE INTO head (one, id, hash) VALUES (1, ?, ?)",
                    (cursor.lastrowid, stored.hash),
                )
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise
        return stored.model_copy(update={"id": cursor.lastrowid})

    def entries(
        self, *, case_id: str | None = None, user: str | None = None, since: str | None = None
    ) -> list[AuditEntry]:
        query = "SELECT * FROM audit WHERE 1=1"
        params: list[str] = []
        for column, value, op in (
            ("case_id", case_id, "="),
            ("user", user, "="),
            ("at", since, ">="),
        ):
            if value is not None:
                query += f" AND {column} {op} ?"
                params.append(value)
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            rows = db.execute(query + " ORDER BY id", params).fetchall()
        return [_entry(row) for row in rows]

    def verify(self) -> list[str]:
        """Problems with the chain: an edited, deleted or reordered entry breaks it."""
        problems: list[str] = []
        previous = "genesis"
        expected_id = 1
        for entry in self.entries():
            if entry.id != expected_id:
                problems.append(f"entry {expected_id}: missing (deleted?)")
            if entry.prev_hash != previous:
                problems.append(f"entry {entry.id}: does not follow the entry before it")
            if entry.digest(entry.prev_hash) != entry.hash:
                problems.append(f"entry {entry.id}: contents changed after it was written")
            previous = entry.hash
            expected_id = (entry.id or 0) + 1
        with self._connect() as db:
            head = db.execute("SELECT id, hash FROM head").fetchone()
        if head is not None and (head[0] != expected_id - 1 or head[1] != previous):
            problems.append(f"entries after {expected_id - 1} are missing (deleted from the end?)")
        return problems


def _entry(row: sqlite3.Row) -> AuditEntry:
    data = dict(row)
    data["record_ids"] = json.loads(data["record_ids"])
    return AuditEntry.model_validate(data)
