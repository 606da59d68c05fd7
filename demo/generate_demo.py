"""Generate CaseBrief's fictional demo data (case bundles and learning corpus).

Usage (from the repository root):

    .venv/bin/python demo/generate_demo.py          # write everything, then print a summary
    .venv/bin/python demo/generate_demo.py --check  # also fail if the output differs on disk

Output (all overwritten on every run; nothing else is touched):

    demo/cases/FAM-0107/   the Ashdown family (main demo case)
    demo/cases/FAM-0215/   the Brierley family (small second case, other local authority)
    demo/learning/         reviews/, procedures/, guidance/

The script is deterministic: a fixed random seed chooses which dates are written day-first
(DD/MM/YYYY), record ids are assigned after sorting by date, and every timestamp inside the
.docx, .xlsx and .pdf files is pinned, so two runs give byte-identical files. It never reads
the current date. Everything it writes is fictional: pseudonyms, invented places, phone
numbers in the 01632 960xxx drama range and e-mail addresses @example.org.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import random
import re
import shutil
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # keep demo/content free of __pycache__

from content import ashdown, ashdown_docs, brierley, learning  # noqa: E402

SEED = 20180702
DEMO_TODAY = dt.date(2018, 7, 2)  # the demo's "today"; used only by the checks below
FIXED_STAMP = dt.datetime(2018, 7, 2, 9, 0, 0)
ZIP_STAMP = (2018, 7, 2, 9, 0, 0)
UK_SHARE = 0.15  # share of dates written DD/MM/YYYY

EVENT_TYPES = [
    "referral",
    "home_visit",
    "no_access_visit",
    "assessment",
    "strategy_discussion",
    "section_47",
    "conference",
    "core_group",
    "meeting",
    "education",
    "health",
    "police",
    "housing",
    "environmental_health",
    "move",
    "court",
    "case_closed",
    "note",
]
OUTCOMES = [
    "attended",
    "was_not_brought",
    "did_not_attend",
    "cancelled_by_family",
    "cancelled_by_service",
    "no_access",
    "rescheduled",
    "upcoming",
]
MISSED = {"was_not_brought", "did_not_attend", "no_access", "cancelled_by_family"}
SOURCE_TYPES = ["professional", "family", "neighbour", "public", "child", "anonymous"]

SHORT = {
    "A": "child-a",
    "B": "child-b",
    "C": "child-c",
    "D": "child-d",
    "E": "child-e",
    "F": "child-f",
    "MUM": "mother",
    "DAD": "father",
    "UNB": "unborn",
}

CHRON_COLUMNS = [
    "id",
    "date",
    "agency",
    "event_type",
    "summary",
    "members",
    "source",
    "source_type",
    "action",
    "outcome",
    "child_seen",
    "recorded_by",
]
APPT_COLUMNS = ["id", "date", "member", "agency", "type", "outcome", "notes"]
PROF_COLUMNS = [
    "id",
    "name",
    "role",
    "agency",
    "members",
    "start",
    "end",
    "phone",
    "email",
    "lead",
    "team",
    "notes",
]


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------
def expand_members(spec: str) -> str:
    return ";".join(SHORT[token] for token in spec.split())


def parse_iso(text: str) -> tuple[dt.date, str]:
    """'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM' -> (date, time text or '')."""
    day, _, time = text.partition(" ")
    return dt.date.fromisoformat(day), time


class DateWriter:
    """Writes ISO dates, and about UK_SHARE of them day-first, from a fixed seed."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        day, time = parse_iso(text)
        out = day.strftime("%d/%m/%Y") if self.rng.random() < UK_SHARE else day.isoformat()
        return f"{out} {time}" if time else out


def sort_key(text: str) -> tuple[dt.date, str]:
    return parse_iso(text)


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, bom: bool = False) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def yaml_scalar(value: object) -> str:
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9 _.,'()-]*", text) and not text.endswith(" ")
    if plain and text.lower() not in {"yes", "no", "true", "false", "null", "on", "off"}:
        return text
    return json.dumps(text, ensure_ascii=False)


