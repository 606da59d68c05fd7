"""What every `casebrief` command shares: the Typer app, the consoles, the common options."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from config.settings import Settings, load_settings
from ingest.unavailable import StoreUnavailable, answering

EXIT_UNAVAILABLE = 4  # a part CaseBrief needs (the Chroma server) is not answering

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class _Commands(TyperGroup):
    """Every command: a Chroma server that does not answer is one line saying what to do, and
    exit status 4, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            with answering(_chroma_url()):
                return super().invoke(ctx)
        except StoreUnavailable as error:
            err.print(str(error), markup=False, highlight=False)
            raise typer.Exit(EXIT_UNAVAILABLE) from None


def _chroma_url() -> str | None:
    try:
        return load_settings().chroma_url
    except Exception:  # invalid settings are the command's own error to report
        return None


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    help="CaseBrief: cited answers over multi-agency safeguarding records.",
)
StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help="Store folder (default $CASEBRIEF_STORE or .casebrief/)."),
]
AccessOption = Annotated[
    Path | None,
    typer.Option("--access", help="Users file (default $CASEBRIEF_ACCESS; unset = local mode)."),
]


def settings_for(store: Path | None, access: Path | None = None) -> Settings:
    return load_settings(store=store, access=access)
