"""Charts read on a phone: text of at least 12 px, number formats per quantity, date axes with one label
per distinct day, week or month and fewer of them on a narrow chart (rendered by vl-convert, as Vega draws
them in the page)."""

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import vl_convert as vlc

from calfcoach.charts import CalfVolumeChart, PainChart, ResultsChart, WalkingSpeedChart, spec
from calfcoach.charts._common import (
    DESKTOP_DATE_LABELS,
    PHONE_DATE_LABELS,
    date_ticks,
    fixed_width,
)
from calfcoach.domain.exercise import KneePosition
from calfcoach.domain.log import CardioLog, CheckIn, History, PerformedSession, SetLog, TestKind, TestResult

START = dt.date(2026, 11, 20)
PHONE_PX = 340  # a chart's box on a 390 px phone
DESKTOP_PX = 760
# first day, number of days, and the spacing between logged days
RANGES = [(0, 1), (5, 1), (20, 2), (42, 3), (60, 2), (150, 5), (420, 7), (1100, 20)]


def sessions(days: int, every: int) -> History:
    logged = tuple(
        PerformedSession(
            id=f"s{offset}",
            day=START + dt.timedelta(days=offset),
            program_id="p",
            phase_id="f",
            template_id="t",
            sets=(SetLog(exercise_id="calf-raise", set_index=0, reps=12),),
            cardio=(CardioLog(exercise_id="walk", duration_s=1800, distance_m=2400 + 7 * offset),),
            pain_during=offset % 4,
            pain_after=offset % 3,
        )
        for offset in range(0, days + 1, every)
    )
    tests = tuple(
        TestResult(day=s.day, kind=TestKind.KNEE_TO_WALL, left=9.5, right=11.2) for s in logged[::3]
    )
    checkins = tuple(CheckIn(day=s.day, morning_pain=1) for s in logged)
    return History(sessions=logged, tests=tests, checkins=checkins)


def svg_of(chart: dict[str, Any], width: int) -> str:
    svg: str = vlc.vegalite_to_svg(fixed_width(chart, width), allowed_base_urls=[])
    return svg


def axis_labels(svg: str, axis: str) -> list[str]:
    """The label texts of the X or Y axis in Vega's SVG."""
    group = re.search(rf'aria-label="{axis}-axis.*?role-axis-label"[^>]*>(.*?)</g>', svg, re.S)
    assert group, f"no {axis} axis labels"
    return re.findall(r"<text[^>]*>([^<]*)</text>", group.group(1))


def font_sizes(svg: str) -> list[float]:
    return [float(size) for size in re.findall(r'font-size="([\d.]+)px"', svg)]


WIDTHS = [(PHONE_PX, PHONE_DATE_LABELS), (DESKTOP_PX, DESKTOP_DATE_LABELS)]


@pytest.mark.parametrize(("days", "every"), RANGES)
@pytest.mark.parametrize(("width", "most"), WIDTHS)
def test_a_date_axis_names_each_day_once_with_few_labels_on_a_phone(
    days: int, every: int, width: int, most: int
) -> None:
    svg = svg_of(spec("pain", PainChart(sessions(days, every))), width)
    labels = axis_labels(svg, "X")
    assert labels
    assert len(labels) == len(set(labels)), labels
    assert len(labels) <= most, labels


@pytest.mark.parametrize(
    ("days", "most", "interval", "step", "format"),
    [
        (0, 4, "day", 1, "%-d %b"),
        (3, 4, "day", 1, "%-d %b"),
        (6, 4, "day", 2, "%-d %b"),
        (42, 4, "week", 2, "%-d %b"),
        (42, 8, "week", 1, "%-d %b"),
        (30, 4, "week", 2, "%-d %b"),
        (100, 4, "week", 4, "%-d %b"),
        (200, 4, "month", 2, "%b %Y"),  # 20 Nov 2026 to 8 Jun 2027: months of two years
        (30, 1, "month", 1, "%b"),
    ],
)
def test_date_ticks_take_the_finest_calendar_step_that_fits(
    days: int, most: int, interval: str, step: int, format: str
) -> None:
    ticks = date_ticks(START, START + dt.timedelta(days=days), most)
    assert (ticks.interval, ticks.step, ticks.format) == (interval, step, format)


