"""Free-text documents (.md .txt .pdf .docx) split into passages along headings and pages."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from langchain_text_splitters import MarkdownHeaderTextSplitter, RecursiveCharacterTextSplitter

from ingest.errors import Problem, not_utf8
from ingest.fields import load_yaml

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


def read_document(path: Path, label: str, chunk_size: int, chunk_overlap: int) -> DocumentText:
    """Split one document into pieces, or say precisely why it cannot be read."""
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size,
        chunk_overlap=chunk_overlap,
        separators=["\n\n", "\n", ". ", "; ", " ", ""],
        keep_separator="end",
    )
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if not data.strip():
        return _failed(label, "the file is empty")
    if suffix == ".pdf":
        return _read_pdf(data, label, splitter)
    if suffix == ".docx":
        return _read_docx(data, label, splitter)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return DocumentText(problems=(not_utf8(label, data, error),))
    if suffix == ".md":
        return _read_markdown(text, label, splitter)
    return _pieces_or_empty(label, [Piece(chunk) for chunk in splitter.split_text(text)], {})


def _failed(label: str, message: str, row: int | None = None) -> DocumentText:
    return DocumentText(problems=(Problem(file=label, row=row, message=message),))


def _pieces_or_empty(label: str, pieces: list[Piece], front: dict[str, object]) -> DocumentText:
    pieces = [piece for piece in pieces if piece.text.strip()]
    if not pieces:
        return _failed(label, "no text could be read from the document")
    return DocumentText(tuple(pieces), front)


def _read_markdown(text: str, label: str, splitter: RecursiveCharacterTextSplitter) -> DocumentText:
    front: dict[str, object] = {}
    if match := _FRONT_MATTER.match(text):
        try:
            loaded = load_yaml(match.group(1))
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark is not None else None
            problem = Problem(
                file=label, line=line, message=f"front-matter is not valid YAML ({error})"
            )
            return DocumentText(problems=(problem,))
        if loaded is not None and not isinstance(loaded, dict):
            return _failed(label, "front-matter must be a YAML mapping of key: value")
        front = loaded or {}
        text = text[match.end() :]
    return _pieces_or_empty(label, _split_markdown(text, splitter), front)


def _split_markdown(text: str, splitter: RecursiveCharacterTextSplitter) -> list[Piece]:
    sections = MarkdownHeaderTextSplitter(_HEADERS, strip_headers=True).split_text(text)
    pieces: list[Piece] = []
    for section in sections:
        path = [str(section.metadata[key]) for _, key in _HEADERS if key in section.metadata]
        heading = " > ".join(path) or None
        pieces.extend(Piece(chunk, heading) for chunk in splitter.split_text(section.page_content))
    return pieces


def _read_pdf(data: bytes, label: str, splitter: RecursiveCharacterTextSplitter) -> DocumentText:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        return _failed(label, f"not a readable PDF ({error})")
    pieces = [
        Piece(chunk, page=number)
        for number, page_text in enumerate(pages, start=1)
        for chunk in splitter.split_text(page_text)
    ]
    return _pieces_or_empty(label, pieces, {})


def _read_docx(data: bytes, label: str, splitter: RecursiveCharacterTextSplitter) -> DocumentText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
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
