"""The audit log: append-only, hash-chained, numbered migrations; tampering is detected."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.audit import MIGRATIONS, AuditEntry, AuditLog


def _log(tmp_path: Path) -> AuditLog:
    log = AuditLog(tmp_path / "audit.sqlite3")
    for n in range(3):
        log.append(
            AuditEntry(
                user="pat",
                role="practitioner",
                action="question",
                case_id="FAM-T1",
                intent="appointments",
                record_ids=[f"apt-00{n}"],
            )
        )
    log.append(AuditEntry(user="sam", role="chair", action="export", case_id="FAM-T2"))
    return log


def test_entries_chain_and_filter(tmp_path: Path):
    log = _log(tmp_path)
    assert log.verify() == []
    assert [e.id for e in log.entries(case_id="FAM-T1")] == [1, 2, 3]
    assert [e.action for e in log.entries(user="sam")] == ["export"]
    assert log.entries(since="2999-01-01") == []


def test_edited_entry_is_detected(tmp_path: Path):
    log = _log(tmp_path)
    with sqlite3.connect(log.path) as db:
        db.execute("UPDATE audit SET user = 'someone-else' WHERE id = 2")
    assert log.verify() == ["entry 2: contents changed after it was written"]


def test_deleted_entry_is_detected(tmp_path: Path):
    log = _log(tmp_path)
    with sqlite3.connect(log.path) as db:
        db.execute("DELETE FROM audit WHERE id = 2")
    assert log.verify() == [
        "entry 2: missing (deleted?)",
        "entry 3: does not follow the entry before it",
    ]


def test_deleted_last_entry_is_detected(tmp_path: Path):
    log = _log(tmp_path)
    with sqlite3.connect(log.path) as db:
        db.execute("DELETE FROM audit WHERE id = 4")
    assert log.verify() == ["entries after 3 are missing (deleted from the end?)"]


def test_migrations_run_once_and_in_order(tmp_path: Path):
    _log(tmp_path)
    again = AuditLog(tmp_path / "audit.sqlite3")
    with sqlite3.connect(again.path) as db:
        names = [row[0] for row in db.execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert names == [step.__name__ for step in MIGRATIONS]
    assert again.verify() == []
