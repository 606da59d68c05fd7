"""A part that fails says what to do: a real `chroma run` that stops and comes back. The CLI
prints one line and exits 4, `Engine.ask` raises StoreUnavailable with the same line, the app
shows it in st.error; once the server is back, the same engine and the same page answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from bot.answer import Engine
from bot.cli import app as cli_app
from bot.cli_base import local_notice
from config.settings import load_settings
from ingest.pipeline import ingest_cases
from ingest.unavailable import StoreUnavailable
from tests.conftest import DEMO_TODAY, ROOT, ChromaServer

QUESTION = "who is the lead professional?"


@pytest.fixture
def chroma(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bundle: Path) -> Iterator[ChromaServer]:
    """A server of this test's own, holding FAM-T1; the app and CLI pointed at it."""
    server = ChromaServer(tmp_path / "chroma")
    server.start()
    monkeypatch.setenv("CASEBRIEF_CHROMA_URL", server.url)
    monkeypatch.setenv("CASEBRIEF_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.setenv("CASEBRIEF_CONVERSATIONS_PATH", str(tmp_path / "conversations.sqlite3"))
    ingest_cases([bundle], load_settings())
    yield server
    server.stop()


def expected_line(server: ChromaServer) -> str:
    return (
        f"Chroma server at {server.url} is not answering: start it with `chroma run --path "
        f"DATA_FOLDER --host 127.0.0.1 --port {server.port}` or unset CASEBRIEF_CHROMA_URL"
    )


def ask_in_app(page: AppTest, question: str, box: str = "question") -> None:
    page.chat_input(key=box).set_value(question).run()
    assert not page.exception, page.exception[0].value


def test_a_chroma_server_that_stops_says_what_to_do_and_recovers_when_back(
    chroma: ChromaServer, cli: CliRunner
):
    engine = Engine(load_settings())
    assert engine.ask(QUESTION, case_id="FAM-T1").citations
    page = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    page.query_params["case"] = "FAM-T1"
    page.run()
    ask_in_app(page, QUESTION)
    assert page.session_state["chat"][-1].answer is not None

    chroma.stop()
    line = expected_line(chroma)
    for command in (["cases"], ["ask", "--case", "FAM-T1", QUESTION], ["forget", "FAM-T1"]):
        result = cli.invoke(cli_app, command)
        said = f"{local_notice(None)}\n{line}\n"  # local mode says so first, as every command
        assert (result.exit_code, result.stdout, result.stderr) == (4, "", said), command
    with pytest.raises(StoreUnavailable) as raised:
        engine.ask(QUESTION, case_id="FAM-T1")
    assert str(raised.value) == line
    ask_in_app(page, QUESTION)
    assert page.session_state["chat"][-1].error == line  # kept in the conversation as said
    assert [e.value for e in page.error] == [line]  # the page says it once, no traceback
    fresh = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    fresh.run()  # a new visitor while it is down
    assert not fresh.exception and [e.value for e in fresh.error] == [line]

    ask_in_app(page, QUESTION, box="question-retry")  # still down: said again
    assert len(page.session_state["chat"]) == 3 and [e.value for e in page.error] == [line]

    chroma.start()  # the same data folder and port
    ask_in_app(page, QUESTION, box="question-retry")
    assert page.session_state["chat"][-1].answer is not None
    assert [e.value for e in page.error] == [line, line]  # the two exchanges that failed
    assert engine.ask(QUESTION, case_id="FAM-T1").citations
    result = cli.invoke(cli_app, ["cases"])
    assert result.exit_code == 0 and result.stdout.startswith("FAM-T1  The Testwood family")


def test_only_transport_failures_of_a_configured_server_become_store_unavailable():
    from ingest.unavailable import answering

    url = "http://127.0.0.1:9"
    with pytest.raises(StoreUnavailable) as raised, answering(url):
        try:
            raise httpx.ConnectError("refused")
        except httpx.ConnectError:  # how chromadb's HttpClient reports it while connecting
            raise ValueError("Could not connect to a Chroma server.") from None
    assert str(raised.value).startswith(f"Chroma server at {url} is not answering: ")
    with pytest.raises(httpx.ConnectError), answering(None):  # the embedded store: unchanged
        raise httpx.ConnectError("refused")
    with pytest.raises(KeyError), answering(url):  # not a transport failure: unchanged
        raise KeyError("x")
