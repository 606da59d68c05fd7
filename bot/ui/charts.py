"""The timeline chart: one lane per agency family, time across the full width, and a distinct
mark for each kind (shape and colour both, so colour is never the only cue). The x axis is
the chosen period, so narrowing the period zooms in."""

from __future__ import annotations

import datetime as dt

import altair as alt

from bot.timeline import KINDS, Mark, families
from bot.ui.theme import MUTED, TEXT

LANE_HEIGHT = 64
# Shape and colour per kind; each colour has at least 3:1 contrast on white (WCAG 1.4.11).
KIND_STYLE = {
    "event": ("circle", "#4c78a8"),
    "move": ("triangle-up", "#6a3d9a"),
    "missed appointment": ("cross", "#c0392b"),
    "child not seen": ("square", "#a05a00"),
}
KIND_TITLES = {
    "event": "Event",
    "move": "Move",
    "missed appointment": "Missed appointment",
    "child not seen": "Visit: child not seen",
}


def _rows(marks: list[Mark]) -> list[dict[str, object]]:
    return [
        {
            **m.model_dump(mode="json"),
            "date": m.date.isoformat(),
            "day": f"{m.date.day} {m.date:%b %Y}",
            "kind_title": KIND_TITLES[m.kind],
        }
        for m in marks
    ]


def timeline_chart(marks: list[Mark], start: dt.date, end: dt.date) -> alt.LayerChart:
    rows = _rows(marks)
    lanes = families(marks)
    kinds = [k for k in KINDS if any(m.kind == k for m in marks)]
    padding = dt.timedelta(days=max((end - start).days // 60, 3))
    domain = [(start - padding).isoformat(), (end + padding).isoformat()]
    x = alt.X(
        "date:T",
        title=None,
        scale=alt.Scale(domain=domain),
        axis=alt.Axis(grid=True, labelAngle=0, orient="top", labelColor=TEXT, labelFontSize=12),
    )
    y = alt.Y(
        "family:N",
        sort=lanes,
        title=None,
        axis=alt.Axis(labelColor=TEXT, labelFontSize=13, labelFontWeight="bold", labelLimit=140),
    )
    pick = alt.selection_point(name="pick", fields=["record_id"], on="click", empty=False)
    points = (
        alt.Chart(alt.Data(values=rows))
        .mark_point(filled=True, opacity=0.9, clip=True)
        .encode(
            x=x,
            y=y,
            yOffset=alt.YOffset("kind:N", sort=kinds, scale=alt.Scale(paddingOuter=0.3)),
            shape=alt.Shape("kind_title:N", **_mark_legend(kinds, 0)),
            color=alt.Color("kind_title:N", **_mark_legend(kinds, 1)),
            size=alt.condition(alt.datum.kind == "event", alt.value(60), alt.value(130)),
            tooltip=[
                alt.Tooltip("day:N", title="Date"),
                alt.Tooltip("kind_title:N", title="Mark"),
                alt.Tooltip("category:N", title="Type"),
                alt.Tooltip("lane:N", title="Agency"),
                alt.Tooltip("members:N", title="About"),
                alt.Tooltip("summary:N", title="Summary"),
            ],
        )
        .add_params(pick)
    )
    moves = [row for row in rows if row["kind"] == "move"]
    rules = (
        alt.Chart(alt.Data(values=moves))
        .mark_rule(strokeDash=[4, 4], color=KIND_STYLE["move"][1], opacity=0.45, clip=True)
        .encode(x=x)
    )
    height = max(len(lanes), 1) * LANE_HEIGHT
    return (
        alt.layer(rules, points)
        .properties(height=height, width="container")
        .configure_axis(domainColor=MUTED, tickColor=MUTED, gridColor="#e3e5ea")
        .configure_view(strokeWidth=0)
    )


def _mark_legend(kinds: list[str], style: int) -> dict[str, object]:
    """One legend for the marks: shape (style 0) and colour (style 1) share it."""
    return {
        "title": "Mark",
        "scale": alt.Scale(
            domain=[KIND_TITLES[k] for k in kinds], range=[KIND_STYLE[k][style] for k in kinds]
        ),
        "legend": alt.Legend(orient="bottom", labelColor=TEXT, titleColor=TEXT),
    }
