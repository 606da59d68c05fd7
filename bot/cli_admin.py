"""`casebrief user add` and `casebrief audit` (list, verify)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.access import User, add_user
from bot.audit import AuditEntry, AuditLog
from bot.cli_base import StoreOption, app, err, out, settings_for

users = typer.Typer(no_args_is_help=True, help="Manage users of the access file.")
audit = typer.Typer(help="List the audit log, or verify that nobody has edited it.")
app.add_typer(users, name="user")
app.add_typer(audit, name="audit")


@users.command("add")
def user_add(
    user_id: Annotated[str, typer.Argument(help="Login id.")],
    name: Annotated[str, typer.Option(help="Full name.")],
    role: Annotated[str, typer.Option(help="practitioner, chair, trainer or admin.")],
    case: Annotated[list[str] | None, typer.Option("--case", help="A case they may see.")] = None,
    access: Annotated[
        Path, typer.Option("--access", envvar="CASEBRIEF_ACCESS", help="Users file to write.")
    ] = Path("access.yaml"),
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)
    ] = "",
) -> None:
    """Add or replace a user; only a bcrypt hash of the password is stored."""
    try:
        user = User(id=user_id, name=name, role=role, cases=case or [])  # type: ignore[arg-type]
    except ValueError as error:
        err.print(f"Not a valid user: {error}", markup=False)
        raise typer.Exit(2) from None
    add_user(access, user, password)
    out.print(f"Saved {user_id} ({role}) to {access}.", markup=False)


def _log(store: Path | None) -> AuditLog:
    return AuditLog(settings_for(store).audit_file())


def _line(entry: AuditEntry) -> str:
    ids = ",".join(entry.record_ids[:12]) + ("..." if len(entry.record_ids) > 12 else "")
    return (
        f"{entry.id}  {entry.at}  {entry.user} ({entry.role})  {entry.action}  "
        f"case={entry.case_id or '-'}  intent={entry.intent or '-'}  records={ids or '-'}"
    )


@audit.callback(invoke_without_command=True)
def audit_list(
    context: typer.Context,
    case: Annotated[str | None, typer.Option("--case")] = None,
    user: Annotated[str | None, typer.Option("--user")] = None,
    since: Annotated[str | None, typer.Option("--since", help="YYYY-MM-DD")] = None,
    store: StoreOption = None,
) -> None:
    """List audit entries, oldest first."""
    if context.invoked_subcommand is not None:
        return
    for entry in _log(store).entries(case_id=case, user=user, since=since):
        out.print(_line(entry), markup=False, highlight=False)


@audit.command("verify")
def audit_verify(store: StoreOption = None) -> None:
    """Check the hash chain: exit 1 if any entry was edited or deleted."""
    log = _log(store)
    problems = log.verify()
    for problem in problems:
        err.print(problem, markup=False)
    if problems:
        raise typer.Exit(1)
    out.print(f"Audit log intact: {len(log.entries())} entries.", markup=False)
