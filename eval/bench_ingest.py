"""Ingest benchmark: throughput, unchanged re-ingest, peak memory, and the store layout.

    python -m eval.bench_ingest [--cases 100] [--layout-cases 200] [--runs 20]
                                [--out eval/out/bench_ingest.md] [--skip-layout]

Every scenario runs in a fresh subprocess (``--scenario NAME --store DIR ...``, which prints
one JSON line), so peak RSS is per scenario and the model is loaded cold each time:

* ``demo``: demo/cases plus demo/learning (skipped while demo/cases holds no bundles);
* ``synthetic``: the first ``--cases`` generated bundles (eval.synth), with the settings'
  encoder (``CASEBRIEF_EMBED_BACKEND``, ``CASEBRIEF_EMBED_BATCH_SIZE``);
* ``encoder``: raw encode rates (no store) of the same bundles' texts for each backend and
  batch size in ENCODER_CONFIGS, interleaved over ROUNDS rounds, median;
* ``paired``: all the cases at once, ROUNDS times: ingest with the encoder as it was before
  (torch, batches of 64), ingest with the settings' encoder, and the raw encode of the same
  texts (`embed_in_order`, as ingest calls it) with the settings' and every candidate for the
  fastest configuration (ONNX at 8, 16, 32, one batch at a time or two side by side, ``x2``),
  taking turns, so the ratios are
  taken under the same load (the cores are shared: absolute rates drift, paired ratios much
  less);
* ``layout``: times reads and similarity queries with 1 case and with ``--layout-cases``
  cases in the store, one collection per case, against the same entries copied into ONE shared
  collection filtered by ``where={"case_id": ...}`` (copied with their embeddings, so nothing is
  embedded twice). The big store extends a copy of the synthetic scenario's store, so only the
  cases beyond ``--cases`` are embedded again.

Model load time (the first ``settings.embedder()`` call plus one warm-up encode) is reported on
its own; throughput is records or passages over the first-ingest wall time without it. The
Markdown report is printed and written to ``--out`` (eval/out/ is gitignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eval.synth import write_bundles

if TYPE_CHECKING:
    from chromadb.api.models.Collection import Collection

    from config.settings import Settings
    from ingest.pipeline import IngestResult
    from ingest.store import LiveVersion, Store

ROOT = Path(__file__).resolve().parents[1]
MARKER = "BENCH-JSON "
QUERY = "Which health appointments were missed, and were the children seen alone at home visits?"
COSINE = {"hnsw": {"space": "cosine"}}
SCENARIOS = ("demo", "synthetic", "encoder", "paired", "layout")
ROUNDS = 3
BEFORE = {"embed_backend": "torch", "embed_batch_size": 64}  # the encoder before issue 12
ENCODER_CONFIGS = (
    ("torch", 64), ("torch", 32), ("torch", 16), ("torch", 8),
    ("onnx", 32), ("onnx", 16), ("onnx", 8),
)  # fmt: skip
Result = dict[str, Any]


# --- measuring helpers ---------------------------------------------------------------------


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def machine_busy_s() -> float | None:
    """CPU seconds every process on the machine has used since boot (Linux /proc/stat; None
    elsewhere): the machine's minus this process's over a turn is what other work took."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # not idle, iowait


def timed_ms(action: Callable[[], object], runs: int) -> dict[str, float]:
    """One untimed warm-up call, then `runs` timed calls: median, min and max in ms."""
    action()
    samples: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples)}


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


class CaseTicker:
    """A pipeline ProgressFactory: reports the first and every `every`-th case it embeds."""

    def __init__(self, every: int = 20) -> None:
        self.every, self.seen = every, 0
        self.started = time.perf_counter()

    def __call__(self, label: str, count: int) -> Callable[[int], None]:
        self.seen += 1
        if self.seen == 1 or self.seen % self.every == 0:
            elapsed = time.perf_counter() - self.started
            say(f"  case {self.seen} to embed: {label} ({count} entries), {elapsed:.0f} s")
        return lambda _done: None


# --- child: ingest throughput ----------------------------------------------------------------


def load_model(settings: Settings) -> float:
    started = time.perf_counter()
    settings.embedder().embed(["warm-up"])
    return time.perf_counter() - started


def ingest_everything(
    cases: Sequence[Path], learning: Sequence[Path], settings: Settings
) -> list[IngestResult]:
    from ingest.pipeline import ingest_cases, ingest_learning

    results = ingest_cases(list(cases), settings, CaseTicker()) if cases else []
    if learning:
        results.append(ingest_learning(list(learning), settings))
    return results


