"""Attacks on the audit trail (issue 11): each tampering is found by `casebrief audit verify`
(exit 1, one line per problem), the next append is refused with the same reason (exit 5)
instead of recreating or extending the log, and nothing is changed by either. Then: every read
and every ingest outcome, failures included, is in the log."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from bot.audit import REFUSED, AuditEntry, AuditTampered, forget_logs, open_log, record
from bot.cli import app
from bot.database import close_all
from config.settings import Settings, load_settings
from tests.conftest import DATA, DEMO_TODAY, ROOT

MAC = (
    "its MAC does not match its contents (edited, renumbered, or recomputed without the audit key)"
)


@pytest.fixture
def settings(isolated_store: Path) -> Settings:
    """A log of five entries, written by a process that has since stopped."""
    settings = load_settings()
    for n in range(1, 6):
        record(
            settings,
            user="pat",
            role="practitioner",
            action="question",
            case_id="FAM-T1",
            record_ids=[f"apt-00{n}"],
        )
    forget_logs()
    close_all()
    return settings


def content(path: Path) -> object:
    """What the log holds, or its bytes when it is not a database (equal = unchanged)."""
    if not path.exists():
        return None
    raw = path.read_bytes()
    if not raw.startswith(b"SQLite format 3\x00"):
        return raw
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        rows = db.execute("SELECT * FROM audit").fetchall() if ("audit",) in tables else []
    return tables, rows


def _sql(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as db:
        for statement in statements:
            db.execute(statement)


def _rechain(path: Path) -> None:
    """What the issue's attacker did: recompute the unkeyed sha256 chain over the rows."""
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        previous = "genesis"
        for row in db.execute("SELECT * FROM audit ORDER BY id").fetchall():
            data = dict(row) | {"record_ids": json.loads(row["record_ids"])}
            entry = AuditEntry.model_validate(data)
            digest = hashlib.sha256(f"{previous}|{entry.payload()}".encode()).hexdigest()
            db.execute(
                "UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?",
                (previous, digest, row["id"]),
            )
            previous = digest


def _renumber(path: Path) -> None:
    _sql(
        path,
        "DELETE FROM audit WHERE id = 2",
        "UPDATE audit SET id = id - 1 WHERE id > 2",
    )


def _empty_database(path: Path) -> None:
    path.unlink()
    _sql(
        path,
        'CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT, "user" TEXT, role TEXT, action '
        "TEXT, case_id TEXT, intent TEXT, record_ids TEXT, detail TEXT, prev_hash TEXT, hash TEXT)",
    )


def _forge(path: Path) -> None:
    _sql(
        path,
        "INSERT INTO audit VALUES (6, '2018-07-02T00:00:00+00:00', 'ada', 'admin', 'question', "
        "'FAM-T2', NULL, '[]', '', 'x', 'y')",
    )


def _edit_head(head: Path) -> None:
    data = json.loads(head.read_text())
    head.write_text(json.dumps(data | {"entries": 3}))


