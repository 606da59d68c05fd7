"""Scale benchmark: the same case, question and app with 1 case in the store and with 1,000.

    python -m eval.bench_scale [--cases 1000] [--runs 20] [--rss-cases 200]
                               [--out eval/out/bench_scale.md] [--skip-app]

The small store is the demo case FAM-0107 and the learning corpus, ingested for real. The big
one is a copy of it plus ``--cases - 1`` filler cases: synthetic bundles (eval.synth) in the
real layout, written through ``Store.publish`` with random unit vectors instead of encoding
(their text is never searched by meaning here; only their number and size matter).

Both stores in one process, taking turns over 3 rounds: the registry listing
(``Store.all_live``), a case read (live lookup, read whole, typed records), a similarity query
in the case's collection, and ``Engine.ask`` p50/p95 over the gold questions about FAM-0107 and
the learning corpus (one warm pass first). Then ``casebrief cases`` as a whole process, the
app's cold start (``streamlit run bot/ui/server.py`` until it logs that it is ready and
/_stcore/health answers, then, in a headless chromium already open, the first page until its
chat box is visible; ``--app-runs`` starts a store, taking turns; needs Playwright and
/usr/bin/chromium) and disk per case. Memory: one process answers three questions about each of
``--rss-cases`` different filler cases and reports its RSS after 20 and after all of them.

The 2 cores are shared with other work: compare the two columns of one run, not absolute
times across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from eval.synth import case_id_for, write_bundle

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo"
CASE = "FAM-0107"
DEMO_TODAY = "2018-07-02"
MARKER = "SCALE-JSON "
CHROMIUM = Path("/usr/bin/chromium")
RSS_QUESTIONS = (
    "Who is the lead professional?",
    "What do the documents say about the home conditions?",
    "Is there anything about school attendance?",
)
Result = dict[str, Any]


def say(message: str) -> None:
    print(f"[scale] {message}", file=sys.stderr, flush=True)


def rss_mib() -> float:
    """This process's resident set size now (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed_ms(action: Callable[[], object], runs: int) -> list[float]:
    action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: Sequence[float]) -> Result:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": statistics.median(ordered), "p95": p95, "n": len(ordered)}


# --- building the stores ---------------------------------------------------------------------


