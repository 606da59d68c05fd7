"""Sign-in in the app: wrong passwords refused and audited, practitioners see only their cases,
trainers only the learning corpus, local mode says so, and briefing exports are audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bot.access import User, add_user
from bot.audit import open_log
from bot.ui.engine import shared_engine
from config.settings import load_settings
from tests.conftest import DEMO_TODAY, ROOT

APP = str(ROOT / "streamlit_app.py")


@pytest.fixture
def access_file(demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "access.yaml"
    add_user(
        path, User(id="pat", name="Pat Hollis", role="practitioner", cases=["FAM-0215"]), "pw1"
    )
    add_user(path, User(id="tess", name="Tess Grant", role="trainer"), "pw2")
    monkeypatch.setenv("CASEBRIEF_STORE", str(demo_store))
    monkeypatch.setenv("CASEBRIEF_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.setenv("CASEBRIEF_ACCESS", str(path))
    monkeypatch.setenv("CASEBRIEF_AUDIT_PATH", str(tmp_path / "audit.sqlite3"))
    monkeypatch.setenv("CASEBRIEF_CONVERSATIONS_PATH", str(tmp_path / "conversations.sqlite3"))
    return path


def sign_in(user_id: str, password: str, case: str | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    if case:
        app.query_params["case"] = case
    app.run()
    app.text_input(key="sign-in-user").input(user_id)
    app.text_input(key="sign-in-password").input(password)
    app.button[0].click().run()
    assert not app.exception, app.exception[0].value
    return app


def test_wrong_password_is_refused_and_audited(access_file: Path, tmp_path: Path):
    app = sign_in("pat", "nope")
    assert [e.value for e in app.error] == ["Not allowed: wrong user id or password."]
    assert not app.tabs
    entries = open_log(load_settings()).entries(user="pat")
    assert [(e.action, e.detail) for e in entries] == [("login", "failed")]


def test_practitioner_sees_only_their_case(access_file: Path):
    app = sign_in("pat", "pw1")
    picker = app.selectbox(key="case")
    assert picker.options == ["FAM-0215 · The Brierley family", "Learning corpus only"]
    assert picker.value == "FAM-0215"
    assert any("Signed in as **Pat Hollis** (practitioner)" in c.value for c in app.caption)


@pytest.mark.parametrize("case", ["FAM-0107", "FAM-9999"])
def test_a_link_to_a_case_not_allowed_or_unknown_opens_no_case_and_is_audited(
    access_file: Path, tmp_path: Path, case: str
):
    app = sign_in("pat", "pw1", case=case)
    assert [e.value for e in app.error] == [
        f"Case {case} is not available: there is no such case, or you are not allowed to "
        "see it. No case is open."
    ]  # the same words whether the case exists or not
    assert app.selectbox(key="case").value is None
    assert not app.tabs
    assert not [m for m in app.markdown if "Ashdown" in m.value or "Brierley" in m.value]
    denied = open_log(load_settings()).entries(user="pat")[-1]
    assert (denied.action, denied.case_id) == ("denied", case)
    app.selectbox(key="case").select("FAM-0215").run()
    assert len(app.tabs) == 5


def test_trainer_sees_no_case(access_file: Path):
    app = sign_in("tess", "pw2")
    assert app.selectbox(key="case").options == ["Learning corpus only"]


def test_export_is_audited(access_file: Path, tmp_path: Path):
    app = sign_in("pat", "pw1", case="FAM-0215")
    app.session_state["tab"] = "Briefings"
    app.run()
    prepare = [b for b in app.button if "Prepare" in b.label][0]
    prepare.click().run()
    download = [d for d in app.get("download_button") if "docx" in str(d.proto.label)]
    assert download
    from bot.briefing import on_export

    briefing = app.session_state["briefing"].briefing
    on_export(shared_engine(), shared_engine().user("pat"), briefing, "docx")
    export = open_log(load_settings()).entries(user="pat")[-1]
    assert (export.action, export.case_id) == ("export", "FAM-0215")
    assert export.record_ids and export.detail.endswith("as docx")


def test_local_mode_shows_a_banner(demo_store: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CASEBRIEF_STORE", str(demo_store))
    monkeypatch.delenv("CASEBRIEF_ACCESS", raising=False)
    monkeypatch.setenv("CASEBRIEF_CONVERSATIONS_PATH", str(demo_store.parent / "local.sqlite3"))
    app = AppTest.from_file(APP, default_timeout=120).run()
    assert any("Single-user local mode" in w.value for w in app.warning)