ATTACKS: dict[str, tuple[Callable[[Path, Path], None], list[str]]] = {
    "delete the newest entries": (
        lambda log, head: _sql(log, "DELETE FROM audit WHERE id > 3"),
        [
            "Entries 4-5 missing: the head file says the newest is 5, the log ends at 3 "
            "(deleted from the end)."
        ],
    ),
    "delete the newest, drop the head table and its migration rows": (
        lambda log, head: _sql(
            log,
            "DELETE FROM audit WHERE id > 3",
            "DROP TABLE IF EXISTS head",
            "DELETE FROM _migrations WHERE name IN ('m003_head', 'm004_head_outside_the_store')",
        ),
        [
            "Entries 4-5 missing: the head file says the newest is 5, the log ends at 3 "
            "(deleted from the end)."
        ],
    ),
    "truncate to 0 bytes": (
        lambda log, head: log.write_bytes(b""),
        ["Audit log {log} is empty (0 bytes); the head file says it had 5 entries: truncated."],
    ),
    "replace with an empty database": (
        lambda log, head: _empty_database(log),
        ["Audit log {log} has no entries; the head file says it had 5: truncated or replaced."],
    ),
    "replace with another database": (
        lambda log, head: (log.unlink(), _sql(log, "CREATE TABLE notes (x TEXT)")),
        ["Audit log {log} has no audit table; the head file says it had 5 entries: replaced."],
    ),
    "delete the file": (
        lambda log, head: log.unlink(),
        ["Audit log {log} is missing; the head file says it had 5 entries."],
    ),
    "overwrite with garbage": (
        lambda log, head: log.write_bytes(b"not a database " * 400),
        ["Audit log {log} is not an SQLite database (overwritten or corrupt)."],
    ),
    "edit an entry": (
        lambda log, head: _sql(log, "UPDATE audit SET case_id = 'FAM-T9' WHERE id = 2"),
        [f"entry 2: {MAC}"],
    ),
    "edit an entry and recompute the sha256 chain": (
        lambda log, head: (
            _sql(log, "UPDATE audit SET \"user\" = 'someone-else' WHERE id = 2"),
            _rechain(log),
        ),
        [f"entry {n}: {MAC}" for n in (1, 2, 3, 4, 5)]
        + [
            "Entry 5 is not the entry the head file names (the log was replaced or its newest "
            "entry rewritten)."
        ],
    ),
    "delete an entry and renumber": (
        lambda log, head: _renumber(log),
        [
            "entry 2 does not follow entry 1: one was deleted, moved or renumbered",
            f"entry 3: {MAC}",
            f"entry 4: {MAC}",
            "Entry 5 missing: the head file says the newest is 5, the log ends at 4 (deleted "
            "from the end).",
        ],
    ),
    "delete an entry, renumber and recompute the chain": (
        lambda log, head: (_renumber(log), _rechain(log)),
        [f"entry {n}: {MAC}" for n in (1, 2, 3, 4)]
        + [
            "Entry 5 missing: the head file says the newest is 5, the log ends at 4 (deleted "
            "from the end)."
        ],
    ),
    "delete an entry in the middle": (
        lambda log, head: _sql(log, "DELETE FROM audit WHERE id = 3"),
        ["entry 3 is missing (the next is 4): deleted"],
    ),
    "forge an entry at the end": (
        lambda log, head: _forge(log),
        [
            "entry 6 does not follow entry 5: one was deleted, moved or renumbered",
            "Entry 6 not in the head file, which ends at 5 (added without the audit key, or the "
            "head was rolled back).",
        ],
    ),
    "edit the head file": (
        lambda log, head: _edit_head(head),
        ["Audit head file {head} was edited: its MAC does not match."],
    ),
}


# An append checks the log's end against the head, not every entry before it (that is
# `audit verify`'s work): these two leave the end as it was, so writing goes on, and verify
# still finds them afterwards.
INSIDE = {"edit an entry", "delete an entry in the middle"}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_tampering_is_detected_and_stops_further_writes(settings: Settings, name: str):
    log, head = settings.audit_file(), settings.audit_head_path()
    tamper, expected = ATTACKS[name]
    tamper(log, head)
    before = content(log)
    lines = [line.format(log=log, head=head) for line in expected]
    runner = CliRunner()
    verified = runner.invoke(app, ["audit", "verify"])
    assert (verified.exit_code, verified.stdout) == (1, "")
    assert verified.stderr.splitlines()[1:] == lines  # after the local-mode line
    assert content(log) == before  # verify neither repairs nor recreates
    refused = runner.invoke(app, ["cases"])
    if name in INSIDE:
        assert refused.exit_code == 0
        again = runner.invoke(app, ["audit", "verify"])
        assert (again.exit_code, again.stderr.splitlines()[1:]) == (1, lines)
        return
    assert refused.exit_code == 5
    reason = refused.stderr.splitlines()[-1]
    if name == "overwrite with garbage":
        assert reason == f"Audit log {log}: file is not a database"
    else:
        assert reason.endswith(REFUSED)
        assert reason.removesuffix(REFUSED) in lines
    assert content(log) == before  # nothing more written, nothing recreated


