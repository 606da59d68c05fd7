"""The app in a real browser: `streamlit run bot/ui/server.py` (as `make run`) over the
ingested demo data, driven by Debian's headless Chromium through Playwright (a browser is
never downloaded). Accessibility is checked with axe-core (axe-playwright-python).

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
from typing import Any

import pytest
from docx import Document

from tests.conftest import DEMO_TODAY, ROOT, _free_port
from tests.hostile import HostileStore

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
FIRST_VISIT_LIMIT_S = 5.0
WAIT = 30_000  # ms for an answer or a rerun on a busy 2-core machine
LONG_CONVERSATION = [
    "who is the lead professional?",
    "what appointments were missed?",
    "where does the family live now?",
    "how many times has the family moved?",
    "when was Child A last seen alone?",
    "which appointments did Poppy miss?",
]
# Text cut short: an element that clips its own text (an ellipsis), or text that sticks out
# sideways from an ancestor that hides what overflows.
CLIPPED_TEXT = """() => {
  const root = document.querySelector('[data-testid=stMain]');
  const hides = (style) => ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX);
  const clipped = [];
  for (const el of root.querySelectorAll('p, span, button, td, th, label, h1, h2, h3')) {
    if (!el.offsetParent || !el.textContent.trim()) continue;
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const style = getComputedStyle(el);
    const cuts = hides(style) || style.textOverflow === 'ellipsis';
    if (cuts && el.scrollWidth > el.clientWidth + 1) {
      clipped.push(el.textContent.trim());
      continue;
    }
    const box = el.getBoundingClientRect();
    for (let up = el.parentElement; up && up !== root.parentElement; up = up.parentElement) {
      if (!hides(getComputedStyle(up))) continue;
      const frame = up.getBoundingClientRect();
      if (box.left < frame.left - 1 || box.right > frame.right + 1) {
        clipped.push(el.textContent.trim());
        break;
      }
    }
  }
  return clipped;
}"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's /usr/bin/chromium is not installed (apt-get install -y chromium); "
        "this test never downloads a browser",
    ),
]


class Server:
    def __init__(self, url: str, ready_at: float, started_s: float) -> None:
        self.url = url
        self.ready_at = ready_at  # time.monotonic() when /_stcore/health first answered
        self.started_s = started_s  # seconds from launch to ready (model loaded and warmed)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


