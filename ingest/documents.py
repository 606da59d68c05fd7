"""Free-text documents (.md .txt .pdf .docx) split into passages along headings and pages."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from config.settings import IngestLimits
from ingest.containment import MB, read_bounded
from ingest.errors import Problem, not_utf8
from ingest.office import check_office_file
from ingest.safe_yaml import load_yaml, yaml_problem

if TYPE_CHECKING:  # imported when a document is split (~0.25 s): an unchanged ingest never is
    from langchain_text_splitters import RecursiveCharacterTextSplitter

DOCUMENT_SUFFIXES = frozenset({".md", ".txt", ".pdf", ".docx"})
logging.getLogger("pypdf").setLevel(logging.ERROR)
_HEADERS = [("#", "h1"), ("##", "h2"), ("###", "h3"), ("####", "h4")]
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Piece:
    """One passage of a document before it becomes a typed record."""

    text: str
    heading: str | None = None
    page: int | None = None


@dataclass(frozen=True)
class DocumentText:
    pieces: tuple[Piece, ...] = ()
    front_matter: dict[str, object] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()


def read_document(
    path: Path,
    label: str,
    chunk_size: int,
    chunk_overlap: int,
    limits: IngestLimits | None = None,
) -> DocumentText:
    """Split one document into pieces, or say precisely why it cannot be read."""
    limits = limits or IngestLimits()
    data = read_bounded(path, label, int(limits.max_file_mb * MB))
    if isinstance(data, Problem):
        return DocumentText(problems=(data,))
    if not data.strip():
        return _failed(label, "the file is empty")
    try:
        return _read(data, path.suffix.lower(), label, _splitter(chunk_size, chunk_overlap), limits)
    except Exception as error:  # a parser's own bug on a hostile file is still about this file
        return _failed(label, f"could not be read ({type(error).__name__}: {error})")


def _splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=["\n\n", "\n", ". ", "; ", " ", ""],
        keep_separator="end",
    )


def _read(
    data: bytes,
    suffix: str,
    label: str,
    splitter: RecursiveCharacterTextSplitter,
    limits: IngestLimits,
) -> DocumentText:
    if suffix == ".pdf":
        return _read_pdf(data, label, splitter, limits)
    if suffix == ".docx":
        return _read_docx(data, label, splitter, limits)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return DocumentText(problems=(not_utf8(label, data, error),))
    if len(text) > limits.max_document_chars:
        return _failed(label, _too_much_text(len(text), limits))
    if suffix == ".md":
        return _read_markdown(text, label, splitter, limits)
    return _pieces_or_empty(label, [Piece(chunk) for chunk in splitter.split_text(text)], {})


def _too_much_text(found: int | None, limits: IngestLimits) -> str:
    amount = f"{found:,}" if found is not None else f"more than {limits.max_document_chars:,}"
    return (
        f"{amount} characters of text; the limit is {limits.max_document_chars:,} "
        "(CASEBRIEF_LIMIT_MAX_DOCUMENT_CHARS)"
    )


def _failed(label: str, message: str, row: int | None = None) -> DocumentText:
    return DocumentText(problems=(Problem(file=label, row=row, message=message),))


def _pieces_or_empty(label: str, pieces: list[Piece], front: dict[str, object]) -> DocumentText:
    pieces = [piece for piece in pieces if piece.text.strip()]
    if not pieces:
        return _failed(label, "no text could be read from the document")
    return DocumentText(tuple(pieces), front)


def _read_markdown(
    text: str, label: str, splitter: RecursiveCharacterTextSplitter, limits: IngestLimits
) -> DocumentText:
    front: dict[str, object] = {}
    if match := _FRONT_MATTER.match(text):
        size = len(match.group(1).encode())
        if size > limits.max_yaml_kb * 1024:
            return _failed(
                label,
                f"front-matter is {size / 1024:,.1f} KB; the limit is {limits.max_yaml_kb:,g} KB "
                "(CASEBRIEF_LIMIT_MAX_YAML_KB)",
            )
        try:
            loaded = load_yaml(match.group(1), max_depth=limits.max_yaml_depth)
        except yaml.YAMLError as error:
            problem = yaml_problem(label, error, subject="front-matter", line_offset=1)
            return DocumentText(problems=(problem,))
        if loaded is not None and not isinstance(loaded, dict):
            return _failed(label, "front-matter must be a YAML mapping of key: value")
        front = loaded or {}
        text = text[match.end() :]
    return _pieces_or_empty(label, _split_markdown(text, splitter), front)


def _split_markdown(text: str, splitter: RecursiveCharacterTextSplitter) -> list[Piece]:
    from langchain_text_splitters import MarkdownHeaderTextSplitter

    sections = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True).split_text(text)
    pieces: list[Piece] = []
    for section in sections:
        path = [str(section.metadata[key]) for _, key in _HEADERS if key in section.metadata]
        heading = " > ".join(path) or None
        pieces.extend(Piece(chunk, heading) for chunk in splitter.split_text(section.page_content))
    return pieces


def _read_pdf(
    data: bytes, label: str, splitter: RecursiveCharacterTextSplitter, limits: IngestLimits
) -> DocumentText:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    pages: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if len(reader.pages) > limits.max_pages:
            return _failed(
                label,
                f"{len(reader.pages):,} pages; the limit is {limits.max_pages:,} "
                "(CASEBRIEF_LIMIT_MAX_PAGES)",
            )
        characters = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            characters += len(pages[-1])
            if characters > limits.max_document_chars:
                return _failed(label, _too_much_text(None, limits))
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        return _failed(label, f"not a readable PDF ({error})")
    pieces = [
        Piece(chunk, page=number)
        for number, page_text in enumerate(pages, start=1)
        for chunk in splitter.split_text(page_text)
    ]
    return _pieces_or_empty(label, pieces, {})


def _read_docx(
    data: bytes, label: str, splitter: RecursiveCharacterTextSplitter, limits: IngestLimits
) -> DocumentText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    if (refused := check_office_file(data, label, limits, ".docx document")) is not None:
        return DocumentText(problems=(refused,))
    try:
        document = docx.Document(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        PackageNotFoundError,
        KeyError,
        ValueError,
        XMLSyntaxError,
    ) as error:
        return _failed(label, f"not a readable .docx document ({error})")
    lines: list[str] = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        text = paragraph.text.strip()
        if not text:
            continue
        if style == "Title":
            lines.append(f"# {text}")
        elif style.startswith("Heading") and style.split()[-1].isdigit():
            lines.append(f"{'#' * min(int(style.split()[-1]), 4)} {text}")
        else:
            lines.append(text)
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return _pieces_or_empty(label, _split_markdown("\n\n".join(lines), splitter), {})
