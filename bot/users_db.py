"""Users and their API tokens in the shared database (CASEBRIEF_DATABASE_URL), so every app
server and CLI sees the same users; and the choice of where users live for a `Settings`.

With a database, users live only there: access control is on once it has a user. An access
file (CASEBRIEF_ACCESS) is then only what `casebrief user import` loads; set while the database
has no users yet, every sign-in refuses (fail closed) and says to import it."""

from __future__ import annotations

import hmac
import json

from sqlalchemy import Connection, text

from bot.access import (
    Access,
    AccessFileError,
    ApiToken,
    UnknownUser,
    User,
    Users,
    YamlUsers,
    new_token,
)
from bot.database import Database, Migrations, database
from config.settings import Settings

MIGRATIONS = Migrations()
migration = MIGRATIONS.add


@migration
def m001_create_users(db: Connection) -> None:
    db.execute(
        text(
            """CREATE TABLE users (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            cases TEXT NOT NULL,
            password_hash TEXT NOT NULL
        )"""
        )
    )


@migration
def m002_create_api_tokens(db: Connection) -> None:
    db.execute(
        text(
            """CREATE TABLE api_tokens (
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            created TEXT NOT NULL,
            PRIMARY KEY (user_id, name)
        )"""
        )
    )


class DatabaseUsers:
    """The `Users` of one database; every call reads or writes it afresh. Writers lock the
    users table (PostgreSQL) or the file (SQLite), so concurrent servers do not interleave."""

    def __init__(self, url: str) -> None:
        self.db: Database = database(url)
        self.db.migrate(MIGRATIONS)

    def where(self) -> str:
        return self.db.where()

    def enforced(self) -> bool:
        with self.db.reading() as db:
            return db.execute(text("SELECT 1 FROM users LIMIT 1")).first() is not None

    def _user(self, db: Connection, row: tuple[str, str, str, str, str]) -> User:
        tokens = db.execute(
            text("SELECT name, sha256, created FROM api_tokens WHERE user_id = :u ORDER BY name"),
            {"u": row[0]},
        )
        return User.model_validate(
            {
                "id": row[0],
                "name": row[1],
                "role": row[2],
                "cases": json.loads(row[3]),
                "password_hash": row[4],
                "tokens": [ApiToken(name=t[0], sha256=t[1], created=t[2]) for t in tokens],
            }
        )

    def get(self, user_id: str) -> User | None:
        with self.db.reading() as db:
            row = db.execute(
                text("SELECT id, name, role, cases, password_hash FROM users WHERE id = :u"),
                {"u": user_id},
            ).first()
            return self._user(db, tuple(row)) if row is not None else None

    def all(self) -> list[User]:
        with self.db.reading() as db:
            rows = db.execute(
                text("SELECT id, name, role, cases, password_hash FROM users ORDER BY id")
            ).all()
            return [self._user(db, tuple(row)) for row in rows]

    def find_token(self, sha256: str) -> User | None:
        with self.db.reading() as db:
            row = db.execute(
                text("SELECT user_id, sha256 FROM api_tokens WHERE sha256 = :h"), {"h": sha256}
            ).first()
        if row is None or not hmac.compare_digest(row[1], sha256):
            return None
        return self.get(row[0])

    def save(self, *users: User) -> None:
        with self.db.transaction(lock="users") as db:
            for user in users:
                values = {
                    "id": user.id,
                    "name": user.name,
                    "role": user.role,
                    "cases": json.dumps(user.cases),
                    "password_hash": user.password_hash,
                }
                updated = db.execute(
                    text(
                        "UPDATE users SET name = :name, role = :role, cases = :cases, "
                        "password_hash = :password_hash WHERE id = :id"
                    ),
                    values,
                )
                if not updated.rowcount:
                    db.execute(
                        text(
                            "INSERT INTO users (id, name, role, cases, password_hash) "
                            "VALUES (:id, :name, :role, :cases, :password_hash)"
                        ),
                        values,
                    )
                if user.tokens:
                    db.execute(text("DELETE FROM api_tokens WHERE user_id = :u"), {"u": user.id})
                    for token in user.tokens:
                        _insert_token(db, user.id, token)

    def add_token(self, user_id: str, name: str) -> str:
        token, entry = new_token(name)
        with self.db.transaction(lock="users") as db:
            known = db.execute(text("SELECT 1 FROM users WHERE id = :u"), {"u": user_id})
            if known.first() is None:
                raise UnknownUser(user_id)
            db.execute(
                text("DELETE FROM api_tokens WHERE user_id = :u AND name = :n"),
                {"u": user_id, "n": name},
            )
            _insert_token(db, user_id, entry)
        return token

    def revoke_token(self, user_id: str, name: str) -> bool:
        with self.db.transaction(lock="users") as db:
            removed = db.execute(
                text("DELETE FROM api_tokens WHERE user_id = :u AND name = :n"),
                {"u": user_id, "n": name},
            )
            return bool(removed.rowcount)


def _insert_token(db: Connection, user_id: str, token: ApiToken) -> None:
    db.execute(
        text("INSERT INTO api_tokens (user_id, name, sha256, created) VALUES (:u, :n, :h, :c)"),
        {"u": user_id, "n": token.name, "h": token.sha256, "c": token.created},
    )


def users_for(settings: Settings) -> Users | None:
    """Where this deployment's users live: the database, the access file, or nowhere (local)."""
    if settings.database_url:
        return DatabaseUsers(settings.database_url.get_secret_value())
    if settings.access is not None:
        return YamlUsers(settings.access)
    return None


def open_access(settings: Settings) -> Access:
    """The access policy for these settings; AccessFileError for an access file that is
    missing or malformed, or set beside a database that has no users yet."""
    store = users_for(settings)
    if isinstance(store, DatabaseUsers) and settings.access is not None and not store.enforced():
        raise AccessFileError(
            f"Users live in the database {store.where()} (CASEBRIEF_DATABASE_URL), which has "
            f"none yet, but CASEBRIEF_ACCESS is set: load the access file with `casebrief user "
            f"import {settings.access}`, or unset CASEBRIEF_ACCESS for local mode."
        )
    return Access(store)
