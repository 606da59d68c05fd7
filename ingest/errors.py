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


class PublishError(Exception):
    """Every bundle was valid, but writing one failed. Cases are published one at a time, each in
    one step, so each case of the call is either wholly new or wholly as it was."""

    def __init__(
        self,
        failed: str,
        cause: BaseException,
        published: list[str],
        kept: list[str],
        not_published: list[str],
    ) -> None:
        self.failed = failed
        self.cause = cause
        self.published = published
        self.kept = kept
        self.not_published = not_published
        super().__init__(f"publishing {failed} failed: {type(cause).__name__}: {cause}")

    def lines(self) -> list[str]:
        """What a user needs: what failed and exactly which cases are live now, and how."""
        lines = [str(self)]
        if self.published:
            lines.append(f"Live with this ingest's version: {', '.join(self.published)}.")
        if self.kept:
            lines.append(f"Live as before this ingest: {', '.join(self.kept)}.")
        if self.not_published:
            lines.append(f"Not in the index: {', '.join(self.not_published)}.")
        return lines


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
