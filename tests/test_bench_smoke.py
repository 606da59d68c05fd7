"""The ingest benchmark runs end to end on two tiny synthetic cases (not a timed test)."""

from __future__ import annotations

import re
from pathlib import Path

from eval.bench_ingest import BenchConfig, run_benchmark

TINY = {"chronology": 4, "appointments": 3, "professionals": 2, "addresses": 2, "documents": 1}


def test_benchmark_reports_ingest_and_layout_tables(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    config = BenchConfig(
        cases=2, layout_cases=2, runs=2, out=out, demo_dir=tmp_path / "no-demo", sizes=TINY
    )
    report = run_benchmark(config)
    assert out.read_text(encoding="utf-8") == report
    assert re.search(r"\| synthetic \((onnx|torch), 16\) \| 2 \|", report)
    assert "the ingest before (torch, 64:" in report
    assert "of the fastest raw encoder" in report
    assert "NOT unchanged" not in report
    assert "- demo: skipped, no case bundles in" in report
    assert "| 1 case | 2 cases |" in report
    assert "(c) shared: `get(where={case_id})`, same read" in report
    assert "2 cases copied from the synthetic scenario's store, 0 ingested" in report
