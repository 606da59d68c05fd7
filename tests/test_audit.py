"""The audit log: append-only, HMAC-chained, numbered migrations, one WAL connection per
process, safe under concurrent writers; `audit init` sets it up and seals an older log."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy.pool import StaticPool
from typer.testing import CliRunner

from bot.audit import MIGRATIONS, AuditEntry, AuditLog, open_log, record
from bot.cli import app
from config.settings import Settings, load_settings
from tests.conftest import ROOT


def _settings(tmp_path: Path) -> Settings:
    return load_settings(audit_path=tmp_path / "audit.sqlite3")


def _log(tmp_path: Path) -> AuditLog:
    log = open_log(_settings(tmp_path))
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


def test_migrations_run_once_and_in_order(tmp_path: Path):
    log = _log(tmp_path)
    assert log.db.migrations_done() == [step.__name__ for step in MIGRATIONS]
    assert AuditLog(_settings(tmp_path)).verify() == []


def test_one_wal_connection_per_process_with_full_sync(tmp_path: Path):
    settings = _settings(tmp_path)
    record(settings, user="pat", role="practitioner", action="read")
    log = open_log(settings)
    assert open_log(settings) is log
    with log.db.reading() as db:
        assert db.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert db.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    assert isinstance(log.db.engine.pool, StaticPool)  # one connection, kept open
    with sqlite3.connect(log.path) as other:  # durable: another connection sees it at once
        assert other.execute("SELECT COUNT(*) FROM audit").fetchone() == (1,)


def test_an_append_flushes_its_head_in_place_before_it_returns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The head is one sector overwritten in place: one fdatasync of it an entry (beside the
    COMMIT's), done before the append returns; no new file, no rename."""
    settings = _settings(tmp_path)
    record(settings, user="pat", role="practitioner", action="read")
    head = settings.audit_head_path()
    inode = head.stat().st_ino
    flushed: list[str] = []
    fdatasync = os.fdatasync

    def watched(descriptor: int) -> None:
        fdatasync(descriptor)
        flushed.append(os.readlink(f"/proc/self/fd/{descriptor}"))

    monkeypatch.setattr(os, "fdatasync", watched)
    entry = open_log(settings).append(AuditEntry(user="pat", role="practitioner", action="read"))
    assert flushed == [str(head.resolve())]
    assert (head.stat().st_ino, head.stat().st_size) == (inode, 512)
    assert json.loads(head.read_text())["entries"] == entry.id == 2
    assert open_log(settings).verify() == []


APPENDER = """
import sys
from config.settings import load_settings
from bot.audit import record
settings = load_settings(audit_path=sys.argv[1])
for n in range(25):
    record(settings, user=sys.argv[2], role="practitioner", action="read", detail=str(n))
"""


def test_concurrent_writers_keep_one_chain(tmp_path: Path):
    """Two processes and four threads append at once: 150 entries, one intact chain."""
    settings = _settings(tmp_path)
    record(settings, user="first", role="admin", action="read")
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", APPENDER, str(settings.audit_file()), f"proc{n}"], cwd=ROOT
        )
        for n in range(2)
    ]

    def threaded(name: str) -> None:
        for n in range(25):
            record(settings, user=name, role="chair", action="read", detail=str(n))

    threads = [threading.Thread(target=threaded, args=(f"thread{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    log = open_log(settings)
    assert len(log.entries()) == 151
    assert log.verify() == []


def test_audit_init_creates_the_key_and_is_safe_to_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("CASEBRIEF_AUDIT_KEY")
    key = tmp_path / "keys" / "audit.key"
    monkeypatch.setenv("CASEBRIEF_AUDIT_KEY_FILE", str(key))
    runner = CliRunner()
    first = runner.invoke(app, ["audit", "init"])
    assert first.exit_code == 0, first.output
    head = load_settings().audit_head_path()
    assert first.stdout == (
        f"Created the audit key {key} (owner only). Audit log set up: 0 entries, head {head}.\n"
    )
    assert key.stat().st_mode & 0o777 == 0o600
    assert runner.invoke(app, ["cases"]).exit_code == 0
    again = runner.invoke(app, ["audit", "init"])
    assert again.stdout == f"Audit log already set up: 1 entries, head {head}.\n"


def test_audit_init_seals_a_log_of_the_unkeyed_era(tmp_path: Path):
    """A log written before the key (sha256 chain, head row) is re-chained once, if intact."""
    path = tmp_path / "store" / "audit.sqlite3"
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY)")
        for step in MIGRATIONS[:3]:
            db.execute("INSERT INTO _migrations VALUES (?)", (step.__name__,))
        db.execute(
            "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, "
            "role TEXT NOT NULL, action TEXT NOT NULL, case_id TEXT, intent TEXT, record_ids "
            "TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"
        )
        db.execute("CREATE TABLE head (one INTEGER PRIMARY KEY, id INTEGER, hash TEXT)")
        previous = "genesis"
        for n in (1, 2):
            entry = AuditEntry(
                user="pat", role="practitioner", action="question", at=f"2018-01-0{n}"
            )
            digest = hashlib.sha256(f"{previous}|{entry.payload()}".encode()).hexdigest()
            db.execute(
                "INSERT INTO audit VALUES (?, ?, 'pat', 'practitioner', 'question', NULL, NULL, "
                "?, '', ?, ?)",
                (n, entry.at, json.dumps([]), previous, digest),
            )
            previous = digest
    runner = CliRunner()
    refused = runner.invoke(app, ["cases"])
    assert refused.exit_code == 5
    assert refused.stderr.splitlines()[-1] == (
        f"Audit log {path} has 2 entries but no head file "
        f"({load_settings().audit_head_path()}): run `casebrief audit init`."
    )
    sealed = runner.invoke(app, ["audit", "init"])
    assert sealed.stdout == "Sealed 2 earlier entries with the audit key.\n"
    verified = runner.invoke(app, ["audit", "verify"])
    assert verified.exit_code == 0
    assert verified.stdout == "Audit log intact: 2 entries.\n"


def test_a_new_store_sets_its_audit_key_up_on_first_use_but_a_lost_key_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A fresh clone: `ingest` then `ask` with no `audit init` first (as the dev set's README
    runs it). Once the log exists, a deleted key is never quietly replaced."""
    monkeypatch.delenv("CASEBRIEF_AUDIT_KEY")
    key = tmp_path / "keys" / "audit.key"
    monkeypatch.setenv("CASEBRIEF_AUDIT_KEY_FILE", str(key))
    runner = CliRunner()
    first = runner.invoke(app, ["cases"])
    assert first.exit_code == 0, first.output
    assert key.exists()
    key.unlink()
    again = runner.invoke(app, ["cases"])
    assert again.exit_code == 5
    assert again.stderr.splitlines()[-1] == (
        f"No audit key: {key} does not exist. Run `casebrief audit init` (or set "
        "CASEBRIEF_AUDIT_KEY)."
    )
