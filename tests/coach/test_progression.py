import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.coach.pain import Action
from calfcoach.coach.progression import Situation, next_step, reduce, starting_dose
from calfcoach.domain.exercise import Dose
from calfcoach.domain.profile import Level
from calfcoach.domain.program import (
    Caps,
    Floors,
    Hold,
    LoadWhenPainFree,
    Pace,
    RepsThenLoad,
    Schedule,
    ScheduleStep,
)

CAPS = Caps()
DOUBLE = RepsThenLoad(type="reps_then_load", reps_ceiling=15, reps_floor=10, load_step_kg=2.5, max_rpe=7)


def situation(action: Action = Action.PROGRESS, **kw: object) -> Situation:
    return Situation(action=action, why="last time was done at RPE 5", caps=CAPS, **kw)


def test_reps_rise_by_one_below_the_ceiling() -> None:
    step = next_step(DOUBLE, Dose(sets=3, reps=12), situation())
    assert step.dose.reps == 13
    assert str(step.cause) == "last time was done at RPE 5"


def test_at_the_ceiling_load_is_added_and_reps_go_back_to_the_floor() -> None:
    step = next_step(DOUBLE, Dose(sets=3, reps=15), situation())
    assert (step.dose.reps, step.dose.load_kg) == (10, 2.5)
    assert str(step.cause) == "15 reps reached: more load, fewer reps"


def test_load_increase_is_capped_at_ten_percent_of_total_load() -> None:
    big = RepsThenLoad(type="reps_then_load", reps_ceiling=10, load_step_kg=20)
    step = next_step(big, Dose(sets=3, reps=10, load_kg=10), situation(body_mass_kg=60))
    assert step.dose.load_kg == pytest.approx(10 + 7.0)  # 10 % of (60 + 10) kg


def test_hold_keeps_the_dose_and_says_why() -> None:
    dose = Dose(sets=3, reps=12)
    step = next_step(DOUBLE, dose, Situation(action=Action.HOLD, why="pain 4/10: same load", caps=CAPS))
    assert step.dose == dose
    assert str(step.cause) == "pain 4/10: same load"


def test_reduce_takes_a_fifth_off_reps_and_a_load_step_off() -> None:
    step = next_step(DOUBLE, Dose(sets=3, reps=15, load_kg=5), situation(Action.REDUCE))
    assert step.dose.reps == 12
    assert step.dose.load_kg == 2.5


def test_walking_pace_rises_each_completed_walk() -> None:
    rule = Pace(type="pace", step_kmh=0.2, max_kmh=6.5)
    step = next_step(rule, Dose(duration_s=1200, speed_kmh=5.2), situation())
    assert step.dose.speed_kmh == pytest.approx(5.4)


def test_walking_pace_stops_at_its_ceiling() -> None:
    rule = Pace(type="pace", step_kmh=0.2, max_kmh=6.5)
    step = next_step(rule, Dose(duration_s=1200, speed_kmh=6.5), situation())
    assert step.dose.speed_kmh == 6.5


def test_stretch_holds_lengthen_to_their_maximum() -> None:
    rule = Hold(type="hold", step_s=5, max_s=45)
    assert next_step(rule, Dose(sets=2, hold_s=30), situation()).dose.hold_s == 35
    assert next_step(rule, Dose(sets=2, hold_s=45), situation()).dose.hold_s == 45


def test_alfredson_adds_five_kilograms_once_pain_free() -> None:
    rule = LoadWhenPainFree(type="load_when_pain_free", load_step_kg=5, max_load_kg=60)
    step = next_step(rule, Dose(sets=3, reps=15, per_side=True), situation())
    assert step.dose.load_kg == 5
    assert (step.dose.sets, step.dose.reps) == (3, 15)


HSR = Schedule(
    type="schedule",
    load_step_kg=2.5,
    steps=(
        ScheduleStep(weeks=(1, 1), dose=Dose(sets=3, reps=15)),
        ScheduleStep(weeks=(2, 3), dose=Dose(sets=3, reps=12)),
        ScheduleStep(weeks=(4, 5), dose=Dose(sets=4, reps=10)),
        ScheduleStep(weeks=(6, 8), dose=Dose(sets=4, reps=8)),
        ScheduleStep(weeks=(9, 12), dose=Dose(sets=4, reps=6)),
    ),
)


