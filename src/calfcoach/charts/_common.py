"""Pieces every chart shares: size, colours, the date axis, reference lines and the empty-chart message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

WIDTH_PX = 560
HEIGHT_PX = 260
SIDE_COLOURS = ("#0072B2", "#E69F00")  # Okabe-Ito blue and orange: distinct for colour-blind readers
PAIN_COLOURS = ("#D55E00", "#CC79A7", "#009E73")
KNEE_COLOURS = ("#0072B2", "#009E73")
GOAL_COLOUR = "#009E73"
NORM_COLOUR = "#777777"
LIMIT_COLOUR = "#B00020"


def day_axis() -> Any:
    """The x axis of calendar days."""
    import altair as alt

    # Dates are calendar days; UTC keeps a browser west of Greenwich from showing the day before.
    return alt.X("utcyearmonthdate(day):T", title="Date", axis=alt.Axis(format="%-d %b", labelAngle=0))


def base(rows: Sequence[Mapping[str, Any]]) -> Any:
    """A chart over inline rows (no URL: the page and the renderer need no request)."""
    import altair as alt

    return alt.Chart(alt.InlineData(values=[dict(r) for r in rows]))


def finish(chart: Any) -> dict[str, Any]:
    """Apply the shared look and return the Vega-Lite JSON."""
    spec: dict[str, Any] = chart.configure_view(stroke=None).configure_axis(grid=True).to_dict()
    return spec


def empty(title: str, message: str) -> dict[str, Any]:
    """A chart that says in words why there is nothing to draw yet."""
    import altair as alt

    chart = (
        alt.Chart(alt.InlineData(values=[{"text": message}]))
        .mark_text(fontSize=14, color="#555")
        .encode(text="text:N")
        .properties(title=alt.TitleParams(title, anchor="start"), width=WIDTH_PX, height=HEIGHT_PX)
    )
    return finish(chart)


def reference_line(value: float, label: str, colour: str) -> Any:
    """A dashed horizontal line with its label at the left end."""
    import altair as alt

    data = alt.InlineData(values=[{"y": value, "label": label}])
    rule = alt.Chart(data).mark_rule(color=colour, strokeDash=[6, 4], strokeWidth=1.5).encode(y="y:Q")
    text = (
        alt.Chart(data)
        .mark_text(align="left", baseline="bottom", dx=4, dy=-2, color=colour, fontSize=11)
        .encode(y="y:Q", x=alt.value(0), text="label:N")
    )
    return rule + text
