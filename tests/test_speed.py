"""Bounded memory, a start-up with no per-case work, and the ONNX backend's vectors
(correctness only; the speed itself is measured by eval/bench_ingest.py and eval/bench_scale.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot.access import LOCAL
from bot.records import RecordCache
from bot.tools.topic import RecordVectors
from bot.version_cache import VersionCache
from config.settings import load_settings
from ingest.store import Store
from tests.conftest import DEMO, DEMO_TODAY


def test_the_version_cache_evicts_the_least_recent_case_and_reads_it_again(demo_store: Path):
    store = Store(load_settings(store=demo_store).chroma_client())
    versions = VersionCache(max_versions=1)
    cache, vectors = RecordCache(store, versions), RecordVectors(store, versions)
    reads: list[str] = []
    read_all = store.read_all
    store.read_all = lambda live: reads.append(live.key) or read_all(live)  # type: ignore[method-assign]

    learning = cache.learning()
    first = cache.case("FAM-0107", LOCAL)
    assert first is not None and learning is not None
    vectors.matrix(first)
    assert cache.case("FAM-0107", LOCAL) is first  # held: no second read
    assert reads == ["learning", "case:FAM-0107"]

    other = cache.case("FAM-0215", LOCAL)  # one case fits: FAM-0107 goes, records and vectors
    assert other is not None
    assert first.version.collection not in versions
    assert other.version.collection in versions

    again = cache.case("FAM-0107", LOCAL)
    assert again is not first and again is not None
    assert [r.id for r in again.records] == [r.id for r in first.records]
    assert reads == ["learning", "case:FAM-0107", "case:FAM-0215", "case:FAM-0107"]
    assert cache.learning() is learning  # the learning corpus is held apart, never pushed out
    assert vectors.matrix(again).ids == vectors.matrix(first).ids


def test_the_app_starts_without_reading_any_case(demo_store: Path, monkeypatch: pytest.MonkeyPatch):
    """A store of 1,000 cases starts as fast as one: no case is read until it is opened."""
    from bot.ui import engine as ui_engine

    monkeypatch.setenv("CASEBRIEF_STORE", str(demo_store))
    monkeypatch.setenv("CASEBRIEF_TODAY", DEMO_TODAY.isoformat())
    reads: list[str] = []
    read_all = Store.read_all
    monkeypatch.setattr(
        Store, "read_all", lambda self, live: reads.append(live.key) or read_all(self, live)
    )
    engine = ui_engine._Engines().get(load_settings())
    ui_engine.warm(engine)
    assert reads == ["learning"]
    assert [c.case_id for c in ui_engine.cases(engine, LOCAL)] == ["FAM-0107", "FAM-0215"]
    assert reads == ["learning"]  # the case list is the registry's, not the cases'
    engine.case_records("FAM-0107", LOCAL)  # opened: read now, once
    engine.case_records("FAM-0107", LOCAL)
    assert reads == ["learning", "case:FAM-0107"]


def test_onnx_vectors_agree_with_torch_on_the_demo_texts():
    from ingest.onnx_model import exported

    if exported() is None:
        pytest.skip("no ONNX export in this venv (python -m ingest.onnx_model makes it)")
    from ingest.bundle import load_bundle
    from ingest.embedder import TorchEmbedder
    from ingest.entries import bundle_entries
    from ingest.onnx_model import OnnxEmbedder

    bundle = load_bundle(DEMO / "cases" / "FAM-0215", chunk_size=900, chunk_overlap=120)
    texts = [entry.text for entry in bundle_entries(bundle)][:30]
    texts += ["who is the lead professional?", " ".join(["no access visit"] * 200)]
    onnx = OnnxEmbedder(batch_size=16).embed_array(texts)
    torch = TorchEmbedder(batch_size=16).embed_array(texts)
    cosine = (onnx * torch).sum(axis=1)
    assert cosine.min() >= 0.9999, f"worst {cosine.min():.5f} on {texts[int(cosine.argmin())]!r}"
    # batching and length order change nothing: a text's vector is the same alone
    single = OnnxEmbedder(batch_size=1)
    alone = np.stack([single.embed_array([text])[0] for text in texts[:8]])
    assert np.abs(alone - onnx[:8]).max() < 1e-5


def test_query_vectors_made_side_by_side_are_the_queued_ones_bit_for_bit():
    """The router's two queries run on two threads at once (no embedder lock): each vector
    is exactly the one `embed_array` of it alone gives, and the one a later call returns."""
    from concurrent.futures import ThreadPoolExecutor

    from ingest.onnx_model import OnnxEmbedder, exported

    if exported() is None:
        pytest.skip("no ONNX export in this venv (python -m ingest.onnx_model makes it)")
    embedder = OnnxEmbedder(batch_size=16, threads=1)
    questions = [f"what appts has child {n} missed since the last move?" for n in range(24)]
    queued = [embedder.embed_array([q])[0] for q in questions]
    with ThreadPoolExecutor(2) as pool:
        side_by_side = list(pool.map(embedder.embed_one, questions))
    pairs = zip(side_by_side, queued, strict=True)
    assert all(np.array_equal(np.asarray(v, np.float32), q) for v, q in pairs)


def test_scale_filler_cases_are_real_cases_with_unit_vectors(tmp_path: Path):
    """eval/bench_scale.py's filler cases: written through the store, read like any case."""
    from eval.bench_scale import add_fillers

    store_path = tmp_path / "store"
    add_fillers(store_path, 2, 2, tmp_path / "bundles")
    store = Store(load_settings(store=store_path).chroma_client())
    assert [v.key for v in store.all_live()] == ["case:SYN-00002", "case:SYN-00003"]
    records = RecordCache(store).case("SYN-00003", LOCAL)
    assert records is not None and len(records.records) == sum(records.version.counts.values())
    matrix = RecordVectors(store).matrix(records)
    assert np.allclose(np.linalg.norm(matrix.vectors, axis=1), 1.0, atol=1e-5)


