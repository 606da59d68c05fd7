"""The Overview tab: the family, where they live and how often they moved, who is involved,
and per child the missed appointments and when they were last seen. Every figure opens the
records behind it in the record dialog, so the overview keeps the page's full width."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from bot.markup import md
from bot.overview import CaseOverview, Figure, case_overview
from bot.patterns import NOT_A_DECISION
from bot.records import Records
from bot.ui import state
from bot.ui.coverage_view import coverage_ids, draw_coverage_table
from bot.ui.engine import shared_engine


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def draw_figure(figure: Figure, case_id: str, key: str, label: str | None = None) -> None:
    """A figure as a button that opens the records behind it."""
    shown = md(label or figure.value)
    if figure.note and figure.note.startswith("Records disagree"):
        shown = f"⚠ {shown}"
    note = md(figure.note) if figure.note else None
    if not figure.record_ids:
        st.markdown(shown, help=note)  # nothing to open: plain text, full contrast
        return
    st.button(
        shown,
        key=key,
        help=note,
        type="tertiary",
        icon=":material/link:",
        on_click=state.open_records,
        args=(f"{figure.label}: {figure.value}", case_id, list(figure.record_ids)),
    )


def _records(count: int) -> str:
    return f"{count} record" + ("" if count == 1 else "s")


def draw_grid(header: list[str], widths: list[int]) -> list[Any]:
    columns = st.columns(widths, vertical_alignment="bottom")
    for column, title in zip(columns, header, strict=True):
        column.markdown(f"**{title}**")
    return columns


def _figure_card(figure: Figure, case_id: str, key: str) -> None:
    """A card for one figure: its label, value, note, and the records behind it."""
    st.caption(md(figure.label))
    st.markdown(f"**{md(figure.value)}**")
    if figure.note:
        st.caption(md(figure.note))
    draw_figure(figure, case_id, key, _records(len(figure.record_ids)))


def draw_cards(overview: CaseOverview) -> None:
    address, moves, lead = st.columns([3, 4, 3])
    with address.container(border=True):
        _figure_card(overview.current_address, overview.case_id, "fig-address")
    with moves.container(border=True):
        st.caption("Moves")
        st.markdown(
            f"**{md(overview.move_events.value)} in the chronology · {md(overview.moves.value)} "
            "between recorded addresses**"
        )
        st.caption(md(overview.moves_explained))
        with st.container(horizontal=True):
            events = len(overview.move_events.record_ids)
            draw_figure(
                overview.move_events,
                overview.case_id,
                "fig-move-events",
                f"{events} move event" + ("" if events == 1 else "s"),
            )
            draw_figure(
                overview.moves,
                overview.case_id,
                "fig-addresses",
                f"{len(overview.moves.record_ids)} addresses",
            )
    with lead.container(border=True):
        _figure_card(overview.lead, overview.case_id, "fig-lead")


def draw_children(overview: CaseOverview) -> None:
    st.subheader("Children")
    widths = [2, 2, 2, 2, 2, 2]
    header = ["Child", "Age", "Born", "Missed appointments", "Last seen", "Last seen alone"]
    draw_grid(header, widths)
    for child in overview.children:
        cells = st.columns(widths, vertical_alignment="center")
        cells[0].markdown(md(child.name))
        cells[1].markdown(md(child.age))
        cells[2].markdown(md(child.born))
        figures = (child.missed, child.last_seen, child.last_seen_alone)
        for cell, figure in zip(cells[3:], figures, strict=True):
            with cell:
                draw_figure(figure, overview.case_id, f"child-{child.member_id}-{figure.label}")
    st.caption(
        "Missed: was not brought, did not attend, no access, cancelled by the family "
        "(not appointments the service cancelled or rescheduled)."
    )


def draw_members(overview: CaseOverview) -> None:
    st.subheader("Members")
    widths = [3, 2, 2, 2, 2]
    draw_grid(["Name", "Role", "Age", "Born", "Lives at the current address"], widths)
    for member in overview.members:
        cells = st.columns(widths, vertical_alignment="center")
        with cells[0]:
            figure = Figure(
                label="Member",
                value=member.name,
                record_ids=(member.member_id,),
                note=member.notes,
            )
            draw_figure(figure, overview.case_id, f"member-{member.member_id}")
        cells[1].markdown(md(member.role))
        cells[2].markdown(md(member.age))
        cells[3].markdown(md(member.born))
        cells[4].markdown("yes" if member.lives_at_current_address else "no")


def draw_involved(overview: CaseOverview) -> None:
    st.subheader(f"Involved now ({len(overview.involved_now)})")
    widths = [3, 4, 3, 2, 4]
    draw_grid(["Name", "Role", "Works with", "Since", "Contact"], widths)
    for person in overview.involved_now:
        cells = st.columns(widths, vertical_alignment="center")
        with cells[0]:
            figure = Figure(label="Professional", value=person.name, record_ids=(person.record_id,))
            draw_figure(figure, overview.case_id, f"pro-{person.record_id}")
        lead = " · **lead professional**" if person.lead else ""
        cells[1].markdown(f"{md(person.role)}, {md(person.agency)}{lead}")
        cells[2].markdown(md(person.works_with))
        cells[3].markdown(_day(person.since))
        cells[4].markdown(md(person.contact))


def shown_ids(overview: CaseOverview) -> list[str]:
    """Every record the overview's figures and rows rest on."""
    figures = [overview.current_address, overview.moves, overview.move_events, overview.lead]
    figures += [f for c in overview.children for f in (c.missed, c.last_seen, c.last_seen_alone)]
    ids = [i for f in figures for i in f.record_ids]
    ids += [m.member_id for m in overview.members] + [p.record_id for p in overview.involved_now]
    ids += [i for indicator in overview.indicators for i in indicator.record_ids]
    return list(dict.fromkeys(ids))


