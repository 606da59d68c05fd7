"""Users, roles and passwords from the access file."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.access import Access, AccessDenied, User, add_user


def test_add_user_stores_only_a_bcrypt_hash(tmp_path: Path):
    path = tmp_path / "access.yaml"
    add_user(
        path, User(id="pat", name="Pat Hollis", role="practitioner", cases=["FAM-T1"]), "s3cret!"
    )
    text = path.read_text()
    assert "s3cret!" not in text
    assert "$2b$" in text
    access = Access(path)
    assert access.login("pat", "s3cret!").cases == ["FAM-T1"]
    with pytest.raises(AccessDenied):
        access.login("pat", "wrong")


def test_roles_decide_case_visibility():
    practitioner = User(id="p", name="P", role="practitioner", cases=["FAM-1"])
    trainer = User(id="t", name="T", role="trainer", cases=["FAM-1"])
    admin = User(id="a", name="A", role="admin")
    assert practitioner.can_see_case("FAM-1") and not practitioner.can_see_case("FAM-2")
    assert not trainer.can_see_case("FAM-1")
    assert admin.can_see_case("FAM-2")


def test_local_mode_and_unknown_users(tmp_path: Path):
    assert Access(None).user(None).role == "admin"
    path = tmp_path / "access.yaml"
    add_user(path, User(id="t", name="T", role="trainer"), "pw")
    with pytest.raises(AccessDenied):
        Access(path).user("nobody")


def test_cli_user_add_prompts_for_the_password(tmp_path: Path):
    from typer.testing import CliRunner

    from bot.cli import app

    path = tmp_path / "access.yaml"
    result = CliRunner().invoke(
        app,
        [
            "user",
            "add",
            "pat",
            "--name",
            "Pat Hollis",
            "--role",
            "practitioner",
            "--case",
            "FAM-T1",
            "--case",
            "FAM-T2",
            "--access",
            str(path),
        ],
        input="s3cret!\ns3cret!\n",
    )
    assert result.exit_code == 0, result.output
    assert "Saved pat (practitioner)" in result.output
    user = Access(path).login("pat", "s3cret!")
    assert user.cases == ["FAM-T1", "FAM-T2"]
    bad = CliRunner().invoke(
        app,
        ["user", "add", "x", "--name", "X", "--role", "boss", "--access", str(path)],
        input="a\na\n",
    )
    assert bad.exit_code == 2
