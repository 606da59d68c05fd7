"""'What patterns should I be aware of?': the pattern indicators of a case that reach their
thresholds, each line labelled 'Case records' and citing the records counted, followed by the
'Review learning' passages that discuss that pattern, cited in turn. Indicators, never a risk
decision."""

from __future__ import annotations

from bot.evidence import Line, Query, ToolResult
from bot.patterns import NOT_A_DECISION, Indicator, indicators
from bot.patterns.learning import PatternLinks
from config.settings import PatternThresholds

CASE_LABEL = "Case records"
LEARNING_LABEL = "Review learning"


def case_line(indicator: Indicator) -> str:
    return f"{CASE_LABEL}: {indicator.statement} {indicator.threshold_words()}"


def _about(found: list[Indicator], members: tuple[str, ...]) -> list[Indicator]:
    """Asked about some children: their indicators and the family's."""
    if not members:
        return found
    return [i for i in found if i.member_id is None or i.member_id in members]


def patterns(query: Query, links: PatternLinks, limits: PatternThresholds) -> ToolResult:
    records = query.records
    assert records is not None
    found = _about(indicators(records, query.today, limits), query.ask.members)
    fired = [i for i in found if i.fired]
    lines = [Line(NOT_A_DECISION, (), note=True)]
    linked: set[str] = set()
    for indicator in fired:
        lines.append(Line(case_line(indicator), indicator.record_ids))
        if indicator.pattern in linked:
            continue  # a pattern's learning once, under its first indicator
        linked.add(indicator.pattern)
        for link in links.get(indicator.pattern, []):
            lines.append(
                Line(
                    f"{LEARNING_LABEL}: {link.source}: \u201c{link.quote}\u201d",
                    (link.passage_id,),
                    bullet=True,
                    learning=True,
                )
            )
    if not fired:
        lines.append(Line("No indicator reaches its threshold.", (), note=True))
    under = [i for i in found if not i.fired and i.record_ids]
    if under:
        lines.append(Line(f"Below their thresholds ({len(under)} indicators):", (), note=True))
        lines += [Line(case_line(i), i.record_ids, bullet=True) for i in under]
    searched = (
        f"every record of case {records.case_id} for {len(found)} pattern indicators "
        "(missed appointments, no-access visits, days since seen, off roll, moves, changes of "
        "worker, referrals, closures, adults in the household); the learning corpus by meaning "
        "for the passages on each pattern that reaches its threshold"
    )
    ids = [i for ind in fired for i in ind.record_ids]
    ids += [ln.record_ids[0] for ln in lines if ln.learning]
    return ToolResult("patterns", lines, searched, True, list(dict.fromkeys(ids)))
