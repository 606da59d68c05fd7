"""The shared database (CASEBRIEF_DATABASE_URL) against a real PostgreSQL started by the tests:
the audit log and saved conversations with their numbered migrations, two app servers and
concurrent writers on one chain, and tampering found as on SQLite."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from bot.audit import MIGRATIONS as AUDIT_MIGRATIONS
from bot.audit import REFUSED, open_log, record
from bot.cli import app
from bot.conversations import MIGRATIONS as CONVERSATION_MIGRATIONS
from bot.conversations import ConversationStore, Exchange
from bot.users_db import MIGRATIONS as USER_MIGRATIONS
from bot.users_db import DatabaseUsers
from config.settings import load_settings
from tests.conftest import ROOT

MAC = (
    "its MAC does not match its contents (edited, renumbered, or recomputed without the audit key)"
)


def _sql(url: str, *statements: str) -> None:
    engine = create_engine(url)
    with engine.begin() as db:
        for statement in statements:
            db.execute(text(statement))
    engine.dispose()


APPENDER = """
import sys
from config.settings import load_settings
from bot.audit import record
settings = load_settings(store=sys.argv[1])
for n in range(20):
    record(settings, user=sys.argv[2], role="practitioner", action="read", detail=str(n))
"""


def test_two_app_servers_and_their_threads_share_one_audit_chain(database_url: str, tmp_path: Path):
    """Two server processes (each its own store folder) and three threads append at once."""
    record(load_settings(), user="first", role="admin", action="read")
    servers = [
        subprocess.Popen(
            [sys.executable, "-c", APPENDER, str(tmp_path / f"s{n}"), f"srv{n}"], cwd=ROOT
        )
        for n in range(2)
    ]

    def threaded(name: str) -> None:
        for n in range(20):
            record(load_settings(), user=name, role="chair", action="read", detail=str(n))

    threads = [threading.Thread(target=threaded, args=(f"thread{n}",)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [s.wait(timeout=120) for s in servers] == [0, 0]
    log = open_log(load_settings())
    assert len(log.entries()) == 101
    assert {e.user for e in log.entries()} == {
        "first",
        "srv0",
        "srv1",
        "thread0",
        "thread1",
        "thread2",
    }
    verified = CliRunner().invoke(app, ["audit", "verify"])
    assert (verified.exit_code, verified.stdout) == (0, "Audit log intact: 101 entries.\n")
    assert not (tmp_path / "s0" / "audit.sqlite3").exists()  # nothing went to a local file


def test_numbered_migrations_run_once_for_both_stores(database_url: str):
    open_log(load_settings())
    ConversationStore(load_settings().conversations_url())
    ConversationStore(load_settings().conversations_url())  # again: nothing to do
    DatabaseUsers(database_url)
    engine = create_engine(database_url)
    with engine.connect() as db:
        names = [row[0] for row in db.execute(text("SELECT name FROM _migrations"))]
    engine.dispose()
    assert sorted(names) == sorted(
        [s.__name__ for s in AUDIT_MIGRATIONS]
        + [s.__name__ for s in CONVERSATION_MIGRATIONS]
        + [s.__name__ for s in USER_MIGRATIONS]
    )


def test_saved_conversations_live_in_the_shared_database(database_url: str):
    store = ConversationStore(load_settings().conversations_url())
    store.append("pat", "FAM-T1", Exchange(question="who is the HV?", error="x"))
    store.append("pat", "FAM-T1", Exchange(question="and the GP?", notice="n"))
    store.append("sam", "FAM-T2", Exchange(question="who?", error="y"))
    other_server = ConversationStore(load_settings(store="elsewhere").conversations_url())
    assert [e.question for e in other_server.exchanges("pat", "FAM-T1")] == [
        "who is the HV?",
        "and the GP?",
    ]
    store.clear("pat", "FAM-T1")
    assert store.exchanges("pat", "FAM-T1") == []
    forgot = CliRunner().invoke(app, ["forget", "FAM-T2"])
    assert forgot.exit_code == 1  # no such case in the index, but its conversations go too
    assert store.exchanges("sam", "FAM-T2") == []


ATTACKS = {
    "truncate the table": (
        ["TRUNCATE audit"],
        "Audit log {where} has no entries; the head file says it had 4: truncated or replaced.",
    ),
    "drop the table": (
        ["DROP TABLE audit"],
        "Audit log {where} has no audit table; the head file says it had 4 entries: replaced.",
    ),
    "delete the newest": (
        ["DELETE FROM audit WHERE id = 4"],
        "Entry 4 missing: the head file says the newest is 4, the log ends at 3 (deleted from "
        "the end).",
    ),
    "rewrite the newest": (
        ["UPDATE audit SET detail = 'nothing to see' WHERE id = 4"],
        f"entry 4: {MAC}",
    ),
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_tampering_in_the_shared_database_is_detected(database_url: str, name: str):
    settings = load_settings()
    for n in range(4):
        record(settings, user="pat", role="practitioner", action="question", detail=str(n))
    statements, expected = ATTACKS[name]
    _sql(database_url, *statements)
    line = expected.format(where=database_url)
    verified = CliRunner().invoke(app, ["audit", "verify"])
    assert verified.exit_code == 1
    assert verified.stderr.splitlines()[1] == line
    if name == "rewrite the newest":
        return  # the end's MAC changed too: the head check names entry 4 as well
    refused = CliRunner().invoke(app, ["cases"])
    assert (refused.exit_code, refused.stderr.splitlines()[-1]) == (5, line + REFUSED)
