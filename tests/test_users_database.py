"""Users and API tokens in the shared database (CASEBRIEF_DATABASE_URL): one contract for every
`Users` store (the YAML file, SQLite, a real PostgreSQL), app servers that see users added by
another process, tokens revoked in the database, and `casebrief user import`."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from bot.access import (
    LOCAL,
    WRONG_PASSWORD,
    WRONG_TOKEN,
    Access,
    AccessDenied,
    UnknownUser,
    User,
    Users,
    YamlUsers,
    add_token,
    add_user,
    with_password,
)
from bot.audit import open_log
from bot.cli import app
from bot.signin import SignIn
from bot.users_db import DatabaseUsers, open_access
from config.settings import load_settings
from tests.conftest import ROOT

PAT = User(id="pat", name="Pat Hollis", role="practitioner", cases=["FAM-T1"])
ADA = User(id="ada", name="Ada Quill", role="admin")


@pytest.fixture(params=["yaml", "sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Users:
    if request.param == "yaml":
        return YamlUsers(tmp_path / "access.yaml", missing_ok=True)
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'shared' / 'casebrief.sqlite3'}"
        monkeypatch.setenv("CASEBRIEF_DATABASE_URL", url)
    else:
        url = request.getfixturevalue("database_url")
    return DatabaseUsers(url)


def test_every_users_store_keeps_the_same_contract(store: Users):
    access = Access(store)
    signin = SignIn(load_settings(), access)
    if isinstance(store, DatabaseUsers):  # no users yet: local mode, until the first is added
        assert access.local_mode and access.user(None) == LOCAL
    store.save(with_password(PAT, "pat-pw"))
    assert not access.local_mode
    assert access.user("pat").cases == ["FAM-T1"]
    with pytest.raises(AccessDenied, match="unknown user"):
        access.user("nobody")
    assert signin.password("pat", "pat-pw").id == "pat"
    with pytest.raises(AccessDenied, match=re.escape(WRONG_PASSWORD)):
        signin.password("pat", "wrong")
    with pytest.raises(AccessDenied, match=re.escape(WRONG_PASSWORD)):
        signin.password("nobody", "pat-pw")
    first = store.add_token("pat", "ci")
    second = store.add_token("pat", "ci")  # the same name: the first one is replaced
    assert signin.token(second).id == "pat"
    with pytest.raises(AccessDenied, match=re.escape(WRONG_TOKEN)):
        signin.token(first)
    [stored] = store.get("pat").tokens  # type: ignore[union-attr]
    assert stored.sha256 == hashlib.sha256(second.encode()).hexdigest()
    # a changed role and password keep the user's tokens
    store.save(with_password(PAT.model_copy(update={"cases": ["FAM-T2"]}), "new-pw"))
    assert access.user("pat").cases == ["FAM-T2"]
    assert access.token_login(second).id == "pat"
    assert access.login("pat", "new-pw").id == "pat"
    assert store.revoke_token("pat", "ci") is True
    assert store.revoke_token("pat", "ci") is False
    with pytest.raises(AccessDenied, match=re.escape(WRONG_TOKEN)):
        signin.token(second)
    with pytest.raises(UnknownUser):
        store.add_token("nobody", "ci")
    assert [u.id for u in store.all()] == ["pat"]
    logins = [(e.user, e.detail) for e in open_log(load_settings()).entries()]
    assert logins == [
        ("pat", "ok"),
        ("pat", "failed"),
        ("nobody", "failed"),
        ("pat", "ok: token"),
        ("(token)", "failed: token"),
        ("(token)", "failed: token"),
    ]


SERVER = """
import sys
from bot.access import AccessDenied
from bot.users_db import open_access
from config.settings import load_settings
access = open_access(load_settings(store=sys.argv[1]))
print("local" if access.local_mode else "signed", flush=True)
for line in sys.stdin:
    kind, *args = line.split()
    try:
        user = access.login(*args) if kind == "password" else access.token_login(args[0])
        print("ok", user.id, user.role, ",".join(user.cases), flush=True)
    except AccessDenied as denied:
        print(denied, flush=True)
