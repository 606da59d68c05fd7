"""Hostile bundles: every one is refused by `casebrief ingest` with one exact message naming the
file (row and column where there is one), exit status 2, an audit entry, and the case's
previous version still live and identical. All run in one child process capped at
MEMORY_CAP of address space (RLIMIT_AS), so a regression fails instead of exhausting the
machine. The files are built here, small on disk."""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook
from pypdf import PdfWriter

from config.settings import load_settings
from ingest.pipeline import ingest_cases
from tests.conftest import DATA, ROOT

MEMORY_CAP = int(2.5 * 1024**3)
MB = 1024 * 1024
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT_XML_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
).encode()
DOCUMENT_XML_TAIL = b"</w:body></w:document>"
LAUGHS = "\n".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9) if previous else ', '.join(['lol'] * 9)}]"
    for previous, name in zip([None, *"abcdefgh"], "abcdefghi", strict=True)
)
NOTHING_WRITTEN = "1 problem(s); nothing was written."
Build = Callable[[Path], None]


# ----- builders: each turns a copy of FAM-T1 into one hostile bundle -----


def _docx(path: Path, chunks: Callable[[], Iterator[bytes]]) -> None:
    """A real .docx whose word/document.xml is replaced by `chunks`, streamed into the zip."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item))
        with target.open("word/document.xml", "w", force_zip64=True) as member:
            for chunk in chunks():
                member.write(chunk)


def _xlsx_from_csv(
    bundle: Path, stem: str, replace: dict[str, bytes] | None = None, far_cell: bool = False
) -> Path:
    """stem.csv of the bundle as stem.xlsx (the .csv removed), with zip members replaced, or
    with one more cell in the sheet's last possible row."""
    rows = list(csv.reader((bundle / f"{stem}.csv").open(newline="")))
    (bundle / f"{stem}.csv").unlink()
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    if far_cell:
        workbook.active.cell(row=1_048_576, column=1, value="apt-last")
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = bundle / f"{stem}.xlsx"
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item.filename, (replace or {}).get(item.filename, source.read(item)))
    return path


def _front_matter(bundle: Path, yaml_text: str) -> None:
    (bundle / "documents" / "visit.md").write_text(f"---\n{yaml_text}\n---\n# Visit\nSeen.\n")


def _case_yaml(bundle: Path, old: str, new: str) -> None:
    path = bundle / "case.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _other_case(bundle: Path) -> Path:
    """Another family's bundle beside this one (FAM-T2), whose files must never be read."""
    other = bundle.parent.parent / "other" / "FAM-T2"
    if not other.exists():
        shutil.copytree(DATA / "FAM-T1", other)
        _case_yaml(other, "case_id: FAM-T1", "case_id: FAM-T2")
    return other


def _link_out(bundle: Path, name: str, target: Path) -> None:
    path = bundle / name
    if path.is_dir():
        shutil.rmtree(path)
    path.unlink(missing_ok=True)
    path.symlink_to(target)


def _many_paragraphs() -> Iterator[bytes]:
    yield DOCUMENT_XML_HEAD
    paragraph = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 10_000
    for _ in range(200):  # 2,000,000 paragraphs, about 70 MB unpacked
        yield paragraph
    yield DOCUMENT_XML_TAIL


def _many_runs() -> Iterator[bytes]:
    yield DOCUMENT_XML_HEAD + b"<w:p>"
    runs = b"<w:r/>" * 100_000
    for _ in range(30):  # 3,000,000 runs in one paragraph
        yield runs
    yield b"</w:p>" + DOCUMENT_XML_TAIL


def _huge_text_node() -> Iterator[bytes]:
    yield DOCUMENT_XML_HEAD + b"<w:p><w:r><w:t>"
    block = b"A" * MB
    for _ in range(400):
        yield block
    yield b"</w:t></w:r></w:p>" + DOCUMENT_XML_TAIL


def _xml_bomb(root: str) -> bytes:
    """The classic: ten entities each ten times the one before, 10**9 'lol's in all."""
    entities = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)
    )
    return f'<?xml version="1.0"?><!DOCTYPE {root} [{entities}]><{root}>&l9;</{root}>'.encode()


