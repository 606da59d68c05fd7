"""What every `casebrief` command shares: the Typer app, the consoles, the common options,
signing in, and the one place named errors become a message and an exit code."""

from __future__ import annotations

import functools
import getpass
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from typer.core import TyperGroup

from bot.access import LOCAL, AccessDenied, AccessFileError, User
from bot.audit import AuditError
from bot.database import DatabaseUnreadable
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

EXIT_USAGE = 2  # a bad argument, access file or batch line
EXIT_DENIED = 3  # not signed in, or not allowed
EXIT_AUDIT = 5  # the audit log cannot be written or does not check out
EXIT_BUSY = 6  # another ingest of the same case is running

StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help="Store folder (default $CASEBRIEF_STORE or .casebrief/)."),
]
AccessOption = Annotated[
    Path | None,
    typer.Option("--access", help="Users file (default $CASEBRIEF_ACCESS; unset = local mode)."),
]
UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        envvar="CASEBRIEF_USER",
        help="Your user id; the password is prompted (or CASEBRIEF_PASSWORD). With "
        "CASEBRIEF_TOKEN set the token says who you are.",
    ),
]


def settings_for(store: Path | None, access: Path | None = None) -> Settings:
    return load_settings(store=store, access=access)


def say(message: str, code: int) -> typer.Exit:
    err.print(message, markup=False, highlight=False)
    return typer.Exit(code)


P = ParamSpec("P")
R = TypeVar("R")


def edge(command: Callable[P, R]) -> Callable[P, R]:
    """Named errors as one line and an exit code, never a traceback."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except AccessFileError as error:
            raise say(str(error), EXIT_USAGE) from None
        except AccessDenied as error:
            raise say(str(error), EXIT_DENIED) from None
        except AuditError as error:
            raise say(str(error), EXIT_AUDIT) from None
        except DatabaseUnreadable as error:
            raise say(f"Database {error}", EXIT_UNAVAILABLE) from None

    return run


def local_notice(user: str | None, database: str | None = None) -> str:
    ignored = f"; --user {user} is ignored" if user and user != LOCAL.id else ""
    why = (
        f"no users in the database {database} yet (`casebrief user add`)"
        if database
        else "no access file (CASEBRIEF_ACCESS)"
    )
    return (
        f"Local mode: {why}, so no sign-in, every case is visible "
        f"and the audit log records you as local (admin){ignored}."
    )


def signed_in(
    settings: Settings,
    user_id: str | None,
    *,
    admin_for: str | None = None,
    password_only: bool = False,
    audited: bool = True,
) -> User:
    """Who is running this command, proven: a token (CASEBRIEF_TOKEN) or a password
    (CASEBRIEF_PASSWORD, or prompted). `admin_for` names a command only admins may run."""
    from bot.signin import NO_CREDENTIALS, NO_PASSWORD, SignIn
    from bot.users_db import open_access

    try:
        access = open_access(settings)
    except AccessFileError as error:
        from bot.audit import record

        record(settings, user="(none)", role="unknown", action="denied", detail=str(error)[:500])
        raise
    if access.local_mode:
        where = access.store.where() if access.store is not None else None
        err.print(local_notice(user_id, where), markup=False, highlight=False)
        return LOCAL
    signin = SignIn(settings, access, audited=audited)
    token = os.environ.get("CASEBRIEF_TOKEN")
    if token and not password_only:
        user = signin.token(token, user_id)
    elif user_id:
        password = os.environ.get("CASEBRIEF_PASSWORD")
        if password is None:
            try:
                password = getpass.getpass(f"Password for {user_id}: ")
            except EOFError:
                signin.audit(user_id, "unknown", "login", "failed: no password given")
                raise AccessDenied(NO_PASSWORD) from None
        user = signin.password(user_id, password)
    else:
        signin.audit("(none)", "unknown", "denied", "not signed in")
        raise AccessDenied(NO_CREDENTIALS)
    if admin_for:
        signin.require_admin(user, admin_for)
    return user
