"""Read and validate one case bundle folder; collect every problem before failing."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from config.settings import IngestLimits
from ingest.containment import file_digest, leaves, outside_problem, read_bounded
from ingest.documents import DOCUMENT_SUFFIXES, read_document
from ingest.errors import BundleError, Problem, not_utf8
from ingest.fields import RowReader, split_ids
from ingest.models import (
    Address,
    Bundle,
    Case,
    Member,
    MemberRole,
    Passage,
)
from ingest.rows import Roles, read_appointment, read_chronology_event, read_professional
from ingest.safe_yaml import load_yaml, yaml_problem
from ingest.tables import Table, find_table, read_table

T = TypeVar("T")
CASE_ID = re.compile(r"^[A-Za-z0-9_-]+$")
REQUIRED_COLUMNS = {
    "professionals": ("id", "name", "role", "agency", "start"),
    "chronology": ("id", "date", "agency", "event_type", "summary"),
    "appointments": ("id", "date", "member", "agency", "type", "outcome"),
}


def is_bundle(folder: Path) -> bool:
    return (folder / "case.yaml").is_file()


def bundle_hash(folder: Path) -> str:
    """Hash of every file's name and bytes (of a link's text for a symbolic link): equal
    hashes mean an unchanged bundle."""
    digest = hashlib.sha256(b"case-bundle-v1")
    for path in sorted(p for p in folder.rglob("*") if p.is_symlink() or p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(file_digest(path))
    return digest.hexdigest()


def case_id_problem(case_id: str, limits: IngestLimits) -> str | None:
    """Why a case id cannot be used (characters, or length that Chroma's names cannot hold)."""
    if not CASE_ID.match(case_id):
        shown = case_id if len(case_id) <= 80 else f"{case_id[:60]}..."
        return f"{shown!r} may only hold letters, digits, '-' and '_'"
    if len(case_id) > limits.max_case_id_chars:
        return (
            f"{len(case_id):,} characters; a case id may have at most "
            f"{limits.max_case_id_chars} (CASEBRIEF_LIMIT_MAX_CASE_ID_CHARS)"
        )
    return None


def load_bundle(
    folder: Path,
    *,
    chunk_size: int = 900,
    chunk_overlap: int = 120,
    limits: IngestLimits | None = None,
) -> Bundle:
    """Validate a whole bundle; raise BundleError listing every problem, in file order."""
    limits = limits or IngestLimits()
    problems: list[Problem] = []
    label = _labeller(folder)
    case, members, roles, addresses = _read_case_yaml(folder / "case.yaml", label, problems, limits)
    member_ids = list(roles)
    ids = _IdRegistry(problems)
    for member in members:
        ids.claim(member.id, member.file, None, field=f"members[{member.id}].id")
    for address in addresses:
        ids.claim(address.id, address.file, None, field=f"addresses[{address.id}].id")

    professionals = _read_rows(
        folder,
        "professionals",
        label,
        problems,
        ids,
        lambda reader: read_professional(reader, member_ids),
        limits,
    )
    chronology = _read_rows(
        folder,
        "chronology",
        label,
        problems,
        ids,
        lambda reader: read_chronology_event(reader, roles),
        limits,
    )
    appointments = _read_rows(
        folder,
        "appointments",
        label,
        problems,
        ids,
        lambda reader: read_appointment(reader, member_ids),
        limits,
    )
    passages = _read_documents(
        folder, label, problems, member_ids, (chunk_size, chunk_overlap), limits
    )
    if problems or case is None:
        raise BundleError(problems)
    return Bundle(
        case=case,
        members=tuple(members),
        addresses=tuple(addresses),
        professionals=tuple(professionals),
        chronology=tuple(chronology),
        appointments=tuple(appointments),
        passages=tuple(passages),
        content_hash=bundle_hash(folder),
    )


def _labeller(folder: Path) -> Callable[[Path], str]:
    """Name files as the user sees them: 'FAM-0042/chronology.csv'."""

    def label(path: Path) -> str:
        return f"{folder.name}/{path.relative_to(folder).as_posix()}"

    return label


class _IdRegistry:
    """Record ids are unique across the whole bundle."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.first_use: dict[str, str] = {}

    def claim(
        self, record_id: str, file: str, row: int | None, *, field: str | None = None
    ) -> bool:
        if record_id in self.first_use:
            message = f"duplicate id {record_id!r} (first used in {self.first_use[record_id]})"
            column = None if field else "id"
            self.problems.append(
                Problem(file=file, row=row, column=column, field=field, message=message)
            )
            return False
        self.first_use[record_id] = f"{file} row {row}" if row else file
        return True


def _read_case_yaml(
    path: Path, label: Callable[[Path], str], problems: list[Problem], limits: IngestLimits
) -> tuple[Case | None, list[Member], Roles, list[Address]]:
    name = label(path)
    if not path.is_file():
        problems.append(Problem(file=name, message="missing; every bundle needs a case.yaml"))
        return None, [], {}, []
    if real := leaves(path, path.parent):
        problems.append(outside_problem(name, real))
        return None, [], {}, []
    raw = read_bounded(path, name, int(limits.max_yaml_kb * 1024), "CASEBRIEF_LIMIT_MAX_YAML_KB")
    if isinstance(raw, Problem):
        problems.append(raw)
        return None, [], {}, []
    if not raw.strip():
        problems.append(
            Problem(file=name, message="the file is empty; expected case_id, title, members")
        )
        return None, [], {}, []
    try:
        data = load_yaml(raw.decode("utf-8-sig"), max_depth=limits.max_yaml_depth)
    except UnicodeDecodeError as error:
        problems.append(not_utf8(name, raw, error, yaml=True))
        return None, [], {}, []
    except yaml.YAMLError as error:
        problems.append(yaml_problem(name, error))
        return None, [], {}, []
    if not isinstance(data, dict):
        problems.append(
            Problem(file=name, message="must be a YAML mapping with case_id, title, members")
        )
        return None, [], {}, []
    reader = RowReader(name, None, data, problems, field_prefix="case")
    case_id = reader.text("case_id", required=True)
    if case_id and (refused := case_id_problem(case_id, limits)):
        reader.problem("case_id", refused)
        case_id = None
    title = reader.text("title", required=True)
    local_authority = reader.text("local_authority")
    opened = reader.date("opened")
    summary = reader.text("summary")
    reader.used.update({"members", "addresses"})
    extra = reader.extra()
    members, roles = _read_members(data.get("members"), name, problems)
    addresses = _read_addresses(data.get("addresses"), name, problems, list(roles))
    case = None
    if case_id and title:
        case = Case(
            case_id=case_id,
            title=title,
            local_authority=local_authority,
            opened=opened,
            summary=summary,
            extra=extra,
        )
    return case, members, roles, addresses


def _yaml_items(value: Any, key: str, name: str, problems: list[Problem]) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        problems.append(Problem(file=name, field=key, message="must be a list of mappings"))
        return []
    return value


def _read_members(value: Any, name: str, problems: list[Problem]) -> tuple[list[Member], Roles]:
    """Valid members, and the role of every declared id (None if invalid) so that rows
    naming a member whose own entry has a problem are not reported twice."""
    items = _yaml_items(value, "members", name, problems)
    if value is None or value == []:
        problems.append(
            Problem(file=name, field="members", message="at least one member is required")
        )
    members: list[Member] = []
    roles: Roles = {}
    for index, item in enumerate(items, start=1):
        reader = RowReader(name, None, item, problems, field_prefix=f"members[{index}]")
        before = len(problems)
        member_id = reader.text("id", required=True)
        member_name = reader.text("name", required=True)
        role = reader.choice("role", MemberRole, required=True)
        aliases = item.get("aliases") or []
        reader.used.add("aliases")
        if isinstance(aliases, str):
            aliases = split_ids(aliases)
        if not isinstance(aliases, list):
            reader.problem("aliases", 'must be a list of names, e.g. [A, "the eldest"]')
            aliases = []
        date_of_birth = reader.date("date_of_birth")
        expected_date = reader.date("expected_date")
        gender = reader.text("gender")
        notes = reader.text("notes")
        if member_id:
            roles[member_id] = role
        if len(problems) == before and member_id and member_name and role:
            members.append(
                Member(
                    id=member_id,
                    file="case.yaml",
                    name=member_name,
                    aliases=tuple(str(alias) for alias in aliases),
                    role=role,
                    date_of_birth=date_of_birth,
                    expected_date=expected_date,
                    gender=gender,
                    notes=notes,
                    extra=reader.extra(),
                )
            )
    return members, roles


def _read_addresses(
    value: Any, name: str, problems: list[Problem], member_ids: list[str]
) -> list[Address]:
    addresses: list[Address] = []
    for index, item in enumerate(_yaml_items(value, "addresses", name, problems), start=1):
        reader = RowReader(name, None, item, problems, field_prefix=f"addresses[{index}]")
        before = len(problems)
        address_id = reader.text("id", required=True)
        start = reader.date("from", required=True)
        end = reader.date("to")
        area = reader.text("area", required=True)
        local_authority = reader.text("local_authority")
        members = reader.members("members", member_ids)
        notes = reader.text("notes")
        if len(problems) == before and address_id and start and area:
            addresses.append(
                Address(
                    id=address_id,
                    file="case.yaml",
                    start=start,
                    end=end,
                    area=area,
                    local_authority=local_authority,
                    members=members,
                    notes=notes,
                    extra=reader.extra(),
                )
            )
    return addresses


def _read_rows(
    folder: Path,
    stem: str,
    label: Callable[[Path], str],
    problems: list[Problem],
    ids: _IdRegistry,
    build: Callable[[RowReader], T | None],
    limits: IngestLimits,
) -> list[T]:
    path = find_table(folder, stem)
    if path is None:
        return []
    if real := leaves(path, folder):
        problems.append(outside_problem(label(path), real))
        return []
    if path.suffix == ".csv" and (folder / f"{stem}.xlsx").is_file():
        problems.append(
            Problem(file=label(path), message=f"both {stem}.csv and {stem}.xlsx exist; keep one")
        )
        return []
    table = read_table(path, label(path), limits)
    problems.extend(table.problems)
    if table.problems and not table.rows:
        return []
    if not _has_required_columns(table, REQUIRED_COLUMNS[stem], problems):
        return []
    records: list[T] = []
    for row, values in table.rows:
        reader = RowReader(table.file, row, values, problems)
        before = len(problems)
        record_id = reader.text("id", required=True)
        if record_id:
            ids.claim(record_id, table.file, row)
        record = build(reader)
        if record is not None and len(problems) == before:
            records.append(record)
    return records


def _has_required_columns(table: Table, required: tuple[str, ...], problems: list[Problem]) -> bool:
    missing = [column for column in required if column not in table.header]
    for column in missing:
        problems.append(
            Problem(
                file=table.file,
                row=1,
                column=column,
                message=f"required column is missing; the header has: {', '.join(table.header)}",
            )
        )
    return not missing


def _read_documents(
    folder: Path,
    label: Callable[[Path], str],
    problems: list[Problem],
    member_ids: list[str],
    chunking: tuple[int, int],
    limits: IngestLimits,
) -> list[Passage]:
    documents = folder / "documents"
    if not documents.is_dir():
        return []
    if real := leaves(documents, folder):
        problems.append(outside_problem(label(documents), real))
        return []
    passages: list[Passage] = []
    for path in sorted(documents.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in DOCUMENT_SUFFIXES:
            continue
        name = label(path)
        if real := leaves(path, folder):
            problems.append(outside_problem(name, real))
            continue
        read = read_document(path, name, *chunking, limits)
        problems.extend(read.problems)
        front = {str(key).lower(): value for key, value in read.front_matter.items()}
        reader = RowReader(name, None, front, problems, field_prefix="front-matter")
        date = reader.date("date")
        agency = reader.text("agency")
        title = reader.text("title") or path.stem.replace("-", " ").replace("_", " ")
        members = _front_matter_members(front.get("members"), reader, member_ids)
        file = path.relative_to(folder).as_posix()
        for number, piece in enumerate(read.pieces, start=1):
            passages.append(
                Passage(
                    id=f"{path.name}#{number}",
                    file=file,
                    text=piece.text,
                    heading=piece.heading,
                    page=piece.page,
                    title=title,
                    date=date,
                    agency=agency,
                    members=members,
                )
            )
    return passages


def _front_matter_members(value: Any, reader: RowReader, member_ids: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    ids = [str(item) for item in value] if isinstance(value, list) else split_ids(str(value))
    return reader.check_members("members", ids, member_ids)