def _fifty_mb_cell(bundle: Path) -> None:
    with (bundle / "chronology.csv").open("a") as table:
        table.write("chr-009,2018-04-01,Police,police,")
        block = "A" * MB
        for _ in range(50):
            table.write(block)
        table.write(",,,,,,,\n")


def _too_many_rows(bundle: Path) -> None:
    with (bundle / "appointments.csv").open("a") as table:
        table.writelines(
            f"apt-x{n},2018-01-01,child-a,Health,GP,attended,\n" for n in range(100_001)
        )


def _too_many_columns(bundle: Path) -> None:
    path = bundle / "professionals.csv"
    lines = path.read_text().splitlines()
    lines[1] += "," * 300 + "x"
    path.write_text("\n".join(lines) + "\n")


def _sparse_file(bundle: Path) -> None:
    with (bundle / "documents" / "scan.txt").open("wb") as handle:
        handle.truncate(101 * MB)  # a hole: 101 MB long, nothing on disk


def _pdf_pages(bundle: Path) -> None:
    writer = PdfWriter()
    for _ in range(2_001):
        writer.add_blank_page(width=72, height=72)
    writer.write(bundle / "documents" / "scan.pdf")


ATTACKS: dict[str, tuple[Build, list[str]]] = {
    "symlink to /etc/passwd": (
        lambda b: _link_out(b, "documents/passwd.txt", Path("/etc/passwd")),
        [
            "FAM-T1/documents/passwd.txt: a symbolic link to /etc/passwd, outside the bundle; "
            "put a copy inside the bundle instead"
        ],
    ),
    "symlink to another case's letter": (
        lambda b: _link_out(
            b, "documents/their-letter.txt", _other_case(b) / "documents/letter.txt"
        ),
        [
            "FAM-T1/documents/their-letter.txt: a symbolic link to {other}/documents/letter.txt, "
            "outside the bundle; put a copy inside the bundle instead"
        ],
    ),
    "documents folder linked to another case's": (
        lambda b: _link_out(b, "documents", _other_case(b) / "documents"),
        [
            "FAM-T1/documents: a symbolic link to {other}/documents, outside the bundle; "
            "put a copy inside the bundle instead"
        ],
    ),
    "table linked to another case's": (
        lambda b: _link_out(b, "chronology.csv", _other_case(b) / "chronology.csv"),
        [
            "FAM-T1/chronology.csv: a symbolic link to {other}/chronology.csv, outside the "
            "bundle; put a copy inside the bundle instead"
        ],
    ),
    "docx with invalid XML": (
        lambda b: _docx(
            b / "documents/minutes.docx", lambda: iter([DOCUMENT_XML_HEAD, b"<w:p></w:body>"])
        ),
        [
            "FAM-T1/documents/minutes.docx: word/document.xml is not well-formed XML "
            "(line 2, column 99: mismatched tag)"
        ],
    ),
    "xlsx with invalid XML": (
        lambda b: _xlsx_from_csv(
            b, "professionals", {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row>"}
        ),
        [
            "FAM-T1/professionals.xlsx: xl/worksheets/sheet1.xml is not well-formed XML "
            "(line 1, column 28: no element found)"
        ],
    ),
    "docx holding a 400 MB text node": (
        lambda b: _docx(b / "documents/minutes.docx", _huge_text_node),
        [
            "FAM-T1/documents/minutes.docx: unpacks to 400.8 MB (word/document.xml: 400.0 MB); "
            "the limit is 100.0 MB (CASEBRIEF_LIMIT_MAX_UNPACKED_MB)"
        ],
    ),
    "docx with 2 million paragraphs": (
        lambda b: _docx(b / "documents/minutes.docx", _many_paragraphs),
        [
            "FAM-T1/documents/minutes.docx: more than 50,000 paragraphs; the limit is 50,000 "
            "(CASEBRIEF_LIMIT_MAX_PARAGRAPHS)"
        ],
    ),
    "docx with 3 million runs in one paragraph": (
        lambda b: _docx(b / "documents/minutes.docx", _many_runs),
        [
            "FAM-T1/documents/minutes.docx: word/document.xml holds more than 1,000,000 XML "
            "elements; the limit is 1,000,000 (CASEBRIEF_LIMIT_MAX_XML_ELEMENTS)"
        ],
    ),
    "docx with XML entity expansion": (
        lambda b: _docx(b / "documents/minutes.docx", lambda: iter([_xml_bomb("w:document")])),
        [
            "FAM-T1/documents/minutes.docx: word/document.xml declares a DTD or XML entities, "
            "which are not allowed"
        ],
    ),
    "xlsx with XML entity expansion": (
        lambda b: _xlsx_from_csv(
            b, "professionals", {"xl/worksheets/sheet1.xml": _xml_bomb("worksheet")}
        ),
        [
            "FAM-T1/professionals.xlsx: xl/worksheets/sheet1.xml declares a DTD or XML "
            "entities, "
            "which are not allowed"
        ],
    ),
    "case.yaml nested 20,000 deep": (
        lambda b: _case_yaml(
            b, "summary: >-", "nested: " + "[" * 20_000 + "]" * 20_000 + "\nx: >-"
        ),
        [
            "FAM-T1/case.yaml, line 5, column 28: nested more than 20 levels deep "
            "(CASEBRIEF_LIMIT_MAX_YAML_DEPTH)"
        ],
    ),
    "front-matter nested 20,000 deep": (
        lambda b: _front_matter(b, "title: " + "{a: " * 20_000 + "b" + "}" * 20_000),
        [
            "FAM-T1/documents/visit.md, line 2, column 81: front-matter: nested more than 20 "
            "levels deep (CASEBRIEF_LIMIT_MAX_YAML_DEPTH)"
        ],
    ),
    "billion laughs in front-matter": (
        lambda b: _front_matter(b, f"{LAUGHS}\ntitle: *i"),
        [
            "FAM-T1/documents/visit.md, line 2, column 4: front-matter: YAML anchors (&a) are "
            "not allowed; write the value out"
        ],
    ),
    "billion laughs in the case title": (
        lambda b: _case_yaml(b, "title: The Testwood family", f"{LAUGHS}\ntitle: *i"),
        [
            "FAM-T1/case.yaml, line 2, column 4: YAML anchors (&a) are not allowed; "
            "write the value out"
        ],
    ),
    "billion laughs in an unknown key": (
        lambda b: _case_yaml(b, "opened: 2016-05-03", f"opened: 2016-05-03\n{LAUGHS}\nlaughs: *i"),
        [
            "FAM-T1/case.yaml, line 5, column 4: YAML anchors (&a) are not allowed; "
            "write the value out"
        ],
    ),
    "number too long for Python": (
        lambda b: _case_yaml(
            b, "opened: 2016-05-03", "opened: 2016-05-03\nreference: " + "7" * 5000
        ),
        [
            "FAM-T1/case.yaml, line 5, column 12: a number of 5,000 characters is too long to "
            "read; put it in quotes if it is text"
        ],
    ),
    "600-character case_id": (
        lambda b: _case_yaml(b, "case_id: FAM-T1", "case_id: FAM-" + "1" * 596),
        [
            "FAM-T1/case.yaml, field case.case_id: 600 characters; a case id may have at most "
            "64 (CASEBRIEF_LIMIT_MAX_CASE_ID_CHARS)"
        ],
    ),
    "50 MB single cell": (
        _fifty_mb_cell,
        [
            "FAM-T1/chronology.csv, row 6, column 'summary': the cell holds 52,428,800 "
            "characters; the limit is 20,000 (CASEBRIEF_LIMIT_MAX_CELL_CHARS)"
        ],
    ),
    "100,001 rows": (
        _too_many_rows,
        [
            "FAM-T1/appointments.csv, row 100002: more than 100,000 rows; the limit is 100,000 "
            "(CASEBRIEF_LIMIT_MAX_ROWS)"
        ],
    ),
    "xlsx with a cell in its millionth row": (
        lambda b: _xlsx_from_csv(b, "appointments", far_cell=True),
        [
            "FAM-T1/appointments.xlsx, row 100002: more than 100,000 rows; the limit is 100,000 "
            "(CASEBRIEF_LIMIT_MAX_ROWS)"
        ],
    ),
    "row of 300 columns": (
        _too_many_columns,
        [
            "FAM-T1/professionals.csv, row 2: more than 200 columns; the limit is 200 "
            "(CASEBRIEF_LIMIT_MAX_COLUMNS)"
        ],
    ),
    "101 MB document": (
        _sparse_file,
        [
            "FAM-T1/documents/scan.txt: the file is 101.0 MB; the limit is 100.0 MB "
            "(CASEBRIEF_LIMIT_MAX_FILE_MB)"
        ],
    ),
    "600 KB case.yaml": (
        lambda b: _case_yaml(b, "summary: >-", f"notes: {'x' * 600 * 1024}\nx: >-"),
        [
            "FAM-T1/case.yaml: the file is 600.7 KB; the limit is 512.0 KB "
            "(CASEBRIEF_LIMIT_MAX_YAML_KB)"
        ],
    ),
    "PDF of 2,001 pages": (
        _pdf_pages,
        ["FAM-T1/documents/scan.pdf: 2,001 pages; the limit is 2,000 (CASEBRIEF_LIMIT_MAX_PAGES)"],
    ),
    "2.1 million characters of text": (
        lambda b: (b / "documents" / "long.md").write_text("word " * 420_000),
        [
            "FAM-T1/documents/long.md: 2,100,000 characters of text; the limit is 2,000,000 "
            "(CASEBRIEF_LIMIT_MAX_DOCUMENT_CHARS)"
        ],
    ),
}


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.fixture(scope="module")
def hostile_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every attack through the real CLI in one memory-capped child, against copies of a store
    where FAM-T1 is live."""
    root = tmp_path_factory.mktemp("hostile")
    base = root / "base-store"
    ingest_cases([DATA / "FAM-T1"], load_settings(store=base))
    jobs = []
    for number, (name, (build, _)) in enumerate(ATTACKS.items()):
        bundle = root / f"attack-{number}" / "bundles" / "FAM-T1"
        shutil.copytree(DATA / "FAM-T1", bundle)
        build(bundle)
        jobs.append(
            {"name": name, "bundle": str(bundle), "store": str(bundle.parents[1] / "store")}
        )
    (root / "jobs.json").write_text(json.dumps(jobs))
    child = subprocess.run(
        [sys.executable, "-m", "tests.hostile_child", str(base), str(root / "jobs.json")],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "CASEBRIEF_STORE": str(base)},
        capture_output=True,
        text=True,
        preexec_fn=_cap_memory,
        timeout=600,
    )
    results = {r["name"]: r for r in map(json.loads, child.stdout.splitlines())}
    results["_child"] = {
        "returncode": child.returncode,
        "stderr": child.stderr[-3000:],
        "root": str(root),
    }
    return results


@pytest.mark.parametrize("name", list(ATTACKS))
def test_hostile_bundle_is_refused_with_its_place_and_nothing_changes(
    hostile_results: dict[str, dict], name: str
):
    child = hostile_results["_child"]
    assert name in hostile_results, f"the capped child died before {name!r}: {child}"
    result = hostile_results[name]
    number = list(ATTACKS).index(name)
    other = (Path(child["root"]) / f"attack-{number}" / "other" / "FAM-T2").resolve()
    expected = [line.format(other=other) for line in ATTACKS[name][1]]
    assert result["exception"] is None, result["exception"]
    assert result["stderr"].strip().splitlines() == [*expected, NOTHING_WRITTEN]
    assert result["exit_code"] == 2
    assert result["unchanged"], "the live FAM-T1 changed"
    assert result["audit"] == "rejected: 1 problem(s), nothing written"
    assert result["seconds"] < 30


def test_every_hostile_input_was_tried_within_the_memory_cap(hostile_results: dict[str, dict]):
    child = hostile_results["_child"]
    assert child["returncode"] == 0, child["stderr"]
    assert set(hostile_results) - {"_child"} == set(ATTACKS)
