"""Suggested questions for the selected case, so a new user sees what CaseBrief can answer."""

from __future__ import annotations

import datetime as dt

from bot.evidence import fmt_date
from bot.overview import missed_appointments
from bot.records import Records
from ingest.models import Member

LEARNING_QUESTIONS = (
    "What should happen when a child is not brought to an appointment?",
    "What are the lessons of the serious case review?",
    "When should a pre-birth assessment start?",
)


def call_name(member: Member) -> str:
    """A name a practitioner would type: the first proper-name alias ('Poppy'), else the name."""
    for alias in member.aliases:
        if len(alias) > 2 and alias[0].isupper() and not alias.lower().startswith("the "):
            return alias
    return member.name


def suggested_questions(records: Records | None, today: dt.date) -> list[str]:
    if records is None:
        return list(LEARNING_QUESTIONS)
    questions = ["Who is the lead professional?", "Where does the family live now?"]
    by_missed = sorted(records.children, key=lambda c: -len(missed_appointments(records, c.id)))
    if by_missed:
        questions.append(f"Which appointments did {call_name(by_missed[0])} miss?")
    eldest = sorted(records.children, key=lambda c: c.date_of_birth or dt.date.max)[:1]
    if eldest:
        questions.append(f"When was {call_name(eldest[0])} last seen alone?")
    since = (today.replace(day=1) - dt.timedelta(days=32)).replace(day=1)
    questions.append(f"What happened since {fmt_date(since)}?")
    questions.append("How many times has the family moved?")
    questions.append(LEARNING_QUESTIONS[0])
    return questions
