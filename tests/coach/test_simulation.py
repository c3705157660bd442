"""The whole engine over the shipped program, the real library and simulated people."""

import datetime as dt
import itertools

import pytest

from calfcoach.coach.pain import pain_status
from calfcoach.coach.performance import last_performance
from calfcoach.coach.prescribe import Coach
from calfcoach.domain.exercise import Equipment
from calfcoach.domain.profile import Profile
from calfcoach.library.catalog import load_catalog
from calfcoach.library.programs import get_program
from tests.coach.simulation import Person, simulate

START = dt.date(2026, 3, 2)
HOME = frozenset(
    {Equipment.STEP, Equipment.WALL, Equipment.CHAIR, Equipment.STEP_BOX, Equipment.ANKLE_WEIGHTS}
)


def coach(**profile: object) -> Coach:
    person = Profile(
        start_date=START,
        weekdays=frozenset({0, 2, 4, 5}),
        minutes_per_session=45,
        equipment=HOME | {Equipment.TREADMILL, Equipment.HILL, Equipment.STAIR_CLIMBER},
        **profile,
    )
    return Coach(program=get_program(person.program_id), catalog=load_catalog(), profile=person)


def first_week_in(run_phases: list[str], phase: str) -> int | None:
    return next((week + 1 for week, p in enumerate(run_phases) if p == phase), None)


def test_a_person_who_follows_the_plan_reaches_running_in_a_plausible_number_of_weeks() -> None:
    run = simulate(coach(), Person(), weeks=20)
    step_box = first_week_in(run.phase_by_week, "step-box-and-weights")
    running = first_week_in(run.phase_by_week, "walk-to-run")
    assert step_box is not None
    assert running is not None
    assert 3 <= step_box < running <= 16


def test_a_person_with_recurring_pain_is_held_back_and_never_escalated() -> None:
    c = coach()
    person = Person(pain_prone=True)
    run = simulate(c, person, weeks=16)
    assert "walk-to-run" not in run.phase_by_week
    history = person.history()
    flagged = 0
    for planned in run.sessions:
        status = pain_status(history, planned.day, c.program.pain)
        if not status.flagged:
            continue
        flagged += 1
        for item in planned.items:
            last = last_performance(history, item.exercise_id, planned.day, item.block)
            if last is None:
                continue
            assert item.dose.load_kg <= last.load_kg, (planned.day, item)
            if item.dose.reps is not None and last.reps_min is not None:
                assert item.dose.reps <= last.reps_min, (planned.day, item)
            if item.dose.speed_kmh is not None and last.speed_kmh is not None:
                assert item.dose.speed_kmh <= last.speed_kmh + 1e-9, (planned.day, item)
    assert flagged > len(run.sessions) // 2


def test_weekly_running_never_rises_more_than_the_cap() -> None:
    c = coach()
    person = Person(capacity_reps=22, single_leg_heel_raises=26)
    simulate(c, person, weeks=30)
    weekly: dict[dt.date, float] = {}
    for session in person.log:
        monday = session.day - dt.timedelta(days=session.day.weekday())
        weekly[monday] = weekly.get(monday, 0.0) + session.running_s
    weeks = sorted(weekly)
    assert sum(weekly.values()) > 0, "the simulated person should have reached running"
    caps = c.program.caps
    for before, after in itertools.pairwise(weeks):
        previous = weekly[before] if after - before == dt.timedelta(days=7) else 0.0
        allowed = (
            caps.weekly_running_start_s
            if previous == 0
            else max(
                previous * (1 + caps.weekly_running_increase_pct / 100),
                previous + caps.weekly_running_min_step_s,
            )
        )
        assert weekly[after] <= allowed + 1e-6, (after, weekly[after], allowed)


@pytest.mark.parametrize("program_id", ["alfredson-eccentric", "heavy-slow-resistance", "walk-to-run-bridge"])
def test_every_shipped_program_can_be_followed_for_twelve_weeks(program_id: str) -> None:
    run = simulate(coach(program_id=program_id), Person(), weeks=12)
    assert len(run.sessions) >= 12 * 3
    assert all(item.reason for s in run.sessions for item in s.items)
