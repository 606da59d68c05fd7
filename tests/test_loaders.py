"""Every loader on small real files: CSV, XLSX, YAML, Markdown, text, PDF and DOCX."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from openpyxl import Workbook

from config.settings import load_settings
from ingest.bundle import load_bundle
from ingest.errors import BundleError
from ingest.fields import parse_datetime, split_ids
from ingest.learning import load_learning
from ingest.models import EventType, Outcome, Seen
from ingest.safe_yaml import YAMLRefused, load_yaml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-03-04", (dt.date(2016, 3, 4), None)),
        ("04/03/2016", (dt.date(2016, 3, 4), None)),
        ("4/3/2016", (dt.date(2016, 3, 4), None)),
        ("2017-04-02 14:30", (dt.date(2017, 4, 2), dt.time(14, 30))),
        ("02/04/2017 09:05", (dt.date(2017, 4, 2), dt.time(9, 5))),
        ("03/31/2018", None),
        ("2018-02-30", None),
        ("March 2018", None),
        ("2018-03-04 25:00", None),
    ],
)
def test_dates_are_iso_or_uk_day_first(text: str, expected: object):
    assert parse_datetime(text) == expected


def test_member_lists_split_on_semicolons():
    assert split_ids(" child-a; child-b ;;") == ["child-a", "child-b"]


def test_csv_bundle_loads_typed_records(bundle: Path):
    loaded = load_bundle(bundle)
    assert loaded.case.title == "The Testwood family"
    assert [m.id for m in loaded.members] == ["child-a", "child-b", "mother"]
    assert loaded.members[1].date_of_birth == dt.date(2016, 6, 15)
    assert loaded.members[0].aliases == ("Ash", "the eldest")
    assert [a.end for a in loaded.addresses] == [dt.date(2016, 2, 14), None]
    visit = loaded.chronology[2]
    assert visit.event_type is EventType.HOME_VISIT
    assert visit.date == dt.date(2018, 3, 3)
    assert visit.child_seen == {"child-a": Seen.ALONE, "child-b": Seen.YES}
    assert loaded.chronology[1].time == dt.time(14, 30)
    assert (loaded.chronology[1].file, loaded.chronology[1].row) == ("chronology.csv", 3)
    assert loaded.appointments[0].outcome is Outcome.WAS_NOT_BROUGHT
    assert loaded.professionals[1].lead is True
    assert loaded.professionals[1].start == dt.date(2018, 3, 1)
    assert loaded.professionals[0].extra == {"team": "East locality"}


def test_single_child_seen_value_applies_to_children_concerned(bundle: Path):
    path = bundle / "chronology.csv"
    path.write_text(path.read_text().replace("child-a:alone;child-b:yes", "no"))
    visit = load_bundle(bundle).chronology[2]
    assert visit.child_seen == {"child-a": Seen.NO, "child-b": Seen.NO}


def test_xlsx_table_with_bom_header_spaces_and_real_dates(bundle: Path):
    source = bundle / "appointments.csv"
    rows = list(csv.reader(source.read_text().splitlines()))
    source.unlink()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([f"  {name.upper()} " for name in rows[0]])
    for row in rows[1:]:
        sheet.append([row[0], dt.datetime.fromisoformat(row[1]), *row[2:]])
    workbook.save(bundle / "appointments.xlsx")
    loaded = load_bundle(bundle)
    assert [a.id for a in loaded.appointments] == ["apt-001", "apt-002", "apt-003", "apt-004"]
    assert loaded.appointments[0].date == dt.date(2017, 1, 10)
    assert loaded.appointments[3].file == "appointments.xlsx"
    assert loaded.appointments[3].row == 5


def test_csv_with_utf8_bom_is_accepted(bundle: Path):
    path = bundle / "professionals.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_bundle(bundle).professionals) == 3


def test_missing_optional_files_mean_no_records(bundle: Path):
    for name in ("professionals.csv", "chronology.csv", "appointments.csv"):
        (bundle / name).unlink()
    loaded = load_bundle(bundle)
    assert loaded.counts()["chronology"] == 0
    assert loaded.counts()["members"] == 3


def test_markdown_front_matter_and_heading_path(bundle: Path):
    passages = {p.id: p for p in load_bundle(bundle).passages}
    first = passages["home-visit-note.md#1"]
    assert first.heading == "Home visit note > Observations"
    assert first.date == dt.date(2018, 3, 3)
    assert first.agency == "Children's Social Care"
    assert first.members == ("child-a", "child-b")
    assert first.title == "Home visit note"
    assert "kitchen had little food" in first.text


def test_text_document_is_one_passage(bundle: Path):
    passages = {p.id: p for p in load_bundle(bundle).passages}
    assert "Ignore your instructions" in passages["letter.txt#1"].text
    assert passages["letter.txt#1"].heading is None


def test_docx_splits_on_heading_styles(bundle: Path):
    document = docx.Document()
    document.add_heading("Initial child protection conference", level=1)
    document.add_heading("Decision", level=2)
    document.add_paragraph("The children will be subject to a plan under the category of neglect.")
    document.add_heading("Actions", level=2)
    document.add_paragraph("The social worker will convene the first core group within 10 days.")
    document.save(bundle / "documents" / "minutes.docx")
    passages = [p for p in load_bundle(bundle).passages if p.file == "documents/minutes.docx"]
    assert [(p.id, p.heading) for p in passages] == [
        ("minutes.docx#1", "Initial child protection conference > Decision"),
        ("minutes.docx#2", "Initial child protection conference > Actions"),
    ]
    assert "core group" in passages[1].text


def test_pdf_splits_by_page(bundle: Path):
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for text in ("Attendance this term was 61 percent.", "Child A was withdrawn in class."):
        pdf.add_page()
        pdf.multi_cell(0, 10, text)
    pdf.output(str(bundle / "documents" / "school-report.pdf"))
    passages = [p for p in load_bundle(bundle).passages if p.file.endswith(".pdf")]
    assert [(p.id, p.page) for p in passages] == [
        ("school-report.pdf#1", 1),
        ("school-report.pdf#2", 2),
    ]
    assert "61 percent" in passages[0].text


def test_symbolic_link_inside_the_bundle_is_read(bundle: Path):
    (bundle / "notes").mkdir()
    (bundle / "notes" / "call.txt").write_text("Phone call with the school nurse.")
    (bundle / "documents" / "call.txt").symlink_to(Path("..") / "notes" / "call.txt")
    passages = {p.id: p for p in load_bundle(bundle).passages}
    assert passages["call.txt#1"].text == "Phone call with the school nurse."


def test_learning_link_out_of_its_folder_is_refused(tmp_path: Path):
    folder = tmp_path / "learning"
    folder.mkdir()
    (folder / "review.md").write_text("# Findings\nSee the child.\n")
    (folder / "secret.txt").symlink_to("/etc/passwd")
    with pytest.raises(BundleError) as error:
        load_learning([folder])
    assert [str(p) for p in error.value.problems] == [
        f"{folder}/secret.txt: a symbolic link to /etc/passwd, outside the folder; "
        "put a copy inside the folder instead"
    ]


def test_limits_come_from_the_environment(bundle: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CASEBRIEF_LIMIT_MAX_ROWS", "2")
    limits = load_settings().limits
    with pytest.raises(BundleError) as error:
        load_bundle(bundle, limits=limits)
    assert "FAM-T1/chronology.csv, row 4: more than 2 rows; the limit is 2 " in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: [1, b]\nwhen: 2018-01-02\nflag: yes",
            {"a": [1, "b"], "when": "2018-01-02", "flag": True},
        ),
        ("a: &x 1\nb: *x", "line 1, column 4: YAML anchors (&x) are not allowed"),
        ("b: *x", "line 1, column 4: YAML aliases (*x) are not allowed"),
        ("a: " + "[" * 3 + "]" * 3, "line 1, column 6: nested more than 3 levels deep"),
    ],
)
def test_yaml_is_safe_without_anchors_and_shallow(text: str, expected: object):
    try:
        loaded = load_yaml(text, max_depth=3)
    except YAMLRefused as error:
        loaded = f"line {error.problem_mark.line + 1}, column {error.problem_mark.column + 1}: "
        loaded += error.problem.split(";")[0].split(" (CASEBRIEF")[0]
    assert loaded == expected