def passage_count(results: Sequence[IngestResult]) -> int:
    return sum(r.counts.get("passages", 0) for r in results)


def scenario_ingest(
    cases: Sequence[Path], learning: Sequence[Path], store: Path, **encoder: Any
) -> Result:
    from config.settings import load_settings

    settings = load_settings(store=store, **encoder)
    model_s = load_model(settings)
    model_rss = peak_rss_mib()
    started = time.perf_counter()
    first = ingest_everything(cases, learning, settings)
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    again = ingest_everything(cases, learning, settings)
    reingest_s = time.perf_counter() - started
    return {
        "cases": sum(r.key.startswith("case:") for r in first),
        "learning_documents": sum(r.counts.get("documents", 0) for r in first),
        "records": sum(r.records for r in first),
        "embedded": sum(r.embedded for r in first),
        "passages": passage_count(first),
        "model_s": model_s,
        "ingest_s": ingest_s,
        "reingest_s": reingest_s,
        "reingest_unchanged": all(r.status == "unchanged" and r.embedded == 0 for r in again),
        "model_rss_mib": model_rss,
        "peak_rss_mib": peak_rss_mib(),
        "backend": settings.embedder().backend,
        "batch": settings.embed_batch_size,
    }


# --- child: raw encoder rates ----------------------------------------------------------------


def bundle_texts(bundles: Sequence[Path]) -> list[str]:
    """The texts ingest embeds for these bundles (one per entry: what it embeds, not the text
    it stores, which is longer for chronology and appointments)."""
    from ingest.bundle import load_bundle
    from ingest.entries import bundle_entries

    texts: list[str] = []
    for folder in bundles:
        bundle = load_bundle(folder, chunk_size=900, chunk_overlap=120)
        texts += [entry.embedded_text for entry in bundle_entries(bundle)]
    return texts


def scenario_encoder(bundles: Sequence[Path]) -> Result:
    """Texts per second of each encoder configuration over the same texts, nothing stored;
    the configurations take turns, ROUNDS times, and the median is kept."""
    from ingest.embedders import make_embedder
    from ingest.onnx_model import exported

    texts = bundle_texts(bundles)
    configs = [(b, n) for b, n in ENCODER_CONFIGS if b == "torch" or exported() is not None]
    models = {backend: make_embedder(16, backend) for backend, _ in configs}  # type: ignore[arg-type]
    for embedder in models.values():
        embedder.embed(texts[:64])
    samples: dict[tuple[str, int], list[float]] = {config: [] for config in configs}
    for _ in range(ROUNDS):
        for backend, batch in configs:
            embedder = models[backend]
            embedder.batch_size = batch
            started = time.perf_counter()
            embedder.embed(texts)
            samples[(backend, batch)].append(len(texts) / (time.perf_counter() - started))
    rates = [
        {"backend": b, "batch": n, "rate": statistics.median(v)} for (b, n), v in samples.items()
    ]
    return {"texts": len(texts), "rounds": ROUNDS, "rates": rates}


