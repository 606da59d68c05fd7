"""The app in a real browser: `streamlit run` over the ingested demo data, driven by Debian's
headless Chromium through Playwright (a browser is never downloaded).

Set CASEBRIEF_SCREENSHOTS=docs/screenshots to also save the README's screenshots."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document

from tests.conftest import DEMO_TODAY, ROOT, _free_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1400, "height": 900}
SLOW = 120_000  # ms: the server loads the model once, on the first page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's /usr/bin/chromium is not installed (apt-get install -y chromium); "
        "this test never downloads a browser",
    ),
]


@pytest.fixture(scope="module")
def app_url(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run streamlit_app.py` on a free port, over its own copy of the demo store."""
    store = tmp_path_factory.mktemp("browser") / "store"
    shutil.copytree(demo_store, store)
    port = _free_port()
    env = {**os.environ, "CASEBRIEF_STORE": str(store), "CASEBRIEF_TODAY": DEMO_TODAY.isoformat()}
    env.pop("CASEBRIEF_CHROMA_URL", None)
    log = (store.parent / "streamlit.log").open("w")
    command = [sys.executable, "-m", "streamlit", "run", "streamlit_app.py"]
    command += ["--server.port", str(port), "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            log.close()
            pytest.fail(f"streamlit did not start: {(store.parent / 'streamlit.log').read_text()}")
        time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=20)
    log.close()


def screenshot(page, name: str) -> None:  # noqa: ANN001 - playwright's Page
    folder = os.environ.get("CASEBRIEF_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.mouse.move(VIEWPORT["width"] - 8, VIEWPORT["height"] // 2)  # nothing hovered
        page.evaluate("document.querySelector('[data-testid=stMain]')?.scrollTo(0, 0)")
        page.wait_for_timeout(500)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def test_ask_open_a_citation_and_download_the_briefing(app_url: str, tmp_path: Path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
            page.goto(f"{app_url}/?case=FAM-0107")
            question = page.get_by_placeholder("Ask about case FAM-0107…")
            question.wait_for(timeout=SLOW)
            question.fill("who is the lead professional?")
            question.press("Enter")

            lead = page.get_by_role("button", name=re.compile(r"\[1\] pro-029 · professional"))
            expect(lead).to_be_visible(timeout=30_000)
            expect(page.get_by_text("Hannah Okafor, Social Worker").first).to_be_visible()
            lead.click()
            viewer = page.locator(".st-key-ask-viewer")
            expect(viewer.get_by_role("heading", name="pro-029")).to_be_visible()
            expect(viewer.get_by_role("cell", name="Hannah Okafor")).to_be_visible()
            expect(viewer.get_by_text("professionals.csv row 30")).to_be_visible()
            screenshot(page, "chat")

            page.get_by_role("tab", name="Overview").click()
            expect(page.get_by_text("The Ashdown family (FAM-0107)")).to_be_visible()
            screenshot(page, "overview")
            page.get_by_role("tab", name="Timeline").click()
            expect(page.locator("canvas, svg.marks").first).to_be_visible(timeout=30_000)
            screenshot(page, "timeline")

            page.get_by_role("tab", name="Briefings").click()
            page.get_by_role("button", name="Prepare briefing").click()
            download_button = page.get_by_role("button", name="Download .docx")
            expect(download_button).to_be_visible(timeout=30_000)
            with page.expect_download(timeout=30_000) as started:
                download_button.click()
            download = started.value
            assert download.suggested_filename == "FAM-0107-home-visit-2018-07-02.docx"
            saved = tmp_path / download.suggested_filename
            download.save_as(saved)
        finally:
            browser.close()

    document = Document(io.BytesIO(saved.read_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Home visit briefing: The Ashdown family (FAM-0107)"
    assert "Who else is involved and how to reach them" in texts
    lead_line = next(t for t in texts if t.startswith("Hannah Okafor"))
    marker = re.search(r"\[(\d+)\]$", lead_line)
    assert marker, lead_line
    sources = texts[texts.index("Sources") + 1 :]
    assert any(s.startswith(f"[{marker.group(1)}] pro-029 (professional") for s in sources)
