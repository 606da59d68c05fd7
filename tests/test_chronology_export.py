"""The multi-agency chronology export: its rows are the chronology filtered (read back from
the .xlsx and the .docx), uncertain and conflicting dates say so, the CLI is signed in and
audited like a briefing export, and the timeline tab offers both downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest, app_test
from typer.testing import CliRunner

from bot.access import User, add_user
from bot.audit import open_log
from bot.chronology_export import (
    COLUMNS,
    ChronologyFilter,
    prepare,
    resolve_agencies,
    to_docx,
    to_xlsx,
)
from bot.cli import app
from bot.records import Records
from bot.timeline import agency_family
from config.settings import load_settings
from ingest.bundle import load_bundle
from tests.conftest import DEMO_TODAY, ROOT

MARKING = "OFFICIAL-SENSITIVE"
ID = COLUMNS.index("Record id")


def xlsx_rows(data: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(data))["Chronology"]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def docx_rows(data: bytes) -> list[list[str]]:
    table = Document(io.BytesIO(data)).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def about(event, members: set[str]) -> bool:
    return not members or not event.members or bool(members & set(event.members))


FILTERS = [
    ((), None, None, None),
    (("child-a",), ("Education",), dt.date(2015, 1, 1), None),
    (("child-f", "child-e"), None, dt.date(2017, 1, 1), dt.date(2018, 3, 31)),
    ((), ("Police", "Marlow Vale Early Help"), None, dt.date(2016, 12, 31)),
]


@pytest.mark.parametrize(("members", "agencies", "start", "end"), FILTERS)
def test_export_rows_are_the_chronology_filtered(ashdown: Records, members, agencies, start, end):
    named = resolve_agencies(ashdown, list(agencies or []))
    flt = ChronologyFilter(members=members, agencies=named, start=start, end=end)
    wanted_agencies = set(agencies or [])
    expected = [
        e.id
        for e in ashdown.chronology
        if about(e, set(members))
        and (
            not wanted_agencies
            or e.agency in wanted_agencies
            or agency_family(e.agency) in wanted_agencies
        )
        and (start is None or e.date >= start)
        and (end is None or e.date <= end)
    ]
    assert expected  # each combination keeps some events
    export = prepare(ashdown, flt, DEMO_TODAY, MARKING)
    sheet = xlsx_rows(to_xlsx(export))
    table = docx_rows(to_docx(export))
    assert sheet[0] == list(COLUMNS) and table[0] == list(COLUMNS)
    assert [row[ID] for row in sheet[1:]] == expected
    assert [row[ID] for row in table[1:]] == expected
    first = ashdown.by_id[expected[0]]
    assert sheet[1][0].date() == first.date  # a real date cell
    assert sheet[1][-1] == table[1][-1] == f"chronology.csv, row {first.row}"


def test_columns_carry_the_record(ashdown: Records):
    export = prepare(ashdown, ChronologyFilter(), DEMO_TODAY, MARKING)
    row = next(r for r in xlsx_rows(to_xlsx(export)) if r[ID] == "chr-003")
    assert dict(zip(COLUMNS, row, strict=True)) | {"Date": None} == {
        "Date": None,
        "Date note": None,
        "Agency": "Kelsworth Health Visiting",
        "Source": "Health visitor",
        "Source type": "professional",
        "Recorded by": "Jean Mallory (HV)",
        "Members": "Child A, Child B and Mother",
        "Event": ashdown.by_id["chr-003"].summary.join(["Home visit: ", ""]),
        "Action": "Referred Child A to Speech and Language Therapy.",
        "Outcome": None,
        "Child seen": "Child A seen; Child B seen",
        "Record id": "chr-003",
        "File and row": "chronology.csv, row 4",
    }
    document = Document(io.BytesIO(to_docx(export)))
    assert document.sections[0].header.paragraphs[0].text == MARKING
    assert document.sections[0].footer.paragraphs[0].text == MARKING


def test_uncertain_and_conflicting_dates_are_shown_as_such(bundle: Path):
    table = bundle / "chronology.csv"
    rows = list(csv.reader(table.open(encoding="utf-8")))
    rows[0].append("date_accuracy")
    for row in rows[1:]:
        row.append("approximate" if row[0] == "chr-003" else "exact")
    rows[1][4] = "Family moved from Eastfield to Westmoor (addr-01)."  # addr-01 began in 2004
    with table.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    loaded = load_bundle(bundle)
    records = Records(
        None, loaded.case, (*loaded.members, *loaded.addresses, *loaded.chronology), {}
    )  # type: ignore[arg-type]
    export = prepare(records, ChronologyFilter(), DEMO_TODAY, MARKING)
    notes = {r.record_id: (r.date_text(), r.date_note) for r in export.rows}
    assert notes["chr-003"] == ("3 Mar 2018 (uncertain)", "uncertain: date_accuracy approximate")
    assert notes["chr-001"] == (
        "15 Feb 2016 (conflicting)",
        "conflicting: addr-01 in case.yaml starts on 1 Nov 2004",
    )
    assert notes["chr-004"] == ("10 Mar 2018", "")
    cells = {row[ID]: row[:2] for row in docx_rows(to_docx(export))[1:]}
    assert cells["chr-003"] == ["3 Mar 2018 (uncertain)", "uncertain: date_accuracy approximate"]


@pytest.fixture
def demo_cli(demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo store, read only; the audit log in this test's folder."""
    monkeypatch.setenv("CASEBRIEF_STORE", str(demo_store))
    monkeypatch.setenv("CASEBRIEF_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.setenv("CASEBRIEF_AUDIT_PATH", str(tmp_path / "audit.sqlite3"))
    return tmp_path


def test_cli_export_is_audited_like_a_briefing(demo_cli: Path, ashdown: Records):
    out = demo_cli / "a.xlsx"
    args = ["chronology", "--case", "FAM-0107", "--child", "Child A", "--agency", "health"]
    result = CliRunner().invoke(app, [*args, "--since", "01/01/2017", "--out", str(out)])
    assert result.exit_code == 0, result.output
    ids = [row[ID] for row in xlsx_rows(out.read_bytes())[1:]]
    assert ids and ids[0] == "chr-153"
    assert f"Wrote {out}: {len(ids)} events of case FAM-0107" in result.stdout
    entry = open_log(load_settings()).entries()[-1]
    assert (entry.action, entry.case_id, entry.user) == ("export", "FAM-0107", "local")
    assert entry.record_ids == ids
    assert entry.detail.startswith("chronology as xlsx: Child A; ")


def test_cli_refuses_unknown_filters_and_cases_it_may_not_see(
    demo_cli: Path, monkeypatch: pytest.MonkeyPatch
):
    out = demo_cli / "x.docx"
    base = ["chronology", "--case", "FAM-0107", "--format", "docx", "--out", str(out)]
    result = CliRunner().invoke(app, [*base, "--child", "Child Z"])
    assert result.exit_code == 2
    assert "No member 'Child Z' in case FAM-0107: use one of child-a (Child A)," in result.stderr
    access = demo_cli / "access.yaml"
    pat = User(id="pat", name="Pat Hollis", role="practitioner", cases=["FAM-0215"])
    add_user(access, pat, "pw1")
    monkeypatch.setenv("CASEBRIEF_ACCESS", str(access))
    monkeypatch.setenv("CASEBRIEF_PASSWORD", "pw1")
    result = CliRunner().invoke(app, [*base, "--user", "pat"])
    assert result.exit_code == 3
    assert not out.exists()
    entry = open_log(load_settings()).entries(user="pat")[-1]
    assert (entry.action, entry.case_id) == ("denied", "FAM-0107")


def test_timeline_tab_offers_the_downloads_with_its_filters(
    demo_store: Path, ashdown: Records, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("CASEBRIEF_STORE", str(demo_store))
    monkeypatch.setenv("CASEBRIEF_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.setenv("CASEBRIEF_AUDIT_PATH", str(tmp_path / "audit.sqlite3"))
    monkeypatch.setenv("CASEBRIEF_CONVERSATIONS_PATH", str(tmp_path / "conversations.sqlite3"))
    managers: list[MediaFileManager] = []

    class Kept(MediaFileManager):  # AppTest makes one a run and drops it after
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Kept)
    page = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    page.query_params["case"] = "FAM-0107"
    page.run()
    page.session_state["tab"] = "Overview"
    page.run()
    assert not page.exception, page.exception[0].value
    [table] = page.dataframe
    assert "Gaps over 12 months" in table.value.columns
    page.session_state["tab"] = "Timeline"
    page.run()
    page.multiselect(key="timeline-members").set_value(["child-a"]).run()
    assert not page.exception, page.exception[0].value
    downloads = {str(d.proto.label): d.proto for d in page.get("download_button")}
    xlsx = downloads["Download chronology (.xlsx)"]
    docx = downloads["Download chronology (.docx)"]
    assert xlsx.deferred_file_id and docx.deferred_file_id  # made when selected, then audited
    assert "Child A; all agencies; " in xlsx.help
    files = managers[-1]  # the last run's, where the button left its deferred file
    url = files.execute_deferred(xlsx.deferred_file_id)  # what selecting the button runs
    data = files._storage.get_file(url.rsplit("/", 1)[-1].split(".")[0]).content  # noqa: SLF001
    ids = [row[ID] for row in xlsx_rows(data)[1:]]
    assert ids == [e.id for e in ashdown.chronology if about(e, {"child-a"})]
    entry = open_log(load_settings()).entries()[-1]
    assert (entry.action, entry.record_ids) == ("export", ids)
    assert entry.detail.startswith("chronology as xlsx: Child A; all agencies; ")
    gaps = [e for e in page.expander if e.label.startswith("Gaps in the records in this period")]
    assert gaps and gaps[0].label == "Gaps in the records in this period: 7"
