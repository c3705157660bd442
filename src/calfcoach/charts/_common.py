"""Pieces every chart shares: size, type sizes, colours, the date axis, reference lines, the empty message.

A chart fills the width of its box in the page (width "container"), so its text keeps the sizes below on a
390 px phone instead of shrinking with a fixed-size drawing; an export gets `EXPORT_WIDTH_PX` instead.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from calfcoach.i18n import DEFAULT, normalize, translate

EXPORT_WIDTH_PX = 560
HEIGHT_PX = 260
PHONE_WIDTH_PX = 400
"""Below this drawing width (a phone) a chart shows fewer date labels."""
PHONE_DATE_LABELS = 4
DESKTOP_DATE_LABELS = 8
LABEL_FONT_PX = 12
TITLE_FONT_PX = 16
LABEL_GAP_PX = 8
"""The least space between two axis labels: closer ones are left out ("2 Nov9 Nov" read as one)."""
LINE_CHARS = 42
"""Characters a 12 px line holds in the narrowest chart (about 290 px): longer notes wrap into lines."""
SIDE_COLOURS = ("#0072B2", "#E69F00")  # Okabe-Ito blue and orange: distinct for colour-blind readers
PAIN_COLOURS = ("#D55E00", "#CC79A7", "#009E73")
KNEE_COLOURS = ("#0072B2", "#009E73")
GOAL_COLOUR = "#00704F"  # darker than Okabe-Ito green: its label is text and needs 4.5:1 on white
NORM_COLOUR = "#595959"
LIMIT_COLOUR = "#B00020"
TEXT_COLOUR = "#1b1f24"
MUTED_COLOUR = "#4a5560"

# Vega's UTC time intervals, their length in days, and the steps tried in turn (finest first).
_INTERVALS: tuple[tuple[str, float, tuple[int, ...]], ...] = (
    ("day", 1, (1, 2, 3)),
    ("week", 7, (1, 2, 4)),
    ("month", 365.25 / 12, (1, 2, 3, 6)),
    ("year", 365.25, (1, 2, 5, 10)),
)


@dataclass(frozen=True)
class DateTicks:
    """A date axis's ticks: one every `step` `interval`s (Vega's UTC intervals), labelled with `format`."""

    interval: str
    step: int
    format: str

    def vega(self) -> str:
        """The tick count as a Vega expression (an interval object)."""
        return f"{{interval: '{self.interval}', step: {self.step}}}"


def date_ticks(first: dt.date, last: dt.date, max_labels: int, language: str | None = None) -> DateTicks:
    """The finest calendar ticks that put at most `max_labels` labels between `first` and `last`.

    Ticks fall on whole days, weeks, months or years, so no two labels name the same day; the format
    shows the year only where the ticks are months across a new year, or years.
    """
    span_days = (last - first).days
    for interval, days, steps in _INTERVALS:
        for step in steps:
            # Ticks land on interval boundaries, so a span can hold one more than span / length of them.
            if math.floor(span_days / (days * step)) + 1 <= max_labels:
                return DateTicks(interval, step, _format(interval, first, last, language))
    years = math.ceil((span_days / 365.25 + 1) / max_labels)
    return DateTicks("year", years, "%Y")


# A day as each language writes it with its month's short name (d3's time format; charts.js gives Vega the
# names): 1 Nov in English, 1. Nov. in German (CLDR's "d. MMM", the month's point is in its short name).
DAY_FORMATS: Mapping[str, str] = {"en": "%-d %b", "de": "%-d. %b"}


def _format(interval: str, first: dt.date, last: dt.date, language: str | None = None) -> str:
    if interval in ("day", "week"):
        return DAY_FORMATS.get(normalize(language), DAY_FORMATS[DEFAULT])
    if interval == "month":
        return "%b" if first.year == last.year else "%b %Y"
    return "%Y"


def day_axis(days: Sequence[str], title: str = "Date", language: str | None = None) -> Any:
    """The x axis of calendar days (ISO dates), with fewer labels when the chart is drawn narrow, its days
    written as `language` writes them."""
    import altair as alt

    first, last = dt.date.fromisoformat(min(days)), dt.date.fromisoformat(max(days))
    phone = date_ticks(first, last, PHONE_DATE_LABELS, language)
    desktop = date_ticks(first, last, DESKTOP_DATE_LABELS, language)
    narrow = f"width < {PHONE_WIDTH_PX}"
    # Dates are calendar days; UTC keeps a browser west of Greenwich from showing the day before.
    return alt.X(
        "utcyearmonthdate(day):T",
        title=title,
        axis=alt.Axis(
            tickCount=alt.ExprRef(f"{narrow} ? {phone.vega()} : {desktop.vega()}"),
            labelExpr=(
                f"{narrow} ? utcFormat(datum.value, '{phone.format}') "
                f": utcFormat(datum.value, '{desktop.format}')"
            ),
            labelAngle=0,
            labelOverlap="greedy",
            labelSeparation=LABEL_GAP_PX,
        ),
    )


def lines(text: str) -> list[str]:
    """Text cut into lines that fit the narrowest chart (Vega draws a list of strings as lines)."""
    return textwrap.wrap(text, LINE_CHARS, break_on_hyphens=False)


def base(rows: Sequence[Mapping[str, Any]]) -> Any:
    """A chart over inline rows (no URL: the page and the renderer need no request)."""
    import altair as alt

    return alt.Chart(alt.InlineData(values=[dict(r) for r in rows]))


def titled(chart: Any, title: str, subtitle: str | Sequence[str] = (), language: str | None = None) -> Any:
    """Give the chart its title and its notes (wrapped to fit a phone), full width and the shared height."""
    import altair as alt

    notes = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    wrapped = [line for note in notes for line in lines(note)]
    return chart.properties(
        title=alt.TitleParams(title, subtitle=wrapped, anchor="start"),
        # Vega names the drawing with it (aria-label), for a screen reader.
        description=" ".join([translate(language, "Chart: {title}.").format(title=title), *notes]),
        width="container",
        height=HEIGHT_PX,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )


def finish(chart: Any) -> dict[str, Any]:
    """Apply the shared look (text at least 12 px, dark enough to read) and return the Vega-Lite JSON."""
    spec: dict[str, Any] = (
        chart.configure_view(stroke=None)
        .configure_axis(
            grid=True,
            labelFontSize=LABEL_FONT_PX,
            titleFontSize=LABEL_FONT_PX + 1,
            labelColor=TEXT_COLOUR,
            titleColor=TEXT_COLOUR,
        )
        .configure_legend(
            labelFontSize=LABEL_FONT_PX,
            titleFontSize=LABEL_FONT_PX + 1,
            labelColor=TEXT_COLOUR,
            titleColor=TEXT_COLOUR,
            labelLimit=0,
        )
        .configure_title(
            fontSize=TITLE_FONT_PX,
            subtitleFontSize=LABEL_FONT_PX + 1,
            color=TEXT_COLOUR,
            subtitleColor=MUTED_COLOUR,
        )
        .to_dict()
    )
    return spec


def fixed_width(spec: Mapping[str, Any], width: int = EXPORT_WIDTH_PX) -> dict[str, Any]:
    """The spec drawn `width` pixels wide: a file has no container to fill."""
    sized = dict(spec)
    if sized.get("width") == "container":
        sized["width"] = width
    return sized


def empty(title: str, message: str, language: str | None = None) -> dict[str, Any]:
    """A chart that says in words why there is nothing to draw yet."""
    import altair as alt

    chart = (
        alt.Chart(alt.InlineData(values=[{"text": lines(message)}]))
        .mark_text(fontSize=14, color=MUTED_COLOUR)
        .encode(text="text:N")
    )
    return finish(titled(chart, title, language=language))


def reference_line(value: float, label: str, colour: str, *, right: bool = False) -> Any:
    """A dashed horizontal line with a short label above its left end (or its right end: two lines close
    together then keep their labels apart)."""
    import altair as alt

    data = alt.InlineData(values=[{"y": value, "label": label}])
    rule = alt.Chart(data).mark_rule(color=colour, strokeDash=[6, 4], strokeWidth=1.5).encode(y="y:Q")
    text = (
        alt.Chart(data)
        .mark_text(
            align="right" if right else "left",
            baseline="bottom",
            dx=-4 if right else 4,
            dy=-2,
            color=colour,
            fontSize=LABEL_FONT_PX,
        )
        .encode(y="y:Q", x=alt.value("width" if right else 0), text="label:N")
    )
    return rule + text
