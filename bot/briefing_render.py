"""A briefing as Markdown and as a Word document. Both carry the confidentiality marking, the
case and the date generated, and a numbered citation list giving each record's id, date,
agency and source (file and row); the .docx also has the marking in its header and footer,
page numbers, and the signed-in user as its author."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from bot.briefing_model import Briefing, BriefingLine
from bot.briefing_text import record_date
from bot.citations import citation, render_markers
from bot.evidence import fmt_date
from bot.markup import md
from bot.records import Records
from bot.types import Citation
from ingest.entries import AnyRecord
from ingest.models import Address, Appointment, ChronologyEvent, Passage, Professional

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

NOT_RECORDED = "not recorded"


def sources(
    briefing: Briefing, records: Records, learning: Records | None = None
) -> list[Citation]:
    """The numbered sources list: marker n is the n-th record first cited (a case record, or a
    passage of the learning corpus)."""
    return [
        citation(
            number,
            _owner(record_id, records, learning).by_id[record_id],
            _owner(record_id, records, learning),
        )
        for number, record_id in enumerate(briefing.record_ids(), start=1)
    ]


def _owner(record_id: str, records: Records, learning: Records | None) -> Records:
    return records if record_id in records.by_id or learning is None else learning


def agency_of(record: AnyRecord, records: Records) -> str:
    """The agency that holds a record: its own column, a document's front-matter or an agency
    its file name names; the local authority for the case's own details."""
    if isinstance(record, ChronologyEvent | Appointment | Professional):
        return record.agency
    if isinstance(record, Passage):
        if record.agency:
            return record.agency
        words = re.sub(r"[-_]+", " ", PurePosixPath(record.file).stem).lower()
        named = {e.agency for e in records.chronology} | {p.agency for p in records.professionals}
        for agency in sorted(named, key=len, reverse=True):
            if re.search(rf"\b{re.escape(agency.lower())}\b", words):
                return agency
        return NOT_RECORDED
    if isinstance(record, Address):
        return record.local_authority or NOT_RECORDED
    case = records.case
    return (
        f"case details ({case.local_authority})"
        if case and case.local_authority
        else ("case details")
    )


def citation_entry(cited: Citation, records: Records, learning: Records | None = None) -> str:
    """'chr-203 (chronology, chronology.csv row 204, 2018-06-26), Marlow Vale Children's Social
    Care: <the record's text>': the id, the source (file and row), the date and the agency."""
    records = _owner(cited.record_id, records, learning)
    record = records.by_id[cited.record_id]
    day = record_date(record) or getattr(record, "start", None)
    when = day.isoformat() if day else "no date"
    agency = agency_of(record, records)
    return f"{cited.record_id} ({cited.kind}, {cited.source}, {when}), {agency}: {cited.text}"


def _markers(item: BriefingLine, numbers: dict[str, int]) -> str:
    return render_markers([numbers[i] for i in item.record_ids])


def _intro(briefing: Briefing) -> str:
    since = f" Chronology from {fmt_date(briefing.since)}." if briefing.since else ""
    return (
        f"Prepared {fmt_date(briefing.prepared_on)} from the case records.{since} "
        "Every line cites its records: [n] refers to the numbered citations at the end."
    )


def _generated(briefing: Briefing, author: str | None) -> str:
    by = f" by {author}" if author else ""
    return f"Case {briefing.case_id}. Generated {fmt_date(briefing.prepared_on)}{by}."


def _marking(marking: str | None) -> str:
    if marking:
        return marking
    from config.settings import load_settings

    return load_settings().confidentiality_marking


def to_markdown(
    briefing: Briefing,
    records: Records,
    level: int = 1,
    *,
    author: str | None = None,
    marking: str | None = None,
    learning: Records | None = None,
) -> str:
    """The briefing as Markdown; `level` is the title's heading level (sections one below).
    Every text from the records is escaped (`md`): in any Markdown viewer it shows as written,
    never as an image, a link or HTML."""
    cited = sources(briefing, records, learning)
    numbers = {c.record_id: c.marker for c in cited}
    title, heading = "#" * level, "#" * (level + 1)
    mark = f"**{md(_marking(marking))}**"
    parts = [
        f"{title} {md(briefing.title)}",
        mark,
        md(_generated(briefing, author)),
        md(_intro(briefing)),
    ]
    for section in briefing.sections:
        parts.append(f"{heading} {md(section.title)}")
        if not section.lines:
            parts.append(f"_{md(section.empty)}_")
            continue
        parts.append("\n".join(f"- {md(ln.text)} {_markers(ln, numbers)}" for ln in section.lines))
    parts.append(f"{heading} Sources")
    parts.append(
        "\n".join(f"[{c.marker}] {md(citation_entry(c, records, learning))}" + "  " for c in cited)
    )
    parts.append(mark)
    return "\n\n".join(parts) + "\n"


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays the pages out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(tag: str, **attributes: str) -> None:
        element = OxmlElement(tag)
        for name, value in attributes.items():
            element.set(qn(name), value)
        paragraph.add_run()._r.append(element)

    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    instruction_run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    instruction_run._r.append(text)
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    paragraph.add_run("1")
    run_with("w:fldChar", **{"w:fldCharType": "end"})


def to_docx(
    briefing: Briefing,
    records: Records,
    *,
    author: str | None = None,
    marking: str | None = None,
    learning: Records | None = None,
) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    mark = _marking(marking)
    cited = sources(briefing, records, learning)
    numbers = {c.record_id: c.marker for c in cited}
    document = Document()
    properties = document.core_properties
    properties.title = briefing.title
    properties.subject = f"CaseBrief {briefing.kind.replace('_', ' ')} briefing"
    properties.author = author or "CaseBrief"
    properties.last_modified_by = author or "CaseBrief"
    properties.category = mark
    properties.created = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    page = document.sections[0]
    header = page.header.paragraphs[0]
    header.text = mark
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.runs[0].bold = True
    footer = page.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(mark).bold = True
    footer.add_run(f" · {briefing.case_id} · Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")
    document.add_heading(briefing.title, level=0)
    document.add_paragraph(_generated(briefing, author)).runs[0].bold = True
    document.add_paragraph(_intro(briefing))
    for section in briefing.sections:
        document.add_heading(section.title, level=1)
        if not section.lines:
            document.add_paragraph(section.empty).runs[0].italic = True
            continue
        for item in section.lines:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{item.text} ")
            paragraph.add_run(_markers(item, numbers)).bold = True
    document.add_heading("Sources", level=1)
    for source in cited:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"[{source.marker}] ").bold = True
        paragraph.add_run(citation_entry(source, records, learning)).font.size = Pt(9)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
