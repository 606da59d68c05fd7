"""Ingest end to end against real Chroma (embedded and a real `chroma run` server)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner

from bot.audit import open_log
from bot.cli import app
from bot.cli_base import local_notice
from config.settings import Settings, load_settings
from ingest.errors import PublishError
from ingest.locks import lock_file
from ingest.pipeline import ingest_cases, ingest_learning
from ingest.store import LEARNING_KEY, Store, case_key
from tests.conftest import DATA, DEMO, ROOT, SHARED, store_snapshot


def _records(settings: Settings, case_id: str) -> dict[str, dict]:
    store = Store(settings.chroma_client())
    live = store.live(case_key(case_id))
    assert live is not None
    return {entry.id: entry.metadata for entry in store.read_all(live)}


def test_first_ingest_indexes_every_record_with_typed_metadata(settings: Settings, bundle: Path):
    [result] = ingest_cases([bundle], settings)
    assert result.status == "new"
    assert result.counts == {
        "members": 3,
        "professionals": 3,
        "chronology": 4,
        "appointments": 4,
        "addresses": 2,
        "passages": 3,
    }
    records = _records(settings, "FAM-T1")
    assert len(records) == 20  # 19 records and the case itself
    visit = records["chronology:chr-003"]
    assert visit["case_id"] == "FAM-T1"
    assert visit["date"] == 20180303
    assert visit["event_type"] == "home_visit"
    assert visit["members"] == ["child-a", "child-b"]
    assert visit["child_seen"] == "child-a:alone;child-b:yes"
    assert (visit["file"], visit["row"]) == ("chronology.csv", 4)
    assert records["professional:prof-01"]["x_team"] == "East locality"
    assert records["professional:prof-02"]["lead"] is True
    assert records["appointment:apt-001"]["outcome"] == "was_not_brought"
    passage = records["passage:home-visit-note.md#1"]
    assert passage["heading"] == "Home visit note > Observations"
    assert passage["file"] == "documents/home-visit-note.md"


def test_unchanged_bundle_is_skipped_and_embeds_nothing(settings: Settings, bundle: Path):
    ingest_cases([bundle], settings)
    before = store_snapshot(settings)
    [again] = ingest_cases([bundle], settings)
    assert (again.status, again.embedded) == ("unchanged", 0)
    assert store_snapshot(settings) == before


def test_changed_bundle_replaces_case_and_removed_rows_disappear(settings: Settings, bundle: Path):
    ingest_cases([bundle], settings)
    chronology = bundle / "chronology.csv"
    lines = chronology.read_text().splitlines()
    chronology.write_text("\n".join(line for line in lines if not line.startswith("chr-004")))
    [result] = ingest_cases([bundle], settings)
    assert result.status == "replaced"
    assert result.embedded == 0  # every remaining record's text is unchanged: embeddings reused
    records = _records(settings, "FAM-T1")
    assert "chronology:chr-004" not in records
    assert "chronology:chr-003" in records
    names = [c.name for c in settings.chroma_client().list_collections()]
    assert sorted(n for n in names if n.startswith("cb-case.")) == ["cb-case.FAM-T1.v2"]


def test_same_record_id_in_two_cases_is_two_records(settings: Settings, bundle: Path):
    other = bundle.parent / "FAM-T2"
    shutil.copytree(bundle, other)
    case_yaml = other / "case.yaml"
    case_yaml.write_text(case_yaml.read_text().replace("FAM-T1", "FAM-T2"))
    results = ingest_cases([bundle.parent], settings)
    assert sorted(r.key for r in results) == ["case:FAM-T1", "case:FAM-T2"]
    one, two = _records(settings, "FAM-T1"), _records(settings, "FAM-T2")
    assert one["chronology:chr-001"]["case_id"] == "FAM-T1"
    assert two["chronology:chr-001"]["case_id"] == "FAM-T2"


def test_forget_removes_every_trace(settings: Settings, bundle: Path, cli: CliRunner):
    ingest_cases([bundle], settings)
    result = cli.invoke(app, ["forget", "FAM-T1"])
    assert result.exit_code == 0
    assert result.stdout.strip() == "Forgot FAM-T1: 20 records removed."
    store = Store(settings.chroma_client())
    assert store.live(case_key("FAM-T1")) is None
    assert not [c for c in settings.chroma_client().list_collections() if "FAM-T1" in c.name]
    again = cli.invoke(app, ["forget", "FAM-T1"])
    assert again.exit_code == 1


def test_crash_mid_write_leaves_old_version_live(
    settings: Settings, bundle: Path, monkeypatch: pytest.MonkeyPatch
):
    ingest_cases([bundle], settings)
    before = _records(settings, "FAM-T1")
    (bundle / "chronology.csv").write_text(
        (bundle / "chronology.csv").read_text()
        + "chr-005,2018-04-01,Police,police,Officers attended after a 999 call.,,,,,,,\n"
    )
    embedder = settings.embedder()

    def crash(texts: list[str], progress: object = None) -> list[list[float]]:
        raise RuntimeError("killed mid-write")

    monkeypatch.setattr(embedder, "embed_in_order", crash)
    with pytest.raises(PublishError) as failure:
        ingest_cases([bundle], settings)
    assert failure.value.lines() == [
        "publishing FAM-T1 failed: RuntimeError: killed mid-write",
        "Live as before this ingest: FAM-T1.",
    ]
    assert _records(settings, "FAM-T1") == before
    names = [c.name for c in settings.chroma_client().list_collections()]
    assert sorted(n for n in names if n.startswith("cb-case.")) == ["cb-case.FAM-T1.v1"]
    monkeypatch.undo()
    [result] = ingest_cases([bundle], settings)
    assert result.counts["chronology"] == 5
    names = [c.name for c in settings.chroma_client().list_collections()]
    assert sorted(n for n in names if n.startswith("cb-case.")) == ["cb-case.FAM-T1.v2"]


def test_demo_corpus_ingests_as_learning(settings: Settings):
    result = ingest_learning([DEMO / "learning"], settings)
    assert result.status == "new"
    assert result.counts["documents"] == 3
    store = Store(settings.chroma_client())
    entries = store.read_all(store.live(LEARNING_KEY))
    kinds = {e.metadata["file"]: e.metadata["learning_kind"] for e in entries}
    assert kinds == {
        "family-k-six-children-review.md": "review",
        "pre-birth-assessment.md": "procedure",
        "was-not-brought.md": "guidance",
    }
    assert all("case_id" not in e.metadata for e in entries)
    again = ingest_learning([DEMO / "learning"], settings)
    assert (again.status, again.embedded) == ("unchanged", 0)


@pytest.mark.skipif(
    not (SHARED / "corpus").exists(),
    reason="needs the published review in ../shared/corpus, which a clone of the repo does not "
    "have; test_demo_corpus_ingests_as_learning covers the same path",
)
def test_shared_corpus_ingests_as_learning(settings: Settings):
    result = ingest_learning([SHARED / "corpus"], settings)
    assert result.status == "new"
    assert result.counts["documents"] == 1
    assert result.counts["passages"] >= 10
    store = Store(settings.chroma_client())
    entries = store.read_all(store.live(LEARNING_KEY))
    assert all(e.id.startswith("passage:serious-case-review-six-children.md#") for e in entries)
    assert {e.metadata["learning_kind"] for e in entries} == {"guidance"}
    assert "case_id" not in entries[0].metadata
    again = ingest_learning([SHARED / "corpus"], settings)
    assert (again.status, again.embedded) == ("unchanged", 0)


def test_learning_kind_from_front_matter_and_folder(settings: Settings, tmp_path: Path):
    procedures = tmp_path / "procedures"
    procedures.mkdir()
    (procedures / "pre-birth.md").write_text("# Pre-birth\n\nRefer by 16 weeks.\n")
    (tmp_path / "review.md").write_text(
        "---\ntitle: Review of Family Q\nkind: review\n---\n# Findings\n\nMoves mattered.\n"
    )
    result = ingest_learning([procedures, tmp_path / "review.md"], settings)
    assert result.counts == {"documents": 2, "passages": 2}
    store = Store(settings.chroma_client())
    kinds = {
        e.metadata["file"]: (e.metadata["learning_kind"], e.metadata.get("heading"))
        for e in store.read_all(store.live(LEARNING_KEY))
    }
    assert kinds == {
        "pre-birth.md": ("procedure", "Pre-birth"),
        "review.md": ("review", "Findings"),
    }


def test_cli_ingest_and_cases(settings: Settings, cli: CliRunner):
    result = cli.invoke(app, ["ingest", str(DATA)])
    assert result.exit_code == 0, result.output
    listing = cli.invoke(app, ["cases"])
    assert listing.stdout.strip() == (
        "FAM-T1  The Testwood family  members=3  professionals=3  chronology=4  "
        "appointments=4  addresses=2  passages=3"
    )


def _copy_as(bundle: Path, case_id: str, extra_row: str | None = None) -> Path:
    copy = bundle.parent / case_id
    shutil.copytree(bundle, copy)
    case_yaml = copy / "case.yaml"
    case_yaml.write_text(case_yaml.read_text().replace("case_id: FAM-T1", f"case_id: {case_id}"))
    if extra_row:
        with (copy / "chronology.csv").open("a") as table:
            table.write(extra_row + "\n")
    return copy


def test_cli_publish_failure_says_which_cases_are_live(
    settings: Settings, bundle: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
):
    ingest_cases([bundle], settings)
    with (bundle / "chronology.csv").open("a") as table:
        table.write("chr-005,2018-04-01,Police,police,Officers attended after a 999 call.,,,,,,,\n")
    second = _copy_as(bundle, "FAM-T2", "chr-006,2018-04-02,Police,police,Only in FAM-T2.,,,,,,,")
    third = _copy_as(bundle, "FAM-T3")
    embedder = settings.embedder()
    embed = embedder.embed_in_order

    def disk_full(texts: list[str], progress: object = None) -> object:
        if any("Only in FAM-T2" in text for text in texts):
            raise RuntimeError("disk full")
        return embed(texts, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(embedder, "embed_in_order", disk_full)
    result = cli.invoke(app, ["ingest", str(bundle), str(second), str(third)])
    assert result.exit_code == 2
    assert _problems(result).splitlines() == [
        "publishing FAM-T2 failed: RuntimeError: disk full",
        "Live with this ingest's version: FAM-T1.",
        "Not in the index: FAM-T2, FAM-T3.",
    ]
    assert "chronology:chr-005" in _records(settings, "FAM-T1")
    names = sorted(c.name for c in settings.chroma_client().list_collections())
    assert names == ["cb-case.FAM-T1.v2", "cb-registry"]  # nothing half-written of FAM-T2
    entries = open_log(settings).entries()
    assert [(e.case_id, e.detail) for e in entries[-2:]] == [
        ("FAM-T1", "published (then a later case failed)"),
        ("FAM-T2", f"failed: {' '.join(_problems(result).splitlines())}"),
    ]


def test_a_failed_first_case_drops_the_cases_encoding_behind_it(
    settings: Settings, bundle: Path, monkeypatch: pytest.MonkeyPatch
):
    """Two cases are drafted and encoded beside the one being written, the second reusing the
    first's texts as promises of its vectors: when the first case fails, neither is written and
    the ingest ends (nothing waits for a vector that never comes)."""
    second = _copy_as(bundle, "FAM-T2", "chr-006,2018-04-02,Police,police,Only in FAM-T2.,,,,,,,")
    third = _copy_as(bundle, "FAM-T3")
    embedder = settings.embedder()
    embed = embedder.embed_in_order

    def fails_first(texts: list[str], progress: object = None) -> object:
        if len(texts) > 2:  # FAM-T1 (the others encode only their own new texts, if any)
            time.sleep(0.5)  # the cases behind it are drafted meanwhile
            raise RuntimeError("out of memory")
        return embed(texts, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(embedder, "embed_in_order", fails_first)
    with pytest.raises(PublishError) as failure:
        ingest_cases([bundle, second, third], settings)
    assert failure.value.lines() == [
        "publishing FAM-T1 failed: RuntimeError: out of memory",
        "Not in the index: FAM-T1, FAM-T2, FAM-T3.",
    ]
    names = [c.name for c in settings.chroma_client().list_collections()]
    assert not [n for n in names if n.startswith("cb-case.")]


def test_second_ingest_of_a_case_waits_for_the_first_or_says_it_is_running(
    bundle: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
):
    settings = load_settings()
    path = lock_file(settings.lock_folder(), "case:FAM-T1")
    path.parent.mkdir(parents=True)
    held = FileLock(path, thread_local=False)  # released by a timer thread below
    held.acquire()
    monkeypatch.setenv("CASEBRIEF_INGEST_LOCK_WAIT_S", "0")
    result = cli.invoke(app, ["ingest", str(bundle)])
    assert result.exit_code == 6
    assert _problems(result) == (
        f"ingest of FAM-T1 already running (it holds {path}); waited 0 s. Try again when it "
        "has finished, or wait longer with CASEBRIEF_INGEST_LOCK_WAIT_S."
    )
    assert Store(settings.chroma_client()).live(case_key("FAM-T1")) is None
    assert open_log(settings).entries()[-1].detail == f"refused: {_problems(result)}"
    monkeypatch.setenv("CASEBRIEF_INGEST_LOCK_WAIT_S", "30")
    threading.Timer(1.0, held.release).start()
    started = time.monotonic()
    waited = cli.invoke(app, ["ingest", str(bundle)])
    assert waited.exit_code == 0, waited.output
    assert time.monotonic() - started >= 1.0
    assert waited.stdout.startswith("case:FAM-T1: new")


def test_two_ingests_of_one_case_at_once_both_finish_and_leave_one_version(
    bundle: Path, isolated_store: Path
):
    """Two real `casebrief ingest` processes: one publishes, the other waits for its lock and
    then finds the case unchanged (before the lock, one crashed with NotFoundError)."""
    command = [sys.executable, "-m", "bot", "ingest", str(bundle), "--store", str(isolated_store)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    processes = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], outputs
    statuses = sorted(out.split(": ")[1].split(" ")[0] for out, _ in outputs)
    assert statuses == ["new", "unchanged"]
    settings = load_settings(store=isolated_store)
    names = sorted(c.name for c in settings.chroma_client().list_collections())
    assert names == ["cb-case.FAM-T1.v1", "cb-registry"]
    assert len(_records(settings, "FAM-T1")) == 20


def test_longest_case_id_the_settings_allow_fits_chroma(
    bundle: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("CASEBRIEF_LIMIT_MAX_CASE_ID_CHARS", "480")  # the most settings accept
    long_id = "FAM-" + "9" * 476
    case_yaml = bundle / "case.yaml"
    case_yaml.write_text(case_yaml.read_text().replace("case_id: FAM-T1", f"case_id: {long_id}"))
    settings = load_settings()
    [result] = ingest_cases([bundle], settings)
    assert (result.key, result.status) == (case_key(long_id), "new")
    assert len(_records(settings, long_id)) == 20


def _problems(result: object) -> str:
    """What a local-mode command wrote on stderr after its one local-mode line."""
    lines = result.stderr.strip().splitlines()  # type: ignore[attr-defined]
    return "\n".join(line for line in lines if line != local_notice(None)).strip()