def write_case_yaml(path: Path, case: dict, members: list[dict], addresses: list[tuple]) -> None:
    lines = [
        f"case_id: {case['case_id']}",
        f"title: {yaml_scalar(case['title'])}",
        f"local_authority: {yaml_scalar(case['local_authority'])}",
        f"opened: {case['opened']}",
        "summary: >-",
    ]
    lines += ["  " + line for line in wrap(case["summary"], 88)]
    lines.append("members:")
    for member in members:
        lines.append(f"  - id: {member['id']}")
        for key in ("name", "aliases", "role", "date_of_birth", "expected_date", "gender", "notes"):
            if key not in member:
                continue
            value = member[key]
            if isinstance(value, list):
                rendered = "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
            else:
                rendered = yaml_scalar(value)
            lines.append(f"    {key}: {rendered}")
    lines.append("addresses:")
    for addr_id, start, end, area, authority, who, notes in addresses:
        lines.append(f"  - id: {addr_id}")
        lines.append(f"    from: {start}")
        lines.append(f"    to: {end}" if end else "    to:")
        lines.append(f"    area: {yaml_scalar(area)}")
        lines.append(f"    local_authority: {yaml_scalar(authority)}")
        if who:
            lines.append(f"    members: {who}")
        lines.append(f"    notes: {yaml_scalar(notes)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def wrap(text: str, width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def normalise_zip(path: Path) -> None:
    """Rewrite an OOXML zip with pinned timestamps so the bytes do not depend on today."""
    stamp = FIXED_STAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    lambda m: f"{m.group(1)}{stamp}{m.group(3)}",
                    text,
                )
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=ZIP_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    path.write_bytes(buffer.getvalue())


# ---------------------------------------------------------------------------
# tables
# ---------------------------------------------------------------------------
def build_professionals(
    raw: list[tuple], dates: DateWriter, *, phone_base: int, with_team: bool
) -> list[dict]:
    rows = []
    ordered = sorted(enumerate(raw), key=lambda pair: (pair[1][4], pair[0]))
    for number, (_, item) in enumerate(ordered, start=1):
        if with_team:
            name, role, agency, who, start, end, lead, team, notes = item
        else:
            name, role, agency, who, start, end, lead, notes = item
            team = ""
        plain = re.sub(r"^(Dr|DC|Mr|Ms|Mrs) ", "", name)
        first, last = plain.split(" ", 1)
        email = f"{first[0].lower()}.{last.lower().replace(' ', '')}@example.org"
        phone = f"01632 960{phone_base + number:03d}"
        if number % 7 == 0:  # some contact details simply not recorded
            phone = ""
        rows.append(
            {
                "id": f"pro-{number:03d}",
                "name": name,
                "role": role,
                "agency": agency,
                "members": expand_members(who),
                "start_iso": start,
                "end_iso": end,
                "start": dates(start),
                "end": dates(end),
                "phone": phone,
                "email": email,
                "lead": lead,
                "team": team,
                "notes": notes,
            }
        )
    return rows


def build_chronology(raw: list[dict], dates: DateWriter) -> list[dict]:
    ordered = sorted(enumerate(raw), key=lambda pair: (sort_key(pair[1]["date"]), pair[0]))
    rows = []
    for number, (_, event) in enumerate(ordered, start=1):
        seen = event["child_seen"]
        if seen and ":" in seen and not seen.startswith("child-"):
            raise ValueError(f"unexpected child_seen {seen!r}")
        rows.append(
            {
                **event,
                "id": f"chr-{number:03d}",
                "date_iso": event["date"],
                "date": dates(event["date"]),
                "members": expand_members(event["members"]),
            }
        )
    return rows


def build_appointments(raw: list[tuple], dates: DateWriter | None) -> list[dict]:
    ordered = sorted(enumerate(raw), key=lambda pair: (sort_key(pair[1][0]), pair[0]))
    rows = []
    for number, (_, (when, who, agency, kind, outcome, notes)) in enumerate(ordered, start=1):
        rows.append(
            {
                "id": f"apt-{number:03d}",
                "date_iso": when,
                "date": dates(when) if dates else when,
                "member": SHORT[who],
                "agency": agency,
                "type": kind,
                "outcome": outcome,
                "notes": notes,
            }
        )
    return rows


