"""The coverage map drawn: a compact table in the overview (per child and agency family, the
periods the records cover and the gaps), and in the timeline the gaps of the period shown,
each opening the records either side of it."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from bot.coverage import Coverage, CoverageRow, Gap, gap_sentence
from bot.markup import md
from bot.records import Records
from bot.request import Period
from bot.timeline import agency_family
from bot.ui import state


def _month(day: dt.date) -> str:
    return f"{day:%b %Y}"


def _span(start: dt.date, end: dt.date) -> str:
    return _month(start) if _month(start) == _month(end) else f"{_month(start)} – {_month(end)}"


def gap_words(gap: Gap) -> str:
    if gap.open_ended:
        return f"after {_month(gap.start)} ({gap.months} months to the case's last record)"
    return f"{_month(gap.start)} – {_month(gap.end)} ({gap.months} months)"


def table(coverage: Coverage) -> list[dict[str, object]]:
    def gaps(row: CoverageRow) -> str:
        if row.family not in coverage.gap_families:
            return "not looked for"
        return "; ".join(gap_words(g) for g in row.gaps) or "none"

    return [
        {
            "Child": row.member,
            "Agency": row.family,
            "Records": sum(c.records for c in row.covered),
            "Covered": ", ".join(_span(c.start, c.end) for c in row.covered),
            f"Gaps over {coverage.threshold_months} months": gaps(row),
        }
        for row in coverage.rows
    ]


def coverage_ids(coverage: Coverage) -> list[str]:
    """The records the table's dates come from: each covered period's first and last record
    (which bound the gaps too)."""
    ids = (i for row in coverage.rows for c in row.covered for i in (c.first_id, c.last_id))
    return list(dict.fromkeys(ids))


def draw_coverage_table(coverage: Coverage) -> None:
    st.subheader("Coverage of the records")
    if not coverage.rows:
        st.caption("No dated records yet.")
        return
    st.dataframe(table(coverage), hide_index=True, height=280, key="coverage-table")
    families = " and ".join(f.lower() for f in coverage.gap_families) or "no agency"
    st.caption(
        f"Per child (and for everyone), the periods each agency family's records cover. A gap "
        f"is more than {coverage.threshold_months} months without a {families} record; an "
        "open gap runs to the case's last record. Other agencies record only when involved."
    )


def period_gaps(
    coverage: Coverage, members: list[str], period: Period, agencies: list[str]
) -> list[Gap]:
    """The gaps the timeline's period shows, for the children chosen (everyone when none) and
    the families of the agencies chosen."""
    families = {agency_family(a) for a in agencies}
    wanted = set(members)
    return [
        g
        for g in coverage.gaps()
        if g.family in families
        and (g.member_id in wanted if wanted else g.member_id is None)
        and g.overlaps(period)
    ]


def draw_period_gaps(records: Records, gaps: list[Gap]) -> None:
    label = f"Gaps in the records in this period: {len(gaps)}"
    with st.expander(label, expanded=False, icon=":material/event_busy:"):
        if not gaps:
            st.caption("None for the members and agencies chosen.")
        for number, gap in enumerate(gaps):
            sentence = gap_sentence(gap, records)
            st.button(
                md(f"{sentence} ({gap.months} months)"),
                key=f"gap-{number}-{gap.family}-{gap.member_id}-{gap.start}",
                type="tertiary",
                icon=":material/link:",
                on_click=state.open_records,
                args=(sentence, records.case_id, list(gap.record_ids)),
                help="Opens the records either side of the gap.",
            )
