"""The recording against its plan, drawn: bands where the steps were done, the speed line, the axes."""

from __future__ import annotations

import numpy as np

from calfcoach.charts.plan import PLAN_HEIGHT, PLAN_WIDTH, RUN_FROM_KMH, draw_plan
from calfcoach.domain.compliance import Gait, StepScore, StepVerdict
from calfcoach.domain.units import Units, UnitSystem, speed_number
from calfcoach.domain.workout import Intensity

IMPERIAL = Units.chosen(UnitSystem.IMPERIAL)


def step(name: str, start: float | None, planned_start: float, seconds: float, **more: object) -> StepScore:
    return StepScore.model_validate(
        {
            "name": name,
            "intensity": Intensity.ACTIVE,
            "running": name == "Run",
            "planned_start_s": planned_start,
            "planned_s": seconds,
            "start_s": start,
            "verdict": StepVerdict.DONE if start is not None else StepVerdict.MISSED,
            "gait_done": Gait.WALK,
            **more,
        }
    )


def test_a_target_band_spans_its_speeds_and_its_time() -> None:
    walk = step("Brisk walk", 0.0, 0.0, 1200.0, speed_low_kmh=4.5, speed_high_kmh=5.5)
    time = np.arange(1201.0)
    drawing = draw_plan([walk], time, np.full(1201, 5.0))
    assert drawing is not None
    (band,) = drawing.bands
    assert (band.kind, band.x, band.width) == ("target", 0.0, PLAN_WIDTH)
    top = 8.0 * 1.1  # the axis shows at least 8 km/h, with room above
    assert band.y == round(PLAN_HEIGHT - 5.5 / top * PLAN_HEIGHT, 1)
    assert band.y + band.height == round(PLAN_HEIGHT - 4.5 / top * PLAN_HEIGHT, 1)
    assert drawing.line.startswith("M0.0 ")
    assert drawing.kinds == ("target",)
    assert drawing.minutes == 20


def test_run_and_walk_steps_without_targets_show_their_gaits_speeds_and_a_missed_step_its_planned_place() -> (
    None
):
    steps = [step("Walk", 0.0, 0.0, 300.0), step("Run", None, 300.0, 60.0), step("Walk", 400.0, 360.0, 90.0)]
    drawing = draw_plan(steps, np.arange(501.0), np.full(501, 5.0))
    assert drawing is not None
    walk, run, _ = drawing.bands
    assert (walk.kind, run.kind) == ("walk", "run")
    assert run.x == 600.0  # 300 s of 500
    assert run.y + run.height == round(PLAN_HEIGHT - RUN_FROM_KMH / 8.8 * PLAN_HEIGHT, 1)
    assert drawing.kinds == ("run", "walk")


def test_the_axis_is_in_the_readers_unit() -> None:
    walk = step("Brisk walk", 0.0, 0.0, 600.0, speed_low_kmh=4.5, speed_high_kmh=5.5)
    drawing = draw_plan(
        [walk], np.arange(601.0), np.full(601, 5.0), to_unit=lambda k: speed_number(k, IMPERIAL)
    )
    assert drawing is not None
    assert max(t.value for t in drawing.speed_ticks) <= speed_number(8.8, IMPERIAL)


def test_nothing_to_draw_is_none() -> None:
    assert draw_plan([], np.arange(10.0), np.zeros(10)) is None