def write_appointments_xlsx(path: Path, rows: list[dict]) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Appointments"
    sheet.append(APPT_COLUMNS)
    for row in rows:
        day, time = parse_iso(row["date_iso"])
        if time:
            hour, minute = (int(part) for part in time.split(":"))
            value: object = dt.datetime(day.year, day.month, day.day, hour, minute)
        else:
            value = dt.datetime(day.year, day.month, day.day)
        sheet.append(
            [
                row["id"],
                value,
                row["member"],
                row["agency"],
                row["type"],
                row["outcome"],
                row["notes"],
            ]
        )
        cell = sheet.cell(row=sheet.max_row, column=2)
        cell.number_format = "dd/mm/yyyy hh:mm" if time else "dd/mm/yyyy"
    for column, width in zip("ABCDEFG", (9, 17, 10, 36, 34, 20, 30), strict=True):
        sheet.column_dimensions[column].width = width
    workbook.properties.creator = "Dunmere Health Visiting"
    workbook.properties.created = FIXED_STAMP
    workbook.properties.modified = FIXED_STAMP
    workbook.save(path)
    normalise_zip(path)


# ---------------------------------------------------------------------------
# documents
# ---------------------------------------------------------------------------
def write_docx(path: Path, blocks: list[tuple[str, str]]) -> None:
    from docx import Document

    document = Document()
    props = document.core_properties
    props.author = "Marlow Vale Children's Social Care"
    props.title = "Initial Child Protection Conference: minutes"
    props.created = FIXED_STAMP
    props.modified = FIXED_STAMP
    props.last_printed = FIXED_STAMP
    props.revision = 1
    for style, text in blocks:
        if style == "H1":
            document.add_heading(text, level=1)
        elif style == "H2":
            document.add_heading(text, level=2)
        elif style == "B":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    document.save(path)
    normalise_zip(path)


def write_pdf(path: Path, title: str, pages: list[list[tuple[str, str]]]) -> None:
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "B", 9)
            self.cell(
                0,
                6,
                "Hasleby Academy - CONFIDENTIAL - safeguarding",
                new_x="LMARGIN",
                new_y="NEXT",
                align="R",
            )
            self.ln(2)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Report(format="A4")
    pdf.set_creation_date(dt.datetime(2018, 3, 29, 12, 0, tzinfo=dt.UTC))
    pdf.set_title(title)
    pdf.set_author("Rebecca Hollins, Designated Safeguarding Lead")
    pdf.set_creator("CaseBrief demo generator")
    pdf.set_producer("CaseBrief demo generator")
    pdf.set_auto_page_break(auto=True, margin=18)
    for page in pages:
        pdf.add_page()
        for kind, text in page:
            text.encode("latin-1")  # core fonts: fail loudly on non-Latin-1 text
            if kind == "H":
                pdf.set_font("Helvetica", "B", 12)
                pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(1)
            else:
                pdf.set_font("Helvetica", "", 10.5)
                pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
                pdf.ln(3)
    pdf.output(str(path))


# ---------------------------------------------------------------------------
# bundles
# ---------------------------------------------------------------------------
def chron_row(row: dict) -> list[str]:
    return [row[column] for column in CHRON_COLUMNS]


def build_ashdown(out: Path) -> dict:
    folder = out / "cases" / ashdown.CASE_ID
    (folder / "documents").mkdir(parents=True)
    write_case_yaml(folder / "case.yaml", ashdown.CASE, ashdown.MEMBERS, ashdown.ADDRESSES)

    dates = DateWriter(SEED)
    chronology = build_chronology(ashdown.CHRONOLOGY, dates)
    appointments = build_appointments(ashdown.APPOINTMENTS, dates)
    professionals = build_professionals(
        ashdown.PROFESSIONALS, dates, phone_base=100, with_team=True
    )

    write_csv(folder / "chronology.csv", CHRON_COLUMNS, [chron_row(r) for r in chronology])
    write_csv(
        folder / "appointments.csv",
        APPT_COLUMNS,
        [[r[c] for c in APPT_COLUMNS] for r in appointments],
    )
    write_csv(
        folder / "professionals.csv",
        PROF_COLUMNS,
        [[r[c] for c in PROF_COLUMNS] for r in professionals],
    )

    docs = folder / "documents"
    (docs / "2018-03-27-section-47-assessment.md").write_text(
        ashdown_docs.S47_ASSESSMENT_MD, encoding="utf-8"
    )
    write_docx(docs / "2018-04-03-icpc-minutes.docx", ashdown_docs.ICPC_MINUTES)
    write_pdf(
        docs / "2018-03-29-school-report-hasleby-academy.pdf",
        ashdown_docs.SCHOOL_REPORT_TITLE,
        ashdown_docs.SCHOOL_REPORT_PAGES,
    )
    (docs / "2018-05-22-home-visit-note.txt").write_text(
        ashdown_docs.HOME_VISIT_TXT, encoding="utf-8"
    )
    (docs / "2018-06-27-letter-from-father.md").write_text(
        ashdown_docs.FATHER_LETTER_MD, encoding="utf-8"
    )
    return {
        "folder": folder,
        "chronology": chronology,
        "appointments": appointments,
        "professionals": professionals,
        "members": ashdown.MEMBERS,
        "addresses": ashdown.ADDRESSES,
    }


