"""Chart specifications, defined once with Altair and handed out as Vega-Lite JSON.

The web page embeds the JSON with vega-embed; `export` renders the same JSON to PNG or SVG. Altair takes
about 200 ms to import, so it is imported inside the functions that build a chart.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from calfcoach.charts._common import (
    KNEE_COLOURS,
    LABEL_GAP_PX,
    LIMIT_COLOUR,
    PAIN_COLOURS,
    SIDE_COLOURS,
    base,
    day_axis,
    empty,
    finish,
    reference_line,
    titled,
)
from calfcoach.charts.results import HeelRaiseChart, ResultsChart, heel_raise_spec, results_spec
from calfcoach.charts.rows import (
    KNEE_LABELS,
    PAIN_AFTER,
    PAIN_DURING,
    PAIN_MORNING,
    calf_volume_rows,
    pain_rows,
    walking_speed_rows,
)
from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import KneePosition
from calfcoach.domain.log import History
from calfcoach.domain.units import METRIC, Units, speed_number

ACCEPTABLE_PAIN = 5
"""Pain up to 5/10 during and after activity is acceptable (Silbernagel 2007 pain-monitoring model)."""


@dataclass(frozen=True)
class CalfVolumeChart:
    """Weekly straight-knee versus bent-knee reps; each exercise's knee position comes from the library."""

    history: History
    knee_by_exercise: Mapping[str, KneePosition] = field(default_factory=dict)


@dataclass(frozen=True)
class PainChart:
    """Pain during and after sessions and the next morning, against the acceptable 5/10."""

    history: History


@dataclass(frozen=True)
class WalkingSpeedChart:
    """Average walking speed per session, for the exercises that count as walking."""

    history: History
    walking_exercise_ids: Collection[str] = ()
    units: Units = METRIC


ChartData = HeelRaiseChart | ResultsChart | CalfVolumeChart | PainChart | WalkingSpeedChart


def calf_volume_spec(data: CalfVolumeChart) -> dict[str, Any]:
    """Weekly calf reps, straight knee (gastrocnemius) beside bent knee (soleus)."""
    import altair as alt

    title = "Weekly calf volume"
    rows = calf_volume_rows(data.history, data.knee_by_exercise)
    if not rows:
        return empty(title, "No calf sets logged yet.")
    bars = (
        base(rows)
        .mark_bar()
        .encode(
            x=alt.X(
                "week:O",
                title="Week starting",
                sort=alt.EncodingSortField(field="week_start", op="min"),
                # Many weeks on a phone: labels that would overlap are left out, never drawn twice.
                axis=alt.Axis(labelAngle=0, labelOverlap="greedy", labelSeparation=LABEL_GAP_PX),
            ),
            xOffset=alt.XOffset("knee:N", sort=list(KNEE_LABELS.values())),
            y=alt.Y("reps:Q", title="Reps per week", axis=alt.Axis(format="d", tickMinStep=1)),
            color=alt.Color(
                "knee:N",
                title=None,
                scale=alt.Scale(domain=list(KNEE_LABELS.values()), range=list(KNEE_COLOURS)),
                legend=alt.Legend(orient="top", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("week:N", title="Week starting"),
                alt.Tooltip("knee:N", title="Work"),
                alt.Tooltip("reps:Q", title="Reps", format="d"),
            ],
        )
    )
    chart = titled(bars, title, "Straight-knee raises train the gastrocnemius, bent-knee raises the soleus.")
    return finish(chart)


def pain_spec(data: PainChart) -> dict[str, Any]:
    """Pain during and after sessions and the next morning, with the acceptable 5/10 line."""
    import altair as alt

    title = "Pain (0-10)"
    rows = pain_rows(data.history)
    if not rows:
        return empty(title, "No sessions or check-ins yet.")
    measures = [PAIN_DURING, PAIN_AFTER, PAIN_MORNING]
    lines = (
        base(rows)
        .mark_line(point=alt.OverlayMarkDef(size=50, filled=True), strokeWidth=2)
        .encode(
            x=day_axis([row["day"] for row in rows]),
            y=alt.Y(
                "pain:Q",
                title="Pain (0 = none, 10 = worst)",
                scale=alt.Scale(domain=[0, 10]),
                axis=alt.Axis(format="d", values=[0, 2, 4, 6, 8, 10]),
            ),
            color=alt.Color(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=measures, range=list(PAIN_COLOURS)),
                legend=alt.Legend(orient="top", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("day:N", title="Date"),
                alt.Tooltip("measure:N", title="When"),
                alt.Tooltip("pain:Q", title="Pain", format="d"),
            ],
        )
    )
    limit = reference_line(ACCEPTABLE_PAIN, f"{ACCEPTABLE_PAIN}/10: most pain accepted", LIMIT_COLOUR)
    chart = titled(
        alt.layer(lines, limit),
        title,
        "Up to 5/10 during and after is acceptable if it settles by the next morning (Silbernagel 2007).",
    )
    return finish(chart)


def walking_speed_spec(data: WalkingSpeedChart) -> dict[str, Any]:
    """Average walking speed per session in km/h, or mph for a person in imperial units."""
    import altair as alt

    title = "Walking speed"
    rows = walking_speed_rows(data.history, data.walking_exercise_ids)
    if not rows:
        return empty(title, "No walks with a speed or distance logged yet.")
    unit = data.units.speed_unit
    # The rows keep km/h; the chart draws the speed in the person's unit (`speed`), rounded as shown.
    shown = [{**row, "speed": round(speed_number(row["speed_kmh"], data.units), 1)} for row in rows]
    line = (
        base(shown)
        .mark_line(
            point=alt.OverlayMarkDef(size=60, filled=True, color=SIDE_COLOURS[0]),
            strokeWidth=2.5,
            color=SIDE_COLOURS[0],
        )
        .encode(
            x=day_axis([row["day"] for row in rows]),
            y=alt.Y(
                "speed:Q",
                title=f"Average speed ({unit})",
                scale=alt.Scale(zero=False),
                axis=alt.Axis(format=".1f", tickCount=5),
            ),
            tooltip=[
                alt.Tooltip("day:N", title="Date"),
                alt.Tooltip("speed:Q", title=unit, format=".1f"),
                alt.Tooltip("duration_min:Q", title="Minutes", format=".0f"),
            ],
        )
    )
    return finish(titled(line, title, "Each walk a little faster than the last."))


CHARTS: dict[str, tuple[type[Any], Any]] = {
    "heel-raise": (HeelRaiseChart, heel_raise_spec),
    "results": (ResultsChart, results_spec),
    "calf-volume": (CalfVolumeChart, calf_volume_spec),
    "pain": (PainChart, pain_spec),
    "walking-speed": (WalkingSpeedChart, walking_speed_spec),
}
"""Chart name -> (the data it takes, the function that builds it)."""


def spec(name: str, data: ChartData) -> dict[str, Any]:
    """Build the Vega-Lite JSON of the chart called `name` from its data."""
    if name not in CHARTS:
        raise InputError(f"unknown chart {name!r}", hint=f"use one of {', '.join(CHARTS)}")
    data_type, build = CHARTS[name]
    if not isinstance(data, data_type):
        raise InputError(
            f"the {name!r} chart takes {data_type.__name__}, got {type(data).__name__}",
            hint=f"build it as {data_type.__name__}(history=...)",
        )
    result: dict[str, Any] = build(data)
    return result
