"""A hostile bundle (case FAM-X1, fictional) and a hostile learning document: record text that
tries to make a reader's browser fetch a URL (Markdown and HTML images, links, frames, styles,
autolinks), run script (<script>, onerror, onload, javascript: links, KaTeX \\href) or format
the page. The URLs point at `host` (127.0.0.2 in the browser test, where a socket listens and
must receive nothing) and at `other` (another port of 127.0.0.1)."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import socket
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

from markdown_it import MarkdownIt

from tests.conftest import DATA

CASE_ID = "FAM-X1"
TODAY = dt.date(2018, 7, 2)
# What a Markdown viewer that renders everything would make of record text: HTML on, every
# CommonMark and GitHub construct that can fetch, link or run.
FULL_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
FULL_MARKDOWN.validateLink = lambda url: True  # a careless viewer: javascript: links too
# What plain text may render to; anything else (an image, a link, a frame, a style, a script,
# an event handler) came from the record.
SAFE_TAGS = frozenset(
    [
        "p",
        "br",
        "em",
        "strong",
        "code",
        "ul",
        "ol",
        "li",
        "blockquote",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
    ]
)
# A URL in text that GitHub's Markdown would turn into a link.
BARE_URL = re.compile(r"(https?://|www\.)\S", re.I)


def payloads(host: str, other: str) -> list[str]:
    """Every hostile string tried; each marked so a request can be traced to it."""
    return [
        f"![pixel]({host}/md-image.png)",
        f"[Open the referral]({host}/md-link)",
        f"<img src=\"{host}/html-img.png\" onerror=\"window.cbHacked='img';alert('img')\">",
        "<script>window.cbHacked='script';alert('script')</script>",
        "[run me](javascript:window.cbHacked='js-link';alert('js'))",
        f"<{host}/autolink>",
        f"Bare {other}/bare-url and www.example.org",
        f'<iframe src="{other}/frame"></iframe>',
        "<svg onload=\"window.cbHacked='svg'\"></svg>",
        f"<style>@import url({other}/style.css);</style>",
        f"$\\href{{javascript:alert('katex')}}{{k}}$ :red[colour] ![o]({other}/other-port.png)",
        f'<a href="{host}/anchor">anchor</a> &lt;b&gt; **bold** `code`',
    ]


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)


def write_case(folder: Path, host: str, other: str) -> Path:
    """FAM-X1: the small test family with hostile text in every kind of record."""
    bundle = folder / CASE_ID
    shutil.copytree(DATA / "FAM-T1", bundle)
    hostile = payloads(host, other)
    case = (bundle / "case.yaml").read_text(encoding="utf-8")
    case = case.replace("case_id: FAM-T1", f"case_id: {CASE_ID}")
    case = case.replace(
        "title: The Testwood family", f"title: 'The Hostile family ![t]({host}/title.png)'"
    )
    case = case.replace(
        "    role: parent\n",
        f"    role: parent\n    notes: 'Threatened staff. <img src=\"{host}/notes.png\">'\n",
    )
    (bundle / "case.yaml").write_text(case, encoding="utf-8")

    header, rows = _rows(bundle / "chronology.csv")
    for number, text in enumerate(hostile, start=1):
        rows.append(
            {
                **dict.fromkeys(header, ""),
                "id": f"chr-h{number:02d}",
                "date": f"2018-06-{number + 1:02d}",
                "agency": f"Housing ![a]({host}/agency.png)" if number == 12 else "Housing",
                "event_type": "housing",
                "summary": f"Tenancy note {number}: {text}",
                "source": "Housing officer",
                "source_type": "professional",
                "action": f"Follow up {text}" if number == 1 else "",
            }
        )
    _write(bundle / "chronology.csv", header, rows)

    header, rows = _rows(bundle / "professionals.csv")
    rows.append(
        {
            **rows[0],
            "id": "prof-h1",
            "name": "Kit Marsh",
            "agency": f"Housing ![a]({host}/agency.png)",
            "role": "Housing Officer",
            "email": "kit.marsh@example.org",
            "notes": hostile[2],
            "lead": "no",
        }
    )
    _write(bundle / "professionals.csv", header, rows)

    header, rows = _rows(bundle / "appointments.csv")
    rows.append(
        {
            **rows[0],
            "id": "apt-h1",
            "date": "2018-06-20",
            "notes": hostile[0],
        }
    )
    _write(bundle / "appointments.csv", header, rows)

    body = "\n\n".join(hostile)
    (bundle / "documents" / "tenancy-letter.md").write_text(
        "---\ndate: 2018-06-25\nagency: Housing\ntitle: Tenancy letter\n---\n"
        "# Tenancy letter\n\nThe tenancy letter about the rent arrears says:\n\n"
        f"{body}\n\n![ref][pic]\n\n[pic]: {host}/reference.png\n",
        encoding="utf-8",
    )
    return bundle


def write_learning(folder: Path, host: str, other: str) -> Path:
    """A learning document whose title and text are hostile."""
    folder.mkdir(parents=True, exist_ok=True)
    body = "\n\n".join(payloads(host, other))
    path = folder / "hostile-guidance.md"
    path.write_text(
        f"---\ntitle: 'Rent arrears guidance ![g]({host}/learning-title.png)'\nkind: guidance\n"
        "published: 2018-01-01\npublisher: Testwood Partnership\n---\n\n"
        f"# Rent arrears guidance\n\n## Tenancy arrears and eviction\n\n{body}\n",
        encoding="utf-8",
    )
    return path


class _Elements(HTMLParser):
    def __init__(self, tags: frozenset[str], attributes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes = tags, attributes
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.tags or any(name not in self.attributes for name, _ in attrs):
            self.found.append(f"<{tag} {attrs}>")

    def handle_data(self, data: str) -> None:
        self.found += [f"link text {m[0]!r}" for m in BARE_URL.finditer(data)]


def unsafe_html(
    rendered: str, tags: frozenset[str] = SAFE_TAGS, attributes: frozenset[str] = frozenset()
) -> list[str]:
    """Elements or attributes of `rendered` beyond those given, and URLs a viewer would link."""
    parser = _Elements(tags, attributes)
    parser.feed(rendered)
    return parser.found


def unsafe(markdown: str) -> list[str]:
    """What a full Markdown renderer (HTML on) makes of `markdown` that could fetch, link or
    run: any element or attribute plain text does not give, and URLs a viewer would link."""
    return unsafe_html(FULL_MARKDOWN.render(markdown))


class Listener:
    """A socket listening where the hostile URLs point: it must never be connected to."""

    def __init__(self, address: str) -> None:
        self.socket = socket.socket()
        self.socket.bind((address, 0))
        self.socket.listen(8)
        self.socket.setblocking(False)
        self.url = f"http://{address}:{self.socket.getsockname()[1]}"

    def connections(self) -> int:
        """Connections made since the last call."""
        count = 0
        while True:
            try:
                connection, _ = self.socket.accept()
            except BlockingIOError:
                return count
            connection.close()
            count += 1

    def close(self) -> None:
        self.socket.close()


class HostileStore(NamedTuple):
    store: Path
    host: Listener  # 127.0.0.2
    other: Listener  # another port of 127.0.0.1
    strings: list[str]


def build_store(folder: Path) -> HostileStore:
    """Ingest FAM-X1 and the hostile learning document into a store of their own."""
    from config.settings import load_settings
    from ingest.pipeline import ingest_cases, ingest_learning

    host, other = Listener("127.0.0.2"), Listener("127.0.0.1")
    store = folder / "store"
    settings = load_settings(store=store, today=TODAY)
    ingest_cases([write_case(folder / "cases", host.url, other.url)], settings)
    ingest_learning([write_learning(folder / "learning", host.url, other.url)], settings)
    return HostileStore(store, host, other, payloads(host.url, other.url))