def build_brierley(out: Path) -> dict:
    folder = out / "cases" / brierley.CASE_ID
    (folder / "documents").mkdir(parents=True)
    write_case_yaml(folder / "case.yaml", brierley.CASE, brierley.MEMBERS, brierley.ADDRESSES)

    dates = DateWriter(SEED + 215)
    chronology = build_chronology(brierley.CHRONOLOGY, dates)
    appointments = build_appointments(brierley.APPOINTMENTS, None)
    professionals = build_professionals(
        brierley.PROFESSIONALS, dates, phone_base=700, with_team=False
    )

    write_csv(folder / "chronology.csv", CHRON_COLUMNS, [chron_row(r) for r in chronology])
    write_appointments_xlsx(folder / "appointments.xlsx", appointments)
    # Header spelled differently on purpose (case-insensitive, surrounding spaces) plus a BOM.
    header = [
        "ID",
        " Name ",
        "Role",
        "Agency",
        "Members",
        "Start",
        "End",
        "Phone",
        "Email",
        "Lead",
        "Notes",
    ]
    columns = [c for c in PROF_COLUMNS if c != "team"]
    write_csv(
        folder / "professionals.csv",
        header,
        [[r[c] for c in columns] for r in professionals],
        bom=True,
    )
    (folder / "documents" / brierley.DOCUMENT_NAME).write_text(
        brierley.DOCUMENT_MD, encoding="utf-8"
    )
    return {
        "folder": folder,
        "chronology": chronology,
        "appointments": appointments,
        "professionals": professionals,
        "members": brierley.MEMBERS,
        "addresses": brierley.ADDRESSES,
    }


def build_learning(out: Path) -> list[Path]:
    written = []
    for name, text in (
        (learning.REVIEW_NAME, learning.REVIEW_MD),
        (learning.PROCEDURE_NAME, learning.PROCEDURE_MD),
        (learning.GUIDANCE_NAME, learning.GUIDANCE_MD),
    ):
        path = out / "learning" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# ---------------------------------------------------------------------------
# checks and summary
# ---------------------------------------------------------------------------
def seen_map(row: dict, roles: dict[str, str]) -> dict[str, str]:
    text = row["child_seen"]
    if not text:
        return {}
    if ":" not in text:
        concerned = row["members"].split(";") if row["members"] else list(roles)
        children = [m for m in concerned if roles[m] == "child"]
        return dict.fromkeys(children or concerned, text)
    return dict(part.split(":") for part in text.split(";"))


def overlapping_leads(professionals: list[dict]) -> list[tuple[str, str]]:
    leads = [p for p in professionals if p["lead"] == "yes"]
    far = dt.date(9999, 12, 31)
    pairs = []
    for i, one in enumerate(leads):
        for other in leads[i + 1 :]:
            a0, a1 = (
                parse_iso(one["start_iso"])[0],
                parse_iso(one["end_iso"])[0] if one["end_iso"] else far,
            )
            b0, b1 = (
                parse_iso(other["start_iso"])[0],
                parse_iso(other["end_iso"])[0] if other["end_iso"] else far,
            )
            if a0 <= b1 and b0 <= a1:
                pairs.append((one["id"], other["id"]))
    return pairs


