"""The `casebrief` command line: ingest, list and forget cases; ask, users and audit are
registered from bot/cli_ask.py and bot/cli_admin.py, `eval` from eval/cli.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.access import User
from bot.audit import record as audit_record
from bot.cli_base import (
    EXIT_BUSY,
    AccessOption,
    StoreOption,
    UserOption,
    app,
    edge,
    err,
    out,
    settings_for,
    signed_in,
)
from config.settings import Settings
from ingest import registry_file
from ingest.errors import BundleError, PublishError
from ingest.live import LiveVersion
from ingest.locks import IngestBusy

if TYPE_CHECKING:
    from ingest.store import Store

CASE_COUNTS = ("members", "professionals", "chronology", "appointments", "addresses", "passages")


@contextmanager
def _progress_bars() -> Iterator[Callable[[str, int], Callable[[int], None]]]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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


def _live(store: Store) -> dict[str, int]:
    """Every live version (cases and the learning corpus): key -> version."""
    return {v.key: v.version for kind in ("case", "learning") for v in store.all_live(kind)}


def _live_before(settings: Settings) -> dict[str, int]:
    """`_live` from the registry's current copy in an embedded store (no chromadb import, so an
    unchanged re-ingest never loads it: ingest/pipeline.py), else from Chroma."""
    if not settings.chroma_url:
        copy = registry_file.current(settings.store)
        if copy is not None:
            kinds = ("case", "learning")
            return {v.key: v.version for v in copy.rows if v.key.partition(":")[0] in kinds}
    from ingest.store import Store

    return _live(Store(settings.chroma_client()))


def _audit_failed_ingest(
    settings: Settings, user: User, store: Store, before: dict[str, int], error: BaseException
) -> None:
    """A crashed ingest: what it published before failing (each a live case now), then why."""
    try:
        after = _live(store)
    except Exception:  # noqa: BLE001 - the store itself may be what failed
        after = before
    for key in sorted(k for k in after if after[k] != before.get(k)):
        audit_record(
            settings,
            user=user.id,
            role=user.role,
            action="ingest",
            case_id=key.partition(":")[2] or None,
            detail=f"published (version {after[key]}) before the ingest failed",
        )
    reason = str(error).splitlines()[0] if str(error) else ""
    audit_record(
        settings,
        user=user.id,
        role=user.role,
        action="ingest",
        detail=f"failed: {type(error).__name__}: {reason}"[:500],
    )


@app.command()
@edge
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Bundle folders or folders of bundles.")],
    learning: Annotated[
        bool, typer.Option("--learning", help="PATHS are learning documents or folders.")
    ] = False,
    store: StoreOption = None,
    access: AccessOption = None,
    user: UserOption = None,
) -> None:
    """Validate and index case bundles (or learning documents), all or nothing. Admins only."""
    from ingest.pipeline import ingest_cases, ingest_learning
    from ingest.store import Store

    settings = settings_for(store, access)
    who = signed_in(settings, user, admin_for="ingest")
    before = _live_before(settings)  # a server that does not answer says so first

    def audit(case_id: str | None, detail: str) -> None:
        audit_record(
            settings, user=who.id, role=who.role, action="ingest", case_id=case_id, detail=detail
        )

    try:
        with _progress_bars() as progress:
            if learning:
                results = [ingest_learning(paths, settings, progress)]
            else:
                results = ingest_cases(paths, settings, progress)
    except BundleError as error:
        audit(None, f"rejected: {len(error.problems)} problem(s), nothing written")
        _fail_on_bundle_error(error)
        return
    except IngestBusy as error:
        audit(error.key.partition(":")[2] or None, f"refused: {error}")
        err.print(str(error), markup=False, highlight=False)
        raise typer.Exit(EXIT_BUSY) from None
    except PublishError as error:
        for case_id in error.published:
            audit(case_id, "published (then a later case failed)")
        audit(error.failed, f"failed: {' '.join(error.lines())}"[:500])
        for line in error.lines():
            err.print(line, markup=False, highlight=False)
        raise typer.Exit(2) from None
    except Exception as error:
        _audit_failed_ingest(settings, who, Store(settings.chroma_client()), before, error)
        raise
    for result in results:
        audit(
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


def _indexed_cases(settings: Settings) -> list[LiveVersion]:
    """Every live case: from the registry's copy in an embedded store that has a current one
    (no chromadb import: the listing costs what Python and the sign-in cost), else from Chroma
    (which writes the copy again)."""
    if not settings.chroma_url:
        copy = registry_file.current(settings.store)
        if copy is not None:
            return sorted(copy.of_kind("case"), key=lambda v: v.key)
    from ingest.store import Store  # and with it chromadb's client, only when needed

    return Store(settings.chroma_client()).all_live("case")


@app.command()
@edge
def cases(store: StoreOption = None, access: AccessOption = None, user: UserOption = None) -> None:
    """One line per indexed case you may see, with its record counts."""
    settings = settings_for(store, access)
    who = signed_in(settings, user)
    indexed = _indexed_cases(settings)
    live = [v for v in indexed if who.can_see_case(v.key.partition(":")[2])]
    audit_record(
        settings,
        user=who.id,
        role=who.role,
        action="read",
        intent="cases",
        detail=f"cases listed: {', '.join(v.key.partition(':')[2] for v in live) or 'none'}"[:500],
    )
    if not live:
        message = "No cases indexed. Run: casebrief ingest PATH"
        if indexed:
            message = f"No case you may see ({who.id}, {who.role})."
        out.print(message, markup=False)
        return
    lines = []
    for version in live:
        counts = "  ".join(f"{kind}={version.counts.get(kind, 0)}" for kind in CASE_COUNTS)
        lines.append(f"{version.key.partition(':')[2]}  {version.title}  {counts}")
    out.print("\n".join(lines), markup=False, highlight=False)  # one call: ~0.1 ms a line less


@app.command()
@edge
def forget(
    case_id: str, store: StoreOption = None, access: AccessOption = None, user: UserOption = None
) -> None:
    """Remove every trace of a case from the index. Admins only."""
    from bot.conversations import ConversationStore
    from ingest.store import Store, case_key

    settings = settings_for(store, access)
    who = signed_in(settings, user, admin_for="forget")
    removed = Store(settings.chroma_client()).forget(case_key(case_id))
    if settings.database_url or settings.conversations_file().exists():
        ConversationStore(settings.conversations_url()).forget_case(case_id)  # the app's too
    audit_record(
        settings,
        user=who.id,
        role=who.role,
        action="forget",
        case_id=case_id,
        detail=f"{removed} records removed",
    )
    if not removed:
        err.print(f"No case {case_id!r} in the index; nothing removed.", markup=False)
        raise typer.Exit(1)
    out.print(f"Forgot {case_id}: {removed} records removed.", markup=False)


# The other commands live beside this file; importing them registers them on `app`. Commands
# of other packages (`casebrief eval`) register through the "casebrief.commands" entry points,
# so nothing here imports them.
from bot import cli_admin, cli_ask, cli_brief, cli_chronology  # noqa: E402, F401

for _command in entry_points(group="casebrief.commands"):
    _command.load()(app)
