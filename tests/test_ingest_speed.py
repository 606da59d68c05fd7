"""Ingest at the encoder's limit (issue 12), correctness only: an unchanged re-ingest of an
embedded store touches neither Chroma nor the model, and the ONNX file kept is the fused graph.
The speed itself is measured by eval/bench_ingest.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import load_settings
from ingest.pipeline import ingest_cases
from tests.conftest import ROOT

# Run the CLI as `casebrief ingest` does, then say which heavy modules the process imported.
_PROBE = """
import sys
sys.argv = ["casebrief", "ingest", "--store", sys.argv[1], sys.argv[2]]
try:
    import runpy
    runpy.run_module("bot", run_name="__main__")
except SystemExit as done:
    code = done.code or 0
heavy = ("chromadb", "onnxruntime", "torch", "sentence_transformers")
print("IMPORTED", sorted(name for name in heavy if name in sys.modules), "EXIT", code)
"""


def test_an_unchanged_reingest_reads_neither_chroma_nor_the_model(
    isolated_store: Path, bundle: Path
):
    settings = load_settings()
    [first] = ingest_cases([bundle], settings)
    assert first.status == "new"
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(isolated_store), str(bundle)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert "case:FAM-T1: unchanged" in done.stdout, done.stdout + done.stderr
    assert "0 embedded" in done.stdout
    assert "IMPORTED [] EXIT 0" in done.stdout, done.stdout + done.stderr
    # changed: the full path (Chroma, the model) replaces it as before
    chronology = bundle / "chronology.csv"
    chronology.write_text(chronology.read_text().replace("Nobody answered", "Nobody opened"))
    [again] = ingest_cases([bundle], load_settings())
    assert again.status == "replaced" and again.embedded >= 1


def test_the_kept_onnx_export_is_the_fused_graph():
    from ingest.onnx_model import exported

    path = exported()
    if path is None:
        pytest.skip("no ONNX export in this venv (python -m ingest.onnx_model makes it)")
    import onnx

    ops = [node.op_type for node in onnx.load(str(path), load_external_data=False).graph.node]
    assert ops.count("Attention") == 6 and ops.count("EmbedLayerNormalization") == 1


def test_the_opt_in_int8_model_agrees_with_torch_at_the_stated_cosine():
    from ingest.onnx_int8 import INT8_AGREEMENT, int8_exported

    if int8_exported() is None:
        pytest.skip("no int8 model in this venv (python -m ingest.onnx_int8 makes it)")
    from ingest.bundle import load_bundle
    from ingest.embedders import make_embedder
    from ingest.entries import bundle_entries
    from tests.conftest import DEMO

    bundle = load_bundle(DEMO / "cases" / "FAM-0107", chunk_size=900, chunk_overlap=120)
    texts = [entry.embedded_text for entry in bundle_entries(bundle)][::10][:24]
    int8 = make_embedder(16, "onnx-int8")
    assert int8.backend == "onnx-int8"
    cosine = (int8.embed_array(texts) * make_embedder(16, "torch").embed_array(texts)).sum(axis=1)
    assert cosine.min() >= INT8_AGREEMENT, f"worst {cosine.min():.4f}"


def test_a_snapshot_file_holds_what_chroma_holds_after_replace_and_a_second_case(
    isolated_store: Path, bundle: Path
):
    """Ingest writes a case's snapshot from the entries it added and the vectors read back from
    Chroma: the file must equal what Chroma holds (ids, order, texts, metadata, vectors bit for
    bit), for a new case and for a replaced one that reuses the old version's vectors."""
    import shutil

    import numpy as np

    from ingest import snapshot
    from ingest.store import Store, _entries, case_key

    second = bundle.parent / "FAM-T2"
    shutil.copytree(bundle, second)
    case_yaml = second / "case.yaml"
    case_yaml.write_text(case_yaml.read_text().replace("FAM-T1", "FAM-T2"))
    ingest_cases([bundle, second], load_settings())
    chronology = bundle / "chronology.csv"
    chronology.write_text(chronology.read_text().replace("Nobody answered", "Nobody opened"))
    [replaced] = ingest_cases([bundle], load_settings())
    assert replaced.status == "replaced" and 1 <= replaced.embedded < replaced.records
    store = Store(load_settings().chroma_client())
    for case_id in ("FAM-T1", "FAM-T2"):
        live = store.live(case_key(case_id))
        assert live is not None
        held = snapshot.read(isolated_store, live.collection)
        assert held is not None
        found = store.collection(live.collection).get(
            include=["metadatas", "documents", "embeddings"]
        )
        assert held.entries == _entries(found)
        assert np.array_equal(held.vectors, np.asarray(found["embeddings"], dtype=np.float32))


