"""Passage answers by category (document, learning, procedure, topic): CaseBrief beside the
top-4 baseline on completeness, precision of citations and expected facts present."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

CATEGORIES = ("document", "learning", "procedure", "topic")


@dataclass(frozen=True)
class Outcome:
    """One question's answer by one system, scored."""

    system: str  # "casebrief" or "baseline"
    category: str
    complete: bool
    precision: float  # share of citations that are gold or allowed (1.0 when nothing is due)
    facts_found: int
    facts: int


def fact_found(fact: str, text: str) -> bool:
    """The dev set's rule: any alternative of 'a|b', case-insensitive."""
    low = text.lower()
    return any(alt.strip().lower() in low for alt in fact.split("|") if alt.strip())


def table(outcomes: list[Outcome]) -> str:
    """Markdown: one row per category, CaseBrief then the baseline in each cell."""
    rows = [
        "| category | n | complete (CaseBrief / top-4) | citation precision (CaseBrief / top-4) "
        "| expected facts present (CaseBrief / top-4) |",
        "|---|---|---|---|---|",
    ]
    for category in CATEGORIES:
        ours = [o for o in outcomes if o.category == category and o.system == "casebrief"]
        naive = [o for o in outcomes if o.category == category and o.system == "baseline"]
        if not ours:
            rows.append(f"| {category} | 0 | - | - | - |")
            continue
        rows.append(
            f"| {category} | {len(ours)} | {_complete(ours)} / {_complete(naive)} | "
            f"{_precision(ours)} / {_precision(naive)} | {_facts(ours)} / {_facts(naive)} |"
        )
    return "\n".join(rows)


def _complete(items: list[Outcome]) -> str:
    return f"{sum(o.complete for o in items)}/{len(items)}"


def _precision(items: list[Outcome]) -> str:
    return f"{statistics.fmean(o.precision for o in items):.2f}" if items else "-"


def _facts(items: list[Outcome]) -> str:
    due = sum(o.facts for o in items)
    return f"{sum(o.facts_found for o in items) / due:.2f}" if due else "-"