def test_rolling_back_to_an_older_copy_is_detected(settings: Settings, tmp_path: Path):
    log = settings.audit_file()
    shutil.copy(log, tmp_path / "old.sqlite3")
    record(settings, user="ada", role="admin", action="forget", case_id="FAM-T2")
    forget_logs()
    close_all()
    shutil.copy(tmp_path / "old.sqlite3", log)
    verified = CliRunner().invoke(app, ["audit", "verify"])
    assert verified.exit_code == 1
    assert verified.stderr.splitlines()[-1] == (
        "Entry 6 missing: the head file says the newest is 6, the log ends at 5 (deleted from "
        "the end)."
    )


def test_a_deleted_head_file_is_reported_and_stops_writes(settings: Settings):
    head = settings.audit_head_path()
    head.unlink()
    verified = CliRunner().invoke(app, ["audit", "verify"])
    assert verified.exit_code == 1
    assert verified.stderr.splitlines()[-1] == (
        f"No audit head file {head}: the end of the log cannot be checked (run `casebrief audit "
        "init`)."
    )
    refused = CliRunner().invoke(app, ["cases"])
    assert (refused.exit_code, refused.stderr.splitlines()[-1]) == (
        5,
        f"Audit log {settings.audit_file()} has 5 entries but no head file ({head}): run "
        "`casebrief audit init`.",
    )


