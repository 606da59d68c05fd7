"""Attacks on who is asking, through the real CLI: each refused with its exact message and
exit code, the store unchanged, and the attempt in the audit log (issue 11)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from bot.access import DENIED, WRONG_PASSWORD, WRONG_TOKEN, User, add_user
from bot.audit import AuditEntry, open_log
from bot.cli import app
from bot.cli_base import local_notice
from bot.signin import NO_CREDENTIALS, NO_PASSWORD
from config.settings import load_settings
from ingest.pipeline import ingest_cases
from tests.conftest import DATA, store_snapshot


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two fictional cases: FAM-T1 (Pat's) and FAM-T2 (the Quillon family, nobody's but admins)."""
    root = tmp_path_factory.mktemp("attacks-access")
    shutil.copytree(DATA / "FAM-T1", root / "bundles" / "FAM-T1")
    other = root / "bundles" / "FAM-T2"
    shutil.copytree(DATA / "FAM-T1", other)
    case_yaml = other / "case.yaml"
    case_yaml.write_text(
        case_yaml.read_text().replace("FAM-T1", "FAM-T2").replace("Testwood", "Quillon")
    )
    ingest_cases([root / "bundles"], load_settings(store=root / "store"))
    return root


@pytest.fixture
def env(world: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The world's store, a fresh users file and audit log for each attack."""
    access = tmp_path / "access.yaml"
    add_user(access, User(id="pat", name="Pat", role="practitioner", cases=["FAM-T1"]), "pat-pw")
    add_user(access, User(id="ada", name="Ada", role="admin"), "ada-pw")
    monkeypatch.setenv("CASEBRIEF_STORE", str(world / "store"))
    monkeypatch.setenv("CASEBRIEF_TODAY", "2018-07-02")
    monkeypatch.setenv("CASEBRIEF_ACCESS", str(access))
    monkeypatch.setenv("CASEBRIEF_AUDIT_PATH", str(tmp_path / "audit.sqlite3"))
    return access


def entries() -> list[AuditEntry]:
    return open_log(load_settings()).entries()


def run(*args: str, password: str | None = None, token: str | None = None, stdin: str = ""):
    variables = {"CASEBRIEF_PASSWORD": password, "CASEBRIEF_TOKEN": token}
    return CliRunner().invoke(app, list(args), env=variables, input=stdin)


def test_practitioner_claiming_to_be_admin_without_the_password(env: Path):
    result = run("ask", "--user", "ada", "--case", "FAM-T2", "who is involved?")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr.splitlines()[-1] == f"Password for ada: {NO_PASSWORD}"
    last = entries()[-1]
    assert (last.user, last.action, last.detail) == ("ada", "login", "failed: no password given")


def test_practitioner_claiming_to_be_admin_with_their_own_password(env: Path):
    result = run("ask", "--user", "ada", "--case", "FAM-T2", "who?", password="pat-pw")
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", WRONG_PASSWORD + "\n")
    assert [(e.user, e.action, e.detail) for e in entries()] == [("ada", "login", "failed")]


def test_a_batch_line_cannot_switch_user(env: Path, tmp_path: Path):
    batch = tmp_path / "batch.jsonl"
    lines = [
        {"id": 1, "question": "who is involved?", "case": "FAM-T2", "user": "ada"},
        {"id": 2, "question": "who's the HV", "case": "FAM-T1"},
    ]
    batch.write_text("\n".join(json.dumps(line) for line in lines))
    result = run("ask", "--user", "pat", "--batch", str(batch), "--json", password="pat-pw")
    assert result.exit_code == 3
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first == {
        "id": 1,
        "error": "Not allowed: line 1 asks as 'ada', but you signed in as 'pat'; a batch runs "
        "as the user who signed in.",
    }
    assert {c["case_id"] for c in second["citations"]} == {"FAM-T1"}  # answered as pat
    log = [(e.user, e.action, e.case_id, e.detail) for e in entries()]
    assert log[:2] == [
        ("pat", "login", None, "ok"),
        ("pat", "denied", "FAM-T2", "batch line 1 asked as ada"),
    ]
    assert log[2][:3] == ("pat", "question", "FAM-T1")


def test_cases_without_signing_in_lists_nothing(env: Path):
    result = run("cases")
    assert (result.exit_code, result.stdout, result.stderr) == (3, "", NO_CREDENTIALS + "\n")
    last = entries()[-1]
    assert (last.user, last.action, last.detail) == ("(none)", "denied", "not signed in")


def test_cases_lists_only_the_users_cases(env: Path):
    result = run("cases", "--user", "pat", password="pat-pw")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["FAM-T1"]
    assert "Quillon" not in result.stdout
    last = entries()[-1]
    assert (last.user, last.action, last.intent, last.detail) == (
        "pat",
        "read",
        "cases",
        "cases listed: FAM-T1",
    )


@pytest.mark.parametrize(
    "command", [["forget", "FAM-T2"], ["ingest", str(DATA / "FAM-T1")]], ids=["forget", "ingest"]
)
def test_forget_and_ingest_need_an_admin(env: Path, command: list[str]):
    before = store_snapshot(load_settings())
    result = run(*command, "--user", "pat", password="pat-pw")
    assert (result.exit_code, result.stdout) == (3, "")
    assert result.stderr == (
        f"Not allowed: `casebrief {command[0]}` needs an admin; pat is a practitioner.\n"
    )
    assert store_snapshot(load_settings()) == before
    last = entries()[-1]
    assert (last.user, last.action, last.detail) == (
        "pat",
        "denied",
        f"{command[0]}: needs an admin",
    )


def test_admin_asking_about_a_missing_case_is_audited(env: Path):
    result = run(
        "ask", "--user", "ada", "--case", "FAM-NOPE", "who is involved?", password="ada-pw"
    )
    assert (result.exit_code, result.stderr) == (3, "Case 'FAM-NOPE' is not available.\n")
    last = entries()[-1]
    assert (last.user, last.action, last.case_id, last.detail) == (
        "ada",
        "denied",
        "FAM-NOPE",
        "no such case",
    )


def test_practitioner_asking_about_another_case(env: Path):
    result = run("ask", "--user", "pat", "--case", "FAM-T2", "who is involved?", password="pat-pw")
    assert (result.exit_code, result.stderr) == (3, DENIED + "\n")
    last = entries()[-1]
    assert (last.user, last.action, last.case_id) == ("pat", "denied", "FAM-T2")


def test_api_tokens_are_shown_once_stored_as_a_hash_and_bound_to_their_user(env: Path):
    made = run("token", "create", "--name", "ci", "--user", "pat", password="pat-pw")
    assert made.exit_code == 0, made.output
    token = made.stdout.strip()
    assert token.startswith("cb_") and len(token) > 40
    assert made.stderr == "API token 'ci' for pat: shown only now. Use it as CASEBRIEF_TOKEN.\n"
    assert token not in env.read_text()
    stored = yaml.safe_load(env.read_text())["users"][0]["tokens"]
    assert [t["name"] for t in stored] == ["ci"] and len(stored[0]["sha256"]) == 64
    asked = run("ask", "--case", "FAM-T1", "who's the HV", token=token)
    assert asked.exit_code == 0, asked.output
    assert [(e.user, e.action, e.detail) for e in entries()[-2:]][0] == (
        "pat",
        "login",
        "ok: token",
    )
    other = run("ask", "--user", "ada", "--case", "FAM-T2", "who?", token=token)
    assert (other.exit_code, other.stderr) == (
        3,
        "Not allowed: CASEBRIEF_TOKEN belongs to pat, not ada.\n",
    )
    assert entries()[-1].detail == "failed: token of pat"
    forged = run("cases", token="cb_" + "A" * 43)
    assert (forged.exit_code, forged.stdout, forged.stderr) == (3, "", WRONG_TOKEN + "\n")
    assert (entries()[-1].user, entries()[-1].detail) == ("(token)", "failed: token")
    revoked = run("token", "revoke", "--name", "ci", "--user", "pat", password="pat-pw")
    assert revoked.stdout == "Revoked API token 'ci' for pat.\n"
    assert run("cases", token=token).exit_code == 3


def test_the_password_prompt(env: Path, monkeypatch: pytest.MonkeyPatch):
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "pat-pw")
    result = run("cases", "--user", "pat")
    assert (result.exit_code, asked) == (0, ["Password for pat: "])


