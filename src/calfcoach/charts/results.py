"""Self-test results over time per side, with the measurement-error band, the norm and the goal."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calfcoach.assess.measures import MDC_SOURCES, minimal_detectable_change
from calfcoach.assess.norms import norm_for
from calfcoach.assess.protocols import protocol
from calfcoach.assess.readiness import MAX_HOP_PAIN, MIN_HEEL_RAISES
from calfcoach.assess.sources import Trust, source
from calfcoach.charts._common import (
    GOAL_COLOUR,
    NORM_COLOUR,
    SIDE_COLOURS,
    base,
    day_axis,
    empty,
    finish,
    reference_line,
    titled,
)
from calfcoach.charts.rows import result_rows
from calfcoach.domain.log import History, TestKind
from calfcoach.domain.profile import Sex
from calfcoach.i18n import N_, localize_decimals, normalize, translate

# English, said in the chart's language (calfcoach.i18n).
Y_TITLES = {
    TestKind.HEEL_RAISE: N_("Single-leg heel raises (reps)"),
    TestKind.KNEE_TO_WALL: N_("Big toe to wall (cm)"),
    TestKind.BALANCE: N_("Time on one leg (s)"),
    TestKind.HOP_PAIN: N_("Pain on hopping (0-10)"),
}
# Each test's chart title (its protocol's name), said in the chart's language; the balance test has two.
TITLES = {
    TestKind.HEEL_RAISE: N_("Single-leg heel-rise test"),
    TestKind.KNEE_TO_WALL: N_("Knee-to-wall (weight-bearing lunge) test"),
    TestKind.HOP_PAIN: N_("Hop-pain check"),
}
EYES_OPEN, EYES_CLOSED = N_("Single-leg stance, eyes open"), N_("Single-leg stance, eyes closed")
# Counts, whole seconds and pain scores are whole numbers; the knee-to-wall distance is read to 0.1 cm.
Y_FORMATS = {
    TestKind.HEEL_RAISE: "d",
    TestKind.KNEE_TO_WALL: ".1f",
    TestKind.BALANCE: "d",
    TestKind.HOP_PAIN: "d",
}


@dataclass(frozen=True)
class ResultsChart:
    """One self-test's results over time; age and sex choose the norm line, as in `interpret`."""

    history: History
    kind: TestKind = TestKind.HEEL_RAISE
    age: int | None = None
    sex: Sex = Sex.UNSPECIFIED
    eyes_closed: bool = False
    language: str | None = None


@dataclass(frozen=True)
class HeelRaiseChart:
    """Heel-rise tests over time per side, with the norm for the person and the running goal."""

    history: History
    age: int | None = None
    sex: Sex = Sex.UNSPECIFIED
    language: str | None = None


def _goal(kind: TestKind, language: str | None) -> Any | None:
    if kind is TestKind.HEEL_RAISE:
        label = translate(language, "{reps}: running goal").format(reps=MIN_HEEL_RAISES)
        return reference_line(MIN_HEEL_RAISES, label, GOAL_COLOUR)
    if kind is TestKind.HOP_PAIN:
        label = translate(language, "{pain}/10: most pain for running").format(pain=MAX_HOP_PAIN)
        return reference_line(MAX_HOP_PAIN, label, GOAL_COLOUR)
    return None


