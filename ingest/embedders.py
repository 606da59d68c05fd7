"""The embedding model a process uses: ONNX when its export is there, torch otherwise; one
instance per process. Apart from `ingest/embedder.py` (the model and its torch backend) and
`ingest/onnx_model.py` (the ONNX backend), which both need the base class."""

from __future__ import annotations

from functools import lru_cache

from ingest.embedder import Backend, Embedder, TorchEmbedder
from ingest.onnx_int8 import int8_exported, int8_file
from ingest.onnx_model import PAD_SLACK, OnnxEmbedder, OnnxExportMissing, export_file, exported


def make_embedder(
    batch_size: int = 16,
    backend: Backend = "auto",
    thread_count: int | None = None,
    streams: int = 1,
    pad_slack: float = PAD_SLACK,
) -> Embedder:
    """'auto' is ONNX when its export is there (ingest/onnx_model.py), torch otherwise;
    'onnx-int8' only when asked for (ingest/onnx_int8.py). `streams`: ONNX batches run side by
    side in `embed_in_order` (torch ignores it); `pad_slack`: ONNX batches end early where
    padding would add more than that share of their tokens."""
    if backend == "onnx-int8":
        path = int8_exported()
        if path is None:
            raise OnnxExportMissing(int8_file(export_file()), "python -m ingest.onnx_int8")
        embedder = OnnxEmbedder(batch_size, thread_count, path, streams, pad_slack)
        embedder.backend = "onnx-int8"
        embedder.batch_invariant = False  # activations are quantised per batch
        return embedder
    if backend != "torch" and (backend == "onnx" or exported() is not None):
        return OnnxEmbedder(batch_size, thread_count, None, streams, pad_slack)
    return TorchEmbedder(batch_size)


@lru_cache(maxsize=4)
def shared_embedder(
    batch_size: int = 16,
    backend: Backend = "auto",
    thread_count: int | None = None,
    streams: int = 1,
    pad_slack: float = PAD_SLACK,
) -> Embedder:
    """One model per process (per thread count, for ONNX sessions): loading it takes seconds,
    encoding a query milliseconds."""
    return make_embedder(batch_size, backend, thread_count, streams, pad_slack)