def launch(store: Path) -> Iterator[Server]:
    """`streamlit run bot/ui/server.py` on a free port over `store`; it loads and warms the
    engine before it answers /_stcore/health."""
    port = _free_port()
    env = {**os.environ, "CASEBRIEF_STORE": str(store), "CASEBRIEF_TODAY": DEMO_TODAY.isoformat()}
    for name in ("CASEBRIEF_CHROMA_URL", "CASEBRIEF_ACCESS", "CASEBRIEF_CONVERSATIONS_PATH"):
        env.pop(name, None)
    log_path = store.parent / "streamlit.log"
    log = log_path.open("w")
    command = [sys.executable, "-m", "streamlit", "run", "bot/ui/server.py"]
    command += ["--server.port", str(port), "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    launched = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = launched + 180
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log.close()
            pytest.fail(f"streamlit did not start: {log_path.read_text()}")
        time.sleep(0.05)
    ready = time.monotonic()
    yield Server(url, ready, ready - launched)
    process.terminate()
    process.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def server(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app over its own copy of the demo store."""
    store = tmp_path_factory.mktemp("browser") / "store"
    shutil.copytree(demo_store, store, ignore=shutil.ignore_patterns("audit.sqlite3*"))
    yield from launch(store)


def screenshot(page: Any, name: str) -> None:
    folder = os.environ.get("CASEBRIEF_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(600)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def ask(page: Any, question: str, count: int) -> None:
    """Ask in the chat box and wait for answer number `count` (1-based)."""
    from playwright.sync_api import expect

    box = page.locator("[data-testid=stChatInputTextArea]")
    box.fill(question)
    box.press("Enter")
    expect(page.locator(".st-key-new-conversation button")).to_be_enabled(timeout=WAIT)
    answers = page.locator("[data-testid=stChatMessage]")
    expect(answers).to_have_count(2 * count, timeout=WAIT)
    expect(page.locator(f".st-key-answer-{count - 1} button.cb-cite").first).to_be_visible(
        timeout=WAIT
    )


def dialog(page: Any) -> Any:
    return page.get_by_role("dialog")


def test_first_visit_is_quick_once_the_server_is_ready(browser: Any, server: Server):
    """The model is loaded and warmed when the server starts, not on the first visit."""
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{server.url}/?case=FAM-0107")
    page.get_by_placeholder("Ask about case FAM-0107…").wait_for(timeout=60_000)
    first_visit = time.monotonic() - server.ready_at
    print(f"\nserver start to ready {server.started_s:.1f} s; first chat box {first_visit:.2f} s")
    assert first_visit < FIRST_VISIT_LIMIT_S, f"first chat box after {first_visit:.1f} s"
    page.close()


def test_an_unknown_case_shows_a_message_and_no_case(browser: Any, server: Server):
    from playwright.sync_api import expect

    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{server.url}/?case=FAM-9999")
    expect(page.get_by_text("Case FAM-9999 is not available")).to_be_visible(timeout=WAIT)
    expect(page.get_by_role("tab")).to_have_count(0)
    main = page.locator("[data-testid=stMain]")
    assert "Ashdown" not in main.inner_text() and "Brierley" not in main.inner_text()
    page.close()


def test_a_long_conversation_citations_reload_and_case_switch(browser: Any, server: Server):
    from playwright.sync_api import expect

    context = browser.new_context(viewport=VIEWPORT)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page = context.new_page()
    page.goto(f"{server.url}/?case=FAM-0107")
    page.get_by_placeholder("Ask about case FAM-0107…").wait_for(timeout=60_000)
    for count, question in enumerate(LONG_CONVERSATION, start=1):
        ask(page, question, count)
    last = len(LONG_CONVERSATION) - 1

    # The live region announces the newest answer to screen readers.
    live = page.locator(".cb-live[aria-live=polite]")
    expect(live).to_have_text(re.compile(rf"^Answer {last + 1}: \d+ missed appointments"))

    # A [n] marker at the bottom of a long conversation: a preview on hover, the record in a
    # dialog where the user is looking.
    marker = page.locator(f".st-key-answer-{last} button.cb-cite").first
    marker.scroll_into_view_if_needed()
    marker.hover()
    tip = page.locator(f".st-key-answer-{last} .cb-tip.cb-open")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Appointment, ")
    screenshot(page, "chat")
    marker.click()
    expect(dialog(page)).to_be_visible(timeout=WAIT)
    expect(dialog(page)).to_be_in_viewport()
    heading = dialog(page).get_by_role("heading", level=3)
    expect(heading).to_have_text(re.compile(r"^Appointment, \d+ \w+ \d{4}, "))
    expect(
        dialog(page).get_by_text(re.compile(r"Record apt-\d+ · appointments\.csv row"))
    ).to_be_visible()
    screenshot(page, "record")
    page.keyboard.press("Escape")
    expect(dialog(page)).to_have_count(0, timeout=WAIT)

    # The same from the keyboard: focus shows the preview, Enter opens the record.
    marker.focus()
    expect(tip).to_be_visible()
    page.keyboard.press("Enter")
    expect(dialog(page)).to_be_in_viewport(timeout=WAIT)
    page.keyboard.press("Escape")
    expect(dialog(page)).to_have_count(0, timeout=WAIT)

    # A source entry under the last answer opens its record where the user is, too.
    source = page.locator(f".st-key-cite-{last}-1 button").first
    if not source.is_visible():  # more than 10 sources are folded
        reply = page.locator("[data-testid=stChatMessage]").nth(2 * last + 1)
        reply.get_by_text(re.compile(r"^Sources \(\d+\)$")).click()
    source.scroll_into_view_if_needed()
    source.click()
    expect(dialog(page)).to_be_in_viewport(timeout=WAIT)
    dialog(page).locator(".st-key-record-close button").click()
    expect(dialog(page)).to_have_count(0, timeout=WAIT)

    # Copy: the answer and its numbered sources.
    page.locator(f".st-key-answer-{last} button.cb-copy").click()
    expect(page.locator(f".st-key-answer-{last} .cb-copied")).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert (
        re.match(r"\d+ missed appointments", copied) and "\nSources:\n[1] Appointment, " in copied
    )

    # A reload keeps the conversation.
    page.reload()
    page.get_by_placeholder("Ask about case FAM-0107…").wait_for(timeout=60_000)
    expect(page.locator("[data-testid=stChatMessage]")).to_have_count(2 * len(LONG_CONVERSATION))
    expect(page.get_by_text(LONG_CONVERSATION[0], exact=True)).to_be_attached()

    # Switching case warns first; staying keeps everything, switching opens the other case.
    picker = page.locator("[data-testid=stSidebar]").get_by_role("combobox", name="Case")
    picker.click()
    page.get_by_role("option", name="FAM-0215 · The Brierley family").click()
    expect(dialog(page)).to_contain_text("closes this conversation about case FAM-0107")
    dialog(page).get_by_role("button", name="Stay on case FAM-0107").click()
    expect(dialog(page)).to_have_count(0, timeout=WAIT)
    expect(picker).to_have_value("FAM-0107 · The Ashdown family")
    expect(page.locator("[data-testid=stChatMessage]")).to_have_count(2 * len(LONG_CONVERSATION))
    picker.click()
    page.get_by_role("option", name="FAM-0215 · The Brierley family").click()
    dialog(page).get_by_role("button", name="Switch to case FAM-0215").click()
    expect(page.get_by_placeholder("Ask about case FAM-0215…")).to_be_visible(timeout=WAIT)
    expect(page.locator("[data-testid=stChatMessage]")).to_have_count(0)
    assert page.url.endswith("case=FAM-0215")
    context.close()


@pytest.mark.parametrize("width", [1280, 1920])
def test_the_overview_and_timeline_fit_without_cut_text(browser: Any, server: Server, width: int):
    from playwright.sync_api import expect

    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.goto(f"{server.url}/?case=FAM-0107&tab=Overview")
    title = page.get_by_role("heading", name="Overview: The Ashdown family (FAM-0107)")
    expect(title).to_be_visible(timeout=60_000)
    expect(page.get_by_text("7 years 10 months").first).to_be_visible()
    expect(page.get_by_text("the move into the first recorded address")).to_be_visible()
    page.wait_for_timeout(500)
    assert page.evaluate(CLIPPED_TEXT) == []
    page.locator(".st-key-fig-lead button").first.click()
    expect(dialog(page)).to_be_visible(timeout=WAIT)
    assert page.evaluate(CLIPPED_TEXT.replace("[data-testid=stMain]", "[role=dialog]")) == []
    page.keyboard.press("Escape")
    expect(dialog(page)).to_have_count(0, timeout=WAIT)
    page.get_by_role("tab", name="Timeline").click()
    page.get_by_text(re.compile(r"^Agencies: \d+ of \d+ shown$")).click()
    expect(page.get_by_role("button", name="Kelsworth Children's Social Care")).to_be_visible()
    page.wait_for_timeout(500)
    assert page.evaluate(CLIPPED_TEXT) == []  # every agency's name and every control whole
    page.close()


def test_the_timeline_uses_the_full_width_and_groups_agencies(browser: Any, server: Server):
    from playwright.sync_api import expect

    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{server.url}/?case=FAM-0107&tab=Timeline")
    chart = page.locator("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg")
    expect(chart.first).to_be_visible(timeout=60_000)
    page.wait_for_timeout(800)
    chart_width = chart.first.bounding_box()["width"]
    main_width = page.get_by_role("tabpanel").bounding_box()["width"]
    assert chart_width > 0.9 * main_width, (chart_width, main_width)
    screenshot(page, "timeline")
    page.get_by_text("Agencies: 39 of 39 shown").click()
    expect(page.get_by_text("Social care (3)")).to_be_visible()
    page.get_by_text("Last 12 months", exact=True).click()
    expect(page.get_by_text(re.compile(r"records from \d+ Jun 2017 to 29 Jun 2018"))).to_be_visible(
        timeout=WAIT
    )
    page.close()


def test_every_tab_meets_wcag_aa(browser: Any, server: Server):
    """axe-core's WCAG 2 A and AA rules (contrast, names, ARIA) on every tab with an answer."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    page = browser.new_page(viewport=VIEWPORT)
    page.goto(f"{server.url}/?case=FAM-0215")
    page.get_by_placeholder("Ask about case FAM-0215…").wait_for(timeout=60_000)
    ask(page, "who is the lead professional?", 1)
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    found: dict[str, list[str]] = {}
    for tab in ("Ask", "Overview", "Timeline", "Briefings", "Learning"):
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("heading", level=2).first).to_be_visible(timeout=WAIT)
        page.wait_for_timeout(800)
        violations = axe.run(page, options=options).response["violations"]
        if violations:
            found[tab] = [f"{v['id']}: {v['nodes'][0]['target']}" for v in violations]
    page.get_by_role("tab", name="Ask").click()
    marker = page.locator(".st-key-answer-0 button.cb-cite").first
    marker.hover()  # the preview and, over the page, the record dialog
    violations = axe.run(page, options=options).response["violations"]
    marker.click()
    expect(dialog(page)).to_be_visible(timeout=WAIT)
    page.wait_for_timeout(500)
    violations += axe.run(page, options=options).response["violations"]
    if violations:
        found["preview and dialog"] = [f"{v['id']}: {v['nodes'][0]['target']}" for v in violations]
    page.close()
    assert found == {}


def test_overview_screenshot_and_briefing_download(browser: Any, server: Server, tmp_path: Path):
    from playwright.sync_api import expect

    page = browser.new_page(viewport=VIEWPORT, accept_downloads=True)
    page.goto(f"{server.url}/?case=FAM-0107&tab=Overview")
    expect(page.get_by_text("The Ashdown family (FAM-0107)").first).to_be_visible(timeout=60_000)
    screenshot(page, "overview")
    page.get_by_role("tab", name="Briefings").click()
    page.get_by_role("button", name="Prepare briefing").click()
    download_button = page.get_by_role("button", name="Download .docx")
    expect(download_button).to_be_visible(timeout=WAIT)
    with page.expect_download(timeout=WAIT) as started:
        download_button.click()
    download = started.value
    assert download.suggested_filename == "FAM-0107-home-visit-2018-07-02.docx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    page.close()

    document = Document(io.BytesIO(saved.read_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Home visit briefing: The Ashdown family (FAM-0107)"
    assert "Who else is involved and how to reach them" in texts
    lead_line = next(t for t in texts if t.startswith("Hannah Okafor"))
    marker = re.search(r"\[(\d+)\]$", lead_line)
    assert marker, lead_line
    sources = texts[texts.index("Sources") + 1 :]
    assert any(s.startswith(f"[{marker.group(1)}] pro-029 (professional") for s in sources)


# -- hostile record text (tests/hostile.py) ---------------------------------------------------

# Every element attribute that makes the browser fetch or navigate, in the page and in the
# shadow roots of components.
FETCHING_ATTRIBUTES = """(bad) => {
  const found = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      for (const name of ['src', 'href', 'srcset', 'data', 'action', 'poster', 'style']) {
        const value = el.getAttribute(name);
        if (value && bad.some((b) => value.includes(b))) found.push(el.outerHTML.slice(0, 160));
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_server(
    hostile_store: HostileStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    store = tmp_path_factory.mktemp("hostile-browser") / "store"
    shutil.copytree(hostile_store.store, store, ignore=shutil.ignore_patterns("audit.sqlite3*"))
    yield from launch(store)


def test_hostile_record_text_fetches_nothing_and_runs_nothing(
    browser: Any, hostile_server: Server, hostile_store: HostileStore
):
    """Records whose text holds Markdown and HTML images, links, frames, styles, scripts and
    javascript: links, in the chat answer, its preview, the source viewer, the overview's
    tooltips, the timeline, the briefing preview and the learning search and reader: no
    request leaves the app's own origin, the sockets the URLs point at are never contacted,
    no dialog opens and no script sets its flag."""
    from playwright.sync_api import expect

    page = browser.new_page(viewport=VIEWPORT)
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("dialog", lambda box: (dialogs.append(box.message), box.dismiss()))
    page.goto(f"{hostile_server.url}/?case=FAM-X1")
    page.get_by_placeholder("Ask about case FAM-X1…").wait_for(timeout=60_000)
    expect(page.get_by_role("heading", name=re.compile(r"!\[t\]\(http"))).to_be_visible()

    ask(page, "what happened in June 2018?", 1)
    answer = page.locator(".st-key-answer-0")
    expect(answer).to_contain_text("Tenancy note 1: ![pixel](http")
    expect(answer).to_contain_text("<script>window.cbHacked='script'")
    marker = answer.locator("button.cb-cite[data-marker='3']").last  # <img onerror=...>
    marker.hover()
    expect(answer.locator(".cb-tip.cb-open")).to_contain_text('<img src="http')
    marker.click()
    expect(dialog(page)).to_contain_text("onerror=", timeout=WAIT)
    page.keyboard.press("Escape")
    expect(dialog(page)).to_have_count(0, timeout=WAIT)
    ask(page, "what does the tenancy letter say?", 2)
    expect(page.locator(".st-key-answer-1")).to_contain_text("[pic]: http")

    page.get_by_role("tab", name="Overview").click()
    member = page.locator(".st-key-member-mother button").first
    expect(member).to_be_visible(timeout=WAIT)
    member.hover()  # its tooltip: the member's notes
    expect(page.get_by_text(re.compile(r"Threatened staff\. <img src="))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Housing !\[a\]\(http")).first).to_be_visible()

    page.get_by_role("tab", name="Timeline").click()
    page.get_by_text(re.compile(r"^Agencies: \d+ of \d+ shown$")).click()
    expect(page.get_by_role("button", name=re.compile(r"Housing !\[a\]"))).to_be_visible()

    page.get_by_role("tab", name="Briefings").click()
    page.get_by_role("button", name="Prepare briefing").click()
    preview = page.get_by_text(re.compile(r"Tenancy note 12: <a href="))
    expect(preview.first).to_be_visible(timeout=WAIT)

    page.get_by_role("tab", name="Learning").click()
    search = page.get_by_label("Search reviews, procedures and guidance")
    search.fill("rent arrears")
    search.press("Enter")
    page.get_by_role("button", name="Open document").first.click()
    reader = page.get_by_role("heading", name=re.compile(r"Rent arrears guidance !\[g\]"))
    expect(reader.first).to_be_visible(timeout=WAIT)
    page.wait_for_timeout(1000)  # anything a view asked for has been requested by now

    hostile = [hostile_store.host.url, hostile_store.other.url, "javascript:"]
    assert page.evaluate(FETCHING_ATTRIBUTES, hostile) == []
    assert page.evaluate("window.cbHacked") is None
    assert dialogs == []
    outside = [u for u in requests if not u.startswith((hostile_server.url, "data:", "blob:"))]
    assert outside == [], outside
    assert hostile_store.host.connections() == 0
    assert hostile_store.other.connections() == 0
    page.close()
