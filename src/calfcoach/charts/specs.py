"""Chart specifications, defined once with Altair and handed out as Vega-Lite JSON.

The web page embeds the JSON with vega-embed; `export` renders the same JSON to PNG or SVG. Altair takes
about 200 ms to import, so it is imported inside the functions that build a chart.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from calfcoach.assess.measures import HEEL_RAISE_MDC_REPS
from calfcoach.assess.norms import norm_for
from calfcoach.assess.readiness import MIN_HEEL_RAISES
from calfcoach.charts.rows import (
    KNEE_LABELS,
    PAIN_AFTER,
    PAIN_DURING,
    PAIN_MORNING,
    calf_volume_rows,
    heel_raise_rows,
    pain_rows,
    walking_speed_rows,
)
from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import KneePosition
from calfcoach.domain.log import History, TestKind
from calfcoach.domain.profile import Sex

WIDTH_PX = 560
HEIGHT_PX = 260
SIDE_COLOURS = ("#0072B2", "#E69F00")  # Okabe-Ito blue and orange: distinct for colour-blind readers
PAIN_COLOURS = ("#D55E00", "#CC79A7", "#009E73")
KNEE_COLOURS = ("#0072B2", "#009E73")
ACCEPTABLE_PAIN = 5
"""Pain up to 5/10 during and after activity is acceptable (Silbernagel 2007 pain-monitoring model)."""


@dataclass(frozen=True)
class HeelRaiseChart:
    """Heel-rise tests over time per side, with the norm for the person and the running goal."""

    history: History
    age: int | None = None
    sex: Sex = Sex.UNSPECIFIED


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


ChartData = HeelRaiseChart | CalfVolumeChart | PainChart | WalkingSpeedChart


def _day_axis() -> Any:
    import altair as alt

    # Dates are calendar days; UTC keeps a browser west of Greenwich from showing the day before.
    return alt.X("utcyearmonthdate(day):T", title="Date", axis=alt.Axis(format="%-d %b", labelAngle=0))


def _base(rows: Sequence[Mapping[str, Any]]) -> Any:
    import altair as alt

    return alt.Chart(alt.InlineData(values=[dict(r) for r in rows]))


def _empty(title: str, message: str) -> dict[str, Any]:
    import altair as alt

    chart = (
        alt.Chart(alt.InlineData(values=[{"text": message}]))
        .mark_text(fontSize=14, color="#555")
        .encode(text="text:N")
        .properties(title=alt.TitleParams(title, anchor="start"), width=WIDTH_PX, height=HEIGHT_PX)
    )
    return _finish(chart)


def _finish(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart.configure_view(stroke=None).configure_axis(grid=True).to_dict()
    return spec


def _reference_line(value: float, label: str, colour: str) -> Any:
    import altair as alt

    data = alt.InlineData(values=[{"y": value, "label": label}])
    rule = alt.Chart(data).mark_rule(color=colour, strokeDash=[6, 4], strokeWidth=1.5).encode(y="y:Q")
    text = (
        alt.Chart(data)
        .mark_text(align="left", baseline="bottom", dx=4, dy=-2, color=colour, fontSize=11)
        .encode(y="y:Q", x=alt.value(0), text="label:N")
    )
    return rule + text


def heel_raise_spec(data: HeelRaiseChart) -> dict[str, Any]:
    """Heel-rise reps per side over time, shaded ± the minimal detectable change, with norm and goal lines."""
    import altair as alt

    title = "Single-leg heel-rise test"
    rows = heel_raise_rows(data.history)
    if not rows:
        return _empty(title, "No heel-rise tests yet: do one to see your progress here.")
    colour = alt.Color(
        "side:N",
        title="Side",
        scale=alt.Scale(domain=["left", "right"], range=list(SIDE_COLOURS)),
    )
    base = _base(rows)
    # One band per side in a fixed colour: a colour encoding here would hide the lines' legend.
    # An area needs two dates to have any width; a single test gets a wide translucent bar instead.
    one_day = len({row["day"] for row in rows}) == 1
    bands = [
        (
            base.transform_filter(alt.datum.side == side).mark_rule(opacity=0.2, color=hue, strokeWidth=24)
            if one_day
            else base.transform_filter(alt.datum.side == side).mark_area(opacity=0.15, color=hue)
        ).encode(x=_day_axis(), y=alt.Y("low:Q"), y2="high:Q")
        for side, hue in zip(("left", "right"), SIDE_COLOURS, strict=True)
    ]
    lines = base.mark_line(point=alt.OverlayMarkDef(size=60, filled=True), strokeWidth=2.5).encode(
        x=_day_axis(),
        y=alt.Y("reps:Q", title="Single-leg heel raises", scale=alt.Scale(zero=True)),
        color=colour,
        tooltip=[
            alt.Tooltip("day:N", title="Date"),
            alt.Tooltip("side:N", title="Side"),
            alt.Tooltip("reps:Q", title="Heel raises"),
        ],
    )
    layers = [*bands, lines, _reference_line(MIN_HEEL_RAISES, f"{MIN_HEEL_RAISES}: running goal", "#009E73")]
    norm = norm_for(TestKind.HEEL_RAISE, age=data.age, sex=data.sex)
    if norm is not None and round(norm.reference) != MIN_HEEL_RAISES:
        label = f"{norm.describe_value()}: {norm.statistic}, {norm.describe_group()} ({norm.cited.short})"
        layers.append(_reference_line(norm.reference, label, "#777777"))
    subtitle = [
        f"Shaded: ± {HEEL_RAISE_MDC_REPS:g} reps, within measurement error (Hébert-Losier 2017).",
    ]
    if norm is not None and norm.trust.value == "approximate":
        subtitle.append("The norm line is approximate: secondary sources disagree by up to 1 rep.")
    chart = alt.layer(*layers).properties(
        title=alt.TitleParams(title, subtitle=subtitle, anchor="start"), width=WIDTH_PX, height=HEIGHT_PX
    )
    return _finish(chart)


def calf_volume_spec(data: CalfVolumeChart) -> dict[str, Any]:
    """Weekly calf reps, straight knee (gastrocnemius) beside bent knee (soleus)."""
    import altair as alt

    title = "Weekly calf volume"
    rows = calf_volume_rows(data.history, data.knee_by_exercise)
    if not rows:
        return _empty(title, "No calf sets logged yet.")
    chart = (
        _base(rows)
        .mark_bar()
        .encode(
            x=alt.X(
                "week:O",
                title="Week starting",
                sort=alt.EncodingSortField(field="week_start", op="min"),
                axis=alt.Axis(labelAngle=0),
            ),
            xOffset=alt.XOffset("knee:N", sort=list(KNEE_LABELS.values())),
            y=alt.Y("reps:Q", title="Reps per week"),
            color=alt.Color(
                "knee:N",
                title=None,
                scale=alt.Scale(domain=list(KNEE_LABELS.values()), range=list(KNEE_COLOURS)),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("week:N", title="Week starting"),
                alt.Tooltip("knee:N", title="Work"),
                alt.Tooltip("reps:Q", title="Reps"),
            ],
        )
        .properties(
            title=alt.TitleParams(
                title,
                subtitle="Straight-knee raises train the gastrocnemius, bent-knee raises the soleus.",
                anchor="start",
            ),
            width=WIDTH_PX,
            height=HEIGHT_PX,
        )
    )
    return _finish(chart)


def pain_spec(data: PainChart) -> dict[str, Any]:
    """Pain during and after sessions and the next morning, with the acceptable 5/10 line."""
    import altair as alt

    title = "Pain (0-10)"
    rows = pain_rows(data.history)
    if not rows:
        return _empty(title, "No sessions or check-ins yet.")
    measures = [PAIN_DURING, PAIN_AFTER, PAIN_MORNING]
    lines = (
        _base(rows)
        .mark_line(point=alt.OverlayMarkDef(size=50, filled=True), strokeWidth=2)
        .encode(
            x=_day_axis(),
            y=alt.Y("pain:Q", title="Pain (0 = none, 10 = worst)", scale=alt.Scale(domain=[0, 10])),
            color=alt.Color(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=measures, range=list(PAIN_COLOURS)),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("day:N", title="Date"),
                alt.Tooltip("measure:N", title="When"),
                alt.Tooltip("pain:Q", title="Pain"),
            ],
        )
    )
    limit = _reference_line(ACCEPTABLE_PAIN, f"{ACCEPTABLE_PAIN}/10: most pain accepted", "#B00020")
    chart = alt.layer(lines, limit).properties(
        title=alt.TitleParams(
            title,
            subtitle=(
                "Up to 5/10 during and after is acceptable if it settles by the next morning "
                "(Silbernagel 2007)."
            ),
            anchor="start",
        ),
        width=WIDTH_PX,
        height=HEIGHT_PX,
    )
    return _finish(chart)


def walking_speed_spec(data: WalkingSpeedChart) -> dict[str, Any]:
    """Average walking speed per session in km/h."""
    import altair as alt

    title = "Walking speed"
    rows = walking_speed_rows(data.history, data.walking_exercise_ids)
    if not rows:
        return _empty(title, "No walks with a speed or distance logged yet.")
    chart = (
        _base(rows)
        .mark_line(
            point=alt.OverlayMarkDef(size=60, filled=True, color=SIDE_COLOURS[0]),
            strokeWidth=2.5,
            color=SIDE_COLOURS[0],
        )
        .encode(
            x=_day_axis(),
            y=alt.Y("speed_kmh:Q", title="Average speed (km/h)", scale=alt.Scale(zero=False)),
            tooltip=[
                alt.Tooltip("day:N", title="Date"),
                alt.Tooltip("speed_kmh:Q", title="km/h", format=".1f"),
                alt.Tooltip("duration_min:Q", title="Minutes"),
            ],
        )
        .properties(
            title=alt.TitleParams(title, subtitle="Each walk a little faster than the last.", anchor="start"),
            width=WIDTH_PX,
            height=HEIGHT_PX,
        )
    )
    return _finish(chart)


CHARTS: dict[str, tuple[type[Any], Any]] = {
    "heel-raise": (HeelRaiseChart, heel_raise_spec),
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
