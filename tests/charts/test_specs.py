import datetime as dt
import json
import subprocess
import sys
from typing import Any

import pytest
import vl_convert as vlc

from calfcoach.charts import (
    CHARTS,
    CalfVolumeChart,
    ChartData,
    HeelRaiseChart,
    PainChart,
    ResultsChart,
    WalkingSpeedChart,
    spec,
)
from calfcoach.charts.rows import walking_speed_rows
from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import KneePosition
from calfcoach.domain.log import CardioLog, CheckIn, History, PerformedSession, SetLog, TestKind, TestResult
from calfcoach.domain.profile import Sex
from calfcoach.domain.units import Units, UnitSystem

START = dt.date(2026, 1, 5)


def history() -> History:
    sessions = tuple(
        PerformedSession(
            id=f"s{i}",
            day=START + dt.timedelta(days=2 * i),
            program_id="p",
            phase_id="f",
            template_id="t",
            sets=(
                SetLog(exercise_id="calf-raise", set_index=0, reps=12 + i),
                SetLog(exercise_id="bent-knee-raise", set_index=0, reps=10 + i),
            ),
            cardio=(CardioLog(exercise_id="brisk-walk", duration_s=1800, distance_m=2400 + 30 * i),),
            pain_during=i % 4,
            pain_after=i % 3,
        )
        for i in range(10)
    )
    checkins = tuple(
        CheckIn(day=s.day + dt.timedelta(days=1), morning_pain=i % 2) for i, s in enumerate(sessions)
    )
    tests = tuple(
        TestResult(
            day=START + dt.timedelta(weeks=3 * i), kind=TestKind.HEEL_RAISE, left=14 + 4 * i, right=20 + 2 * i
        )
        for i in range(4)
    )
    return History(sessions=sessions, checkins=checkins, tests=tests)


KNEES = {"calf-raise": KneePosition.STRAIGHT, "bent-knee-raise": KneePosition.BENT}
EXAMPLES: dict[str, ChartData] = {
    "heel-raise": HeelRaiseChart(history(), age=34, sex=Sex.FEMALE),
    "calf-volume": CalfVolumeChart(history(), KNEES),
    "pain": PainChart(history()),
    "walking-speed": WalkingSpeedChart(history(), {"brisk-walk"}),
    "results": ResultsChart(history(), TestKind.HEEL_RAISE, age=70, sex=Sex.MALE),
}
EMPTY: dict[str, ChartData] = {
    "heel-raise": HeelRaiseChart(History()),
    "calf-volume": CalfVolumeChart(History()),
    "pain": PainChart(History()),
    "walking-speed": WalkingSpeedChart(History()),
    "results": ResultsChart(History(), TestKind.BALANCE),
}


def joined(value: Any) -> Any:
    """The spec with every text drawn as lines (a list of strings) read back as one string."""
    if isinstance(value, dict):
        return {key: joined(item) for key, item in value.items()}
    if isinstance(value, list):
        if value and all(isinstance(item, str) for item in value):
            return " ".join(value)
        return [joined(item) for item in value]
    return value


def texts(value: Any) -> str:
    return json.dumps(joined(value), ensure_ascii=False)


def test_every_chart_has_an_example_here() -> None:
    assert set(EXAMPLES) == set(CHARTS) == set(EMPTY)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_spec_is_vega_lite_that_vl_convert_renders(name: str) -> None:
    result = spec(name, EXAMPLES[name])
    assert "vega-lite" in result["$schema"]
    json.dumps(result)  # plain JSON, ready to embed in the page
    svg = vlc.vegalite_to_svg(result, allowed_base_urls=[])
    assert svg.startswith("<svg")
    assert "<path" in svg


@pytest.mark.parametrize("name", sorted(EMPTY))
def test_a_chart_without_data_renders_a_plain_message(name: str) -> None:
    result = spec(name, EMPTY[name])
    assert "No " in texts(result)
    assert vlc.vegalite_to_svg(result, allowed_base_urls=[]).startswith("<svg")


