"""Warm answer latency against the floor (issue 12): `Engine.ask` beside the top-4 baseline
(one query embedding and one Chroma query), question by question in turn, so both meet the
same load. Every query embedding is made afresh for both (the embedder's cache is cleared).

    python -m eval.bench_latency --store STORE [--rounds 3]

STORE holds the demo (`make run` or `casebrief ingest demo/cases`). Read the ratio and the
tail rather than the milliseconds: on shared cores they move with other work."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from bot.access import LOCAL
from bot.answer import Engine
from config.settings import load_settings
from eval.evaluate import Baseline

GOLD = Path(__file__).resolve().parent / "gold.jsonl"
DEMO_CASES = ("FAM-0107", "FAM-0215")
DEMO_TODAY = "2018-07-02"
WARM_QUESTIONS = 3  # asked of both first: first-use costs are no steady-state latency


def _questions() -> list[tuple[str, str]]:
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    return [
        (q["question"], q["case"])
        for q in items
        if q.get("case") in DEMO_CASES and not q.get("conversation")
    ]


def _quantile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def main(store: Path, rounds: int = 3) -> None:
    engine = Engine(load_settings(store=store, today=DEMO_TODAY))
    engine.warm_up()
    baseline = Baseline(engine)
    questions = _questions()
    for question, case in questions[:WARM_QUESTIONS]:
        engine.ask(question, case, LOCAL)
        baseline.ask(question, case)
    asked: list[float] = []
    floor: list[float] = []
    runs = (
        (asked, lambda q, c: engine.ask(q, c, LOCAL)),
        (floor, lambda q, c: baseline.ask(q, c)),
    )
    for _ in range(rounds):
        for question, case in questions:
            for times, run in runs:
                engine.embedder.clear_query_cache()
                start = time.perf_counter()
                run(question, case)
                times.append(time.perf_counter() - start)
    p50, floor50 = _quantile(asked, 0.5), _quantile(floor, 0.5)
    print("| questions | ask p50 ms | ask p95 ms | floor p50 ms | floor p95 ms | p50 ÷ floor |")
    print("|--:|--:|--:|--:|--:|--:|")
    print(
        f"| {len(asked)} | {p50:.1f} | {_quantile(asked, 0.95):.1f} | {floor50:.1f} | "
        f"{_quantile(floor, 0.95):.1f} | {p50 / floor50:.2f} |"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store holding the demo")
    parser.add_argument("--rounds", type=int, default=3, help="times each question is asked")
    arguments = parser.parse_args()
    main(arguments.store, arguments.rounds)
