"""Who may see what. Users live in a YAML file (CASEBRIEF_ACCESS); without one the tool runs
in single-user local mode with all access. Checked where records are read, not only in the UI.

A user proves who they are with their password (bcrypt) or a personal API token, of which only
a sha256 is stored (a token is 256 random bits, so a fast hash is enough)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from pathlib import Path
from typing import Literal

import bcrypt
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

Role = Literal["practitioner", "chair", "trainer", "admin"]
LOCAL_USER = "local"
DENIED = "Not allowed: you do not have access to that case."
WRONG_PASSWORD = "Not allowed: wrong user id or password."
WRONG_TOKEN = "Not allowed: that API token (CASEBRIEF_TOKEN) is not valid."
TOKEN_PREFIX = "cb_"
_NOBODY = bcrypt.hashpw(b"no such user", bcrypt.gensalt(rounds=12)).decode()


class AccessFileError(ValueError):
    """The access file is missing or malformed: one line naming the file and the problem."""


class AccessDenied(PermissionError):
    """Said the same way whether or not the case exists."""

    def __init__(self, message: str = DENIED) -> None:
        super().__init__(message)


class ApiToken(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    sha256: str
    created: str


class User(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    role: Role
    cases: list[str] = Field(default_factory=list)
    password_hash: str = ""
    tokens: list[ApiToken] = Field(default_factory=list)

    def can_see_case(self, case_id: str) -> bool:
        if self.role == "admin":
            return True
        if self.role == "trainer":
            return False
        return case_id in self.cases

    def visible_cases(self, all_cases: list[str]) -> list[str]:
        return [case for case in all_cases if self.can_see_case(case)]


class AccessFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

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
        stored = user.password_hash if user is not None and user.password_hash else _NOBODY
        matches = bcrypt.checkpw(password.encode(), stored.encode())  # as slow for anyone
        if user is None or not user.password_hash or not matches:
            raise AccessDenied(WRONG_PASSWORD)
        return user

    def token_login(self, token: str) -> User:
        """The user whose token this is; every stored hash is compared in constant time."""
        digest = token_hash(token)
        found = None
        for user in self.users.values():
            for stored in user.tokens:
                if hmac.compare_digest(stored.sha256, digest):
                    found = user
        if found is None:
            raise AccessDenied(WRONG_TOKEN)
        return found


def _where(location: tuple[object, ...], data: object) -> str:
    """'users[1] (pat).role' for a pydantic error location."""
    parts: list[str] = []
    node = data
    for step in location:
        if isinstance(step, int):
            label = f"[{step}]"
            if isinstance(node, list) and step < len(node):
                node = node[step]
                if isinstance(node, dict) and "id" in node:
                    label += f" ({node['id']})"
            parts.append(label)
        else:
            parts.append(("." if parts else "") + str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts)


def read_access_file(path: Path, missing_ok: bool = False) -> AccessFile:
    """The access file, or AccessFileError naming the file and its first problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return AccessFile()
        raise AccessFileError(f"Access file {path} does not exist (CASEBRIEF_ACCESS).") from None
    except (OSError, UnicodeDecodeError) as error:
        raise AccessFileError(f"Access file {path} cannot be read: {error}.") from None
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        raise AccessFileError(f"Access file {path} is not valid YAML{line}.") from None
    try:
        access = AccessFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = _where(first["loc"], data)
        got = first.get("input")
        shown = f" (got {got!r})" if isinstance(got, str | int | float) else ""
        raise AccessFileError(
            f"Access file {path}: {where or 'top level'}: {first['msg']}{shown}."
        ) from None
    seen: set[str] = set()
    for user in access.users:
        if user.id in seen:
            raise AccessFileError(f"Access file {path}: user {user.id!r} is listed twice.")
        seen.add(user.id)
    return access


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt()).decode()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _write(path: Path, users: list[User]) -> None:
    text = yaml.safe_dump(
        {"users": [u.model_dump() for u in users]}, sort_keys=False, allow_unicode=True
    )
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def add_user(path: Path, user: User, password: str) -> None:
    """Add or replace one user (keeping their tokens); the file is rewritten atomically."""
    current = read_access_file(path, missing_ok=True)
    kept = [u for u in current.users if u.id == user.id]
    stored = user.model_copy(
        update={
            "password_hash": hash_password(password),
            "tokens": kept[0].tokens if kept and not user.tokens else user.tokens,
        }
    )
    _write(path, [u for u in current.users if u.id != user.id] + [stored])


def add_token(path: Path, user_id: str, name: str) -> str:
    """A new API token for a user: only its hash is written; the token is returned once."""
    current = read_access_file(path)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    users = []
    for user in current.users:
        if user.id == user_id:
            kept = [t for t in user.tokens if t.name != name]
            entry = ApiToken(name=name, sha256=token_hash(token), created=created)
            user = user.model_copy(update={"tokens": [*kept, entry]})
        users.append(user)
    _write(path, users)
    return token


def revoke_token(path: Path, user_id: str, name: str) -> bool:
    current = read_access_file(path)
    users, removed = [], False
    for user in current.users:
        if user.id == user_id:
            kept = [t for t in user.tokens if t.name != name]
            removed = len(kept) != len(user.tokens)
            user = user.model_copy(update={"tokens": kept})
        users.append(user)
    _write(path, users)
    return removed