def test_the_heel_rise_chart_draws_the_running_goal_the_norm_and_the_mdc_band() -> None:
    result = texts(spec("heel-raise", EXAMPLES["heel-raise"]))
    assert "25: running goal" in result
    assert '"27: median"' in result
    assert "Grey line: the median of women aged 30-39 (Hébert-Losier 2017)." in result
    assert "± 6.5 reps" in result
    assert "approximate" in result


def test_the_heel_rise_chart_without_age_uses_the_abstract_median_and_no_approximate_note() -> None:
    result = texts(spec("heel-raise", HeelRaiseChart(history(), sex=Sex.MALE)))
    assert "the median of men aged 20-81" in result
    assert "approximate" not in result


def test_the_pain_chart_marks_silbernagels_acceptable_five() -> None:
    result = texts(spec("pain", EXAMPLES["pain"]))
    assert "5/10: most pain accepted" in result
    assert "Silbernagel 2007" in result


def test_the_data_is_embedded_so_the_page_needs_no_request() -> None:
    result = spec("calf-volume", EXAMPLES["calf-volume"])
    assert '"url"' not in texts(result)
    rows = [row for dataset in result["datasets"].values() for row in dataset]
    assert any(row["knee"] == "bent knee (soleus)" for row in rows)


def test_an_unknown_chart_name_lists_the_known_ones() -> None:
    with pytest.raises(InputError, match=r"unknown chart 'steps'.*heel-raise, results, calf-volume, pain"):
        spec("steps", PainChart(History()))


def test_the_wrong_data_for_a_chart_is_refused_with_the_type_it_needs() -> None:
    with pytest.raises(InputError, match="the 'pain' chart takes PainChart, got HeelRaiseChart"):
        spec("pain", HeelRaiseChart(History()))


def test_importing_the_charts_does_not_import_altair() -> None:
    code = "import sys, calfcoach.charts; print('altair' in sys.modules, 'vl_convert' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_single_heel_rise_test_still_shows_its_measurement_error_band() -> None:
    one = History(tests=(TestResult(day=START, kind=TestKind.HEEL_RAISE, left=14, right=21),))
    result = spec("heel-raise", HeelRaiseChart(one))
    marks = [layer["mark"]["type"] for layer in result["layer"] if isinstance(layer.get("mark"), dict)]
    assert marks.count("rule") >= 2  # one translucent bar per side, not a zero-width area
    assert "area" not in marks
    assert vlc.vegalite_to_svg(result, allowed_base_urls=[]).startswith("<svg")


@pytest.mark.parametrize("kind", list(TestKind))
def test_every_self_test_charts_over_time(kind: TestKind) -> None:
    tests = tuple(
        TestResult(day=START + dt.timedelta(weeks=2 * i), kind=kind, left=3 + i, right=5 + i)
        for i in range(3)
    )
    result = spec("results", ResultsChart(History(tests=tests), kind, age=45, sex=Sex.FEMALE))
    assert vlc.vegalite_to_svg(result, allowed_base_urls=[]).startswith("<svg")


def test_the_knee_to_wall_chart_shades_powdens_mdc_and_draws_the_12_cm_norm() -> None:
    tests = (TestResult(day=START, kind=TestKind.KNEE_TO_WALL, left=9, right=11),)
    result = texts(spec("results", ResultsChart(History(tests=tests), TestKind.KNEE_TO_WALL)))
    assert "± 1.9 cm, within measurement error (Powden 2015)" in result
    assert "12 ± 2.8: mean" in result
    assert "the mean of healthy adults (Hoch & McKeon 2011)" in result


def test_the_hop_pain_chart_marks_the_running_limit_and_has_no_band() -> None:
    tests = (TestResult(day=START, kind=TestKind.HOP_PAIN, left=3, right=1),)
    result = texts(spec("results", ResultsChart(History(tests=tests), TestKind.HOP_PAIN)))
    assert "2/10: most pain for running" in result
    assert "Shaded" not in result