def draw_indicators(overview: CaseOverview) -> None:
    """The pattern indicators, those that reach their threshold first; each opens its records."""
    fired = [i for i in overview.indicators if i.fired]
    st.subheader(
        f"Patterns in the records ({len(fired)} of {len(overview.indicators)} reach "
        "their threshold)"
    )
    st.caption(NOT_A_DECISION)
    widths = [3, 2, 6, 3, 2]
    draw_grid(["Indicator", "For", "What the records show", "Threshold", "Records"], widths)
    ordered = sorted(overview.indicators, key=lambda i: not i.fired)
    for number, indicator in enumerate(ordered):
        cells = st.columns(widths, vertical_alignment="center")
        mark = "**⚑ " if indicator.fired else ""
        cells[0].markdown(f"{mark}{md(indicator.name)}{'**' if indicator.fired else ''}")
        cells[1].markdown(md(indicator.subject))
        cells[2].markdown(md(indicator.statement))
        cells[3].markdown(md(indicator.threshold), help=md(indicator.source))
        with cells[4]:
            figure = Figure(
                label=indicator.name,
                value=str(indicator.figure),
                record_ids=indicator.record_ids,
            )
            draw_figure(
                figure,
                overview.case_id,
                f"indicator-{number}-{indicator.pattern}",
                _records(len(indicator.record_ids)),
            )


def draw_overview(records: Records, today: dt.date) -> None:
    overview = case_overview(records, today, shared_engine().settings.patterns)
    coverage = shared_engine().coverage(records)
    state.audit_read(
        "overview",
        records.case_id,
        list(dict.fromkeys(shown_ids(overview) + coverage_ids(coverage))),
        (records.version.collection, today),
    )
    st.header(md(f"Overview: {overview.title} ({overview.case_id})"))
    st.caption(f"As of {_day(today)}. Select any figure to open the records behind it.")
    draw_cards(overview)
    draw_children(overview)
    draw_indicators(overview)
    draw_coverage_table(coverage)
    draw_members(overview)
    draw_involved(overview)
