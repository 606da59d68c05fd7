"""Ingest end to end against real Chroma (embedded and a real `chroma run` server)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from config.settings import Settings
from ingest.pipeline import ingest_cases, ingest_learning
from ingest.store import LEARNING_KEY, Store, case_key
from tests.conftest import DATA, DEMO, SHARED, store_snapshot


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

    def crash(texts: list[str]) -> list[list[float]]:
        raise RuntimeError("killed mid-write")

    monkeypatch.setattr(embedder, "embed", crash)
    with pytest.raises(RuntimeError):
        ingest_cases([bundle], settings)
    assert _records(settings, "FAM-T1") == before
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
