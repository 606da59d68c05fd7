"""`casebrief user` (add, import), `casebrief token` (create, revoke) and `casebrief audit`
(list, init, verify)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.access import LOCAL, UnknownUser, User, Users, add_user, read_access_file, with_password
from bot.audit import AuditEntry, AuditLog, open_log, record
from bot.audit_anchor import HeadFile, create_key_file, load_key, outside_store
from bot.cli_base import (
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
from bot.database import sqlite_path, where
from bot.users_db import DatabaseUsers, users_for
from config.settings import Settings

users = typer.Typer(
    no_args_is_help=True,
    help="Manage users: the access file, or the database (CASEBRIEF_DATABASE_URL).",
)
tokens = typer.Typer(no_args_is_help=True, help="Your API tokens (for scripts: CASEBRIEF_TOKEN).")
audit = typer.Typer(help="List the audit log, set it up, or verify that nobody has changed it.")
app.add_typer(users, name="user")
app.add_typer(tokens, name="token")
app.add_typer(audit, name="audit")


@users.command("add")
@edge
def user_add(
    user_id: Annotated[str, typer.Argument(help="Login id.")],
    name: Annotated[str, typer.Option(help="Full name.")],
    role: Annotated[str, typer.Option(help="practitioner, chair, trainer or admin.")],
    case: Annotated[list[str] | None, typer.Option("--case", help="A case they may see.")] = None,
    access: Annotated[
        Path,
        typer.Option(
            "--access",
            envvar="CASEBRIEF_ACCESS",
            help="Users file to write (not used with CASEBRIEF_DATABASE_URL).",
        ),
    ] = Path("access.yaml"),
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)
    ] = "",
    admin: UserOption = None,
) -> None:
    """Add or replace a user; only a bcrypt hash of the password is stored. With a database
    that already has users, an admin signs in (--user) and the change is audited."""
    try:
        user = User(id=user_id, name=name, role=role, cases=case or [])  # type: ignore[arg-type]
    except ValueError as error:
        err.print(f"Not a valid user: {error}", markup=False)
        raise typer.Exit(2) from None
    settings = settings_for(None)
    if not settings.database_url:
        add_user(access, user, password)
        out.print(f"Saved {user_id} ({role}) to {access}.", markup=False)
        return
    store = DatabaseUsers(settings.database_url.get_secret_value())
    who = _database_admin(settings, store, admin, "user add")
    store.save(with_password(user, password))
    record(settings, user=who.id, role=who.role, action="user", detail=f"saved {user_id} ({role})")
    out.print(f"Saved {user_id} ({role}) to {store.where()}.", markup=False)


def _database_admin(
    settings: Settings, store: DatabaseUsers, admin: str | None, command: str
) -> User:
    """An admin, signed in, once the database has users; before that, the local admin (the
    database's own credentials are what let anyone this far)."""
    if not store.enforced():
        return LOCAL
    return signed_in(settings, admin, admin_for=command)


@users.command("import")
@edge
def user_import(
    file: Annotated[Path, typer.Argument(help="The access file (YAML) to load.")],
    admin: UserOption = None,
) -> None:
    """Load an access file's users (password hashes, API token hashes) into the database, all
    or none; users already there with the same id are replaced, others are kept. Admins only
    once the database has users."""
    settings = settings_for(None)
    if not settings.database_url:
        raise say(
            "`casebrief user import` loads an access file into the database: set "
            "CASEBRIEF_DATABASE_URL.",
            EXIT_USAGE,
        )
    loaded = read_access_file(file).users
    store = DatabaseUsers(settings.database_url.get_secret_value())
    who = _database_admin(settings, store, admin, "user import")
    store.save(*loaded)
    tokens = sum(len(user.tokens) for user in loaded)
    what = f"{_count(len(loaded), 'user')} and {_count(tokens, 'API token')} from {file}"
    record(settings, user=who.id, role=who.role, action="user", detail=f"imported {what}")
    out.print(f"Imported {what} into {store.where()}.", markup=False)


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" + ("" if n == 1 else "s")


def _token_users(settings: Settings) -> Users:
    store = users_for(settings)
    if store is None:
        raise say(
            "API tokens need an access file: set CASEBRIEF_ACCESS (or CASEBRIEF_DATABASE_URL).",
            EXIT_USAGE,
        )
    return store


@tokens.command("create")
@edge
def token_create(
    name: Annotated[str, typer.Option("--name", help="What the token is for.")] = "cli",
    user: UserOption = None,
    access: AccessOption = None,
) -> None:
    """A new API token for you (signed in with your password), printed once: keep it like a
    password. Only its hash is stored; a token of the same name is replaced."""
    settings = settings_for(None, access)
    store = _token_users(settings)
    who = signed_in(settings, user, password_only=True)
    try:
        token = store.add_token(who.id, name)
    except UnknownUser:
        raise say("API tokens are for users: add one first (`casebrief user add`).", 2) from None
    record(settings, user=who.id, role=who.role, action="token", detail=f"created {name}")
    out.print(token, markup=False, highlight=False)
    err.print(
        f"API token {name!r} for {who.id}: shown only now. Use it as CASEBRIEF_TOKEN.",
        markup=False,
    )


@tokens.command("revoke")
@edge
def token_revoke(
    name: Annotated[str, typer.Option("--name", help="The token's name.")] = "cli",
    user: UserOption = None,
    access: AccessOption = None,
) -> None:
    """Revoke one of your API tokens."""
    settings = settings_for(None, access)
    store = _token_users(settings)
    who = signed_in(settings, user)
    removed = store.revoke_token(who.id, name)
    record(settings, user=who.id, role=who.role, action="token", detail=f"revoked {name}")
    if not removed:
        raise say(f"No API token {name!r} for {who.id}.", 1)
    out.print(f"Revoked API token {name!r} for {who.id}.", markup=False)


def _line(entry: AuditEntry) -> str:
    ids = ",".join(entry.record_ids[:12]) + ("..." if len(entry.record_ids) > 12 else "")
    return (
        f"{entry.id}  {entry.at}  {entry.user} ({entry.role})  {entry.action}  "
        f"case={entry.case_id or '-'}  intent={entry.intent or '-'}  records={ids or '-'}"
    )


@audit.callback(invoke_without_command=True)
@edge
def audit_list(
    context: typer.Context,
    case: Annotated[str | None, typer.Option("--case")] = None,
    by: Annotated[str | None, typer.Option("--by", help="Entries of this user id.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="YYYY-MM-DD")] = None,
    store: StoreOption = None,
    access: AccessOption = None,
    user: UserOption = None,
) -> None:
    """List audit entries, oldest first. Admins only."""
    if context.invoked_subcommand is not None:
        return
    settings = settings_for(store, access)
    who = signed_in(settings, user, admin_for="audit")
    log = open_log(settings)
    found = log.entries(case_id=case, user=by, since=since)
    log.append(AuditEntry(user=who.id, role=who.role, action="read", intent="audit", case_id=case))
    for entry in found:
        out.print(_line(entry), markup=False, highlight=False)


@audit.command("init")
@edge
def audit_init(
    restart: Annotated[
        bool,
        typer.Option(
            "--restart",
            help="Re-anchor a log whose entries all check out but whose head does not (after "
            "a crash between writing the head and the entry); never hides an edited entry.",
        ),
    ] = False,
    store: StoreOption = None,
    access: AccessOption = None,
    user: UserOption = None,
) -> None:
    """Create the audit key (unless CASEBRIEF_AUDIT_KEY is set) and the head file, outside the
    store; seal the entries of an older log. Safe to run again."""
    settings = settings_for(store, access)
    outside_store(settings)
    made = ""
    if settings.audit_key is None and not settings.audit_key_path().exists():
        create_key_file(settings.audit_key_path())
        made = f"Created the audit key {settings.audit_key_path()} (owner only). "
    if settings.access is None or restart or not made:  # says so in local mode
        signed_in(settings, user, admin_for="audit init", audited=False)
    message = AuditLog(settings).seal(restart=restart)
    out.print(made + message, markup=False)


@audit.command("verify")
@edge
def audit_verify(
    store: StoreOption = None, access: AccessOption = None, user: UserOption = None
) -> None:
    """Check every entry's MAC, the chain and the head file: exit 1 with one line per problem
    if anything was edited, deleted, added, truncated or replaced. Admins only."""
    from bot.audit import verify

    settings = settings_for(store, access)
    outside_store(settings)
    key = load_key(settings)
    signed_in(settings, user, admin_for="audit verify", audited=False)  # the log may be broken
    head = HeadFile(settings.audit_head_path(), key)
    url = settings.audit_url()
    problems = verify(url, sqlite_path(url), key, head, where(url))
    for problem in problems:
        err.print(problem, markup=False, highlight=False)
    if problems:
        raise typer.Exit(1)
    count = head.read()
    out.print(f"Audit log intact: {count.entries if count else 0} entries.", markup=False)
