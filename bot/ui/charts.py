"""The timeline chart: agencies as lanes, time across, event types as colour, kinds as shape,
and a faint dashed line across every lane at each move."""

from __future__ import annotations

import altair as alt

from bot.timeline import MISSED_CATEGORY, Mark, lanes

LANE_HEIGHT = 22
MISSED_COLOUR = "#111111"
TABLEAU20 = (
    "#4c78a8", "#9ecae9", "#f58518", "#ffbf79", "#54a24b", "#88d27a", "#b79a20", "#f2cf5b",
    "#439894", "#83bcb6", "#e45756", "#ff9d98", "#79706e", "#bab0ac", "#d67195", "#fcbfd2",
    "#b279a2", "#d6a5c9", "#9e765f", "#d8b5a5",
)  # fmt: skip
SHAPES = {"event": "circle", "move": "triangle-up", "missed appointment": "cross"}


def colours(categories: list[str]) -> list[str]:
    """Tableau 20 for event types; missed appointments always black, so they stand out."""
    palette = [c for c in TABLEAU20 if c != MISSED_COLOUR]
    return [
        MISSED_COLOUR if c == MISSED_CATEGORY else palette[i % len(palette)]
        for i, c in enumerate(categories)
    ]


def timeline_chart(marks: list[Mark]) -> alt.LayerChart:
    rows = [
        {
            **m.model_dump(mode="json"),
            "date": m.date.isoformat(),
            "day": m.date.strftime("%d %b %Y"),
        }
        for m in marks
    ]
    order = lanes(marks)
    categories = sorted({m.category for m in marks} - {MISSED_CATEGORY}) + (
        [MISSED_CATEGORY] if any(m.category == MISSED_CATEGORY for m in marks) else []
    )
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X(
            "date:T",
            title=None,
            axis=alt.Axis(format="%Y", grid=True, labelAngle=0, orient="top"),
        ),
        y=alt.Y(
            "lane:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelLimit=260, grid=True, gridOpacity=0.25),
        ),
    )
    points = base.mark_point(filled=True).encode(
        color=alt.Color(
            "category:N",
            title="Event type",
            scale=alt.Scale(domain=categories, range=colours(categories)),
            legend=alt.Legend(columns=1, symbolLimit=0, orient="right", labelLimit=220),
        ),
        shape=alt.Shape(
            "kind:N",
            title="Kind",
            scale=alt.Scale(domain=list(SHAPES), range=list(SHAPES.values())),
            legend=alt.Legend(orient="right"),
        ),
        size=alt.condition(alt.datum.kind == "event", alt.value(70), alt.value(150)),
        tooltip=[
            alt.Tooltip("record_id:N", title="Record"),
            alt.Tooltip("day:N", title="Date"),
            alt.Tooltip("category:N", title="Type"),
            alt.Tooltip("lane:N", title="Agency"),
            alt.Tooltip("members:N", title="About"),
            alt.Tooltip("summary:N", title="Summary"),
        ],
    )
    pick = alt.selection_point(name="pick", fields=["record_id"], on="click", empty=False)
    points = points.add_params(pick).encode(
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.8)),
    )
    moves = [row for row in rows if row["kind"] == "move"]
    rules = (
        alt.Chart(alt.Data(values=moves))
        .mark_rule(strokeDash=[4, 4], color="#e45756", opacity=0.35)
        .encode(x="date:T")
    )
    height = max(len(order), 3) * LANE_HEIGHT + 40
    return alt.layer(rules, points).properties(height=height).interactive(bind_y=False)
