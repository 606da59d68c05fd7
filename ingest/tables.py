"""Read a CSV or XLSX table into header-normalised rows, with problems named by file and row."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from config.settings import IngestLimits
from ingest.containment import MB, read_bounded
from ingest.errors import Problem, not_utf8
from ingest.office import check_office_file


@dataclass(frozen=True)
class Table:
    """Rows keyed by lower-cased header names; row numbers are 1-based with the header as 1."""

    file: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    problems: tuple[Problem, ...] = field(default=())


def find_table(folder: Path, stem: str) -> Path | None:
    """`stem.csv` or `stem.xlsx`, whichever the bundle has (both is an error upstream)."""
    for suffix in (".csv", ".xlsx"):
        candidate = folder / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def read_table(path: Path, label: str, limits: IngestLimits | None = None) -> Table:
    limits = limits or IngestLimits()
    data = read_bounded(path, label, int(limits.max_file_mb * MB))
    if isinstance(data, Problem):
        return Table(label, (), (), (data,))
    if not data.strip():
        return _problem_table(label, "the file is empty; expected a header row and data rows")
    try:
        if path.suffix.lower() == ".xlsx":
            return _read_xlsx(data, label, limits)
        return _read_csv(data, label, limits)
    except Exception as error:  # a parser's own bug on a hostile file is still about this file
        return _problem_table(label, f"could not be read ({type(error).__name__}: {error})")


def _problem_table(label: str, message: str, row: int | None = None) -> Table:
    return Table(label, (), (), (Problem(file=label, row=row, message=message),))


@contextlib.contextmanager
def _csv_fields_up_to(size: int) -> Iterator[None]:
    """csv's own field limit (131,072) would fail with no row named; the file size bounds the
    field instead, and the cell limit is then checked with row and column."""
    previous = csv.field_size_limit(max(size, csv.field_size_limit()))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _read_csv(data: bytes, label: str, limits: IngestLimits) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Table(label, (), (), (not_utf8(label, data, error),))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        with _csv_fields_up_to(len(text) + 1):
            return _to_table(label, reader, limits)
    except csv.Error as error:
        problem = Problem(
            file=label, line=reader.line_num, message=f"not a readable CSV file ({error})"
        )
        return Table(label, (), (), (problem,))


def _read_xlsx(data: bytes, label: str, limits: IngestLimits) -> Table:
    from openpyxl import load_workbook

    if (refused := check_office_file(data, label, limits, ".xlsx workbook")) is not None:
        return Table(label, (), (), (refused,))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        return _problem_table(label, f"not a readable .xlsx workbook ({error})")
    try:
        sheet = workbook.worksheets[0]
        # One column past the limit, so a wider sheet is reported rather than cut.
        rows = sheet.iter_rows(values_only=True, max_col=limits.max_columns + 1)
        return _to_table(label, ([_cell_text(value) for value in row] for row in rows), limits)
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _to_table(label: str, raw_rows: Iterable[list[str]], limits: IngestLimits) -> Table:
    """Rows are read one at a time, so a table over the row limit stops at the limit."""
    numbered = enumerate(raw_rows, start=1)
    first = next(numbered, None)
    if first is None:
        return _problem_table(label, "the file is empty; expected a header row and data rows")
    problems: list[Problem] = []
    if wide := _width_problem(label, 1, first[1], limits):
        return Table(label, (), (), (wide,))
    if long := _cell_problems(label, 1, first[1], (), limits):
        return Table(label, (), (), tuple(long))
    header = tuple(cell.strip().lower() for cell in first[1])
    content = any(header)
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            problems.append(
                Problem(file=label, row=1, column=name, message="the column appears twice")
            )
        seen.add(name)
    rows: list[tuple[int, dict[str, str]]] = []
    for number, raw in numbered:
        if number > limits.max_rows + 1:
            problems.append(
                Problem(
                    file=label,
                    row=number,
                    message=f"more than {limits.max_rows:,} rows; the limit is "
                    f"{limits.max_rows:,} (CASEBRIEF_LIMIT_MAX_ROWS)",
                )
            )
            break
        if not any(cell.strip() for cell in raw):
            continue
        content = True
        if wide := _width_problem(label, number, raw, limits):
            problems.append(wide)
            continue
        if long := _cell_problems(label, number, raw, header, limits):
            problems.extend(long)
            continue
        if len(raw) > len(header) and any(cell.strip() for cell in raw[len(header) :]):
            problems.append(
                Problem(
                    file=label,
                    row=number,
                    message=f"{len(raw)} cells but the header has {len(header)} columns",
                )
            )
            continue
        values = {name: (raw[i].strip() if i < len(raw) else "") for i, name in enumerate(header)}
        values.pop("", None)
        rows.append((number, values))
    if not content:
        return _problem_table(label, "the file is empty; expected a header row and data rows")
    return Table(label, header, tuple(rows), tuple(problems))


def _width_problem(label: str, row: int, raw: list[str], limits: IngestLimits) -> Problem | None:
    if len(raw) > limits.max_columns and any(cell.strip() for cell in raw[limits.max_columns :]):
        return Problem(
            file=label,
            row=row,
            message=f"more than {limits.max_columns:,} columns; the limit is "
            f"{limits.max_columns:,} (CASEBRIEF_LIMIT_MAX_COLUMNS)",
        )
    return None


def _cell_problems(
    label: str, row: int, raw: list[str], header: tuple[str, ...], limits: IngestLimits
) -> list[Problem]:
    return [
        Problem(
            file=label,
            row=row,
            column=header[index] if index < len(header) and header[index] else str(index + 1),
            message=f"the cell holds {len(cell):,} characters; the limit is "
            f"{limits.max_cell_chars:,} (CASEBRIEF_LIMIT_MAX_CELL_CHARS)",
        )
        for index, cell in enumerate(raw)
        if len(cell) > limits.max_cell_chars
    ]
