"""The Timeline tab: who and when (a period control that zooms the chart), a toggle for every
agency grouped by family, and the chart across the full width; a mark opens its record. The
gaps in the records of the period shown, and the chronology with these filters as .xlsx or
.docx, sit above the chart."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from bot.chronology_export import ChronologyFilter, case_agencies
from bot.markup import md
from bot.records import Records
from bot.request import Period
from bot.timeline import Family, agencies_by_family, date_range, timeline
from bot.ui import state
from bot.ui.charts import timeline_chart
from bot.ui.chronology_downloads import draw_downloads
from bot.ui.coverage_view import draw_period_gaps, period_gaps
from bot.ui.engine import shared_engine

PRESET_KEY = "timeline-preset"
PRESETS = {"Whole case": None, "Last 5 years": 5, "Last 2 years": 2, "Last 12 months": 1}


def agencies_key(case_id: str | None, family: str) -> str:
    return f"agencies-{case_id}-{family}"


def family_key(case_id: str | None, family: str) -> str:
    return f"family-{case_id}-{family}"


def _set_family(case_id: str | None, family: Family, agencies: list[str]) -> None:
    """The family's toggle turns all of its agencies on or off."""
    on = bool(st.session_state.get(family_key(case_id, family)))
    st.session_state[agencies_key(case_id, family)] = list(agencies) if on else []


def _set_agencies(case_id: str | None, family: Family) -> None:
    """The family's toggle is on while any of its agencies is."""
    chosen = st.session_state.get(agencies_key(case_id, family)) or []
    st.session_state[family_key(case_id, family)] = bool(chosen)


def period_key(records: Records) -> str:
    return f"timeline-period-{records.case_id}"


def preset_period(bounds: tuple[dt.date, dt.date], preset: str | None) -> tuple[dt.date, dt.date]:
    """The period a preset names, within the case's bounds ('Last 2 years' up to its last day)."""
    years = PRESETS.get(preset or "Whole case")
    start, end = bounds
    if years is not None:
        start = max(start, end.replace(year=end.year - years, day=min(end.day, 28)))
    return start, end


def _set_preset(key: str, bounds: tuple[dt.date, dt.date]) -> None:
    st.session_state[key] = preset_period(bounds, st.session_state.get(PRESET_KEY))


def _dragged() -> None:
    st.session_state[PRESET_KEY] = None  # a period of one's own: no preset is lit


def draw_agency_toggles(case_id: str | None, grouped: dict[Family, list[str]]) -> list[str]:
    """A toggle for every agency (pills, which wrap rather than cut a name), one row per
    family with a toggle for the whole family; the agencies chosen."""
    for family, agencies in grouped.items():
        st.session_state.setdefault(agencies_key(case_id, family), list(agencies))
        st.session_state.setdefault(family_key(case_id, family), True)
    every = [a for agencies in grouped.values() for a in agencies]
    chosen = [
        a
        for family, agencies in grouped.items()
        for a in agencies
        if a in (st.session_state[agencies_key(case_id, family)] or [])
    ]
    with st.expander(f"Agencies: {len(chosen)} of {len(every)} shown"):
        for family, agencies in grouped.items():
            st.checkbox(
                f"**{md(family)}** ({len(agencies)})",
                key=family_key(case_id, family),
                on_change=_set_family,
                args=(case_id, family, agencies),
            )
            st.pills(
                f"{family} agencies",
                agencies,
                selection_mode="multi",
                format_func=md,  # pills render their labels as Markdown
                key=agencies_key(case_id, family),
                on_change=_set_agencies,
                args=(case_id, family),
                label_visibility="collapsed",
            )
    return chosen


def draw_timeline(records: Records) -> None:
    st.header("Timeline")
    bounds = date_range(records)
    if bounds is None:
        st.info("This case has no chronology or appointments yet.")
        return
    key = period_key(records)
    st.session_state.setdefault(key, bounds)
    who, preset = st.columns([2, 3])
    members = who.multiselect(
        "Child or member",
        [m.id for m in records.members],
        format_func=records.name,
        key="timeline-members",
        placeholder="Everyone",
    )
    preset.segmented_control(
        "Period",
        list(PRESETS),
        key=PRESET_KEY,
        default="Whole case",
        on_change=_set_preset,
        args=(key, bounds),
    )
    start, end = st.slider(
        "Period shown (drag either end to zoom in)",
        min_value=bounds[0],
        max_value=bounds[1],
        key=key,
        format="MMM YYYY",
        on_change=_dragged,
    )
    chosen = draw_agency_toggles(records.case_id, agencies_by_family(records))
    marks = timeline(records, members, start, end, agencies=chosen)
    gaps = period_gaps(
        shared_engine().coverage(records), members, Period(start=start, end=end), chosen
    )
    state.audit_read(
        "timeline",
        records.case_id,
        list(dict.fromkeys([m.record_id for m in marks] + [i for g in gaps for i in g.record_ids])),
        (records.version.collection, start, end, tuple(members), tuple(chosen)),
        f"{start} to {end}; members {', '.join(members) or 'all'}; {len(chosen)} agencies",
    )
    counts = {k: sum(m.kind == k for m in marks) for k in ("move", "missed appointment")}
    not_seen = sum(m.kind == "child not seen" for m in marks)
    st.caption(
        f"{len(marks)} records from {start.day} {start:%b %Y} to {end.day} {end:%b %Y}: "
        f"{counts['move']} moves, {counts['missed appointment']} missed appointments, "
        f"{not_seen} visits where a child was not seen. Hover over a mark for details; select "
        "it to open its record."
    )
    draw_period_gaps(records, gaps)
    draw_downloads(
        records,
        ChronologyFilter(
            members=tuple(members),
            agencies=None if set(chosen) >= set(case_agencies(records)) else tuple(chosen),
            start=start,
            end=end,
        ),
        shared_engine().settings.today_date(),
    )
    if not marks:
        st.info("No records in this period for the chosen members and agencies.")
        return
    picked = st.altair_chart(
        timeline_chart(marks, start, end), on_select="rerun", key="timeline-chart", width="stretch"
    )
    ids = [p["record_id"] for p in (picked.selection.get("pick") or []) if "record_id" in p]
    if ids and ids != st.session_state.get("timeline-picked"):
        state.open_records("Timeline record", records.case_id, ids)
    st.session_state["timeline-picked"] = ids