def test_a_text_repeated_across_cases_is_encoded_once_with_the_same_vector(
    isolated_store: Path, bundle: Path, tmp_path: Path
):
    """An ingest of two cases that share most texts encodes each distinct text once (the
    second case only what is new to it), and every vector stored is the one an ingest of that
    case alone stores, bit for bit."""
    import shutil

    from ingest import snapshot
    from ingest.bundle import load_bundle
    from ingest.entries import bundle_entries
    from ingest.store import Store, case_key

    settings = load_settings()
    if not settings.embedder().batch_invariant:
        pytest.skip("torch: a vector depends on its batch, so every record is encoded")
    second = bundle.parent / "FAM-T2"
    shutil.copytree(bundle, second)
    case_yaml = second / "case.yaml"
    case_yaml.write_text(case_yaml.read_text().replace("case_id: FAM-T1", "case_id: FAM-T2"))
    with (second / "chronology.csv").open("a") as table:
        table.write("chr-009,2018-05-01,Police,police,Only in FAM-T2.,,,,,,,\n")
        table.write("chr-010,2018-05-01,Police,police,Only in FAM-T2.,,,,,,,\n")  # same text

    def texts(folder: Path) -> set[str]:
        loaded = load_bundle(folder, chunk_size=settings.chunk_size, chunk_overlap=120)
        return {entry.embedded_text for entry in bundle_entries(loaded)}

    one, two = ingest_cases([bundle, second], settings)
    assert one.embedded == len(texts(bundle)) == one.records
    assert two.records == one.records + 2
    assert two.embedded == len(texts(second) - texts(bundle)) == 1, two  # chr-009 and 010
    alone = load_settings(store=tmp_path / "alone")
    ingest_cases([second], alone)
    together, apart = Store(settings.chroma_client()), Store(alone.chroma_client())
    held = [
        snapshot.read(folder, store.live(case_key("FAM-T2")).collection)  # type: ignore[union-attr]
        for folder, store in ((isolated_store, together), (tmp_path / "alone", apart))
    ]
    assert held[0] is not None and held[1] is not None
    assert held[0].entries == held[1].entries
    assert held[0].vectors.tobytes() == held[1].vectors.tobytes()


def test_a_live_version_is_read_from_the_registry_copy_while_it_is_current(demo_store):
    from config.settings import load_settings
    from ingest import registry_file
    from ingest.store import Store

    store = Store(load_settings(store=demo_store).chroma_client())
    through_copy = store.live("case:FAM-0107")
    assert through_copy is not None
    assert store._copy is not None and store._copy[0] == registry_file.chroma_token(demo_store)
    store._copy = ("stale", {})  # rows held for a token that is no longer Chroma's ...
    assert store.live("case:FAM-0107") == through_copy  # ... are read again, never believed


def test_onnx_batches_cut_where_padding_grows_hold_the_same_vectors():
    """A batch ends at `embed_batch_size` texts or where padding it to its next text would add
    more than `embed_pad_slack` of its tokens; the vectors are the fixed batches' bit for bit,
    one batch at a time or two side by side (the streams' pool, reused by a second call)."""
    from ingest.embedders import make_embedder
    from ingest.onnx_model import exported

    if exported() is None:
        pytest.skip("no ONNX export in this venv (python -m ingest.onnx_model makes it)")
    sentence = "the family support worker visited and Child A was seen alone in the kitchen"
    words = sentence.split(" ")
    texts = [" ".join(words[: 1 + i % len(words)] * (1 + i // 40)) for i in range(120)]
    cut = make_embedder(16, "onnx", streams=2, pad_slack=0.10)
    encoded, order = cut._tokenised(texts)  # type: ignore[attr-defined]
    batches = cut._batches(encoded, order)  # type: ignore[attr-defined]
    assert sorted(i for rows in batches for i in rows) == list(range(len(texts)))
    for rows in batches:
        widths = [len(encoded[i].ids) for i in rows]
        assert len(rows) <= 16 and widths == sorted(widths)
        assert len(rows) == 1 or max(widths) * len(rows) <= 1.10 * sum(widths)
    assert len(batches) > len(texts) // 16  # some ended early
    fixed = make_embedder(16, "onnx", pad_slack=float("inf")).embed_array(texts)
    assert cut.embed_in_order(texts).tobytes() == fixed.tobytes()
    assert cut.embed_in_order(texts[::-1]).tobytes() == fixed[::-1].tobytes()
    assert cut.embed_array(texts).tobytes() == fixed.tobytes()