def test_the_eyes_closed_balance_chart_draws_no_norm() -> None:
    tests = (TestResult(day=START, kind=TestKind.BALANCE, left=4, right=6, eyes_closed=True),)
    chart = ResultsChart(History(tests=tests), TestKind.BALANCE, age=30, eyes_closed=True)
    result = texts(spec("results", chart))
    assert "eyes closed" in result
    assert "Springer" not in result


def test_the_walking_speed_chart_speaks_mph_to_a_person_in_imperial_units() -> None:
    imperial = WalkingSpeedChart(history(), {"brisk-walk"}, Units.chosen(UnitSystem.IMPERIAL))
    drawn = spec("walking-speed", imperial)
    assert "Average speed (mph)" in texts(drawn)
    assert "km/h" not in texts(drawn)
    assert "Average speed (km/h)" in texts(spec("walking-speed", EXAMPLES["walking-speed"]))
    (rows,) = drawn["datasets"].values()
    metric = [row["speed_kmh"] for row in walking_speed_rows(history(), {"brisk-walk"})]
    assert [row["speed"] for row in rows] == [round(kmh / 1.609344, 1) for kmh in metric]


def test_the_charts_speak_the_language_they_are_asked_for() -> None:
    volume = spec("calf-volume", CalfVolumeChart(history(), KNEES, language="de"))
    rows = [row for dataset in volume["datasets"].values() for row in dataset]
    assert {row["knee"] for row in rows} == {"gestrecktes Knie (Gastrocnemius)", "gebeugtes Knie (Soleus)"}
    assert rows[0]["week"] == "5. Jan."
    assert "Wadentraining pro Woche" in texts(volume)
    pain = texts(spec("pain", PainChart(history(), language="de")))
    assert "5/10: höchster vertretbarer Schmerz" in pain
    assert "most pain accepted" not in pain
    heel = texts(spec("heel-raise", HeelRaiseChart(history(), age=34, sex=Sex.FEMALE, language="de")))
    assert "Einbeiniges Fersenheben (Wdh.)" in heel
    assert "25: Ziel fürs Laufen" in heel
    assert "running goal" not in heel
    assert "Durchschnittsgeschwindigkeit (km/h)" in texts(
        spec("walking-speed", WalkingSpeedChart(history(), ["brisk-walk"], language="de"))
    )


def test_the_heel_rise_charts_norm_line_and_note_are_german_for_a_german_reader() -> None:
    german = HeelRaiseChart(history(), age=34, sex=Sex.FEMALE, language="de")
    result = texts(spec("heel-raise", german))
    assert '"27: Median"' in result
    assert "Graue Linie: Median für Frauen von 30-39 Jahren (Hébert-Losier 2017)." in result
    assert "Grey line" not in result
    assert "women" not in result


def test_a_test_chart_in_german_has_no_english_title_or_legend() -> None:
    """Regression: the German progress page titled the heel-rise chart "Single-leg heel-rise test" and its
    legend read "left"/"right"; an empty balance chart said "No single-leg stance, ... results yet"."""
    heel = spec("heel-raise", HeelRaiseChart(history(), age=34, sex=Sex.FEMALE, language="de"))
    said = texts(heel)
    assert "Test: einbeiniges Fersenheben" in said
    for english in ("Single-leg", "Grey line", ": median", "women aged"):
        assert english not in said
    assert "'links'" in said  # the legend's labels for the rows' left and right
    assert "'rechts'" in said
    balance = ResultsChart(History(), TestKind.BALANCE, eyes_closed=True, language="de")
    assert "Einbeinstand, Augen geschlossen: noch keine Ergebnisse." in texts(spec("results", balance))
    in_english = ResultsChart(History(), TestKind.BALANCE, eyes_closed=True)
    assert "No single-leg stance, eyes closed results yet" in texts(spec("results", in_english))
