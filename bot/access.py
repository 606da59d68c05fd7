"""Who may see what. Users live in a YAML file (CASEBRIEF_ACCESS); without one the tool runs
in single-user local mode with all access. Checked where records are read, not only in the UI."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import bcrypt
import yaml
from pydantic import BaseModel, Field, ValidationError

Role = Literal["practitioner", "chair", "trainer", "admin"]
LOCAL_USER = "local"
DENIED = "Not allowed: you do not have access to that case."


class AccessDenied(PermissionError):
    """Said the same way whether or not the case exists."""

    def __init__(self, message: str = DENIED) -> None:
        super().__init__(message)


class User(BaseModel):
    id: str
    name: str
    role: Role
    cases: list[str] = Field(default_factory=list)
    password_hash: str = ""

    def can_see_case(self, case_id: str) -> bool:
        if self.role == "admin":
            return True
        if self.role == "trainer":
            return False
        return case_id in self.cases

    def visible_cases(self, all_cases: list[str]) -> list[str]:
        return [case for case in all_cases if self.can_see_case(case)]


class AccessFile(BaseModel):
    users: list[User] = Field(default_factory=list)


LOCAL = User(id=LOCAL_USER, name="Local user", role="admin")


class Access:
    """The access policy: local mode (no file) or the users of an access file."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.users: dict[str, User] = {}
        if path is not None:
            self.users = {user.id: user for user in read_access_file(path).users}

    @property
    def local_mode(self) -> bool:
        return self.path is None

    def user(self, user_id: str | None) -> User:
        """The user a request runs as; unknown users are denied without saying more."""
        if self.local_mode:
            return LOCAL
        if user_id is None or user_id not in self.users:
            raise AccessDenied("Not allowed: unknown user. Give --user with a known user id.")
        return self.users[user_id]

    def login(self, user_id: str, password: str) -> User:
        user = self.users.get(user_id)
        if (
            user is None
            or not user.password_hash
            or not bcrypt.checkpw(password.encode(), user.password_hash.encode())
        ):
            raise AccessDenied("Not allowed: wrong user id or password.")
        return user


def read_access_file(path: Path) -> AccessFile:
    if not path.exists():
        return AccessFile()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return AccessFile.model_validate(data)
    except (yaml.YAMLError, ValidationError) as error:
        raise ValueError(f"{path}: not a valid access file ({error})") from error


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def add_user(path: Path, user: User, password: str) -> None:
    """Add or replace one user; the file is rewritten atomically."""
    current = read_access_file(path)
    stored = user.model_copy(update={"password_hash": hash_password(password)})
    users = [u for u in current.users if u.id != user.id] + [stored]
    text = yaml.safe_dump(
        {"users": [u.model_dump() for u in users]}, sort_keys=False, allow_unicode=True
    )
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
