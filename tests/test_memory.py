"""Memory that stays flat however many cases are answered (each version read from its snapshot
file, never from its Chroma collection), and `casebrief cases` read from the registry's copy
without Chroma, falling back to Chroma (and writing the copy again) when it is missing or stale."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from bot.answer import Engine
from bot.audit import open_log
from bot.cli import app
from config.settings import Settings, load_settings
from eval.bench_scale import add_fillers
from ingest import registry_file, snapshot
from ingest.store import Store, case_key
from tests.conftest import DEMO_TODAY

QUESTIONS = (
    "Who is the lead professional?",
    "What do the documents say about the home conditions?",
    "What does the guidance say about neglect?",
    "Is there anything about school attendance?",
)
LISTING = (
    "SYN-00002  The Fenwright family  members=5  professionals=25  chronology=150  "
    "appointments=60  addresses=13  passages=17\n"
    "SYN-00003  The Wrenfield family  members=5  professionals=25  chronology=150  "
    "appointments=60  addresses=13  passages=21\n"
)


def test_a_snapshot_holds_what_its_collection_holds(demo_store: Path):
    store = Store(load_settings(store=demo_store).chroma_client())
    for live in [*store.all_live("case"), *store.all_live("learning")]:
        held = snapshot.read(demo_store, live.collection)
        found = store.collection(live.collection).get(
            include=["metadatas", "documents", "embeddings"]
        )
        assert held is not None
        assert [(e.id, e.text, e.metadata) for e in held.entries] == [
            (i, text, meta)
            for i, text, meta in zip(
                found["ids"], found["documents"], found["metadatas"], strict=True
            )
        ]
        assert np.array_equal(held.vectors, np.asarray(found["embeddings"], dtype=np.float32))


def test_answers_read_no_case_collection_and_match_a_store_without_snapshots(
    demo_store: Path, tmp_path: Path
):
    """Chroma keeps state for every collection it touches: answering touches none of a case's
    (only the registry's), and answers are the same as when every version is read from Chroma."""
    engine = Engine(load_settings(store=demo_store, today=DEMO_TODAY))
    touched: list[str] = []
    client = engine.store.client
    get_collection = client.get_collection
    client.get_collection = lambda name, **kw: touched.append(name) or get_collection(name, **kw)  # type: ignore[method-assign]
    answers = [engine.ask(q, "FAM-0107").model_dump() for q in QUESTIONS]
    assert [name for name in touched if name.startswith("cb-case.")] == []
    assert all(a["answer"] and a["citations"] for a in answers)

    old_layout = tmp_path / "old-layout"
    shutil.copytree(demo_store, old_layout, ignore=shutil.ignore_patterns("*.sqlite3-*", "audit*"))
    shutil.rmtree(old_layout / snapshot.FOLDER)
    from_chroma = Engine(load_settings(store=old_layout, today=DEMO_TODAY))
    assert [from_chroma.ask(q, "FAM-0107").model_dump() for q in QUESTIONS] == answers


def test_a_new_version_and_a_forget_drop_the_old_snapshot(tmp_path: Path):
    folder = tmp_path / "store"
    add_fillers(folder, 2, 1, tmp_path / "bundles")
    add_fillers(folder, 2, 1, tmp_path / "bundles")  # the same case again: version 2
    assert snapshot.count(folder) == 1
    assert snapshot.read(folder, "cb-case.SYN-00002.v1") is None
    assert snapshot.read(folder, "cb-case.SYN-00002.v2") is not None
    store = Store(load_settings(store=folder).chroma_client())
    assert store.forget(case_key("SYN-00002")) > 0
    assert snapshot.count(folder) == 0


def _listed(cli: CliRunner) -> str:
    result = cli.invoke(app, ["cases"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_cases_reads_the_registry_copy_and_falls_back_when_it_is_missing_or_stale(
    isolated_store: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    add_fillers(isolated_store, 2, 2, tmp_path / "bundles")
    copy = registry_file.read(isolated_store)
    assert copy is not None and registry_file.chroma_token(isolated_store) == copy.token

    def no_chroma(self: Settings) -> None:
        raise AssertionError("the listing asked Chroma")

    with monkeypatch.context() as patched:
        patched.setattr(Settings, "chroma_client", no_chroma)
        assert _listed(cli) == LISTING  # from the copy alone

    registry_file.remove(isolated_store)  # missing: listed through Chroma, copy written again
    assert _listed(cli) == LISTING
    assert registry_file.read(isolated_store) == copy

    stale = copy.model_copy(update={"token": "old", "rows": copy.rows[:1]})
    registry_file.write(isolated_store, stale)  # left by a writer that did not keep it
    assert _listed(cli) == LISTING
    assert registry_file.read(isolated_store) == copy

    details = [e.detail for e in open_log(load_settings()).entries() if e.intent == "cases"]
    assert details == ["cases listed: SYN-00002, SYN-00003"] * 3
