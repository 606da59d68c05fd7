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
