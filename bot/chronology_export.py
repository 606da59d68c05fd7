"""The multi-agency chronology exported as .xlsx and .docx: one row per chronology event in
date order, filtered by child, agency and period, each row naming its record id and the file
and row it came from. A date the records mark as uncertain, or that another record
contradicts, says so. Every export is audited like a briefing's."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.evidence import fmt_date
from bot.records import Records
from bot.timeline import FAMILIES, agency_family
from bot.tools.chronology import type_words
from ingest.models import ChronologyEvent, EventType, Seen

if TYPE_CHECKING:
    from bot.access import User
    from bot.answer import Engine

ChronologyFormat = Literal["xlsx", "docx"]
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIME: dict[ChronologyFormat, str] = {"xlsx": XLSX_MIME, "docx": DOCX_MIME}

COLUMNS = (
    "Date",
    "Date note",
    "Agency",
    "Source",
    "Source type",
    "Recorded by",
    "Members",
    "Event",
    "Action",
    "Outcome",
    "Child seen",
    "Record id",
    "File and row",
)
# Extra columns (kept by ingest, spec "unknown columns") that say how sure a date is, e.g.
# date_accuracy: approximate. A value saying the date is exact is no note.
DATE_QUALITY = re.compile(r"^(date[ _-]?\w*|approximate|uncertain|estimated|accuracy)$", re.I)
EXACT = frozenset({"", "exact", "certain", "known", "no", "false", "n", "0", "confirmed"})
ADDRESS_ID = re.compile(r"\((addr-[\w-]+)\)")
# Column widths of the .docx table on A4 landscape (27.3 cm between the margins).
DOCX_WIDTHS_CM = (2.0, 1.8, 2.4, 1.6, 1.4, 1.8, 1.8, 5.9, 2.2, 2.0, 1.6, 1.2, 1.6)
SEEN_WORDS = {Seen.YES: "seen", Seen.NO: "not seen", Seen.ALONE: "seen alone"}


class ExportError(ValueError):
    """A filter names nothing of the case (a child or agency), or a period ends before it
    starts; the message says what is allowed."""


class ChronologyFilter(BaseModel):
    """Which events: about these members (or the whole household), of these agencies (None =
    all; an agency family such as 'Health' stands for its agencies), in this period."""

    model_config = ConfigDict(frozen=True)

    members: tuple[str, ...] = ()
    agencies: tuple[str, ...] | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def describe(self, records: Records) -> str:
        who = records.names(list(self.members)) if self.members else "all members"
        where = ", ".join(self.agencies) if self.agencies is not None else "all agencies"
        start = fmt_date(self.start) if self.start else "the first record"
        end = fmt_date(self.end) if self.end else "the last record"
        return f"{who}; {where}; {start} to {end}"


class ChronologyRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    date: dt.date
    time: dt.time | None = None
    date_note: str = Field("", description="Uncertain or conflicting, and why; '' = as recorded.")
    agency: str
    source: str = ""
    source_type: str = ""
    recorded_by: str = ""
    members: str
    event: str
    action: str = ""
    outcome: str = ""
    child_seen: str = ""
    record_id: str
    file_row: str

    def date_text(self) -> str:
        shown = fmt_date(self.date) + (f" {self.time:%H:%M}" if self.time else "")
        return f"{shown} ({self.date_note.split(':')[0]})" if self.date_note else shown

    def cells(self) -> list[str]:
        return [
            self.date_text(),
            self.date_note,
            self.agency,
            self.source,
            self.source_type,
            self.recorded_by,
            self.members,
            self.event,
            self.action,
            self.outcome,
            self.child_seen,
            self.record_id,
            self.file_row,
        ]


class ChronologyExport(BaseModel):
    model_config = ConfigDict(frozen=True)

    case_id: str
    title: str
    prepared_on: dt.date
    filters: ChronologyFilter
    described: str
    marking: str
    rows: list[ChronologyRow]

    def record_ids(self) -> list[str]:
        return [r.record_id for r in self.rows]

    def file_name(self, fmt: ChronologyFormat) -> str:
        return f"{self.case_id}-chronology-{self.prepared_on}.{fmt}"


# -- filters ----------------------------------------------------------------------------------


def resolve_members(records: Records, wanted: list[str]) -> tuple[str, ...]:
    """Member ids from ids or names (any case); ExportError naming the members otherwise."""
    found = []
    for text in wanted:
        key = text.strip().lower()
        member = next(
            (m for m in records.members if key in {m.id.lower(), m.name.lower()}),
            None,
        )
        if member is None:
            allowed = ", ".join(f"{m.id} ({m.name})" for m in records.members)
            raise ExportError(
                f"No member {text!r} in case {records.case_id}: use one of {allowed}."
            )
        found.append(member.id)
    return tuple(dict.fromkeys(found))


def case_agencies(records: Records) -> list[str]:
    return sorted({e.agency for e in records.chronology})


def resolve_agencies(records: Records, wanted: list[str]) -> tuple[str, ...] | None:
    """Agency names from names or agency families (any case); None = all agencies."""
    if not wanted:
        return None
    agencies = case_agencies(records)
    found: list[str] = []
    for text in wanted:
        key = text.strip().lower()
        exact = [a for a in agencies if a.lower() == key]
        family = [a for a in agencies if agency_family(a).lower() == key]
        if not exact and not family:
            families = ", ".join(FAMILIES)
            raise ExportError(
                f"No agency {text!r} in the chronology of case {records.case_id}: use an agency "
                f"({'; '.join(agencies)}) or a family ({families})."
            )
        found += exact or family
    return tuple(dict.fromkeys(found))


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise ExportError(f"The period ends ({end}) before it starts ({start}).")


def filtered(records: Records, flt: ChronologyFilter) -> list[ChronologyEvent]:
    """The chronology as the timeline filters it: events about any of the members or about
    the whole household (none recorded), of the agencies, dated in the period; date order."""
    wanted = set(flt.members)
    allowed = None if flt.agencies is None else set(flt.agencies)
    return [
        e
        for e in records.chronology
        if (flt.start is None or e.date >= flt.start)
        and (flt.end is None or e.date <= flt.end)
        and (allowed is None or e.agency in allowed)
        and (not wanted or not e.members or bool(wanted & set(e.members)))
    ]


# -- rows ---------------------------------------------------------------------------------------


def date_note(event: ChronologyEvent, records: Records) -> str:
    """'uncertain: ...' when the bundle marks the date so (an extra column such as
    date_accuracy), 'conflicting: ...' when the address a move names starts on another day."""
    notes = []
    for column, value in event.extra.items():
        if DATE_QUALITY.match(column.strip()) and value.strip().lower() not in EXACT:
            notes.append(f"uncertain: {column.strip()} {value.strip()}")
    if event.event_type == EventType.MOVE:
        for address_id in ADDRESS_ID.findall(event.summary):
            address = records.by_id.get(address_id)
            start = getattr(address, "start", None)
            if start is not None and start != event.date:
                notes.append(f"conflicting: {address_id} in case.yaml starts on {fmt_date(start)}")
    return "; ".join(notes)


def _seen(event: ChronologyEvent, records: Records) -> str:
    return "; ".join(f"{records.name(m)} {SEEN_WORDS[s]}" for m, s in event.child_seen.items())


def _row(event: ChronologyEvent, records: Records) -> ChronologyRow:
    return ChronologyRow(
        date=event.date,
        time=event.time,
        date_note=date_note(event, records),
        agency=event.agency,
        source=event.source or "",
        source_type=event.source_type.value if event.source_type else "",
        recorded_by=event.recorded_by or "",
        members=records.names(list(event.members)) if event.members else "the household",
        event=f"{type_words(event.event_type).capitalize()}: {event.summary}",
        action=event.action or "",
        outcome=event.outcome or "",
        child_seen=_seen(event, records),
        record_id=event.id,
        file_row=f"{event.file}, row {event.row}" if event.row else event.file,
    )


def prepare(
    records: Records, flt: ChronologyFilter, today: dt.date, marking: str
) -> ChronologyExport:
    check_period(flt.start, flt.end)
    title = records.case.title if records.case else (records.case_id or "")
    return ChronologyExport(
        case_id=records.case_id or "",
        title=title,
        prepared_on=today,
        filters=flt,
        described=flt.describe(records),
        marking=marking,
        rows=[_row(e, records) for e in filtered(records, flt)],
    )


def on_export(engine: Engine, user: User, export: ChronologyExport, fmt: ChronologyFormat) -> None:
    """The chronology left the app (a download, a file): audited as an export, like a
    briefing, with who, which case, which records and which filters."""
    engine.record_export(
        user, export.case_id, export.record_ids(), f"chronology as {fmt}: {export.described}"
    )


# -- files ------------------------------------------------------------------------------------


def _heading(export: ChronologyExport) -> str:
    return f"Multi-agency chronology: {export.title} ({export.case_id})"


def _intro(export: ChronologyExport) -> str:
    return (
        f"Prepared by CaseBrief on {fmt_date(export.prepared_on)} from the case records. "
        f"{len(export.rows)} events: {export.described}. A date marked uncertain or "
        "conflicting is as the records give it; see its note."
    )


def to_xlsx(export: ChronologyExport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Chronology"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in export.rows:
        cells: list[object] = row.cells()
        when = dt.datetime.combine(row.date, row.time) if row.time else row.date
        cells[0] = when  # a real date, sortable; the note says whether it is sure
        sheet.append(cells)
        sheet.cell(sheet.max_row, 1).number_format = "dd mmm yyyy" + (" hh:mm" if row.time else "")
    widths = (14, 24, 28, 16, 12, 18, 22, 70, 30, 30, 20, 10, 22)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.oddHeader.center.text = export.marking
    sheet.oddFooter.center.text = export.marking
    about = book.create_sheet("About")
    for pair in (
        ("Marking", export.marking),
        ("Chronology", _heading(export)),
        ("Prepared", export.prepared_on.isoformat()),
        ("Filters", export.described),
        ("Events", str(len(export.rows))),
    ):
        about.append(list(pair))
    book.properties.title = _heading(export)
    book.properties.keywords = export.marking
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_docx(export: ChronologyExport) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)  # A4 landscape
    section.left_margin = section.right_margin = Cm(1.2)
    for part in (section.header, section.footer):
        paragraph = part.paragraphs[0]
        paragraph.text = export.marking
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.runs[0].bold = True
    document.core_properties.title = _heading(export)
    document.core_properties.keywords = export.marking
    document.core_properties.subject = "CaseBrief multi-agency chronology"
    document.add_heading(_heading(export), level=0)
    document.add_paragraph(_intro(export))
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = title
        cell.paragraphs[0].runs[0].bold = True
    for row in export.rows:
        for cell, text in zip(table.add_row().cells, row.cells(), strict=True):
            cell.text = text
    table.autofit = False
    for line in table.rows:
        for cell, width in zip(line.cells, DOCX_WIDTHS_CM, strict=True):
            cell.width = Cm(width)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(7)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(export: ChronologyExport, fmt: ChronologyFormat) -> bytes:
    return to_xlsx(export) if fmt == "xlsx" else to_docx(export)


def export_file(
    engine: Engine, user: User, export: ChronologyExport, fmt: ChronologyFormat
) -> bytes:
    """The file, made only once its export is in the audit log (AuditError otherwise)."""
    on_export(engine, user, export, fmt)
    return render(export, fmt)