def test_the_case_listing_is_kept_until_the_registry_changes(tmp_path: Path):
    from eval.bench_scale import add_fillers

    store_path = tmp_path / "store"
    add_fillers(store_path, 2, 1, tmp_path / "bundles")
    reader = Store(load_settings(store=store_path).chroma_client())
    assert [v.key for v in reader.all_live()] == ["case:SYN-00002"]
    registry = reader._registry()
    reads: list[object] = []
    get = registry.get
    registry.get = lambda **kw: reads.append(kw.get("where")) or get(**kw)  # type: ignore[method-assign]
    reader._registry = lambda: registry  # type: ignore[method-assign]
    assert [v.key for v in reader.all_live()] == ["case:SYN-00002"]
    assert reads == [None]  # only the generation row was read

    add_fillers(store_path, 3, 1, tmp_path / "bundles")  # another writer publishes
    assert [v.key for v in reader.all_live()] == ["case:SYN-00002", "case:SYN-00003"]
    Store(load_settings(store=store_path).chroma_client()).forget("case:SYN-00002")
    assert [v.key for v in reader.all_live()] == ["case:SYN-00003"]


def test_a_store_of_more_cases_than_the_cache_answers_every_one(tmp_path: Path):
    """A bound on the embedded client's open indexes (closing the least recently used) made
    chromadb read small collections back as "Nothing found on disk": every case must answer
    however many the store holds and the engine caches."""
    import numpy as np

    client = load_settings(store=tmp_path / "store", cached_versions=2).chroma_client()
    rng = np.random.default_rng(7)
    sizes = [1, 3, 60, 150] * 4
    for number, size in enumerate(sizes):
        collection = client.create_collection(
            f"case-{number}", embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )
        collection.add(
            ids=[f"r{i}" for i in range(size)],
            embeddings=rng.normal(size=(size, 384)).tolist(),
            documents=["text"] * size,
        )
    for _ in range(2):
        for number, size in enumerate(sizes):
            found = client.get_collection(f"case-{number}").query(
                query_embeddings=[rng.normal(size=384).tolist()], n_results=min(3, size)
            )
            assert len(found["ids"][0]) == min(3, size)


def test_a_case_opened_is_warmed_on_another_thread_and_answers_the_same(demo_store: Path):
    """Opening a case builds its version's caches on the warmer's thread (sentence vectors,
    themes of its records); the answers are those of an engine that never warms."""
    from bot.answer import Engine

    settings = load_settings(store=demo_store, today=DEMO_TODAY)
    warmed, cold = Engine(settings), Engine(settings)  # only a server's engine warms
    warmed.case_warmer.start()
    records = warmed.case_records("FAM-0107", LOCAL)
    assert warmed.case_warmer.wait(120)
    index = warmed.passage_index(records)
    assert index is not None and "_sentence_vectors" in vars(index)
    assert warmed.vectors.matrix(records).themed  # the records' themes, worked out once
    assert "_sentence_vectors" not in vars(cold.passage_index(cold.case_records("FAM-0107", LOCAL)))
    for question in ("what was in Child A's bedroom on the joint visit", "any domestic abuse?"):
        ours, theirs = (
            warmed.ask(question, "FAM-0107", LOCAL),
            cold.ask(question, "FAM-0107", LOCAL),
        )
        assert ours.answer == theirs.answer
        assert [c.record_id for c in ours.citations] == [c.record_id for c in theirs.citations]


def test_a_warm_that_fails_leaves_the_warmer_working():
    from types import SimpleNamespace

    from bot.warm import CaseWarmer

    done: list[str] = []

    def warm(records: object) -> None:
        name = records.version.collection  # type: ignore[attr-defined]
        if name == "gone":
            raise RuntimeError("the version was dropped")
        done.append(name)

    warmer = CaseWarmer(warm)  # type: ignore[arg-type]
    warmer.soon(SimpleNamespace(version=SimpleNamespace(collection="early")))  # type: ignore[arg-type]
    warmer.start()  # not started: nothing was warmed, nor remembered
    for name in ("gone", "case-a", "case-a", "case-b", "early"):
        warmer.soon(SimpleNamespace(version=SimpleNamespace(collection=name)))  # type: ignore[arg-type]
    assert warmer.wait(10)
    assert done == ["case-a", "case-b", "early"]  # once a version, after the failure too