def results_spec(data: ResultsChart) -> dict[str, Any]:
    """A test's values per side over time, shaded ± the MDC where one is published, with norm and goal."""
    import altair as alt

    kind = data.kind
    language = data.language

    def _(message: str) -> str:
        return translate(language, message)

    proto = protocol(kind)
    eyes_closed = data.eyes_closed and kind is TestKind.BALANCE
    title = _(TITLES[kind] if kind is not TestKind.BALANCE else EYES_CLOSED if eyes_closed else EYES_OPEN)
    rows = result_rows(data.history, kind, eyes_closed=eyes_closed)
    if not rows:
        # English lowercases the name inside the sentence; German keeps its nouns capitalised.
        name = title[0].lower() + title[1:] if normalize(language) == "en" else title
        nothing = _("No {name} results yet: do one to see your progress here.")
        return empty(title, nothing.format(name=name), language)
    # The rows say "left" and "right" (the data); the legend says them in the chart's language.
    sides = f"datum.label === 'left' ? '{_('left')}' : '{_('right')}'"
    colour = alt.Color(
        "side:N",
        title=_("Side"),
        scale=alt.Scale(domain=["left", "right"], range=list(SIDE_COLOURS)),
        legend=alt.Legend(orient="top", labelExpr=sides),
    )
    chart_rows = base(rows)
    x = day_axis([row["day"] for row in rows], _("Date"), language)
    layers: list[Any] = []
    subtitle: list[str] = []
    mdc = minimal_detectable_change(kind)
    if mdc is not None:
        # One band per side in a fixed colour: a colour encoding here would hide the lines' legend.
        # An area needs two dates to have any width; a single test gets a wide translucent bar instead.
        one_day = len({row["day"] for row in rows}) == 1
        for side, hue in zip(("left", "right"), SIDE_COLOURS, strict=True):
            side_rows = chart_rows.transform_filter(alt.datum.side == side)
            mark = (
                side_rows.mark_rule(opacity=0.2, color=hue, strokeWidth=24)
                if one_day
                else side_rows.mark_area(opacity=0.15, color=hue)
            )
            layers.append(mark.encode(x=x, y=alt.Y("low:Q"), y2="high:Q"))
        unit = _("reps") if proto.unit == "reps" else proto.unit
        shaded = _("Shaded: ± {mdc} {unit}, within measurement error ({source}).")
        mdc_text = localize_decimals(f"{mdc:g}", language)
        subtitle.append(shaded.format(mdc=mdc_text, unit=unit, source=source(MDC_SOURCES[kind]).short))
    y_scale = alt.Scale(domain=[0, 10]) if kind is TestKind.HOP_PAIN else alt.Scale(zero=True)
    layers.append(
        chart_rows.mark_line(point=alt.OverlayMarkDef(size=60, filled=True), strokeWidth=2.5).encode(
            x=x,
            y=alt.Y(
                "value:Q",
                title=_(Y_TITLES[kind]),
                scale=y_scale,
                axis=alt.Axis(format=Y_FORMATS[kind], tickMinStep=1 if Y_FORMATS[kind] == "d" else 0.1),
            ),
            color=colour,
            tooltip=[
                alt.Tooltip("day:N", title=_("Date")),
                alt.Tooltip("side:N", title=_("Side")),
                alt.Tooltip("value:Q", title=_(Y_TITLES[kind]), format=Y_FORMATS[kind]),
            ],
        )
    )
    goal = _goal(kind, language)
    if goal is not None:
        layers.append(goal)
    norm = (
        None
        if kind is TestKind.HOP_PAIN
        else norm_for(kind, age=data.age, sex=data.sex, eyes_closed=eyes_closed)
    )
    if norm is not None and not (kind is TestKind.HEEL_RAISE and round(norm.reference) == MIN_HEEL_RAISES):
        # The line carries the number; who it describes and the source are a note (too long for a phone).
        statistic = norm.describe_statistic(language)
        line_label = f"{norm.describe_value(language)}: {statistic}"
        layers.append(reference_line(norm.reference, line_label, NORM_COLOUR, right=True))
        grey = _(N_("Grey line: the {statistic} of {group} ({source})."))
        subtitle.append(
            grey.format(statistic=statistic, group=norm.describe_group(language), source=norm.cited.short)
        )
        if norm.trust is Trust.APPROXIMATE:
            subtitle.append(_("The norm line is approximate: secondary sources disagree by up to 1 rep."))
    return finish(titled(alt.layer(*layers), title, subtitle, language))


def heel_raise_spec(data: HeelRaiseChart) -> dict[str, Any]:
    """Heel-rise reps per side over time, shaded ± the minimal detectable change, with norm and goal lines."""
    return results_spec(
        ResultsChart(data.history, TestKind.HEEL_RAISE, age=data.age, sex=data.sex, language=data.language)
    )