def check_bundle(bundle: dict, *, full: bool) -> dict:
    problems: list[str] = []
    members = {m["id"]: m for m in bundle["members"]}
    roles = {m["id"]: m["role"] for m in bundle["members"]}
    births = {
        m["id"]: dt.date.fromisoformat(m["date_of_birth"])
        for m in bundle["members"]
        if m.get("date_of_birth")
    }

    def known(ids: str, where: str) -> None:
        for member in filter(None, ids.split(";")):
            if member not in members:
                problems.append(f"{where}: unknown member {member}")

    for row in bundle["chronology"]:
        where = row["id"]
        if row["event_type"] not in EVENT_TYPES:
            problems.append(f"{where}: bad event_type {row['event_type']}")
        if row["source_type"] and row["source_type"] not in SOURCE_TYPES:
            problems.append(f"{where}: bad source_type")
        known(row["members"], where)
        day = parse_iso(row["date_iso"])[0]
        if day > DEMO_TODAY:
            problems.append(f"{where}: chronology event after the demo's today")
        for member in filter(None, row["members"].split(";")):
            if member in births and day < births[member]:
                problems.append(f"{where}: {member} not yet born")
            if roles[member] == "unborn" and day.year < 2018:
                problems.append(f"{where}: unborn member before the pregnancy")
        for member, value in seen_map(row, roles).items():
            if member not in members or value not in {"yes", "no", "alone"}:
                problems.append(f"{where}: bad child_seen {row['child_seen']}")
            if row["members"] and member not in row["members"].split(";"):
                problems.append(f"{where}: child_seen names {member} not in members")
    for row in bundle["appointments"]:
        if row["outcome"] not in OUTCOMES:
            problems.append(f"{row['id']}: bad outcome")
        known(row["member"], row["id"])
        day = parse_iso(row["date_iso"])[0]
        if (row["outcome"] == "upcoming") != (day > DEMO_TODAY):
            problems.append(f"{row['id']}: upcoming must be exactly the future appointments")
        if roles[row["member"]] == "child" and row["outcome"] == "did_not_attend":
            problems.append(f"{row['id']}: DNA used for a child (use was_not_brought)")
        if roles[row["member"]] != "child" and row["outcome"] == "was_not_brought":
            problems.append(f"{row['id']}: WNB used for an adult (use did_not_attend)")
    for row in bundle["professionals"]:
        known(row["members"], row["id"])
        if row["phone"] and not row["phone"].startswith("01632 960"):
            problems.append(f"{row['id']}: phone outside the drama range")
        if not row["email"].endswith("@example.org"):
            problems.append(f"{row['id']}: e-mail outside example.org")

    moves = [r for r in bundle["chronology"] if r["event_type"] == "move"]
    if [parse_iso(r["date_iso"])[0].isoformat() for r in moves] != [
        a[1] for a in bundle["addresses"]
    ]:
        problems.append("move rows do not match the address history")
    if [a[2] for a in bundle["addresses"]][-1] != "":
        problems.append("last address must be current (empty 'to')")
    current_leads = [
        p["id"] for p in bundle["professionals"] if p["lead"] == "yes" and not p["end_iso"]
    ]
    if len(current_leads) != 1:
        problems.append(f"expected exactly one current lead, got {current_leads}")

    if full:
        used = Counter(r["event_type"] for r in bundle["chronology"])
        problems += [f"event_type {t} unused" for t in EVENT_TYPES if not used[t]]
        used_out = Counter(r["outcome"] for r in bundle["appointments"])
        problems += [f"outcome {o} unused" for o in OUTCOMES if not used_out[o]]
        used_src = Counter(r["source_type"] for r in bundle["chronology"])
        problems += [f"source_type {s} unused" for s in SOURCE_TYPES if not used_src[s]]
        if len(bundle["chronology"]) < 150:
            problems.append("fewer than 150 chronology rows")
        if len(bundle["appointments"]) < 60:
            problems.append("fewer than 60 appointments")
        if len(bundle["professionals"]) < 25:
            problems.append("fewer than 25 professionals")
        if len(bundle["addresses"]) != 13:
            problems.append("expected 13 addresses")
        if len(overlapping_leads(bundle["professionals"])) != 1:
            problems.append(
                f"expected one overlapping lead pair, got "
                f"{overlapping_leads(bundle['professionals'])}"
            )

    if problems:
        raise SystemExit(f"{bundle['folder'].name}: " + "\n".join(problems))
    return {"current_lead": current_leads[0]}


