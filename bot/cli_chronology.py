"""`casebrief chronology`: the multi-agency chronology of a case as .xlsx or .docx, filtered by
child, agency and period; signed in, and audited as an export before the file is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from bot.cli_base import (
    EXIT_DENIED,
    EXIT_USAGE,
    AccessOption,
    StoreOption,
    UserOption,
    app,
    edge,
    err,
    out,
    say,
    settings_for,
    signed_in,
)

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


@app.command()
@edge
def chronology(
    case: Annotated[str, typer.Option("--case", help="Case id.")],
    out_file: Annotated[Path, typer.Option("--out", help="File to write.")],
    fmt: Annotated[str, typer.Option("--format", help="xlsx or docx.")] = "xlsx",
    child: Annotated[
        list[str] | None,
        typer.Option("--child", help="A member id or name (repeat for more); default everyone."),
    ] = None,
    agency: Annotated[
        list[str] | None,
        typer.Option(
            "--agency", help="An agency, or a family such as Health (repeat); default all."
        ),
    ] = None,
    since: Annotated[
        dt.datetime | None, typer.Option("--since", formats=DATE_FORMATS, help="First day.")
    ] = None,
    until: Annotated[
        dt.datetime | None, typer.Option("--until", formats=DATE_FORMATS, help="Last day.")
    ] = None,
    user: UserOption = None,
    store: StoreOption = None,
    access: AccessOption = None,
) -> None:
    """Export the multi-agency chronology: one row per event in date order, with its record
    id and the file and row it came from."""
    from bot.answer import CaseNotFound, Engine
    from bot.chronology_export import (
        ChronologyFilter,
        ExportError,
        export_file,
        prepare,
        resolve_agencies,
        resolve_members,
    )

    if fmt not in ("xlsx", "docx"):
        raise say(f"--format {fmt!r} is not one of: xlsx, docx.", EXIT_USAGE)
    settings = settings_for(store, access)
    who = signed_in(settings, user)
    engine = Engine(settings)
    try:
        records = engine.case_records(case, who)
    except CaseNotFound:
        raise say(f"Case {case!r} is not available.", EXIT_DENIED) from None
    try:
        flt = ChronologyFilter(
            members=resolve_members(records, child or []),
            agencies=resolve_agencies(records, agency or []),
            start=since.date() if since else None,
            end=until.date() if until else None,
        )
        export = prepare(records, flt, settings.today_date(), settings.confidentiality_marking)
    except ExportError as error:
        raise say(str(error), EXIT_USAGE) from None
    data = export_file(engine, who, export, fmt)  # type: ignore[arg-type]  # checked above
    out_file.write_bytes(data)
    out.print(
        f"Wrote {out_file}: {len(export.rows)} events of case {case} ({export.described}).",
        markup=False,
        highlight=False,
    )
    if not export.rows:
        err.print("No chronology event matches these filters.", markup=False)
