"""`casebrief brief`: a home-visit or multi-agency-meeting briefing written to a file, as
Markdown or Word, for chairs who prepare many. Signed in like every command; the briefing is
prepared, authored and audited as the signed-in user (`--user` names who signs in, it never
prepares as someone else); the export is audited exactly as a download from the app."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from bot.access import AccessDenied, User
from bot.audit import record
from bot.briefing_model import BriefingKind, ExportFormat
from bot.cli_base import (
    EXIT_USAGE,
    AccessOption,
    StoreOption,
    UserOption,
    app,
    edge,
    out,
    say,
    settings_for,
    signed_in,
)
from config.settings import Settings

if TYPE_CHECKING:
    from bot.patterns.learning import PatternLinks
    from bot.records import Records

KINDS: dict[str, BriefingKind] = {"home-visit": "home_visit", "meeting": "meeting"}
FORMATS: dict[str, ExportFormat] = {"md": "markdown", "docx": "docx"}
T = TypeVar("T")
DEFAULT_SINCE_WEEKS = 8  # as the app's Briefings tab


class BriefArgumentError(ValueError):
    """A bad --kind, --format, --since or --out: one line saying what is allowed."""


def parse_day(text: str) -> dt.date:
    """A date as the case bundles write them: YYYY-MM-DD or DD/MM/YYYY."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise BriefArgumentError(f"--since {text!r} is not a date: give YYYY-MM-DD or DD/MM/YYYY.")


def _choice(option: str, value: str, allowed: dict[str, T]) -> T:
    if value not in allowed:
        raise BriefArgumentError(f"{option} {value!r} is not one of: {', '.join(allowed)}.")
    return allowed[value]


def _since(kind: BriefingKind, since: str | None, today: dt.date) -> dt.date | None:
    if kind == "home_visit":
        if since is not None:
            raise BriefArgumentError("--since applies to a meeting briefing only.")
        return None
    if since is None:
        return today - dt.timedelta(weeks=DEFAULT_SINCE_WEEKS)
    day = parse_day(since)
    if day > today:
        raise BriefArgumentError(f"--since {since!r} is after today ({today.isoformat()}).")
    return day


def _learning(settings: Settings) -> tuple[Records | None, PatternLinks]:
    """The learning corpus and its passages on each pattern, as the app's briefings have."""
    from bot.answer import Engine

    engine = Engine(settings)
    learning = engine.cache.learning()
    return learning, engine.pattern_links(learning)


def _records(settings: Settings, who: User, case_id: str) -> Records:
    """The case's records for this user; a denial (the same whether or not the case exists)
    and a missing case are audited as the app audits them."""
    from bot.records import RecordCache
    from ingest.store import Store

    cache = RecordCache(Store(settings.chroma_client()))
    try:
        records = cache.case(case_id, who)
    except AccessDenied:
        record(settings, user=who.id, role=who.role, action="denied", case_id=case_id)
        raise
    if records is None:
        record(
            settings,
            user=who.id,
            role=who.role,
            action="denied",
            case_id=case_id,
            detail="no such case",
        )
        raise BriefArgumentError(
            f"No case {case_id!r} in the index; `casebrief cases` lists the cases you may see."
        )
    return records


def _write_atomically(target: Path, content: bytes, before_replace: Callable[[], None]) -> None:
    """Write to a temporary file beside `target`, run `before_replace` (the audit), then move
    it into place: the file appears whole or not at all, and only once audited."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise BriefArgumentError(f"--out {str(target)!r}: no folder {str(folder)!r}.")
    if target.is_dir():
        raise BriefArgumentError(f"--out {str(target)!r} is a folder; give a file name.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as error:
        raise BriefArgumentError(f"--out {str(target)!r}: {error.strerror}.") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        before_replace()
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@app.command()
@edge
def brief(
    case: Annotated[str, typer.Option("--case", help="Case id.")],
    kind: Annotated[str, typer.Option("--kind", help="home-visit or meeting.")],
    fmt: Annotated[str, typer.Option("--format", help="md or docx.")],
    out_file: Annotated[Path, typer.Option("--out", help="File to write.")],
    since: Annotated[
        str | None,
        typer.Option("--since", help="Meeting only: chronology from this date (default 8 weeks)."),
    ] = None,
    user: UserOption = None,
    store: StoreOption = None,
    access: AccessOption = None,
) -> None:
    """Write a briefing for a home visit or a multi-agency meeting, every line citing its
    records. Audited like a download from the app."""
    from bot.briefing import export_detail, prepare, to_docx, to_markdown  # the CLI starts light

    settings = settings_for(store, access)
    today = settings.today_date()
    try:
        briefing_kind: BriefingKind = _choice("--kind", kind, KINDS)
        export: ExportFormat = _choice("--format", fmt, FORMATS)
        start = _since(briefing_kind, since, today)
        who = signed_in(settings, user)
        records = _records(settings, who, case)
        learning, links = _learning(settings)
        briefing = prepare(briefing_kind, records, today, start, links, settings.patterns)
        marking = settings.confidentiality_marking
        content = (
            to_docx(briefing, records, author=who.name, marking=marking, learning=learning)
            if export == "docx"
            else to_markdown(
                briefing, records, author=who.name, marking=marking, learning=learning
            ).encode()
        )

        def audit() -> None:
            record(
                settings,
                user=who.id,
                role=who.role,
                action="export",
                case_id=briefing.case_id,
                record_ids=briefing.record_ids(),
                detail=export_detail(briefing, export),
            )

        _write_atomically(out_file, content, audit)
    except BriefArgumentError as error:
        raise say(str(error), EXIT_USAGE) from None
    out.print(
        f"Wrote {out_file}: {briefing.title}, {len(briefing.record_ids())} records cited.",
        markup=False,
        highlight=False,
    )
