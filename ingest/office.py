"""Check a .docx or .xlsx (a zip of XML parts) before a library parses it: what it unpacks to,
that every XML part is well formed and declares no DTD or entities (defusedxml), and, for a
.docx, how many paragraphs and characters it holds. Each refusal is one Problem."""

from __future__ import annotations

import io
import zipfile
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from config.settings import IngestLimits
from ingest.containment import MB, size_text
from ingest.errors import Problem

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCX_BODY = "word/document.xml"


class _Refused(Exception):
    """One XML part over a limit."""


def check_office_file(data: bytes, label: str, limits: IngestLimits, kind: str) -> Problem | None:
    """None when the package may be handed to python-docx or openpyxl; `kind` names it in
    messages (".docx document")."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return Problem(file=label, message=f"not a readable {kind} ({error})")
    with package:
        members = package.infolist()
        unpacked = sum(member.file_size for member in members)
        limit = int(limits.max_unpacked_mb * MB)
        if unpacked > limit:
            biggest = max(members, key=lambda member: member.file_size)
            return Problem(
                file=label,
                message=f"unpacks to {size_text(unpacked)} ({biggest.filename}: "
                f"{size_text(biggest.file_size)}); the limit is {size_text(limit)} "
                "(CASEBRIEF_LIMIT_MAX_UNPACKED_MB)",
            )
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                problem = _check_part(package, member.filename, label, limits)
                if problem is not None:
                    return problem
    return None


def _check_part(
    package: zipfile.ZipFile, name: str, label: str, limits: IngestLimits
) -> Problem | None:
    counting = name == _DOCX_BODY
    streamed = name.startswith("xl/worksheets/")  # openpyxl reads these a row at a time
    paragraphs = characters = elements = 0
    open_elements: list[Element] = []  # each finished element is dropped, so memory stays flat
    try:
        with package.open(name) as stream:
            for event, element in iterparse(stream, ("start", "end"), forbid_dtd=True):
                if event == "start":
                    open_elements.append(element)
                    continue
                open_elements.pop()
                if open_elements:
                    open_elements[-1].remove(element)
                elements += 1
                if elements > limits.max_xml_elements and not streamed:
                    raise _Refused(
                        f"{name} holds more than {limits.max_xml_elements:,} XML elements; the "
                        f"limit is {limits.max_xml_elements:,} (CASEBRIEF_LIMIT_MAX_XML_ELEMENTS)"
                    )
                if counting:
                    characters += len(element.text or "")
                    if element.tag == f"{_W}p":
                        paragraphs += 1
                        if paragraphs > limits.max_paragraphs:
                            raise _Refused(
                                f"more than {limits.max_paragraphs:,} paragraphs; the limit is "
                                f"{limits.max_paragraphs:,} (CASEBRIEF_LIMIT_MAX_PARAGRAPHS)"
                            )
                    if characters > limits.max_document_chars:
                        raise _Refused(_too_much_text(limits))
    except _Refused as refused:
        return Problem(file=label, message=str(refused))
    except DefusedXmlException:
        return Problem(
            file=label, message=f"{name} declares a DTD or XML entities, which are not allowed"
        )
    except ParseError as error:
        line, column = error.position
        return Problem(
            file=label,
            message=f"{name} is not well-formed XML (line {line}, column {column + 1}: "
            f"{str(error).split(':')[0]})",
        )
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        return Problem(file=label, message=f"{name} cannot be unpacked ({error})")
    return None


def _too_much_text(limits: IngestLimits) -> str:
    return (
        f"more than {limits.max_document_chars:,} characters of text; the limit is "
        f"{limits.max_document_chars:,} (CASEBRIEF_LIMIT_MAX_DOCUMENT_CHARS)"
    )