class RandomVectors:
    """Stands in for the embedder while filler cases are written: random unit vectors."""

    batch_invariant = False  # every record gets its own random vector

    def __init__(self, seed: int = 0) -> None:
        self._rng = np.random.default_rng(seed)

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        vectors = self._rng.standard_normal((len(texts), 384)).astype(np.float32)
        return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).tolist()

    def embed_in_order(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> list[list[float]]:
        return self.embed(texts)


def build_small(store: Path) -> None:
    from config.settings import load_settings
    from ingest.pipeline import ingest_cases, ingest_learning

    settings = load_settings(store=store)
    ingest_cases([DEMO / "cases" / CASE], settings)
    ingest_learning([DEMO / "learning"], settings)


def add_fillers(store: Path, first: int, count: int, work: Path) -> None:
    """Filler cases SYN-<first>... written straight through the store with random vectors."""
    from config.settings import load_settings
    from ingest.bundle import bundle_hash, load_bundle
    from ingest.entries import bundle_entries
    from ingest.store import Store, case_key

    target = Store(load_settings(store=store).chroma_client())
    vectors = RandomVectors()
    for number in range(first, first + count):
        folder = write_bundle(work, number)
        bundle = load_bundle(folder, chunk_size=900, chunk_overlap=120)
        target.publish(
            case_key(bundle.case.case_id),
            bundle_entries(bundle),
            vectors,  # type: ignore[arg-type]
            content_hash=bundle_hash(folder),
            title=bundle.case.title,
            counts=bundle.counts(),
        )
        shutil.rmtree(folder)
        if (number - first + 1) % 100 == 0:
            say(f"  {number - first + 1} filler cases written")


def disk_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / (1024 * 1024)


# --- child: measurements in one store ----------------------------------------------------------


def gold_questions() -> list[Result]:
    rows = [json.loads(line) for line in (ROOT / "eval" / "gold.jsonl").open(encoding="utf-8")]
    return [r for r in rows if r.get("case") in (CASE, None)]


class Measured:
    """One store's engine and what is timed on it; `round` adds one round of samples."""

    def __init__(self, store: Path) -> None:
        from bot.answer import Engine
        from config.settings import load_settings
        from ingest.store import Store, case_key

        self.settings = load_settings(store=store, today=DEMO_TODAY)
        self.engine = Engine(self.settings)
        self.store = Store(self.settings.chroma_client())
        live = self.store.live(case_key(CASE))
        assert live is not None
        self.collection = self.store.collection(live.collection)
        self.vector = self.engine.embedder.embed_one("missed health appointments and home visits")
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.ask_all()  # warm: the case and its indexes read once

    def ask_all(self) -> list[float]:
        history: dict[str, list[Any]] = defaultdict(list)
        samples = []
        for item in gold_questions():
            turns = history[item["conversation"]] if item["conversation"] else []
            started = time.perf_counter()
            answer = self.engine.ask(item["question"], item["case"], conversation=turns)
            samples.append((time.perf_counter() - started) * 1000)
            if item["conversation"] and answer.turn:
                turns.append(answer.turn)
        return samples

    def round(self, runs: int) -> None:
        from bot.access import LOCAL
        from bot.records import RecordCache
        from bot.version_cache import VersionCache
        from ingest.store import Store

        store, add = self.store, self.samples
        add["all_live_first_ms"] += timed_ms(
            lambda: Store(self.settings.chroma_client()).all_live("case"), runs
        )
        add["all_live_ms"] += timed_ms(lambda: store.all_live("case"), runs)
        add["read_ms"] += timed_ms(
            lambda: RecordCache(store, VersionCache(1)).case(CASE, LOCAL), runs
        )
        add["query_ms"] += timed_ms(
            lambda: self.collection.query(query_embeddings=[self.vector], n_results=8), runs
        )
        add["ask_ms"] += self.ask_all()

    def result(self) -> Result:
        found = {name: summary(values) for name, values in self.samples.items()}
        return {**found, "cases": len(self.store.all_live("case")), "rss_mib": rss_mib()}


def measure(stores: Sequence[Path], runs: int, rounds: int = 3) -> list[Result]:
    """Both stores in one process, taking turns round by round, so both see the same load."""
    measured = [Measured(store) for store in stores]
    for _ in range(rounds):
        for one in measured:
            one.round(runs)
    return [one.result() for one in measured]


def measure_rss(store: Path, count: int) -> Result:
    """RSS after answering about 20 and about `count` different cases in one process."""
    from bot.answer import Engine
    from config.settings import load_settings

    engine = Engine(load_settings(store=store, today=DEMO_TODAY))
    engine.ask(RSS_QUESTIONS[0], CASE)
    marks: Result = {"start_mib": rss_mib()}
    for index in range(1, count + 1):
        for question in RSS_QUESTIONS:
            engine.ask(question, case_id_for(index + 1))
        if index in (20, 50, 100, count):
            marks[f"after_{index}_mib"] = rss_mib()
            say(f"  rss after {index} cases: {marks[f'after_{index}_mib']:.0f} MiB")
    marks["cached_versions"] = engine.settings.cached_versions
    return marks


# --- whole processes ----------------------------------------------------------------------------


def env_for(store: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEBRIEF_")}
    return {**env, "CASEBRIEF_STORE": str(store), "CASEBRIEF_TODAY": DEMO_TODAY}


def run_child(*args: str) -> Result:
    command = [sys.executable, "-m", "eval.bench_scale", *args]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, cwd=ROOT, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARKER)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(args)} failed (exit {done.returncode})")
    return json.loads(lines[-1][len(MARKER) :])


def cases_command_s(store: Path, runs: int = 3) -> float:
    """Median wall time of the whole `casebrief cases` process."""
    return process_s([sys.executable, "-m", "bot", "cases", "--store", str(store)], store, runs)


def import_floor_s(store: Path, runs: int = 3) -> float:
    """What any command that reads the store pays first: starting Python and importing
    chromadb (the registry is a Chroma collection)."""
    return process_s([sys.executable, "-c", "import chromadb"], store, runs)