"""


def _cli(*args: str, password: str | None = None, stdin: str | None = None):
    env = {"CASEBRIEF_PASSWORD": password} if password else {}
    return CliRunner().invoke(app, list(args), input=stdin, env=env)


def test_app_servers_see_users_and_tokens_another_process_changes(
    database_url: str, tmp_path: Path
):
    """Two server processes open their access before any user exists; the CLI (a third
    process) adds users and a token and revokes it; both servers follow at once."""
    servers = [
        subprocess.Popen(
            [sys.executable, "-c", SERVER, str(tmp_path / f"s{n}")],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]

    def ask(line: str) -> list[str]:
        for server in servers:
            assert server.stdin is not None
            server.stdin.write(line + "\n")
            server.stdin.flush()
        return [server.stdout.readline().strip() for server in servers]  # type: ignore[union-attr]

    try:
        assert [s.stdout.readline().strip() for s in servers] == ["local", "local"]  # type: ignore[union-attr]
        add = ["user", "add", "ada", "--name", "Ada Quill", "--role", "admin"]
        made = _cli(*add, stdin="ada-pw\nada-pw\n")  # the first user: the database's own say
        assert (made.exit_code, made.stdout.splitlines()[-1]) == (
            0,
            f"Saved ada (admin) to {database_url}.",
        )
        add_pat = ["user", "add", "pat", "--name", "Pat Hollis", "--role", "practitioner"]
        add_pat += ["--case", "FAM-T1"]
        refused = _cli(*add_pat, stdin="pat-pw\npat-pw\n")  # now an admin must sign in
        assert refused.exit_code == 3
        assert (
            _cli(*add_pat, "--user", "ada", password="ada-pw", stdin="pat-pw\npat-pw\n").exit_code
            == 0
        )
        assert ask("password pat pat-pw") == ["ok pat practitioner FAM-T1"] * 2
        assert ask("password pat wrong") == [WRONG_PASSWORD] * 2
        made = _cli("token", "create", "--name", "ci", "--user", "pat", password="pat-pw")
        assert made.exit_code == 0, made.output
        token = made.stdout.strip()
        assert ask(f"token {token}") == ["ok pat practitioner FAM-T1"] * 2
        revoked = _cli("token", "revoke", "--name", "ci", "--user", "pat", password="pat-pw")
        assert revoked.stdout == "Revoked API token 'ci' for pat.\n"
        assert ask(f"token {token}") == [WRONG_TOKEN] * 2
    finally:
        for server in servers:
            server.kill()
            server.wait()
    assert not (tmp_path / "s0" / "access.yaml").exists()
    saved = [e.detail for e in open_log(load_settings()).entries() if e.action == "user"]
    assert saved == ["saved ada (admin)", "saved pat (practitioner)"]
    engine = create_engine(database_url)
    with engine.connect() as db:
        rows = db.execute(text("SELECT id, password_hash FROM users ORDER BY id")).all()
    engine.dispose()
    assert [row[0] for row in rows] == ["ada", "pat"]
    assert all(row[1].startswith("$2b$") for row in rows)


def test_an_access_file_is_imported_into_the_database(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "access.yaml"
    add_user(path, ADA, "ada-pw")
    add_user(path, PAT, "pat-pw")
    token = add_token(path, "pat", "ci")
    monkeypatch.setenv("CASEBRIEF_ACCESS", str(path))
    before = _cli("cases", "--user", "pat", password="pat-pw")  # fails closed, says what to do
    assert before.exit_code == 2
    assert before.stderr == (
        f"Users live in the database {database_url} (CASEBRIEF_DATABASE_URL), which has none "
        f"yet, but CASEBRIEF_ACCESS is set: load the access file with `casebrief user import "
        f"{path}`, or unset CASEBRIEF_ACCESS for local mode.\n"
    )
    loaded = _cli("user", "import", str(path))
    assert (loaded.exit_code, loaded.stdout) == (
        0,
        f"Imported 2 users and 1 API token from {path} into {database_url}.\n",
    )
    path.write_text("users: []\n")  # the database is what counts now
    access = open_access(load_settings())
    assert access.login("ada", "ada-pw").role == "admin"
    assert access.token_login(token).id == "pat"
    assert _cli("user", "import", str(path), "--user", "pat", password="pat-pw").exit_code == 3
    again = _cli("user", "import", str(path), "--user", "ada", password="ada-pw")
    assert again.stdout == f"Imported 0 users and 0 API tokens from {path} into {database_url}.\n"
    imports = [
        (e.user, e.detail) for e in open_log(load_settings()).entries() if e.action == "user"
    ]
    assert imports == [
        ("local", f"imported 2 users and 1 API token from {path}"),
        ("ada", f"imported 0 users and 0 API tokens from {path}"),
    ]


def test_user_import_needs_a_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CASEBRIEF_DATABASE_URL", raising=False)
    path = tmp_path / "access.yaml"
    add_user(path, ADA, "ada-pw")
    result = _cli("user", "import", str(path))
    assert (result.exit_code, result.stderr) == (
        2,
        "`casebrief user import` loads an access file into the database: set "
        "CASEBRIEF_DATABASE_URL.\n",
    )
