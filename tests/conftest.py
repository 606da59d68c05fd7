"""Shared fixtures: every test gets its own store; the real model and real Chroma are used."""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from config.settings import Settings, load_settings

if TYPE_CHECKING:
    from bot.answer import Engine
    from bot.records import RecordCache, Records
    from bot.types import Answer
    from tests.hostile import HostileStore

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
# The team's shared folder (the published review, the spec). A user's clone does not have it:
# the tests use the demo corpus, and the few that need the real review skip without it.
SHARED = ROOT.parent / "shared"
DEMO = ROOT / "demo"
DEMO_TODAY = dt.date(2018, 7, 2)
# Every audit log of the session is keyed with this (fictional) key, and its head file goes to a
# folder of its own, outside every store; tests of `casebrief audit init` unset the key.
TEST_AUDIT_KEY = "test-audit-key-0123456789abcdef0123456789abcdef"
os.environ["CASEBRIEF_AUDIT_KEY"] = TEST_AUDIT_KEY
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="casebrief-audit-heads-")
atexit.register(shutil.rmtree, os.environ["XDG_STATE_HOME"], True)  # gone after the session
for _name in ("CASEBRIEF_ACCESS", "CASEBRIEF_USER", "CASEBRIEF_PASSWORD", "CASEBRIEF_TOKEN"):
    os.environ.pop(_name, None)


@pytest.fixture(autouse=True)
def isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from bot.audit import forget_logs
    from bot.database import close_all

    store = tmp_path / "store"
    monkeypatch.setenv("CASEBRIEF_STORE", str(store))
    monkeypatch.delenv("CASEBRIEF_CHROMA_URL", raising=False)
    monkeypatch.delenv("CASEBRIEF_TODAY", raising=False)
    yield store
    forget_logs()
    close_all()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One real PostgreSQL for the session (tests/postgres.py); skips without its binaries."""
    from tests.postgres import running_postgres

    with running_postgres() as url:
        yield url


@pytest.fixture
def database_url(
    postgres_server: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> str:
    """A new, empty database of that server for this test, as CASEBRIEF_DATABASE_URL."""
    from tests.postgres import new_database

    name = "t_" + hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:16]
    url = new_database(postgres_server, name)
    monkeypatch.setenv("CASEBRIEF_DATABASE_URL", url)
    return url


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional demo cases and learning corpus, ingested once per session (read only)."""
    from ingest.pipeline import ingest_cases, ingest_learning

    store = tmp_path_factory.mktemp("demo-store")
    settings = load_settings(store=store, today=DEMO_TODAY)
    ingest_cases([DEMO / "cases"], settings)
    ingest_learning([DEMO / "learning"], settings)
    return store


@pytest.fixture(scope="module")
def demo_engine(demo_store: Path) -> Engine:
    """An engine over the demo store, on the demo's 'today', one a test module."""
    from bot.answer import Engine

    return Engine(load_settings(store=demo_store, today=DEMO_TODAY))


def cited(answer: Answer) -> list[str]:
    """The record ids an answer cites, in order."""
    return [c.record_id for c in answer.citations]


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A writable copy of the small fictional bundle FAM-T1."""
    target = tmp_path / "bundles" / "FAM-T1"
    shutil.copytree(DATA / "FAM-T1", target)
    return target


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ChromaServer:
    """A real `chroma run` on 127.0.0.1 over `path`, which a test may stop and start again."""

    def __init__(self, path: Path, port: int | None = None) -> None:
        self.path, self.port = path, port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        chroma = Path(sys.executable).parent / "chroma"
        command = [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1"]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        self.process.kill()
        pytest.fail("chroma run did not start within 60 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` on 127.0.0.1 for the whole session."""
    server = ChromaServer(tmp_path_factory.mktemp("chroma-server"))
    server.start()
    yield server.url
    server.stop()


@pytest.fixture(params=["embedded", "server"])
def settings(
    request: pytest.FixtureRequest, isolated_store: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """Settings for the embedded store and, in a second run, for a real Chroma server."""
    if request.param == "server":
        url = request.getfixturevalue("chroma_server")
        monkeypatch.setenv("CASEBRIEF_CHROMA_URL", url)
        settings = load_settings()
        client = settings.chroma_client()
        for collection in client.list_collections():
            client.delete_collection(collection.name)
        yield settings
    else:
        yield load_settings()


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()


def store_snapshot(settings: Settings) -> dict[str, list[tuple[str, str]]]:
    """Every collection with every (id, document): equal snapshots mean an unchanged index."""
    client = settings.chroma_client()
    snapshot: dict[str, list[tuple[str, str]]] = {}
    for collection in client.list_collections():
        found = client.get_collection(collection.name).get(include=["documents", "metadatas"])
        rows = [
            (i, f"{doc}|{sorted((meta or {}).items())}")
            for i, doc, meta in zip(
                found["ids"], found["documents"], found["metadatas"], strict=True
            )
        ]
        snapshot[collection.name] = sorted(rows)
    return snapshot


@pytest.fixture(scope="session")
def demo_records(demo_store: Path) -> RecordCache:
    """Typed records of the demo store, read once per session."""
    from bot.records import RecordCache
    from ingest.store import Store

    return RecordCache(Store(load_settings(store=demo_store).chroma_client()))


@pytest.fixture(scope="session")
def ashdown(demo_records: RecordCache) -> Records:
    from bot.access import LOCAL

    records = demo_records.case("FAM-0107", LOCAL)
    assert records is not None
    return records


@pytest.fixture(scope="session")
def brierley(demo_records: RecordCache) -> Records:
    from bot.access import LOCAL

    records = demo_records.case("FAM-0215", LOCAL)
    assert records is not None
    return records


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileStore]:
    """Case FAM-X1 and a learning document whose text tries to fetch, link and run script
    (tests/hostile.py), ingested once per session; two sockets listen where its URLs point."""
    from tests.hostile import build_store

    built = build_store(tmp_path_factory.mktemp("hostile"))
    yield built
    built.host.close()
    built.other.close()
