"""Read a CSV or XLSX table into header-normalised rows, with problems named by file and row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import Problem, not_utf8


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


def read_table(path: Path, label: str) -> Table:
    data = path.read_bytes()
    if not data.strip():
        return _problem_table(label, "the file is empty; expected a header row and data rows")
    if path.suffix.lower() == ".xlsx":
        return _read_xlsx(data, label)
    return _read_csv(data, label)


def _problem_table(label: str, message: str, row: int | None = None) -> Table:
    return Table(label, (), (), (Problem(file=label, row=row, message=message),))


def _read_csv(data: bytes, label: str) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Table(label, (), (), (not_utf8(label, data, error),))
    try:
        raw_rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        return _problem_table(label, f"not a readable CSV file ({error})")
    return _to_table(label, raw_rows)


def _read_xlsx(data: bytes, label: str) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        return _problem_table(label, f"not a readable .xlsx workbook ({error})")
    sheet = workbook.worksheets[0]
    raw_rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return _to_table(label, raw_rows)


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


def _to_table(label: str, raw_rows: list[list[str]]) -> Table:
    while raw_rows and not any(cell.strip() for cell in raw_rows[-1]):
        raw_rows.pop()
    if not raw_rows:
        return _problem_table(label, "the file is empty; expected a header row and data rows")
    header = tuple(cell.strip().lower() for cell in raw_rows[0])
    problems: list[Problem] = []
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            problems.append(
                Problem(file=label, row=1, column=name, message="the column appears twice")
            )
        seen.add(name)
    rows: list[tuple[int, dict[str, str]]] = []
    for number, raw in enumerate(raw_rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
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
    return Table(label, header, tuple(rows), tuple(problems))
