"""Who may see what. Users live behind one small interface (`Users`): the YAML access file
(CASEBRIEF_ACCESS, here) or the shared database (CASEBRIEF_DATABASE_URL, `bot/users_db.py`).
Without either the tool runs in single-user local mode with all access. Checked where records
are read, not only in the UI.

A user proves who they are with their password (bcrypt) or a personal API token, of which only
a sha256 is stored (a token is 256 random bits, so a fast hash is enough)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from functools import cache
from pathlib import Path
from typing import Literal, Protocol

import bcrypt
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

Role = Literal["practitioner", "chair", "trainer", "admin"]
LOCAL_USER = "local"
DENIED = "Not allowed: you do not have access to that case."
WRONG_PASSWORD = "Not allowed: wrong user id or password."
WRONG_TOKEN = "Not allowed: that API token (CASEBRIEF_TOKEN) is not valid."
TOKEN_PREFIX = "cb_"


@cache
def _nobody() -> str:
    """A hash to check an unknown user's password against, so a wrong user id takes as long
    as a wrong password; made on first use (0.27 s: not at every command's start)."""
    return bcrypt.hashpw(b"no such user", bcrypt.gensalt(rounds=12)).decode()


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


class UnknownUser(LookupError):
    """A token was asked for a user the store does not have."""


class Users(Protocol):
    """Where users and their API tokens live. Writes are whole-user or whole-token steps; a
    password arrives already hashed (bcrypt) and a token only as its sha256."""

    def where(self) -> str:
        """The file or database, for messages."""
        ...

    def enforced(self) -> bool:
        """Whether sign-in is required: always for a file; for a database once it has a user."""
        ...

    def get(self, user_id: str) -> User | None: ...

    def all(self) -> list[User]: ...

    def save(self, *users: User) -> None:
        """Add or replace users, all or none; a user given without tokens keeps theirs."""
        ...

    def find_token(self, sha256: str) -> User | None:
        """The user one of whose tokens has this hash."""
        ...

    def add_token(self, user_id: str, name: str) -> str:
        """A new token (replacing one of the same name), returned once; only its hash is kept.
        UnknownUser if there is no such user."""
        ...

    def revoke_token(self, user_id: str, name: str) -> bool: ...


class YamlUsers:
    """The access file: read once when opened (as a running server always has), rewritten
    atomically on every change."""

    def __init__(self, path: Path, missing_ok: bool = False) -> None:
        self.path = path
        self._users = {user.id: user for user in read_access_file(path, missing_ok).users}

    def where(self) -> str:
        return str(self.path)

    def enforced(self) -> bool:
        return True

    def get(self, user_id: str) -> User | None:
        return self._users.get(user_id)

    def all(self) -> list[User]:
        return list(self._users.values())

    def find_token(self, sha256: str) -> User | None:
        """Every stored hash is compared in constant time."""
        found = None
        for user in self._users.values():
            for stored in user.tokens:
                if hmac.compare_digest(stored.sha256, sha256):
                    found = user
        return found

    def _rewrite(self, users: list[User]) -> None:
        _write(self.path, users)
        self._users = {user.id: user for user in users}

    def save(self, *users: User) -> None:
        current = read_access_file(self.path, missing_ok=True).users
        for user in users:
            kept = [u for u in current if u.id == user.id]
            if kept and not user.tokens:
                user = user.model_copy(update={"tokens": kept[0].tokens})
            current = [u for u in current if u.id != user.id] + [user]
        self._rewrite(current)

    def add_token(self, user_id: str, name: str) -> str:
        current = read_access_file(self.path)
        token, entry = new_token(name)
        if all(user.id != user_id for user in current.users):
            raise UnknownUser(user_id)
        users = []
        for user in current.users:
            if user.id == user_id:
                kept = [t for t in user.tokens if t.name != name]
                user = user.model_copy(update={"tokens": [*kept, entry]})
            users.append(user)
        self._rewrite(users)
        return token

    def revoke_token(self, user_id: str, name: str) -> bool:
        current = read_access_file(self.path)
        users, removed = [], False
        for user in current.users:
            if user.id == user_id:
                kept = [t for t in user.tokens if t.name != name]
                removed = len(kept) != len(user.tokens)
                user = user.model_copy(update={"tokens": kept})
            users.append(user)
        self._rewrite(users)
        return removed


class Access:
    """The access policy: local mode (no users anywhere) or the users of a store (an access
    file's path is opened as `YamlUsers`). A database store is asked on every call, so a user
    added, changed or whose token is revoked by any server counts at once on every server."""

    def __init__(self, source: Path | Users | None) -> None:
        self.store: Users | None = YamlUsers(source) if isinstance(source, Path) else source

    @property
    def local_mode(self) -> bool:
        return self.store is None or not self.store.enforced()

    def user(self, user_id: str | None) -> User:
        """The user a request runs as; unknown users are denied without saying more."""
        if self.store is None or self.local_mode:
            return LOCAL
        found = self.store.get(user_id) if user_id is not None else None
        if found is None:
            raise AccessDenied("Not allowed: unknown user. Give --user with a known user id.")
        return found

    def login(self, user_id: str, password: str) -> User:
        user = self.store.get(user_id) if self.store is not None else None
        stored = user.password_hash if user is not None and user.password_hash else _nobody()
        matches = bcrypt.checkpw(password.encode(), stored.encode())  # as slow for anyone
        if user is None or not user.password_hash or not matches:
            raise AccessDenied(WRONG_PASSWORD)
        return user

    def token_login(self, token: str) -> User:
        """The user whose token this is."""
        found = self.store.find_token(token_hash(token)) if self.store is not None else None
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


def new_token(name: str) -> tuple[str, ApiToken]:
    """A fresh token and the entry to store for it (its hash, never the token)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return token, ApiToken(name=name, sha256=token_hash(token), created=created)


def with_password(user: User, password: str) -> User:
    return user.model_copy(update={"password_hash": hash_password(password)})


def add_user(path: Path, user: User, password: str) -> None:
    """Add or replace one user (keeping their tokens); the file is rewritten atomically."""
    YamlUsers(path, missing_ok=True).save(with_password(user, password))


def add_token(path: Path, user_id: str, name: str) -> str:
    """A new API token for a user: only its hash is written; the token is returned once."""
    return YamlUsers(path).add_token(user_id, name)


def revoke_token(path: Path, user_id: str, name: str) -> bool:
    return YamlUsers(path).revoke_token(user_id, name)
