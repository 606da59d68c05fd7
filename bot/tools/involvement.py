"""Who is or was involved, with whom, the lead professional, and how to reach them."""

from __future__ import annotations

import datetime as dt
import re

from bot.entities import matches_terms
from bot.evidence import Line, Query, ToolResult, fmt_date, plural
from ingest.models import Professional

_HISTORY = re.compile(
    r"\b(ever|previous(ly)?|past|history|over time|before|all|every|changes?|changed|"
    r"been involved|were involved|was the|used to|has been|have been|who've|worked|how many)\b"
)
_LEAD = re.compile(r"\b(lead|central point|key worker|coordinat)\w*", re.I)


def is_current(professional: Professional, today: dt.date) -> bool:
    return professional.start <= today and (professional.end is None or professional.end >= today)


def _describe(professional: Professional, query: Query) -> str:
    records = query.records
    assert records is not None
    who = records.names(list(professional.members)) if professional.members else "the whole family"
    if professional.end is None:
        period = f"since {fmt_date(professional.start)}"
    else:
        period = f"from {fmt_date(professional.start)} to {fmt_date(professional.end)}"
    contact = ", ".join(filter(None, [professional.phone, professional.email]))
    text = f"{professional.name}, {professional.role} ({professional.agency}), with {who} {period}"
    if professional.lead:
        text += "; lead professional"
    if contact:
        text += f"; contact {contact}"
    return text + "."


def overlapping_leads(professionals: list[Professional]) -> list[tuple[Professional, Professional]]:
    leads = [p for p in professionals if p.lead]
    pairs = []
    for i, first in enumerate(leads):
        for second in leads[i + 1 :]:
            first_end = first.end or second.start.max
            second_end = second.end or first.start.max
            if first.start <= second_end and second.start <= first_end:
                pairs.append((first, second))
    return pairs


def involvement(query: Query) -> ToolResult:
    records = query.records
    assert records is not None
    found = list(records.professionals)
    described: list[str] = []
    members = query.mentions.members
    if query.restrict_to:
        found = [p for p in found if p.id in query.restrict_to]
    if members:
        found = [p for p in found if not p.members or set(p.members) & set(members)]
        described.append(f"working with {records.names(list(members))} or the whole family")
    if query.mentions.role_terms:
        found = [p for p in found if matches_terms(p.role, query.mentions.role_terms)]
        described.append(f"role matching {', '.join(query.mentions.role_terms)}")
    elif query.mentions.terms:
        found = [p for p in found if matches_terms(f"{p.role} {p.agency}", query.mentions.terms)]
        described.append(f"role or agency matching {', '.join(query.mentions.terms)}")
    wants_lead = bool(_LEAD.search(query.question))
    if wants_lead:
        found = [p for p in found if p.lead]
        described.append("lead professional")
    if query.period:
        found = [p for p in found if query.period.overlaps(p.start, p.end)]
        described.append(f"involved {query.period.label}")
    elif not _HISTORY.search(query.lower):
        found = [p for p in found if is_current(p, query.today)]
        described.append(f"current on {fmt_date(query.today)}")
    searched = (
        f"all {len(records.professionals)} professional involvement records of case "
        f"{records.case_id}" + (f", filtered: {'; '.join(described)}" if described else "")
    )
    if not found:
        what = "lead professional" if wants_lead else "professional involvement"
        return ToolResult(
            "involvement",
            [Line(f"No {what} matching the question is recorded.", ())],
            searched,
            False,
        )
    heading = "current" if "current" in " ".join(described) else "matching"
    lines = [
        Line(
            f"{plural(len(found), heading + ' professional involvement')} recorded.",
            tuple(p.id for p in found),
        )
    ]
    lines += [Line(_describe(p, query), (p.id,), bullet=True) for p in found]
    scope = [p for p in records.professionals if p.lead] if wants_lead else found
    found_ids = {p.id for p in found}
    for first, second in overlapping_leads(scope):
        if not {first.id, second.id} & found_ids:
            continue
        lines.append(
            Line(
                f"Records disagree: {first.name} and {second.name} were both recorded as lead "
                f"professional at the same time ({fmt_date(max(first.start, second.start))}).",
                (first.id, second.id),
            )
        )
    return ToolResult("involvement", lines, searched, True, [p.id for p in found])
