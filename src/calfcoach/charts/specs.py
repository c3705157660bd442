"""Chart specifications, defined once with Altair and handed out as Vega-Lite JSON.

The web page embeds the JSON with vega-embed; `export` renders the same JSON to PNG or SVG. Altair takes
about 200 ms to import, so it is imported inside the functions that build a chart.
"""

from __future__ import annotations

import datetime as dt
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
    PainRow,
    VolumeRow,
    calf_volume_rows,
    pain_rows,
    walking_speed_rows,
)
from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import KneePosition
from calfcoach.domain.log import History
from calfcoach.domain.units import METRIC, Units, speed_number
from calfcoach.i18n import DEFAULT, format_skeleton, normalize, translate

ACCEPTABLE_PAIN = 5
"""Pain up to 5/10 during and after activity is acceptable (Silbernagel 2007 pain-monitoring model)."""


@dataclass(frozen=True)
class CalfVolumeChart:
    """Weekly straight-knee versus bent-knee reps; each exercise's knee position comes from the library."""

    history: History
    knee_by_exercise: Mapping[str, KneePosition] = field(default_factory=dict)
    language: str | None = None


@dataclass(frozen=True)
class PainChart:
    """Pain during and after sessions and the next morning, against the acceptable 5/10."""

    history: History
    language: str | None = None


@dataclass(frozen=True)
class WalkingSpeedChart:
    """Average walking speed per session, for the exercises that count as walking."""

    history: History
    walking_exercise_ids: Collection[str] = ()
    units: Units = METRIC
    language: str | None = None


ChartData = HeelRaiseChart | ResultsChart | CalfVolumeChart | PainChart | WalkingSpeedChart


def calf_volume_spec(data: CalfVolumeChart) -> dict[str, Any]:
    """Weekly calf reps, straight knee (gastrocnemius) beside bent knee (soleus)."""
    import altair as alt

    language = data.language

    def _(message: str) -> str:
        return translate(language, message)

    title = _("Weekly calf volume")
    english = calf_volume_rows(data.history, data.knee_by_exercise)
    one_year = len({r["week_start"][:4] for r in english}) == 1
    rows = [
        VolumeRow(
            week_start=r["week_start"],
            week=_week(r, language, one_year),
            knee=_(r["knee"]),
            reps=r["reps"],
        )
        for r in english
    ]
    if not rows:
        return empty(title, _("No calf sets logged yet."), language)
    knees = [_(label) for label in KNEE_LABELS.values()]
    bars = (
        base(rows)
        .mark_bar()
        .encode(
            x=alt.X(
                "week:O",
                title=_("Week starting"),
                sort=alt.EncodingSortField(field="week_start", op="min"),
                # Many weeks on a phone: labels that would overlap are left out, never drawn twice.
                axis=alt.Axis(labelAngle=0, labelOverlap="greedy", labelSeparation=LABEL_GAP_PX),
            ),
            xOffset=alt.XOffset("knee:N", sort=knees),
            y=alt.Y("reps:Q", title=_("Reps per week"), axis=alt.Axis(format="d", tickMinStep=1)),
            color=alt.Color(
                "knee:N",
                title=None,
                scale=alt.Scale(domain=knees, range=list(KNEE_COLOURS)),
                legend=alt.Legend(orient="top", direction="vertical"),
            ),
            tooltip=[
                alt.Tooltip("week:N", title=_("Week starting")),
                alt.Tooltip("knee:N", title=_("Work")),
                alt.Tooltip("reps:Q", title=_("Reps"), format="d"),
            ],
        )
    )
    chart = titled(
        bars,
        title,
        _("Straight-knee raises train the gastrocnemius, bent-knee raises the soleus."),
        language,
    )
    return finish(chart)


def _week(row: VolumeRow, language: str | None, one_year: bool) -> str:
    """A week's label in the chart's language: the rows write English (`5 Jan`); German `5. Jan.`."""
    if normalize(language) == DEFAULT:
        return row["week"]
    start = dt.date.fromisoformat(row["week_start"])
    return format_skeleton(start, language, "MMMd" if one_year else "yMMMd")


def pain_spec(data: PainChart) -> dict[str, Any]:
    """Pain during and after sessions and the next morning, with the acceptable 5/10 line."""
    import altair as alt

    language = data.language

    def _(message: str) -> str:
        return translate(language, message)

    title = _("Pain (0-10)")
    rows = [PainRow(day=r["day"], measure=_(r["measure"]), pain=r["pain"]) for r in pain_rows(data.history)]
    if not rows:
        return empty(title, _("No sessions or check-ins yet."), language)
    measures = [_(PAIN_DURING), _(PAIN_AFTER), _(PAIN_MORNING)]
    lines = (
        base(rows)
        .mark_line(point=alt.OverlayMarkDef(size=50, filled=True), strokeWidth=2)
        .encode(
            x=day_axis([row["day"] for row in rows], _("Date"), language),
            y=alt.Y(
                "pain:Q",
                title=_("Pain (0 = none, 10 = worst)"),
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
                alt.Tooltip("day:N", title=_("Date")),
                alt.Tooltip("measure:N", title=_("When")),
                alt.Tooltip("pain:Q", title=_("Pain"), format="d"),
            ],
        )
    )
    accepted = _("{limit}/10: most pain accepted").format(limit=ACCEPTABLE_PAIN)
    limit = reference_line(ACCEPTABLE_PAIN, accepted, LIMIT_COLOUR)
    chart = titled(
        alt.layer(lines, limit),
        title,
        _("Up to 5/10 during and after is acceptable if it settles by the next morning (Silbernagel 2007)."),
        language,
    )
    return finish(chart)


def walking_speed_spec(data: WalkingSpeedChart) -> dict[str, Any]:
    """Average walking speed per session in km/h, or mph for a person in imperial units."""
    import altair as alt

    language = data.language

    def _(message: str) -> str:
        return translate(language, message)

    title = _("Walking speed")
    rows = walking_speed_rows(data.history, data.walking_exercise_ids)
    if not rows:
        return empty(title, _("No walks with a speed or distance logged yet."), language)
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
            x=day_axis([row["day"] for row in rows], _("Date"), language),
            y=alt.Y(
                "speed:Q",
                title=_("Average speed ({unit})").format(unit=unit),
                scale=alt.Scale(zero=False),
                axis=alt.Axis(format=".1f", tickCount=5),
            ),
            tooltip=[
                alt.Tooltip("day:N", title=_("Date")),
                alt.Tooltip("speed:Q", title=unit, format=".1f"),
                alt.Tooltip("duration_min:Q", title=_("Minutes"), format=".0f"),
            ],
        )
    )
    return finish(titled(line, title, _("Each walk a little faster than the last."), language))


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