def test_another_key_is_named_as_such(settings: Settings, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CASEBRIEF_AUDIT_KEY", "another-key-" + "x" * 40)
    verified = CliRunner().invoke(app, ["audit", "verify"])
    assert verified.exit_code == 1
    assert verified.stderr.splitlines()[-1] == (
        "The audit key (CASEBRIEF_AUDIT_KEY) is not the key the head file "
        f"{settings.audit_head_path()} was written with."
    )


@pytest.mark.parametrize("how", ["replaced", "truncated", "dropped in place"])
def test_tampering_while_the_server_runs_is_refused(settings: Settings, how: str):
    """The app keeps its connection open: a file swapped or emptied under it is noticed."""
    log = settings.audit_file()
    record(settings, user="pat", role="practitioner", action="read")
    if how == "replaced":
        fresh = log.with_name("fresh.sqlite3")
        _sql(fresh, "CREATE TABLE notes (x TEXT)")
        os.replace(fresh, log)
        expected = (
            f"Audit log {log} has no audit table; the head file says it had 6 entries: replaced."
        )
    elif how == "dropped in place":  # the same file (inode): the append itself finds it out
        _sql(log, "DROP TABLE audit")
        expected = (
            f"Audit log {log} has no audit table; the head file says it had 6 entries: replaced."
        )
    else:
        for suffix in ("-wal", "-shm"):
            log.with_name(log.name + suffix).unlink(missing_ok=True)
        log.write_bytes(b"")
        expected = (
            f"Audit log {log} is empty (0 bytes); the head file says it had 6 entries: truncated."
        )
    with pytest.raises(AuditTampered) as refused:
        record(settings, user="pat", role="practitioner", action="read")
    assert str(refused.value) == expected + REFUSED


def test_a_key_or_head_inside_the_store_is_refused(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("CASEBRIEF_AUDIT_HEAD", str(settings.store / "head.json"))
    result = CliRunner().invoke(app, ["cases"])
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        5,
        f"The audit head {settings.store / 'head.json'} is inside {settings.store.resolve()}, "
        "beside the log it checks: put it where the store's writers cannot reach "
        "(CASEBRIEF_AUDIT_HEAD, CASEBRIEF_AUDIT_KEY_FILE).",
    )


# -- every ingest outcome --------------------------------------------------------------------


def test_a_crashed_multi_bundle_ingest_audits_what_went_live(
    isolated_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Bundle A is published, then B fails while publishing: both facts are in the log."""
    import ingest.pipeline

    real = ingest.pipeline.ingest_cases

    def half(paths, settings, progress=None):  # noqa: ANN001, ANN202 - the real signature
        real([DATA / "FAM-T1"], settings)
        raise OSError("No space left on device")

    monkeypatch.setattr(ingest.pipeline, "ingest_cases", half)
    result = CliRunner().invoke(app, ["ingest", str(DATA)])
    assert result.exit_code == 1
    log = [(e.action, e.case_id, e.detail) for e in open_log(load_settings()).entries()]
    assert log == [
        ("ingest", "FAM-T1", "published (version 1) before the ingest failed"),
        ("ingest", None, "failed: OSError: No space left on device"),
    ]


def test_rejected_and_successful_ingests_are_audited(bundle: Path):
    (bundle / "chronology.csv").write_text("nonsense\n")
    rejected = CliRunner().invoke(app, ["ingest", str(bundle)])
    assert rejected.exit_code == 2
    shutil.copy(DATA / "FAM-T1" / "chronology.csv", bundle / "chronology.csv")
    assert CliRunner().invoke(app, ["ingest", str(bundle)]).exit_code == 0
    log = [
        (e.user, e.action, e.case_id, e.detail.split(":")[0])
        for e in open_log(load_settings()).entries()
    ]
    assert log == [
        ("local", "ingest", None, "rejected"),
        ("local", "ingest", "FAM-T1", "new"),
    ]


# -- every read in the app -------------------------------------------------------------------


def test_every_view_of_records_in_the_app_is_audited(
    demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("CASEBRIEF_STORE", str(demo_store))
    monkeypatch.setenv("CASEBRIEF_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.setenv("CASEBRIEF_AUDIT_PATH", str(tmp_path / "audit.sqlite3"))
    monkeypatch.setenv("CASEBRIEF_CONVERSATIONS_PATH", str(tmp_path / "conversations.sqlite3"))
    page = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    page.query_params["case"] = "FAM-0107"
    page.run()
    for tab in ("Overview", "Timeline", "Briefings", "Learning"):
        page.session_state["tab"] = tab
        page.run()
        if tab == "Overview":
            page.button(key="fig-lead").click().run()  # the source viewer
        if tab == "Briefings":
            page.button(key="prepare-briefing").click().run()
        if tab == "Learning":
            page.text_input(key="learning-query").input("neglect").run()
            page.selectbox(key="learning-pick").select_index(0).run()
        assert not page.exception, page.exception[0].value
    reads = [(e.intent, e.case_id, bool(e.record_ids)) for e in open_log(load_settings()).entries()]
    assert reads == [
        ("overview", "FAM-0107", True),
        ("source", "FAM-0107", True),
        ("timeline", "FAM-0107", True),
        ("briefing", "FAM-0107", True),
        ("learning search", None, True),
        ("learning document", None, True),
    ]
    page.run()  # drawing the same again is not a new read
    assert len(open_log(load_settings()).entries()) == 6


def test_the_app_shows_a_tampered_log_and_nothing_else(
    demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("CASEBRIEF_STORE", str(demo_store))
    monkeypatch.setenv("CASEBRIEF_AUDIT_PATH", str(tmp_path / "audit.sqlite3"))
    monkeypatch.setenv("CASEBRIEF_CONVERSATIONS_PATH", str(tmp_path / "conversations.sqlite3"))
    settings = load_settings()
    for _ in range(2):
        record(settings, user="local", role="admin", action="read")
    forget_logs()
    close_all()
    _sql(settings.audit_file(), "DELETE FROM audit WHERE id = 2")
    page = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120).run()
    assert not page.exception
    assert [e.value for e in page.error] == [
        "Entry 2 missing: the head file says the newest is 2, the log ends at 1 (deleted from "
        "the end)." + REFUSED
    ]
    assert not page.tabs
