"""Every bad-input path: the exact message, exit status 2, and an index left exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.cli_base import local_notice
from config.settings import Settings
from ingest.pipeline import ingest_cases
from tests.conftest import store_snapshot

ALLOWED_EVENTS = (
    "referral, home_visit, no_access_visit, assessment, strategy_discussion, section_47, "
    "conference, core_group, meeting, education, health, police, housing, "
    "environmental_health, move, court, case_closed, note"
)
ALLOWED_OUTCOMES = (
    "attended, was_not_brought, did_not_attend, cancelled_by_family, cancelled_by_service, "
    "no_access, rescheduled, upcoming"
)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text().rstrip("\n") + "\n" + line + "\n")


def _write_bytes(name: str, data: bytes) -> Callable[[Path], None]:
    def corrupt(bundle: Path) -> None:
        (bundle / name).write_bytes(data)

    return corrupt


CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "bad date": (
        lambda b: _replace(b / "chronology.csv", "2017-04-02 14:30", "2017-13-02"),
        [
            "FAM-T1/chronology.csv, row 3, column 'date': '2017-13-02' is not a date; "
            "use YYYY-MM-DD or DD/MM/YYYY, optionally followed by HH:MM"
        ],
    ),
    "US month-first date": (
        lambda b: _replace(b / "chronology.csv", "03/03/2018", "03/31/2018"),
        [
            "FAM-T1/chronology.csv, row 4, column 'date': '03/31/2018' is not a date; "
            "use YYYY-MM-DD or DD/MM/YYYY, optionally followed by HH:MM"
        ],
    ),
    "unknown member id": (
        lambda b: _replace(b / "chronology.csv", "child-a;child-b", "child-a;child-z"),
        [
            "FAM-T1/chronology.csv, row 4, column 'members': unknown member id 'child-z'; "
            "case.yaml has: child-a, child-b, mother"
        ],
    ),
    "unknown appointment member": (
        lambda b: _replace(b / "appointments.csv", "2018-02-01,mother", "2018-02-01,father"),
        [
            "FAM-T1/appointments.csv, row 4, column 'member': unknown member id 'father'; "
            "case.yaml has: child-a, child-b, mother"
        ],
    ),
    "unknown event_type": (
        lambda b: _replace(b / "chronology.csv", ",home_visit,", ",visit,"),
        [
            "FAM-T1/chronology.csv, row 4, column 'event_type': 'visit' is not allowed; "
            f"allowed: {ALLOWED_EVENTS}"
        ],
    ),
    "unknown outcome": (
        lambda b: _replace(b / "appointments.csv", "did_not_attend", "missed"),
        [
            "FAM-T1/appointments.csv, row 4, column 'outcome': 'missed' is not allowed; "
            f"allowed: {ALLOWED_OUTCOMES}"
        ],
    ),
    "duplicate id in one file": (
        lambda b: _replace(b / "appointments.csv", "apt-002", "apt-001"),
        [
            "FAM-T1/appointments.csv, row 3, column 'id': duplicate id 'apt-001' "
            "(first used in FAM-T1/appointments.csv row 2)"
        ],
    ),
    "duplicate id across files": (
        lambda b: _replace(b / "appointments.csv", "apt-004", "chr-001"),
        [
            "FAM-T1/appointments.csv, row 5, column 'id': duplicate id 'chr-001' "
            "(first used in FAM-T1/chronology.csv row 2)"
        ],
    ),
    "missing required column": (
        lambda b: _replace(b / "chronology.csv", ",summary,", ",what,"),
        [
            "FAM-T1/chronology.csv, row 1, column 'summary': required column is missing; "
            "the header has: id, date, agency, event_type, what, members, source, source_type, "
            "action, outcome, child_seen, recorded_by"
        ],
    ),
    "empty required value": (
        lambda b: _append(b / "appointments.csv", "apt-005,2018-04-01,child-a,GP,,attended,"),
        ["FAM-T1/appointments.csv, row 6, column 'type': empty; a value is required"],
    ),
    "bad child_seen": (
        lambda b: _replace(b / "chronology.csv", "child-a:alone", "child-a:maybe"),
        [
            "FAM-T1/chronology.csv, row 4, column 'child_seen': 'child-a:maybe' is not allowed; "
            "allowed: yes, no, alone, or per member like child-a:alone;child-b:no"
        ],
    ),
    "bad lead flag": (
        lambda b: _replace(b / "professionals.csv", ",yes,Allocated", ",sometimes,Allocated"),
        [
            "FAM-T1/professionals.csv, row 3, column 'lead': 'sometimes' is not allowed; "
            "allowed: yes, no or empty"
        ],
    ),
    "malformed YAML": (
        _write_bytes("case.yaml", b"case_id: FAM-T1\ntitle: [unclosed\nmembers: []\n"),
        ["FAM-T1/case.yaml, line 3, column 8: not valid YAML: expected ',' or ']', but got ':'"],
    ),
    "case.yaml without members": (
        _write_bytes("case.yaml", b"case_id: FAM-T1\ntitle: The Testwood family\n"),
        ["FAM-T1/case.yaml, field members: at least one member is required"],
    ),
    "bad case id": (
        lambda b: _replace(b / "case.yaml", "case_id: FAM-T1", "case_id: FAM/T1"),
        [
            "FAM-T1/case.yaml, field case.case_id: 'FAM/T1' may only hold letters, digits, "
            "'-' and '_'"
        ],
    ),
    "bad date of birth": (
        lambda b: _replace(b / "case.yaml", "15/06/2016", "2016-06-31"),
        [
            "FAM-T1/case.yaml, field members[2].date_of_birth: '2016-06-31' is not a date; "
            "use YYYY-MM-DD or DD/MM/YYYY, optionally followed by HH:MM"
        ],
    ),
    "empty file": (
        _write_bytes("chronology.csv", b""),
        ["FAM-T1/chronology.csv: the file is empty; expected a header row and data rows"],
    ),
    "CSV that is not UTF-8": (
        lambda b: (b / "chronology.csv").write_bytes(
            (b / "chronology.csv").read_bytes().replace(b"Eastfield", b"\xc9astfield")
        ),
        ["FAM-T1/chronology.csv, row 2: not UTF-8 text (byte 0xc9); save the file as UTF-8"],
    ),
    "corrupt PDF": (
        _write_bytes("documents/school-report.pdf", b"%PDF-1.4\nthis is not really a pdf"),
        ["FAM-T1/documents/school-report.pdf: not a readable PDF (Stream has ended unexpectedly)"],
    ),
    "DOCX that is not a zip": (
        _write_bytes("documents/minutes.docx", b"plain text pretending to be Word"),
        ["FAM-T1/documents/minutes.docx: not a readable .docx document (File is not a zip file)"],
    ),
    "XLSX that is not a workbook": (
        _write_bytes("professionals.xlsx", b"not a workbook"),
        ["FAM-T1/professionals.csv: both professionals.csv and professionals.xlsx exist; keep one"],
    ),
    "bad front-matter member": (
        lambda b: _replace(b / "documents/home-visit-note.md", "[child-a, child-b]", "[child-q]"),
        [
            "FAM-T1/documents/home-visit-note.md, field front-matter.members: unknown member id "
            "'child-q'; case.yaml has: child-a, child-b, mother"
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_names_file_row_column_and_writes_nothing(
    name: str, settings: Settings, bundle: Path, cli: CliRunner
):
    ingest_cases([bundle], settings)
    _replace(bundle / "professionals.csv", "Pat Hollis", "Pat Hollis-Reed")  # a real change too
    before = store_snapshot(settings)
    corrupt, expected = CASES[name]
    corrupt(bundle)
    result = cli.invoke(app, ["ingest", str(bundle)])
    assert result.exit_code == 2
    notice, *lines = [line for line in result.stderr.splitlines() if line]
    assert notice == local_notice(None)
    assert lines[:-1] == expected
    assert lines[-1] == f"{len(expected)} problem(s); nothing was written."
    assert store_snapshot(settings) == before


def test_all_problems_are_collected_not_just_the_first(bundle: Path, cli: CliRunner):
    _replace(bundle / "chronology.csv", "2017-04-02 14:30", "yesterday")
    _replace(bundle / "appointments.csv", "did_not_attend", "missed")
    (bundle / "documents" / "minutes.docx").write_bytes(b"nope")
    result = cli.invoke(app, ["ingest", str(bundle)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == "3 problem(s); nothing was written."


def test_one_bad_bundle_stops_every_bundle(settings: Settings, bundle: Path, cli: CliRunner):
    good = bundle.parent / "FAM-T2"
    good.mkdir()
    (good / "case.yaml").write_text(
        "case_id: FAM-T2\ntitle: The Second family\nmembers:\n  - {id: m, name: M, role: parent}\n"
    )
    _replace(bundle / "chronology.csv", ",home_visit,", ",visit,")
    result = cli.invoke(app, ["ingest", str(bundle.parent)])
    assert result.exit_code == 2
    assert store_snapshot(settings).get("cb-registry", []) == []


def test_missing_path_is_reported(cli: CliRunner, tmp_path: Path):
    result = cli.invoke(app, ["ingest", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'nowhere'}: no such file or folder" in result.stderr