def child_last_seen(bundle: dict, child: str) -> tuple[str | None, str | None]:
    roles = {m["id"]: m["role"] for m in bundle["members"]}
    last_seen = last_alone = None
    for row in bundle["chronology"]:  # already in date order
        value = seen_map(row, roles).get(child)
        if value in {"yes", "alone"}:
            last_seen = row["id"]
        if value == "alone":
            last_alone = row["id"]
    return last_seen, last_alone


def summary(ashdown_bundle: dict, brierley_bundle: dict, learning_files: list[Path]) -> str:
    out = []
    for bundle in (ashdown_bundle, brierley_bundle):
        folder: Path = bundle["folder"]
        out.append(f"== {folder.name}: {sorted(p.name for p in folder.iterdir())}")
        out.append(f"   documents: {sorted(p.name for p in (folder / 'documents').iterdir())}")
        out.append(
            f"   rows: chronology={len(bundle['chronology'])} "
            f"appointments={len(bundle['appointments'])} "
            f"professionals={len(bundle['professionals'])} "
            f"addresses={len(bundle['addresses'])} members={len(bundle['members'])}"
        )
        leads = [p for p in bundle["professionals"] if p["lead"] == "yes" and not p["end_iso"]]
        out.append(f"   current lead: {leads[0]['id']} {leads[0]['name']} ({leads[0]['role']})")
        overlaps = overlapping_leads(bundle["professionals"])
        out.append(f"   overlapping lead periods: {overlaps}")
        missed: dict[str, Counter] = defaultdict(Counter)
        for row in bundle["appointments"]:
            if row["outcome"] in MISSED:
                missed[row["member"]][row["outcome"]] += 1
        for member in [m["id"] for m in bundle["members"]]:
            counts = missed.get(member, Counter())
            detail = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
            out.append(f"   missed {member}: {sum(counts.values())} ({detail})")
        keys = {r["key"]: r["id"] for r in bundle["chronology"] if r.get("key")}
        if keys:
            out.append(f"   key records: {keys}")
        seen, alone = child_last_seen(bundle, "child-a")
        out.append(f"   child-a last seen: {seen}; last seen alone: {alone}")
        formats = Counter(
            "uk" if re.match(r"\d\d/", r["date"]) else "iso"
            for r in bundle["chronology"] + bundle["appointments"]
        )
        timed = sum(
            1 for r in bundle["chronology"] + bundle["appointments"] if " " in r["date_iso"]
        )
        out.append(f"   date formats: {dict(formats)}, with time: {timed}")
    out.append(f"== learning: {[str(p.relative_to(HERE)) for p in learning_files]}")
    return "\n".join(out)


def tree_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def generate(out: Path) -> tuple[dict, dict, list[Path]]:
    for sub in ("cases/FAM-0107", "cases/FAM-0215", "learning"):
        target = out / sub
        if target.exists():
            shutil.rmtree(target)
    ash = build_ashdown(out)
    bri = build_brierley(out)
    files = build_learning(out)
    return ash, bri, files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="fail if regenerating would change the files already on disk",
    )
    args = parser.parse_args()

    before = {}
    if args.check:
        before = {
            **{f"cases/{k}": v for k, v in tree_digest(HERE / "cases").items()},
            **{f"learning/{k}": v for k, v in tree_digest(HERE / "learning").items()},
        }
    ash, bri, files = generate(HERE)
    info = check_bundle(ash, full=True)
    check_bundle(bri, full=False)

    inconsistent = next(r for r in ash["chronology"] if r.get("key") == "inconsistent_seen")
    assert inconsistent["event_type"] == "home_visit" and inconsistent["child_seen"] == "yes"
    assert "was not at home" in inconsistent["summary"]
    seen, alone = child_last_seen(ash, "child-a")
    keys = {r["key"]: r["id"] for r in ash["chronology"] if r.get("key")}
    assert seen == keys["a_last_seen"] and alone == keys["a_last_seen_alone"], (seen, alone)
    assert info["current_lead"]

    print(summary(ash, bri, files))
    if args.check:
        after = {
            **{f"cases/{k}": v for k, v in tree_digest(HERE / "cases").items()},
            **{f"learning/{k}": v for k, v in tree_digest(HERE / "learning").items()},
        }
        if before != after:
            changed = sorted(set(before.items()) ^ set(after.items()))
            raise SystemExit(f"demo output changed: {changed}")
        print("check: output identical to the files on disk")


if __name__ == "__main__":
    main()