def scenario_paired(bundles: Sequence[Path], store: Path, fastest: str, rounds: int) -> Result:
    """`rounds` rounds, each of turns over all the cases at once: one ingest as before, one
    ingest as now (each `ingest_cases` of every bundle into a fresh store, as `casebrief ingest
    FOLDER` does), and the raw encode of the same texts (one stream, sorted by length) with the
    settings' configuration and every other candidate for the fastest (the encoder scenario's
    fastest, and ONNX at batches of 8, 16 and 32). The turns rotate from round to round, so
    none always runs after the same other (a runtime's worker threads may still be spinning on
    the cores when the next one starts). Wall and CPU seconds (all threads) of every turn."""
    from config.settings import load_settings
    from ingest.embedders import make_embedder
    from ingest.pipeline import ingest_cases

    texts = bundle_texts(bundles)
    now_config = load_settings(store=store / "probe")
    now_name = _config_name(now_config)
    onnx = [f"onnx:{n}{x}" for x in ("", "x2") for n in (8, 16, 32)]
    candidates = [now_name, fastest, *(onnx if now_name.startswith("onnx") else [])]
    raw = {name: _raw_embedder(make_embedder, name) for name in dict.fromkeys(candidates)}
    names = ["before", "now", *(f"raw {name}" for name in raw)]
    samples: list[dict[str, list[float]]] = []
    for turn in range(rounds):
        before = load_settings(store=store / f"before-{turn}", **BEFORE)
        now = load_settings(store=store / f"now-{turn}")
        for settings in (before, now):
            load_model(settings)
            settings.chroma_client()
        actions = [
            partial(ingest_cases, list(bundles), before),
            partial(ingest_cases, list(bundles), now),
            *(partial(embedder.embed_in_order, texts) for embedder in raw.values()),
        ]
        seconds: dict[str, list[float]] = {}
        for index in [(turn + k) % len(actions) for k in range(len(actions))]:
            wall, cpu, busy = time.perf_counter(), time.process_time(), machine_busy_s()
            actions[index]()
            own = time.process_time() - cpu
            others = machine_busy_s() - busy - own if busy is not None else float("nan")
            seconds[names[index]] = [time.perf_counter() - wall, own, others]
        say(
            f"paired round {turn + 1}: "
            + ", ".join(f"{k} {v[0]:.1f} s ({v[2]:.1f} CPU-s others)" for k, v in seconds.items())
        )
        samples.append(seconds)
    wall = {name: sum(r[name][0] for r in samples) for name in names}
    quickest = min((name for name in names if name.startswith("raw ")), key=wall.__getitem__)
    return {
        "records": len(texts),
        "seconds": wall | {"raw_fastest": wall[quickest], "raw_now": wall[f"raw {now_name}"]},
        "cpu": {name: sum(r[name][1] for r in samples) for name in names},
        "others_cpu": [{k: v[2] for k, v in r.items()} for r in samples],
        "rounds": [
            {k: v[0] for k, v in r.items()}
            | {"raw_fastest": r[quickest][0], "raw_now": r[f"raw {now_name}"][0]}
            for r in samples
        ],
        "now": now_name,
        "fastest": quickest.removeprefix("raw "),
    }


def _config_name(settings: Settings) -> str:
    """BACKEND:BATCH, and xSTREAMS when ONNX batches run side by side."""
    backend = settings.embedder().backend
    streams = settings.embed_streams if backend.startswith("onnx") else 1
    return f"{backend}:{settings.embed_batch_size}" + (f"x{streams}" if streams > 1 else "")


def _raw_embedder(make: Callable[..., Any], name: str) -> Any:
    """The embedder of BACKEND:BATCH[xSTREAMS], warmed up (streams too)."""
    backend, _, size = name.partition(":")
    batch, _, streams = size.partition("x")
    embedder = make(int(batch), backend, streams=int(streams or 1))
    embedder.embed_in_order(["warm-up"] * (2 * int(batch) + 1))
    return embedder


# --- child: store layout ---------------------------------------------------------------------


def collection_entries(collection: Collection) -> dict[str, Any]:
    return collection.get(include=["embeddings", "metadatas", "documents"])


