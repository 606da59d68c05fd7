"""What every `casebrief` command shares: the Typer app, the consoles, the common options."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from config.settings import Settings, load_settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="CaseBrief: cited answers over multi-agency safeguarding records.",
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

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
