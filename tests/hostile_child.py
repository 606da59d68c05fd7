"""Run `casebrief ingest` on hostile bundles inside a process with a memory cap (set by the
parent with RLIMIT_AS), one fresh copy of a base store per bundle; print one JSON line per
bundle, so a crash still leaves the results before it.

    python -m tests.hostile_child BASE_STORE JOBS.json

JOBS.json: [{"name": ..., "bundle": ..., "store": ...}, ...]. Never imports torch: a rejected
bundle is refused before anything is embedded.
"""

from __future__ import annotations

import json
import resource
import shutil
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from bot.audit import open_log
from bot.cli import app
from config.settings import load_settings
from tests.conftest import store_snapshot


def main(base: Path, jobs_file: Path) -> None:
    baseline = store_snapshot(load_settings(store=base))
    runner = CliRunner()
    for job in json.loads(jobs_file.read_text()):
        store = Path(job["store"])
        shutil.copytree(base, store, ignore=shutil.ignore_patterns("audit.sqlite3*"))
        started = time.perf_counter()
        result = runner.invoke(app, ["ingest", job["bundle"], "--store", str(store)])
        seconds = time.perf_counter() - started
        entries = open_log(load_settings(store=store)).entries()
        report = {
            "name": job["name"],
            "exit_code": result.exit_code,
            "stderr": "".join(  # the one line every local-mode command starts with
                line
                for line in result.stderr.splitlines(keepends=True)
                if not line.startswith("Local mode:")
            ),
            "exception": None
            if result.exception is None or isinstance(result.exception, SystemExit)
            else repr(result.exception)[:500],
            "unchanged": store_snapshot(load_settings(store=store)) == baseline,
            "audit": entries[-1].detail if entries else None,
            "seconds": round(seconds, 2),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        }
        print(json.dumps(report), flush=True)
        shutil.rmtree(store, ignore_errors=True)
        if "torch" in sys.modules:
            raise SystemExit(f"{job['name']}: torch was imported; the memory cap is not for it")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