def build_shared(store: Store, path: Path) -> Collection:
    """Every live case's entries, embeddings included, in ONE collection of a separate store."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )
    shared = client.create_collection("cb-shared", embedding_function=None, configuration=COSINE)
    batch = min(client.get_max_batch_size(), 5000)
    for live in store.all_live():
        found = collection_entries(store.collection(live.collection))
        case_id = live.key.partition(":")[2]
        for start in range(0, len(found["ids"]), batch):
            end = start + batch
            shared.add(
                ids=[f"{case_id}/{i}" for i in found["ids"][start:end]],
                embeddings=found["embeddings"][start:end],
                metadatas=found["metadatas"][start:end],
                documents=found["documents"][start:end],
            )
    return shared


def shared_read(shared: Collection, case_id: str) -> list[Any]:
    """The shared-collection equivalent of Store.read_all: same include, same Entry objects."""
    from ingest.entries import Entry

    found = shared.get(where={"case_id": case_id}, include=["metadatas", "documents"])
    return [
        Entry(id=i, text=text or "", metadata=dict(meta or {}))
        for i, text, meta in zip(found["ids"], found["documents"], found["metadatas"], strict=True)
    ]


def store_records(store: Store, lives: Sequence[LiveVersion]) -> int:
    return sum(store.collection(live.collection).count() for live in lives)


def measure_layout(
    store: Store, key: str, shared_path: Path, vector: list[float], runs: int
) -> Result:
    """Per-case reads and queries for `key`, then the same through one shared collection."""
    live = store.live(key)
    assert live is not None, f"{key} is not in the store"
    case_id = key.partition(":")[2]
    per_case = store.collection(live.collection)
    case_records = len(store.read_all(live))
    started = time.perf_counter()
    shared = build_shared(store, shared_path)
    shared_build_s = time.perf_counter() - started
    assert len(shared_read(shared, case_id)) == case_records, "shared read differs"

    def read_per_case() -> object:
        return store.read_all(store.live(key))  # type: ignore[arg-type]

    def query_shared() -> object:
        where = {"case_id": case_id}
        return shared.query(query_embeddings=[vector], n_results=8, where=where)

    lives = store.all_live()
    return {
        "cases": len(lives),
        "records": store_records(store, lives),
        "case_records": case_records,
        "shared_records": shared.count(),
        "shared_build_s": shared_build_s,
        "live_ms": timed_ms(lambda: store.live(key), runs),
        "read_ms": timed_ms(read_per_case, runs),
        "query_ms": timed_ms(lambda: per_case.query(query_embeddings=[vector], n_results=8), runs),
        "shared_read_ms": timed_ms(lambda: shared_read(shared, case_id), runs),
        "shared_query_ms": timed_ms(query_shared, runs),
    }


def fill_store(settings: Settings, bundles: Sequence[Path], base: Path | None) -> Result:
    """Ingest `bundles` into settings.store, starting from a copy of `base` when given."""
    from ingest.pipeline import ingest_cases

    if base is not None and base.is_dir():
        shutil.copytree(base, settings.store)
    started = time.perf_counter()
    results = ingest_cases(list(bundles), settings, CaseTicker())
    return {
        "ingest_s": time.perf_counter() - started,
        "embedded_cases": sum(r.status != "unchanged" for r in results),
        "reused_cases": sum(r.status == "unchanged" for r in results),
    }


def scenario_layout(bundles: Sequence[Path], work: Path, base: Path | None, runs: int) -> Result:
    from config.settings import load_settings
    from ingest.store import Store

    small, big = load_settings(store=work / "one"), load_settings(store=work / "many")
    vector = big.embedder().embed_one(QUERY)
    fill_store(small, bundles[:1], None)
    key = Store(small.chroma_client()).all_live()[0].key
    say(f"layout: measuring with 1 case ({key})")
    states = [measure_layout(Store(small.chroma_client()), key, work / "shared-one", vector, runs)]
    say(f"layout: building the {len(bundles)}-case store")
    fill = fill_store(big, bundles, base)
    say(f"layout: measuring with {len(bundles)} cases")
    states.append(
        measure_layout(Store(big.chroma_client()), key, work / "shared-many", vector, runs)
    )
    return {"fill": fill, "states": states, "runs": runs}


# --- child entry point -----------------------------------------------------------------------


def bundle_dirs(folder: Path, count: int) -> list[Path]:
    return sorted(p for p in folder.iterdir() if (p / "case.yaml").is_file())[:count]


def run_scenario(args: argparse.Namespace) -> Result:
    store = Path(args.store)
    if args.scenario == "demo":
        learning = args.demo_dir / "learning"
        found = [learning] if learning.is_dir() else []
        cases = bundle_dirs(args.demo_dir / "cases", sys.maxsize)
        return scenario_ingest(cases, found, store)
    if args.scenario == "synthetic":
        return scenario_ingest(bundle_dirs(args.bundles, args.cases), [], store)
    if args.scenario == "paired":
        bundles = bundle_dirs(args.bundles, args.cases)
        return scenario_paired(bundles, store, args.fastest, args.paired_rounds)
    if args.scenario == "encoder":
        return scenario_encoder(bundle_dirs(args.bundles, args.cases))
    bundles = bundle_dirs(args.bundles, args.layout_cases)
    return scenario_layout(bundles, store, args.base_store, args.runs)


# --- parent: orchestration -------------------------------------------------------------------


@dataclass
class BenchConfig:
    cases: int = 100
    layout_cases: int = 200
    runs: int = 20
    out: Path = ROOT / "eval" / "out" / "bench_ingest.md"
    skip_layout: bool = False
    demo_dir: Path = ROOT / "demo"
    sizes: dict[str, int] = field(default_factory=dict)


def child_env() -> dict[str, str]:
    """The children use embedded stores in temp dirs, whatever CASEBRIEF_* says."""
    drop = {"CASEBRIEF_CHROMA_URL", "CASEBRIEF_STORE"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def run_child(scenario: str, store: Path, *options: str) -> Result:
    command = [sys.executable, "-m", "eval.bench_ingest", "--scenario", scenario]
    command += ["--store", str(store), *options]
    started = time.perf_counter()
    done = subprocess.run(
        command, stdout=subprocess.PIPE, text=True, env=child_env(), cwd=ROOT, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARKER)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"scenario {scenario} failed (exit {done.returncode})")
    result = json.loads(lines[-1][len(MARKER) :])
    result["process_s"] = time.perf_counter() - started
    return result


def cli_reingest_s(store: Path, paths: Sequence[Path], runs: int = 3) -> float:
    """Median wall time of a whole `casebrief ingest` process over an unchanged store."""
    command = [sys.executable, "-m", "bot", "ingest", "--store", str(store), *map(str, paths)]
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env=child_env(), cwd=ROOT, check=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def shown(path: Path) -> str:
    """A path relative to the repository when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def has_demo(demo_dir: Path) -> bool:
    cases = demo_dir / "cases"
    return cases.is_dir() and any((p / "case.yaml").is_file() for p in cases.iterdir())


