"""An opt-in int8 variant of the fused ONNX export (CASEBRIEF_EMBED_BACKEND=onnx-int8).

    python -m ingest.onnx_int8         # after `python -m ingest.onnx_model`; a few seconds

ONNX Runtime's dynamic quantisation (int8 weights per channel, activations quantised per
batch) of the fused graph's 12 least sensitive MatMuls only: each layer's FFN up-projection and
attention output projection. The FFN down-projections, the fused attention (QKV) and the
embeddings stay fp32: quantising any of them put the worst cosine against torch below 0.99 on
the demo and dev texts (README "Ingest benchmark"). The file is checked before it is kept
(cosine >= INT8_AGREEMENT with torch on every check text) and lives next to the fp32 export.
Not the default: its vectors are not torch's (cosine ~0.994 at worst)."""

from __future__ import annotations

from pathlib import Path

from ingest.embedder import TorchEmbedder
from ingest.onnx_model import CHECK_TEXTS, OnnxEmbedder, OnnxExportMissing, agreement, exported

INT8_AGREEMENT = 0.99
QUANTISED = ("/intermediate/dense/MatMul", "/attention/output/dense/MatMul")


def int8_file(fp32: Path) -> Path:
    return fp32.with_name("model-int8.onnx")


def int8_exported() -> Path | None:
    fp32 = exported()
    path = int8_file(fp32) if fp32 else None
    return path if path is not None and path.is_file() else None


def quantise(fp32: Path, target: Path) -> Path:
    """Quantise the QUANTISED MatMuls of `fp32` to `target`, check it against torch, keep it."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(fp32), load_external_data=False).graph
    nodes = [n.name for n in graph.node if n.op_type == "MatMul" and n.name.endswith(QUANTISED)]
    partial = target.with_suffix(".partial")
    try:
        quantize_dynamic(
            str(fp32),
            str(partial),
            weight_type=QuantType.QInt8,
            per_channel=True,
            nodes_to_quantize=nodes,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},  # for fused ops
        )
        worst = agreement(
            TorchEmbedder(len(CHECK_TEXTS)),
            OnnxEmbedder(len(CHECK_TEXTS), path=partial),
            list(CHECK_TEXTS),
        )
        if worst < INT8_AGREEMENT:
            raise RuntimeError(f"the int8 model agrees with torch at cosine {worst:.4f} only")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def main() -> None:
    fp32 = exported()
    if fp32 is None:
        raise SystemExit(str(OnnxExportMissing(Path("<venv>/share/casebrief/onnx"))))
    path = int8_exported() or quantise(fp32, int8_file(fp32))
    print(f"int8 model: {path}")


if __name__ == "__main__":
    main()
