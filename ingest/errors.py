"""Named errors of the ingest library; the CLI turns them into messages and exit codes."""

from __future__ import annotations

from pydantic import BaseModel


class Problem(BaseModel):
    """One thing wrong with an input file, pinned to its place."""

    file: str
    row: int | None = None
    column: str | None = None
    line: int | None = None
    field: str | None = None
    message: str

    def __str__(self) -> str:
        place = [self.file]
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.line is not None:
            place.append(f"line {self.line}")
        if self.column is not None:
            column = self.column if self.column.isdigit() else repr(self.column)
            place.append(f"column {column}")
        if self.field is not None:
            place.append(f"field {self.field}")
        return f"{', '.join(place)}: {self.message}"


class BundleError(Exception):
    """Every problem found in the input; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class StoreError(Exception):
    """The store cannot be reached or is not a CaseBrief store."""


def not_utf8(file: str, data: bytes, error: UnicodeDecodeError, *, yaml: bool = False) -> Problem:
    """The same message wherever text is not UTF-8, pinned to the row (or line) of the byte."""
    where = data[: error.start].count(b"\n") + 1
    byte = data[error.start : error.start + 1].hex()
    message = f"not UTF-8 text (byte 0x{byte}); save the file as UTF-8"
    return (
        Problem(file=file, line=where, message=message)
        if yaml
        else Problem(file=file, row=where, message=message)
    )