def run_all(config: BenchConfig, work: Path) -> dict[str, Result | str]:
    results: dict[str, Result | str] = {}
    common = ["--demo-dir", str(config.demo_dir), "--runs", str(config.runs)]
    if has_demo(config.demo_dir):
        say("scenario demo")
        results["demo"] = run_child("demo", work / "demo-store", *common)
    else:
        results["demo"] = f"no case bundles in {shown(config.demo_dir / 'cases')} yet"
        say(f"scenario demo skipped: {results['demo']}")
    count = max(config.cases, 0 if config.skip_layout else config.layout_cases)
    say(f"writing {count} synthetic bundles")
    bundles = work / "bundles"
    write_bundles(bundles, count, **config.sizes)
    sizes = [*common, "--bundles", str(bundles)]
    counted = ["--cases", str(config.cases)]
    say(f"encoder rates over the texts of {config.cases} synthetic cases")
    results["encoder"] = run_child("encoder", work / "none", *sizes, *counted)
    rates = results["encoder"]["rates"]
    fastest = max(rates, key=lambda r: r["rate"])
    say(f"scenario paired ({config.cases} cases: before, now, raw now, raw fastest)")
    results["paired"] = run_child(
        "paired",
        work / "paired",
        *sizes,
        *counted,
        "--fastest",
        f"{fastest['backend']}:{fastest['batch']}",
    )
    say(f"scenario synthetic ({config.cases} cases)")
    synthetic_store = work / "synthetic-store"
    results["synthetic"] = run_child("synthetic", synthetic_store, *sizes, *counted)
    results["synthetic"]["cli_reingest_s"] = cli_reingest_s(
        synthetic_store, bundle_dirs(bundles, config.cases)
    )
    if not config.skip_layout:
        say(f"scenario layout (1 and {config.layout_cases} cases)")
        base = ["--base-store", str(synthetic_store)] if config.cases <= config.layout_cases else []
        layout_args = [*sizes, "--layout-cases", str(config.layout_cases), *base]
        results["layout"] = run_child("layout", work / "layout", *layout_args)
    return results


