"""`casebrief brief`: the same briefings as the app, written to a file from the command line,
signed in, denied without access to the case, audited like a download from the app."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from bot.access import DENIED, User, add_user
from bot.answer import Engine
from bot.audit import open_log
from bot.briefing import export_detail, prepare, to_markdown
from bot.cli import app
from bot.records import Records
from config.settings import load_settings
from tests.conftest import DEMO_TODAY


@pytest.fixture
def chairs(demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "access.yaml"
    chair = User(id="cora", name="Cora Lind", role="chair", cases=["FAM-0107"])
    add_user(path, chair, "pw1")
    add_user(
        path, User(id="pat", name="Pat Hollis", role="practitioner", cases=["FAM-0215"]), "pw2"
    )
    monkeypatch.setenv("CASEBRIEF_STORE", str(demo_store))
    monkeypatch.setenv("CASEBRIEF_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.setenv("CASEBRIEF_ACCESS", str(path))
    monkeypatch.setenv("CASEBRIEF_AUDIT_PATH", str(tmp_path / "audit.sqlite3"))
    return path


def brief(*args: str, password: str = "pw1") -> object:
    return CliRunner().invoke(
        app, ["brief", "--case", "FAM-0107", *args], env={"CASEBRIEF_PASSWORD": password}
    )


def test_meeting_briefing_as_markdown_is_the_apps_and_audited(
    chairs: Path, tmp_path: Path, ashdown: Records
):
    target = tmp_path / "out" / "meeting.md"
    target.parent.mkdir()
    result = brief(
        "--kind",
        "meeting",
        "--since",
        "01/05/2018",
        "--format",
        "md",
        "--out",
        str(target),
        "--user",
        "cora",
    )
    assert result.exit_code == 0, result.output
    engine = Engine(load_settings())  # the app's learning links, as the app has them
    learning = engine.cache.learning()
    links = engine.pattern_links(learning)
    briefing = prepare(
        "meeting", ashdown, DEMO_TODAY, dt.date(2018, 5, 1), links, engine.settings.patterns
    )
    assert target.read_text(encoding="utf-8") == to_markdown(
        briefing, ashdown, author="Cora Lind", marking="OFFICIAL-SENSITIVE", learning=learning
    )
    assert "Review learning:" in target.read_text(encoding="utf-8")
    assert f"Wrote {target}: {briefing.title}" in result.stdout
    assert [p.name for p in target.parent.iterdir()] == ["meeting.md"]  # no temporary left
    export = open_log(load_settings()).entries(user="cora")[-1]
    assert (export.action, export.case_id, export.role) == ("export", "FAM-0107", "chair")
    assert export.detail == export_detail(briefing, "markdown") == "meeting briefing as markdown"
    assert export.record_ids == briefing.record_ids()


def test_home_visit_briefing_as_docx_names_its_author(chairs: Path, tmp_path: Path):
    target = tmp_path / "visit.docx"
    result = brief(
        "--kind", "home-visit", "--format", "docx", "--out", str(target), "--user", "cora"
    )
    assert result.exit_code == 0, result.output
    document = Document(io.BytesIO(target.read_bytes()))
    assert document.core_properties.author == "Cora Lind"
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert document.paragraphs[0].text == "Home visit briefing: The Ashdown family (FAM-0107)"
    export = open_log(load_settings()).entries(user="cora")[-1]
    assert export.detail == "home_visit briefing as docx"


def test_a_user_without_the_case_is_denied(chairs: Path, tmp_path: Path):
    target = tmp_path / "denied.md"
    result = brief(
        "--kind",
        "meeting",
        "--format",
        "md",
        "--out",
        str(target),
        "--user",
        "pat",
        password="pw2",
    )
    assert result.exit_code == 3
    assert result.stderr.strip() == DENIED
    assert not target.exists()
    entries = open_log(load_settings()).entries(user="pat")
    assert (entries[-1].action, entries[-1].case_id) == ("denied", "FAM-0107")
    assert not [e for e in entries if e.action == "export"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--kind", "meeting", "--since", "31/02/2018", "--format", "md"],
            "--since '31/02/2018' is not a date: give YYYY-MM-DD or DD/MM/YYYY.",
        ),
        (["--kind", "meeting", "--format", "pdf"], "--format 'pdf' is not one of: md, docx."),
        (
            ["--kind", "visit", "--format", "md"],
            "--kind 'visit' is not one of: home-visit, meeting.",
        ),
        (
            ["--kind", "home-visit", "--since", "2018-05-01", "--format", "md"],
            "--since applies to a meeting briefing only.",
        ),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(
    chairs: Path, tmp_path: Path, args: list[str], message: str
):
    target = tmp_path / "bad.md"
    result = brief(*args, "--out", str(target), "--user", "cora")
    assert result.exit_code == 2
    assert result.stderr.strip() == message
    assert not target.exists()


def test_an_unknown_case_is_one_line_and_exit_2(demo_store: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CASEBRIEF_STORE", str(demo_store))
    monkeypatch.setenv("CASEBRIEF_AUDIT_PATH", str(tmp_path / "audit.sqlite3"))
    target = tmp_path / "nope.md"
    result = CliRunner().invoke(
        app,
        [
            "brief",
            "--case",
            "FAM-NOPE",
            "--kind",
            "meeting",
            "--format",
            "md",
            "--out",
            str(target),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "No case 'FAM-NOPE' in the index; `casebrief cases` lists the cases you may see."
    )
    assert not target.exists()
