"""Parse one cell at a time; every failure becomes a Problem naming file, row and column."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

from ingest.errors import Problem

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$")
_UK = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{2}):(\d{2}))?$")
DATE_RULE = "use YYYY-MM-DD or DD/MM/YYYY, optionally followed by HH:MM"
E = TypeVar("E", bound=StrEnum)
_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}


def parse_datetime(text: str) -> tuple[dt.date, dt.time | None] | None:
    """ISO or UK day-first date with an optional time; None when it is neither."""
    text = text.strip()
    if match := _ISO.match(text):
        year, month, day, hour, minute = match.groups()
    elif match := _UK.match(text):
        day, month, year, hour, minute = match.groups()
    else:
        return None
    try:
        date = dt.date(int(year), int(month), int(day))
        time = dt.time(int(hour), int(minute)) if hour is not None else None
    except ValueError:
        return None
    return date, time


def split_ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


class RowReader:
    """Reads typed values out of one row, collecting problems instead of raising."""

    def __init__(
        self,
        file: str,
        row: int | None,
        values: dict[str, object],
        problems: list[Problem],
        *,
        field_prefix: str | None = None,
    ) -> None:
        self.file = file
        self.row = row
        self.values = values
        self.problems = problems
        self.field_prefix = field_prefix
        self.used: set[str] = set()

    def problem(self, column: str, message: str) -> None:
        if self.field_prefix is None:
            self.problems.append(
                Problem(file=self.file, row=self.row, column=column, message=message)
            )
        else:
            self.problems.append(
                Problem(file=self.file, field=f"{self.field_prefix}.{column}", message=message)
            )

    def text(self, column: str, *, required: bool = False) -> str | None:
        self.used.add(column)
        value = self.values.get(column)
        text = "" if value is None else str(value).strip()
        if not text:
            if required:
                self.problem(column, "empty; a value is required")
            return None
        return text

    def date(self, column: str, *, required: bool = False) -> dt.date | None:
        parsed = self.date_time(column, required=required)
        return parsed[0] if parsed else None

    def date_time(
        self, column: str, *, required: bool = False
    ) -> tuple[dt.date, dt.time | None] | None:
        value = self.values.get(column)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            self.used.add(column)
            return value, None
        text = self.text(column, required=required)
        if text is None:
            return None
        parsed = parse_datetime(text)
        if parsed is None:
            self.problem(column, f"{text!r} is not a date; {DATE_RULE}")
        return parsed

    def choice(self, column: str, enum: type[E], *, required: bool = False) -> E | None:
        text = self.text(column, required=required)
        if text is None:
            return None
        try:
            return enum(text.lower())
        except ValueError:
            allowed = ", ".join(item.value for item in enum)
            self.problem(column, f"{text!r} is not allowed; allowed: {allowed}")
            return None

    def members(self, column: str, known: Iterable[str]) -> tuple[str, ...]:
        text = self.text(column)
        if text is None:
            return ()
        return self.check_members(column, split_ids(text), known)

    def check_members(self, column: str, ids: list[str], known: Iterable[str]) -> tuple[str, ...]:
        known_ids = list(known)
        # No known members means case.yaml itself failed and was reported; don't pile on.
        unknown = [member for member in ids if known_ids and member not in known_ids]
        for member in unknown:
            self.problem(
                column,
                f"unknown member id {member!r}; case.yaml has: {', '.join(known_ids)}",
            )
        return tuple(dict.fromkeys(ids))

    def flag(self, column: str) -> bool:
        text = self.text(column)
        if text is None or text.lower() in _NO:
            return False
        if text.lower() in _YES:
            return True
        self.problem(column, f"{text!r} is not allowed; allowed: yes, no or empty")
        return False

    def extra(self) -> dict[str, str]:
        """Columns the spec does not name: kept as metadata, never an error."""
        return {
            name: str(value).strip()
            for name, value in self.values.items()
            if name not in self.used and value is not None and str(value).strip()
        }