def run_benchmark(config: BenchConfig) -> str:
    """Run every scenario, print the Markdown report and write it to config.out."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="casebrief-bench-") as tmp:
        results = run_all(config, Path(tmp))
    report = render(results, config, time.perf_counter() - started)
    config.out.parent.mkdir(parents=True, exist_ok=True)
    config.out.write_text(report, encoding="utf-8")
    print(report)
    return report


# --- report ----------------------------------------------------------------------------------


def ratio(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f} %" if whole > 0 else "n/a"


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:.1f}" if seconds > 0 else "n/a"


def ingest_row(name: str, r: Result) -> str:
    seconds = r["ingest_s"]
    name = f"{name} ({r.get('backend', '?')}, {r.get('batch', '?')})"
    docs = r["learning_documents"]
    reingest = f"{r['reingest_s']:.2f} ({ratio(r['reingest_s'], seconds)})"
    cells = [
        name,
        f"{r['cases']}" + (f" + {docs} learning docs" if docs else ""),
        f"{r['records']:,}",
        f"{r['passages']:,}",
        f"{r['model_s']:.1f}",
        f"{seconds:.1f}",
        rate(r["records"], seconds),
        rate(r["passages"], seconds),
        reingest if r["reingest_unchanged"] else f"{reingest} NOT unchanged",
        f"{r['model_rss_mib']:.0f}",
        f"{r['peak_rss_mib']:.0f}",
    ]
    return "| " + " | ".join(cells) + " |"


def render_ingest(results: dict[str, Result | str]) -> list[str]:
    lines = [
        "## Ingest throughput",
        "",
        "Model load = first `settings.embedder()` call + one warm-up encode; the first-ingest",
        "time and the rates exclude it. Records = every indexed entry; passages = document",
        "passages. Each scenario ran in a fresh process on an empty embedded store.",
        "",
        "| scenario | cases | records | passages | model load s | first ingest s | records/s "
        "| passages/s | unchanged re-ingest s | RSS after model MiB | peak RSS MiB |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    notes = []
    for name in ("demo", "synthetic"):
        result = results.get(name)
        if isinstance(result, dict):
            lines.append(ingest_row(name, result))
        elif result:
            notes.append(f"- {name}: skipped, {result}.")
    return lines + ([""] + notes if notes else []) + render_encoder(results)


def render_encoder(results: dict[str, Result | str]) -> list[str]:
    """Raw encode rates, and ingest as a fraction of the fastest and of the encoder before."""
    encoder, paired, new = (results.get(k) for k in ("encoder", "paired", "synthetic"))
    if not (isinstance(encoder, dict) and isinstance(paired, dict)):
        return []
    fastest = max(encoder["rates"], key=lambda r: r["rate"])
    lines = [
        "",
        "## Encoder: raw encode vs ingest",
        "",
        f"Texts per second encoding the {encoder['texts']:,} texts of the synthetic cases "
        f"(sorted by length, cut into batches), nothing stored; median of {encoder['rounds']} "
        "interleaved rounds.",
        "",
        "| backend | batch | texts/s | ÷ fastest |",
        "|---|--:|--:|--:|",
    ]
    lines += [
        f"| {r['backend']} | {r['batch']} | {r['rate']:.1f} | {r['rate'] / fastest['rate']:.2f} |"
        for r in encoder["rates"]
    ]
    s = paired["seconds"]
    n = paired["records"]
    rounds = paired.get("rounds", [])

    def spread(top: str, bottom: str) -> str:
        values = sorted(r[top] / r[bottom] for r in rounds)
        if not values:
            return ""
        middle = statistics.median(values)
        return f" (median of rounds {middle:.2f}, {values[0]:.2f}-{values[-1]:.2f})"

    lines += [
        "",
        f"Paired, all {n:,} records at once in each of {len(rounds)} rounds (ingest as before, "
        "ingest now, raw encode now, raw encode with the fastest configuration, taking turns):",
        "",
        f"- ingest now ({paired['now']}) {n / s['now']:.1f} records/s = "
        f"**{s['raw_fastest'] / s['now']:.2f}**{spread('raw_fastest', 'now')} of the fastest raw "
        f"encoder ({paired['fastest']}, {n / s['raw_fastest']:.1f}/s) and "
        f"{s['raw_now'] / s['now']:.2f}{spread('raw_now', 'now')} of its own "
        f"({n / s['raw_now']:.1f}/s);",
        f"- **{s['before'] / s['now']:.2f}x**{spread('before', 'now')} the ingest before "
        f"(torch, 64: {n / s['before']:.1f} records/s).",
    ]
    cpu = paired.get("cpu")
    if cpu:
        raw = f"raw {paired['fastest']}"
        lines.append(
            f"- CPU seconds (every thread): ingest now {cpu['now']:.1f}, raw {paired['fastest']} "
            f"{cpu[raw]:.1f} ({cpu[raw] / cpu['now']:.2f}), ingest before {cpu['before']:.1f}."
        )
    others = paired.get("others_cpu")
    if others:
        raw = f"raw {paired['fastest']}"
        lines.append(
            "- CPU seconds other work took on the machine meanwhile (2 cores), by round: "
            + "; ".join(f"ingest now {r['now']:.1f}, {raw} {r[raw]:.1f}" for r in others)
            + "."
        )
    whole = new.get("cli_reingest_s") if isinstance(new, dict) else None
    if whole:
        lines.append(
            f"- unchanged re-ingest, whole `casebrief ingest` process: {whole:.2f} s = "
            f"**{ratio(whole, new['process_s'])}** of the first ingest's whole process "
            f"({new['process_s']:.1f} s)."
        )
    return lines


def timing(cell: dict[str, float]) -> str:
    return f"{cell['median']:.2f} [{cell['min']:.2f}–{cell['max']:.2f}]"


LAYOUT_ROWS = (
    ("live_ms", "per-case: live-version lookup (registry get)"),
    ("read_ms", "(a) per-case: live lookup + `Store.read_all`"),
    ("query_ms", "(b) per-case: `query(n_results=8)`"),
    ("shared_read_ms", "(c) shared: `get(where={case_id})`, same read"),
    ("shared_query_ms", "(c) shared: `query(n_results=8, where={case_id})`"),
)


def render_layout(layout: Result) -> list[str]:
    one, many = layout["states"]
    fill = layout["fill"]
    head = f"| operation | {one['cases']} case | {many['cases']} cases |"
    lines = [
        "## Store layout: one collection per case vs one shared collection",
        "",
        f"Median of {layout['runs']} runs after one warm-up, ms [min–max]; the case read is "
        f"{one['case_records']} records. The shared collection holds the same entries and "
        "embeddings, copied with chromadb into a separate store.",
        "",
        head,
        "|---|--:|--:|",
        f"| records in store (all collections) | {one['records']:,} | {many['records']:,} |",
    ]
    lines += [f"| {label} | {timing(one[k])} | {timing(many[k])} |" for k, label in LAYOUT_ROWS]
    lines += [
        f"| building the shared collection, s | {one['shared_build_s']:.1f} "
        f"| {many['shared_build_s']:.1f} |",
        "",
        f"The {many['cases']}-case store: {fill['reused_cases']} cases copied from the synthetic "
        f"scenario's store, {fill['embedded_cases']} ingested here in {fill['ingest_s']:.0f} s.",
    ]
    return lines


def render(results: dict[str, Result | str], config: BenchConfig, total_s: float) -> str:
    lines = [
        "# CaseBrief ingest benchmark",
        "",
        f"{dt.datetime.now().isoformat(timespec='seconds')} · {platform.platform()} · "
        f"{os.cpu_count()} CPUs · Python {platform.python_version()} · "
        f"chromadb {version('chromadb')} · torch {version('torch')}",
        "",
        *render_ingest(results),
    ]
    layout = results.get("layout")
    if isinstance(layout, dict):
        lines += ["", *render_layout(layout)]
    lines += ["", f"Total benchmark wall time: {total_s:.0f} s ({total_s / 60:.1f} min).", ""]
    return "\n".join(lines)


# --- command line ----------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m eval.bench_ingest", description=__doc__)
    add = parser.add_argument
    add("--cases", type=int, default=100, help="synthetic cases to ingest (default 100)")
    add("--layout-cases", "--cases-layout", type=int, default=200, dest="layout_cases",
        help="cases in the big layout store (default 200)")  # fmt: skip
    add("--runs", type=int, default=20, help="timed runs per layout measurement (default 20)")
    add("--out", type=Path, default=BenchConfig.out, help="Markdown report path")
    add("--skip-layout", action="store_true", help="skip the store-layout measurements")
    add("--demo-dir", type=Path, default=BenchConfig.demo_dir, help="holds cases/ and learning/")
    add("--scenario", choices=SCENARIOS, help="internal: run one scenario, print JSON")
    add("--store", type=Path, help="internal: the scenario's store / work folder")
    add("--bundles", type=Path, help="internal: folder of generated bundles")
    add("--base-store", type=Path, help="internal: layout store to extend")
    add("--fastest", default="torch:16", help="internal: BACKEND:BATCH for --scenario paired")
    add("--paired-rounds", type=int, default=ROUNDS, help="rounds of the paired scenario")
    args = parser.parse_args(argv)
    if args.scenario and args.store is None:
        parser.error("--scenario needs --store")
    if args.scenario in ("synthetic", "encoder", "paired", "layout") and args.bundles is None:
        parser.error(f"--scenario {args.scenario} needs --bundles")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.scenario:
        print(MARKER + json.dumps(run_scenario(args)), flush=True)
        return 0
    config = BenchConfig(
        cases=args.cases,
        layout_cases=args.layout_cases,
        runs=args.runs,
        out=args.out,
        skip_layout=args.skip_layout,
        demo_dir=args.demo_dir,
    )
    run_benchmark(config)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
