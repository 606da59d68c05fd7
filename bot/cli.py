"""The `casebrief` command line: ingest, list and forget cases; ask, users and audit are
registered from bot/cli_ask.py and bot/cli_admin.py, `eval` from eval/cli.py."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.audit import AuditEntry, AuditLog
from bot.cli_base import StoreOption, app, err, out, settings_for
from bot.conversations import ConversationStore
from ingest.errors import BundleError, PublishError
from ingest.locks import IngestBusy
from ingest.store import Store, case_key

EXIT_BUSY = 5
CASE_COUNTS = ("members", "professionals", "chronology", "appointments", "addresses", "passages")


@contextmanager
def _progress_bars() -> Iterator[Callable[[str, int], Callable[[int], None]]]:
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:

        def factory(description: str, total: int) -> Callable[[int], None]:
            task = progress.add_task(description, total=total)
            return lambda advance: progress.advance(task, advance)

        yield factory


def _fail_on_bundle_error(error: BundleError) -> None:
    for problem in error.problems:
        err.print(str(problem), markup=False, highlight=False)
    err.print(f"{len(error.problems)} problem(s); nothing was written.", markup=False)
    raise typer.Exit(2)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Bundle folders or folders of bundles.")],
    learning: Annotated[
        bool, typer.Option("--learning", help="PATHS are learning documents or folders.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Validate and index case bundles (or learning documents), all or nothing."""
    from ingest.pipeline import ingest_cases, ingest_learning

    settings = settings_for(store)
    settings.chroma_client()  # a Chroma server that does not answer says so before any bar
    log = AuditLog(settings.audit_file())
    try:
        with _progress_bars() as progress:
            if learning:
                results = [ingest_learning(paths, settings, progress)]
            else:
                results = ingest_cases(paths, settings, progress)
    except BundleError as error:
        _audit_ingest(log, None, f"rejected: {len(error.problems)} problem(s), nothing written")
        _fail_on_bundle_error(error)
        return
    except IngestBusy as error:
        _audit_ingest(log, error.key.partition(":")[2] or None, f"refused: {error}")
        err.print(str(error), markup=False, highlight=False)
        raise typer.Exit(EXIT_BUSY) from None
    except PublishError as error:
        for case_id in error.published:
            _audit_ingest(log, case_id, "published (then a later case failed)")
        _audit_ingest(log, error.failed, f"failed: {' '.join(error.lines())}")
        for line in error.lines():
            err.print(line, markup=False, highlight=False)
        raise typer.Exit(2) from None
    for result in results:
        _audit_ingest(
            log,
            result.key.partition(":")[2] or None,
            f"{result.status}: {result.records} records, {result.embedded} embedded",
        )
        counts = ", ".join(f"{n} {kind}" for kind, n in result.counts.items())
        out.print(
            f"{result.key}: {result.status} ({counts}; {result.embedded} embedded, "
            f"{result.seconds:.2f}s)",
            markup=False,
            highlight=False,
        )


def _audit_ingest(log: AuditLog, case_id: str | None, detail: str) -> None:
    log.append(
        AuditEntry(
            user=getpass.getuser(), role="operator", action="ingest", case_id=case_id, detail=detail
        )
    )


@app.command()
def cases(store: StoreOption = None) -> None:
    """One line per indexed case with its record counts."""
    live = Store(settings_for(store).chroma_client()).all_live("case")
    if not live:
        out.print("No cases indexed. Run: casebrief ingest PATH", markup=False)
        return
    for version in live:
        counts = "  ".join(f"{kind}={version.counts.get(kind, 0)}" for kind in CASE_COUNTS)
        out.print(
            f"{version.key.partition(':')[2]}  {version.title}  {counts}",
            markup=False,
            highlight=False,
        )


@app.command()
def forget(case_id: str, store: StoreOption = None) -> None:
    """Remove every trace of a case from the index."""
    settings = settings_for(store)
    removed = Store(settings.chroma_client()).forget(case_key(case_id))
    if settings.conversations_file().exists():  # the app's saved conversations about it too
        ConversationStore(settings.conversations_file()).forget_case(case_id)
    AuditLog(settings.audit_file()).append(
        AuditEntry(
            user=getpass.getuser(),
            role="operator",
            action="forget",
            case_id=case_id,
            detail=f"{removed} records removed",
        )
    )
    if not removed:
        err.print(f"No case {case_id!r} in the index; nothing removed.", markup=False)
        raise typer.Exit(1)
    out.print(f"Forgot {case_id}: {removed} records removed.", markup=False)


# The other commands live beside this file; importing them registers them on `app`. Commands
# of other packages (`casebrief eval`) register through the "casebrief.commands" entry points,
# so nothing here imports them.
from bot import cli_admin, cli_ask  # noqa: E402, F401

for _command in entry_points(group="casebrief.commands"):
    _command.load()(app)