def process_s(command: list[str], store: Path, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env_for(store), cwd=ROOT, check=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


READY_LINE = "CaseBrief is ready"  # what bot/ui/server.py logs once the engine is warm


def app_starts(stores: Sequence[Path], work: Path, runs: int) -> list[Result] | None:
    """Cold starts of the app over each store, taking turns, `runs` each: a fresh `streamlit
    run bot/ui/server.py` (as `make run`) until it reports ready (its log says READY_LINE and
    /_stcore/health answers), then a first visit in a browser already open (headless Debian
    chromium through Playwright, never downloaded) until the chat box is visible. None without
    Playwright or /usr/bin/chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    samples: list[dict[str, list[float]]] = [{"ready_s": [], "chat_box_s": []} for _ in stores]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox"], headless=True
        )
        for turn in range(runs):
            for index, store in enumerate(stores):
                log = work / f"app-{store.name}-{turn}.log"
                ready_s, chat_box_s = app_start(store, log, browser)
                samples[index]["ready_s"].append(ready_s)
                samples[index]["chat_box_s"].append(chat_box_s)
                say(f"  {store.name}: ready after {ready_s:.1f} s, chat box {chat_box_s:.2f} s on")
        browser.close()
    return [
        {name: statistics.median(values) for name, values in one.items()}
        | {f"{name}_max": max(values) for name, values in one.items()}
        | {"runs": runs}
        for one in samples
    ]


def app_start(store: Path, log: Path, browser: Any) -> tuple[float, float]:
    """(seconds from launch to ready, seconds from ready to the first page's chat box)."""
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", "bot/ui/server.py"]
    command += ["--server.port", str(port), "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    url = f"http://127.0.0.1:{port}"
    context = browser.new_context()  # nothing cached from an earlier start
    page = context.new_page()
    with log.open("w") as out:
        launched = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, env=env_for(store), stdout=out, stderr=subprocess.STDOUT
        )
        try:
            while not (READY_LINE in log.read_text() and _healthy(url)):
                if process.poll() is not None or time.perf_counter() - launched > 300:
                    raise RuntimeError(f"the app did not start: see {log}")
                time.sleep(0.02)
            ready = time.perf_counter()
            page.goto(f"{url}/?case={CASE}")
            page.get_by_placeholder(f"Ask about case {CASE}…").wait_for(timeout=120_000)
            return ready - launched, time.perf_counter() - ready
        finally:
            context.close()
            process.terminate()
            process.wait(timeout=30)


def _healthy(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as answer:
            return answer.status == 200
    except OSError:
        return False


# --- report ------------------------------------------------------------------------------------


def times(value: float, base: float) -> str:
    return f"{value / base:.2f}x" if base else "n/a"


def render(small: Result, big: Result, extra: Result) -> str:
    def row(label: str, key: str, stat: str = "p50", unit: str = "ms") -> str:
        a, b = small[key][stat], big[key][stat]
        return f"| {label} ({stat}, {unit}) | {a:.1f} | {b:.1f} | {times(b, a)} |"

    cases = big["cases"]
    lines = [
        f"# CaseBrief at scale: 1 case vs {cases:,} cases",
        "",
        "2 cores shared with other work: the ratios within this run are the result, not the",
        f"absolute times. Ask: {small['ask_ms']['n']} gold questions about {CASE} and the "
        "learning corpus, warm.",
        "",
        f"| measure | 1 case | {cases:,} cases | ratio |",
        "|---|--:|--:|--:|",
        row("case listing `Store.all_live`, first in a process", "all_live_first_ms"),
        row("case listing again (registry unchanged)", "all_live_ms"),
        row("case read (lookup, read, typed records)", "read_ms"),
        row("similarity query, n=8", "query_ms"),
        row("`Engine.ask`", "ask_ms"),
        row("`Engine.ask`", "ask_ms", "p95"),
        f"| `casebrief cases`, whole process (s) | {extra['cases_s'][0]:.2f} | "
        f"{extra['cases_s'][1]:.2f} | {times(extra['cases_s'][1], extra['cases_s'][0])} |",
    ]
    apps = extra.get("app")
    if apps:
        one, many = apps
        lines += [
            f"| app: `streamlit run` to ready, median of {one['runs']} cold starts (s) | "
            f"{one['ready_s']:.1f} | {many['ready_s']:.1f} | "
            f"{times(many['ready_s'], one['ready_s'])} |",
            f"| app cold start: ready to the first page's chat box, median [max] (s) | "
            f"{one['chat_box_s']:.2f} [{one['chat_box_s_max']:.2f}] | "
            f"{many['chat_box_s']:.2f} [{many['chat_box_s_max']:.2f}] | "
            f"{times(many['chat_box_s'], one['chat_box_s'])} |",
        ]
    lines += [
        f"| RSS after the asks (MiB) | {small['rss_mib']:.0f} | {big['rss_mib']:.0f} | "
        f"{times(big['rss_mib'], small['rss_mib'])} |",
        f"| disk (MiB) | {extra['disk'][0]:.0f} | {extra['disk'][1]:.0f} | |",
        "",
        f"Disk per filler case: {extra['disk_per_case_mib']:.2f} MiB. "
        f"`python -c 'import chromadb'`, the floor of any command that reads the store, took "
        f"{extra.get('floor_s', float('nan')):.2f} s in this run.",
    ]
    rss = extra.get("rss")
    if rss:
        count = max(int(k.split("_")[1]) for k in rss if k.startswith("after_"))
        after20, after_all = rss["after_20_mib"], rss[f"after_{count}_mib"]
        lines += [
            "",
            f"Memory, one process answering 3 questions about each of {count} different cases "
            f"(cache of {rss['cached_versions']} cases): RSS {after20:.0f} MiB after 20 cases, "
            f"{after_all:.0f} MiB after {count}: **{after_all / after20:.2f}x**.",
        ]
    return "\n".join(lines) + "\n"


# --- command line -------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.bench_scale", description=__doc__)
    add = parser.add_argument
    add("--cases", type=int, default=1000, help="cases in the big store (default 1000)")
    add("--runs", type=int, default=20, help="timed runs per store operation (default 20)")
    add("--rss-cases", type=int, default=200, help="different cases asked about for RSS")
    add("--out", type=Path, default=ROOT / "eval" / "out" / "bench_scale.md")
    add("--skip-app", action="store_true", help="skip the app's cold start")
    add("--app-runs", type=int, default=3, help="cold starts of the app per store (default 3)")
    add("--work", type=Path, help="keep the stores here; reuse them if already built")
    add("--measure", type=Path, nargs=2, help="internal: measure these stores, print JSON")
    add("--rss", type=Path, help="internal: RSS over many cases of this store, print JSON")
    args = parser.parse_args(argv)
    if args.measure:
        print(MARKER + json.dumps({"both": measure(args.measure, args.runs)}), flush=True)
        return 0
    if args.rss:
        print(MARKER + json.dumps(measure_rss(args.rss, args.rss_cases)), flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="casebrief-scale-") as tmp:
        work = args.work or Path(tmp)
        small, big = work / "one", work / "many"
        if not (big / "built").exists():
            shutil.rmtree(small, ignore_errors=True)
            shutil.rmtree(big, ignore_errors=True)
            say(f"building the 1-case store ({CASE} and the learning corpus)")
            build_small(small)
            shutil.copytree(small, big)
            say(f"writing {args.cases - 1} filler cases")
            add_fillers(big, 2, args.cases - 1, work / "bundles")
            (big / "built").write_text(str(args.cases))
        extra: Result = {"disk": [disk_mib(small), disk_mib(big)]}
        extra["disk_per_case_mib"] = (extra["disk"][1] - extra["disk"][0]) / max(args.cases - 1, 1)
        say("measuring both stores, taking turns")
        results = run_child("--measure", str(small), str(big), "--runs", str(args.runs))["both"]
        extra["cases_s"] = [cases_command_s(small), cases_command_s(big)]
        extra["floor_s"] = import_floor_s(small)
        if not args.skip_app:
            say("app cold start")
            extra["app"] = app_starts((small, big), work, args.app_runs)
        rss_cases = min(args.rss_cases, args.cases - 1)
        if rss_cases >= 20:
            say(f"RSS over {rss_cases} cases")
            extra["rss"] = run_child("--rss", str(big), "--rss-cases", str(rss_cases))
    report = render(results[0], results[1], extra)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