@pytest.mark.parametrize(
    ("week", "sets", "reps"),
    [(1, 3, 15), (2, 3, 12), (3, 3, 12), (4, 4, 10), (5, 4, 10), (6, 4, 8), (8, 4, 8), (9, 4, 6), (12, 4, 6)],
)
def test_heavy_slow_resistance_follows_beyers_weekly_schedule(week: int, sets: int, reps: int) -> None:
    step = next_step(HSR, Dose(sets=3, reps=15, load_kg=20), situation(Action.HOLD, week_in_phase=week))
    assert (step.dose.sets, step.dose.reps) == (sets, reps)


def test_fewer_reps_in_the_schedule_come_with_more_load() -> None:
    step = next_step(
        HSR,
        Dose(sets=3, reps=15, load_kg=20),
        situation(week_in_phase=2, last_week=1, last_reps=15, last_rpe=9),
    )
    assert step.dose.load_kg == 22.5
    assert "fewer reps this week (15 -> 12)" in str(step.cause)


def test_the_same_week_adds_no_load_at_high_effort() -> None:
    """Regression: heavy slow resistance added 2.5 kg every session, whatever the effort."""
    step = next_step(
        HSR,
        Dose(sets=3, reps=12, load_kg=20),
        situation(week_in_phase=3, last_week=2, last_reps=12, last_rpe=9),
    )
    assert step.dose.load_kg == 20
    assert "at the RM" in str(step.cause)


def test_room_to_spare_adds_load_within_the_week() -> None:
    step = next_step(
        HSR,
        Dose(sets=3, reps=12, load_kg=20),
        situation(week_in_phase=3, last_week=3, last_reps=12, last_rpe=7),
    )
    assert step.dose.load_kg == 22.5


def test_missed_reps_make_the_load_lighter() -> None:
    step = next_step(
        HSR,
        Dose(sets=3, reps=12, load_kg=20),
        situation(week_in_phase=3, last_week=3, last_reps=9, last_rpe=10),
    )
    assert step.dose.load_kg == 17.5


def test_no_weights_means_no_load_in_heavy_slow_resistance() -> None:
    step = next_step(HSR, Dose(sets=3, reps=12), situation(week_in_phase=4, last_week=3, has_weights=False))
    assert step.dose.load_kg == 0
    assert "no weights" in str(step.cause)


def test_no_weights_at_the_top_reps_slows_the_tempo_instead_of_adding_load() -> None:
    step = next_step(DOUBLE, Dose(sets=3, reps=15), situation(has_weights=False))
    assert step.dose.load_kg == 0
    assert step.tempo is not None
    assert (step.tempo.down_s, step.tempo.bottom_s) == (4, 2)


def test_load_goes_up_at_most_once_in_the_cap_window() -> None:
    step = next_step(DOUBLE, Dose(sets=3, reps=15, load_kg=2.5), situation(load_step_due=False))
    assert step.dose.load_kg == 2.5


def test_alfredson_adds_no_load_while_the_drops_hurt() -> None:
    rule = LoadWhenPainFree(type="load_when_pain_free", load_step_kg=5, max_load_kg=60)
    step = next_step(rule, Dose(sets=3, reps=15, per_side=True), situation(pain_free=False))
    assert step.dose.load_kg == 0


@given(st.integers(1, 200), st.floats(0.3, 0.95))
def test_reduce_never_goes_below_the_floor_of_reps(reps: int, factor: float) -> None:
    """Regression: reductions shrank a dose to "2 x 1 rep"."""
    lower = reduce(Dose(sets=2, reps=reps), factor, DOUBLE, Floors())
    assert lower.reps is not None
    assert lower.reps >= min(reps, Floors().reps)


def test_intermediates_start_with_a_quarter_more_reps() -> None:
    assert starting_dose(Dose(sets=2, reps=10), DOUBLE, Level.INTERMEDIATE).reps == 13
    assert starting_dose(Dose(sets=2, reps=10), DOUBLE, Level.BEGINNER).reps == 10


doses = st.builds(
    Dose,
    sets=st.integers(1, 5),
    reps=st.integers(1, 30),
    load_kg=st.floats(0, 100).map(lambda x: round(x * 2) / 2),
)


@given(doses, st.sampled_from([Action.HOLD, Action.REDUCE]))
def test_load_and_reps_never_rise_without_permission(dose: Dose, action: Action) -> None:
    step = next_step(DOUBLE, dose, situation(action))
    assert step.dose.load_kg <= dose.load_kg
    assert (step.dose.reps or 0) <= (dose.reps or 0)


@given(doses, st.floats(0.3, 0.95))
def test_reducing_never_adds_anything(dose: Dose, factor: float) -> None:
    lower = reduce(dose, factor, DOUBLE)
    assert lower.load_kg <= dose.load_kg
    assert (lower.reps or 0) <= (dose.reps or 0)
    assert lower.reps is None or lower.reps >= 1
