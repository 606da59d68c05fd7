"""The audit log's entries and their chain: what an entry holds and its MAC, and
`verify`, which checks a log's whole chain and its end against the head file, read
only (`bot/audit.py` writes the log; `bot/audit_anchor.py` keeps the key and head)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field
from sqlalchemy import text

from bot.audit_anchor import GENESIS, AuditKey, AuditTampered, Head, HeadFile
from bot.database import is_open, read_only

COLUMNS = 'id, at, "user", role, action, case_id, intent, record_ids, detail, prev_hash, hash'
MAX_REPORTED = 8


class AuditEntry(BaseModel):
    id: int | None = None
    at: str = Field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    user: str
    role: str
    action: str = Field(description="question, read, export, denied, login, token, ingest, forget")
    case_id: str | None = None
    intent: str | None = None
    record_ids: list[str] = Field(default_factory=list)
    detail: str = ""
    prev_hash: str = ""
    hash: str = ""

    def payload(self) -> str:
        body = self.model_dump(exclude={"id", "prev_hash", "hash"})
        return json.dumps(body, sort_keys=True, ensure_ascii=False)

    def mac(self, key: AuditKey, number: int, prev: str) -> str:
        return key.mac(f"{number}|{prev}|{self.payload()}")

    def legacy_digest(self, prev: str) -> str:
        """The unkeyed sha256 of logs written before the audit key (checked once, at init)."""
        return hashlib.sha256(f"{prev}|{self.payload()}".encode()).hexdigest()


def entry_from_row(row: object) -> AuditEntry:
    data = dict(row)  # type: ignore[call-overload]
    data["record_ids"] = json.loads(data["record_ids"])
    return AuditEntry.model_validate(data)


def _span(first: int, last: int) -> str:
    return f"entry {first}" if first == last else f"entries {first}-{last}"


def head_problem(where: str, last_id: int, last_mac: str, head: Head) -> str | None:
    if last_id < head.entries:
        if last_id == 0:
            return (
                f"Audit log {where} has no entries; the head file says it had {head.entries}: "
                "truncated or replaced."
            )
        return (
            f"{_span(last_id + 1, head.entries).capitalize()} missing: the head file says the "
            f"newest is {head.entries}, the log ends at {last_id} (deleted from the end)."
        )
    if last_id > head.entries:
        return (
            f"{_span(head.entries + 1, last_id).capitalize()} not in the head file, which ends "
            f"at {head.entries} (added without the audit key, or the head was rolled back)."
        )
    if not hmac.compare_digest(last_mac, head.mac):
        return (
            f"Entry {last_id} is not the entry the head file names (the log was replaced or its "
            "newest entry rewritten)."
        )
    return None


def chain_problems(entries: Sequence[AuditEntry], key: AuditKey) -> list[str]:
    problems: list[str] = []
    previous = GENESIS
    for expected, entry in enumerate(entries, start=1):
        if entry.id != expected:
            problems.append(f"entry {expected} is missing (the next is {entry.id}): deleted")
            break
        if entry.prev_hash != previous:
            problems.append(
                f"entry {expected} does not follow entry {expected - 1}: one was deleted, "
                "moved or renumbered"
            )
        elif not hmac.compare_digest(entry.hash, entry.mac(key, expected, previous)):
            problems.append(
                f"entry {expected}: its MAC does not match its contents (edited, renumbered, "
                "or recomputed without the audit key)"
            )
        previous = entry.hash
    return problems


def legacy_problems(entries: Sequence[AuditEntry]) -> list[str]:
    previous = GENESIS
    for expected, entry in enumerate(entries, start=1):
        if (
            entry.id != expected
            or entry.prev_hash != previous
            or entry.legacy_digest(previous) != entry.hash
        ):
            return [f"entry {expected} does not verify with the earlier unkeyed chain"]
        previous = entry.hash
    return []


def verify(
    url: str, path: Path | None, key: AuditKey, head_file: HeadFile, where: str
) -> list[str]:
    """Every problem found, one line each; never creates, migrates or repairs anything."""
    try:
        head = head_file.read()
    except AuditTampered as error:
        return [str(error)]
    if path is not None and not path.exists():
        return [f"Audit log {path} is missing" + _head_says(head) + "."]
    if path is not None and path.stat().st_size == 0:
        return [f"Audit log {path} is empty (0 bytes)" + _head_says(head) + ": truncated."]
    if path is not None and not is_open(path) and not _is_sqlite(path):
        return [f"Audit log {path} is not an SQLite database (overwritten or corrupt)."]
    engine = read_only(url)
    try:
        with engine.connect() as db:
            rows = db.execute(text(f"SELECT {COLUMNS} FROM audit ORDER BY id")).mappings().all()
    except Exception as error:  # noqa: BLE001 - any reason a store cannot be read, one line
        reason = str(getattr(error, "orig", error)).splitlines()[0]
        if "no such table" in reason or "does not exist" in reason:
            return [f"Audit log {where} has no audit table" + _head_says(head) + ": replaced."]
        return [f"Audit log {where} cannot be read: {reason}."]
    finally:
        engine.dispose()
    try:
        entries = [entry_from_row(row) for row in rows]
    except (ValueError, TypeError) as error:
        return [f"Audit log {where}: an entry cannot be read ({str(error).splitlines()[0]})."]
    problems = chain_problems(entries, key)
    if len(problems) > MAX_REPORTED:
        problems = problems[:MAX_REPORTED] + [f"... and {len(problems) - MAX_REPORTED} more"]
    if head is None:
        problems.append(
            f"No audit head file {head_file.path}: the end of the log cannot be checked "
            "(run `casebrief audit init`)."
        )
    else:
        last_id = (entries[-1].id or 0) if entries else 0
        problem = head_problem(where, last_id, entries[-1].hash if entries else GENESIS, head)
        if problem:
            problems.append(problem)
    return problems


def _is_sqlite(path: Path) -> bool:
    """Its header, read only when this process holds no SQLite connection to it: closing any
    other descriptor of the file would drop that connection's POSIX locks."""
    with open(path, "rb") as file:
        return file.read(16) == b"SQLite format 3\x00"


def _head_says(head: Head | None) -> str:
    return f"; the head file says it had {head.entries} entries" if head else ""