def test_a_span_of_decades_is_labelled_by_years() -> None:
    ticks = date_ticks(dt.date(1990, 1, 1), dt.date(2026, 1, 1), 4)
    assert (ticks.interval, ticks.format) == ("year", "%Y")
    assert 36 / ticks.step + 1 <= 5


def every_chart(history: History) -> dict[str, dict[str, Any]]:
    knees = {"calf-raise": KneePosition.STRAIGHT}
    return {
        "pain": spec("pain", PainChart(history)),
        "calf-volume": spec("calf-volume", CalfVolumeChart(history, knees)),
        "walking-speed": spec("walking-speed", WalkingSpeedChart(history, {"walk"})),
        "knee-to-wall": spec("results", ResultsChart(history, TestKind.KNEE_TO_WALL)),
        "empty": spec("pain", PainChart(History())),
    }


@pytest.mark.parametrize("name", sorted(every_chart(History())))
def test_every_text_of_a_chart_drawn_at_phone_width_is_at_least_12_px(name: str) -> None:
    chart = every_chart(sessions(42, 3))[name]
    assert chart["width"] == "container"  # laid out at the page's width, not drawn large and shrunk
    svg = svg_of(chart, PHONE_PX)
    assert re.match(rf'<svg [^>]*class="marks" width="{PHONE_PX}"', svg)
    assert font_sizes(svg)
    assert min(font_sizes(svg)) >= 12


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("pain", r"^(0|2|4|6|8|10)$"),  # whole points of a 0-10 scale
        ("calf-volume", r"^\d+$"),  # reps are counted
        ("walking-speed", r"^\d+\.\d$"),  # km/h to a tenth
        ("knee-to-wall", r"^\d+\.\d$"),  # centimetres to a tenth
    ],
)
def test_each_quantity_has_its_number_format(name: str, pattern: str) -> None:
    labels = axis_labels(svg_of(every_chart(sessions(42, 3))[name], PHONE_PX), "Y")
    assert labels
    assert all(re.match(pattern, label) for label in labels), labels


def test_notes_too_long_for_a_phone_are_wrapped_into_lines() -> None:
    title = spec("pain", PainChart(sessions(10, 2)))["title"]
    assert len(title["subtitle"]) > 1
    assert all(len(line) <= 42 for line in title["subtitle"])
    assert " ".join(title["subtitle"]).startswith("Up to 5/10 during and after is acceptable")


def _page_time_locale(language: str) -> dict[str, Any]:
    """The d3 time locale charts.js gives Vega on a page in `language` (its names, read from the script)."""
    script = (Path(__file__).parents[2] / "src/calfcoach/web/static/charts.js").read_text()
    block = script[script.index(f"  {language}: {{") :]
    locale: dict[str, Any] = {}
    for key in ("dateTime", "date", "time"):
        found = re.search(rf'\b{key}: "([^"]*)"', block)
        assert found
        locale[key] = found[1]
    locale["periods"] = ["AM", "PM"]
    for key in ("days", "shortDays", "months", "shortMonths"):
        found = re.search(rf"\b{key}: (\[[^\]]*\])", block)
        assert found
        locale[key] = json.loads(found[1])
    return locale


def test_a_german_date_axis_writes_the_day_with_a_point_and_the_months_short_name() -> None:
    # The German page read '1 Nov' where German writes '1. Nov.'.
    history = sessions(20, 2)
    german = spec("pain", PainChart(history, language="de"))
    svg = vlc.vegalite_to_svg(
        fixed_width(german, PHONE_PX), allowed_base_urls=[], time_format_locale=_page_time_locale("de")
    )
    labels = axis_labels(svg, "X")
    assert labels
    assert all(re.fullmatch(r"\d{1,2}\. (Nov\.|Dez\.)", label) for label in labels), labels
    english = vlc.vegalite_to_svg(
        fixed_width(spec("pain", PainChart(history)), PHONE_PX),
        allowed_base_urls=[],
        time_format_locale=_page_time_locale("en"),
    )
    assert all(re.fullmatch(r"\d{1,2} (Nov|Dec)", label) for label in axis_labels(english, "X"))
