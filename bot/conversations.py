"""Conversations that survive a reload: each question and its answer, kept per user and case in
a small SQLite file beside the audit log (`conversations.sqlite3` in the store folder), or in
the shared database (CASEBRIEF_DATABASE_URL) that several app servers use.

Answers are stored as their JSON (`model_dump(mode="json")`), the follow-up context (`Turn`)
beside them; a row an older or newer version cannot read is shown as such, never guessed."""

from __future__ import annotations

import datetime as dt
import json

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Connection, text

from bot.database import Migrations, database
from bot.types import Answer, Turn

MIGRATIONS = Migrations()
migration = MIGRATIONS.add
UNREADABLE = "This answer was saved by another version of CaseBrief and cannot be shown."


@migration
def m001_create_exchanges(db: Connection) -> None:
    db.execute(
        text(
            """CREATE TABLE exchanges (
            "user" TEXT NOT NULL,
            case_key TEXT NOT NULL,
            position INTEGER NOT NULL,
            at TEXT NOT NULL,
            body TEXT NOT NULL,
            PRIMARY KEY ("user", case_key, position)
        )"""
        )
    )


class Exchange(BaseModel):
    """One question and what came back: an answer, an error (e.g. access denied), or a notice
    (a question refused as too long)."""

    model_config = ConfigDict(frozen=True)

    question: str
    answer: Answer | None = None
    error: str | None = None
    notice: str | None = None
    seconds: float = 0.0


def dump(exchange: Exchange) -> str:
    answer = exchange.answer
    body = {
        "question": exchange.question,
        "error": exchange.error,
        "notice": exchange.notice,
        "seconds": exchange.seconds,
        "answer": answer.model_dump(mode="json") if answer is not None else None,
        "turn": answer.turn.model_dump(mode="json") if answer and answer.turn else None,
    }
    return json.dumps(body, ensure_ascii=False)


def load(text: str) -> Exchange:
    body = json.loads(text)
    question = str(body.get("question", ""))
    seconds = float(body.get("seconds") or 0.0)
    if body.get("answer") is None:
        if body.get("notice"):
            return Exchange(question=question, notice=str(body["notice"]), seconds=seconds)
        return Exchange(question=question, error=body.get("error") or UNREADABLE, seconds=seconds)
    try:
        answer = Answer.model_validate(body["answer"])
    except ValidationError:
        return Exchange(question=question, error=UNREADABLE, seconds=seconds)
    try:
        turn = Turn.model_validate(body["turn"]) if body.get("turn") else None
    except ValidationError:
        turn = None  # shown, but no longer a follow-up context
    answer = answer.model_copy(update={"turn": turn})
    return Exchange(question=question, answer=answer, seconds=seconds)


def case_key(case_id: str | None) -> str:
    """The learning corpus alone (no case) is kept under ''."""
    return case_id or ""


class ConversationStore:
    """Exchanges per (user, case), in the order they were asked; `url` is a SQLAlchemy URL
    (`Settings.conversations_url()`)."""

    def __init__(self, url: str) -> None:
        self.db = database(url)
        self.db.migrate(MIGRATIONS)

    def exchanges(self, user: str, case_id: str | None) -> list[Exchange]:
        with self.db.reading() as db:
            rows = db.execute(
                text(
                    'SELECT body FROM exchanges WHERE "user" = :u AND case_key = :c '
                    "ORDER BY position"
                ),
                {"u": user, "c": case_key(case_id)},
            ).all()
        return [load(row[0]) for row in rows]

    def append(self, user: str, case_id: str | None, exchange: Exchange) -> None:
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        key = {"u": user, "c": case_key(case_id)}
        with self.db.transaction(lock="exchanges") as db:
            last = db.execute(
                text(
                    'SELECT COALESCE(MAX(position), 0) FROM exchanges WHERE "user" = :u '
                    "AND case_key = :c"
                ),
                key,
            ).scalar_one()
            db.execute(
                text(
                    'INSERT INTO exchanges ("user", case_key, position, at, body) '
                    "VALUES (:u, :c, :p, :at, :body)"
                ),
                {**key, "p": last + 1, "at": at, "body": dump(exchange)},
            )

    def clear(self, user: str, case_id: str | None) -> None:
        """'New conversation': this user's conversation about this case is deleted."""
        with self.db.transaction() as db:
            db.execute(
                text('DELETE FROM exchanges WHERE "user" = :u AND case_key = :c'),
                {"u": user, "c": case_key(case_id)},
            )

    def forget_case(self, case_id: str) -> int:
        """Every user's conversation about a case (for `casebrief forget`); rows removed."""
        with self.db.transaction() as db:
            return db.execute(
                text("DELETE FROM exchanges WHERE case_key = :c"), {"c": case_id}
            ).rowcount