def test_local_mode_says_so_and_ignores_user(env: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("CASEBRIEF_ACCESS")
    result = run("ask", "--user", "prac1", "--case", "FAM-T1", "who's the HV")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [local_notice("prac1")]
    assert local_notice("prac1") == (
        "Local mode: no access file (CASEBRIEF_ACCESS), so no sign-in, every case is visible "
        "and the audit log records you as local (admin); --user prac1 is ignored."
    )
    last = entries()[-1]
    assert (last.user, last.role, last.action) == ("local", "admin", "question")


BROKEN_ACCESS = {
    "missing": (None, "Access file {path} does not exist (CASEBRIEF_ACCESS)."),
    "role typo": (
        "users:\n  - {id: pat, name: Pat, role: practitionr, cases: [FAM-T1]}\n",
        "Access file {path}: users[0] (pat).role: Input should be 'practitioner', 'chair', "
        "'trainer' or 'admin' (got 'practitionr').",
    ),
    "cases as a string": (
        "users:\n  - {id: pat, name: Pat, role: practitioner, cases: FAM-T1}\n",
        "Access file {path}: users[0] (pat).cases: Input should be a valid list (got 'FAM-T1').",
    ),
    "unknown key": (
        "users:\n  - {id: pat, name: Pat, role: admin, case: [FAM-T1]}\n",
        "Access file {path}: users[0] (pat).case: Extra inputs are not permitted.",
    ),
    "not YAML": ("users: [\n", "Access file {path} is not valid YAML at line 2."),
    "a list": (
        "- pat\n",
        "Access file {path}: top level: Input should be a valid dictionary or "
        "instance of AccessFile.",
    ),
    "twice": (
        "users:\n  - {id: pat, name: Pat, role: admin}\n  - {id: pat, name: P, role: chair}\n",
        "Access file {path}: user 'pat' is listed twice.",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN_ACCESS))
@pytest.mark.parametrize("command", [["cases"], ["ask", "--case", "FAM-T1", "who?"]])
def test_a_missing_or_malformed_access_file_is_one_line_and_exit_2(
    env: Path, name: str, command: list[str]
):
    text, message = BROKEN_ACCESS[name]
    env.unlink()
    if text is not None:
        env.write_text(text)
    result = run(*command, "--user", "pat", password="pat-pw")
    expected = message.format(path=env)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected + "\n")
    last = entries()[-1]
    assert (last.user, last.action, last.detail) == ("(none)", "denied", expected)
