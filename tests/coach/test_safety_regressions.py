"""Ten defects a tester found in the coach's safety, each replayed as the situation that showed it.

Every test here failed on the engine of commit c0886e9: urgent screening answers were ignored, steady
7/10 mornings let doses rise, pain was laid on whatever came next, run/walk stages moved on after reduced
sessions and did not step back after breaks, rising mornings reduced reps to "2 x 1", Alfredson added 5 kg
every day, heavy slow resistance loaded people without weights and every session, intervals opened the
steady-running gate, Alfredson never ended, and the walking pace restarted at each phase.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from calfcoach.coach.plan import as_prescribed
from calfcoach.coach.prescribe import Coach, prescribe
from calfcoach.domain.exercise import Equipment
from calfcoach.domain.log import (
    CardioLog,
    CheckIn,
    Clearance,
    History,
    PerformedSession,
    ScreeningAnswers,
    SetLog,
    TestKind,
    TestResult,
)
from calfcoach.domain.plan import PlannedItem, PlannedSession
from calfcoach.domain.profile import Profile
from calfcoach.library.catalog import load_catalog
from calfcoach.library.programs import get_program

MONDAY = dt.date(2026, 3, 2)
EVERY_DAY = frozenset(range(7))
MON_WED_FRI = frozenset({0, 2, 4})
HOME = frozenset({Equipment.STEP, Equipment.WALL, Equipment.CHAIR})
GYM = frozenset(Equipment)


def coach(
    program: str = "calf-foundations-to-running",
    *,
    weekdays: frozenset[int] = MON_WED_FRI,
    equipment: frozenset[Equipment] = HOME,
    weight_kg: float | None = None,
) -> Coach:
    profile = Profile(
        start_date=MONDAY,
        weekdays=weekdays,
        minutes_per_session=90,
        equipment=equipment,
        program_id=program,
        weight_kg=weight_kg,
    )
    return Coach(program=get_program(program), catalog=load_catalog(), profile=profile)


def on(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


@dataclass
class Diary:
    """A person following the coach day by day: the morning check-in, the prescription, the log."""

    coach: Coach
    history: History = field(default_factory=History)
    prescribed: list[PlannedSession] = field(default_factory=list)

    def day(
        self,
        day: dt.date,
        *,
        morning: int | None = None,
        rpe: float = 4.0,
        pain_during: int = 0,
        pain_after: int = 0,
        skip: bool = False,
    ) -> PlannedSession | None:
        checkins = self.history.checkins
        if morning is not None:
            checkins = (*checkins, CheckIn(day=day, morning_pain=morning))
            self.history = History(
                sessions=self.history.sessions, checkins=checkins, tests=self.history.tests
            )
        planned = prescribe(day, self.coach, self.history)
        if planned is None:
            return None
        self.prescribed.append(planned)
        if not skip:
            done = as_prescribed(
                planned, self.coach.catalog, rpe=rpe, pain_during=pain_during, pain_after=pain_after
            )
            self.history = History(
                sessions=(*self.history.sessions, done), checkins=checkins, tests=self.history.tests
            )
        return planned


def item(session: PlannedSession | None, exercise_id: str, block: str | None = None) -> PlannedItem:
    assert session is not None, "a session was expected"
    found = [i for i in session.items if i.exercise_id == exercise_id and block in (None, i.block)]
    assert found, f"{exercise_id} not in {[i.exercise_id for i in session.items]} on {session.day}"
    return found[0]


def items_of(sessions: list[PlannedSession], exercise_id: str, block: str) -> list[PlannedItem]:
    return [i for s in sessions for i in s.items if i.exercise_id == exercise_id and i.block == block]


# (a) ------------------------------------------------------------------------------------------------


def test_a_yes_to_chest_pain_at_screening_stops_every_session_until_a_clearance() -> None:
    c = coach(weekdays=EVERY_DAY)
    screening = (ScreeningAnswers(day=MONDAY, flagged=("chest-pain",)),)
    screened = History(screenings=screening)
    assert [prescribe(on(d), c, screened) for d in range(21)] == [None] * 21

    cleared = History(screenings=screening, clearances=(Clearance(day=on(10), by="GP"),))
    assert [prescribe(on(d), c, cleared) for d in range(10)] == [None] * 10
    back = [prescribe(on(d), c, cleared) for d in range(10, 17)]
    unscreened = [prescribe(on(d), c, History()) for d in range(10, 17)]
    assert [s is None for s in back] == [s is None for s in unscreened], "the person's own training days"
    assert {s.mode for s in back if s is not None} == {"train"}


# (b) ------------------------------------------------------------------------------------------------


def test_steady_seven_out_of_ten_mornings_for_two_weeks_hold_every_dose_and_end_in_relative_rest() -> None:
    diary = Diary(coach(weekdays=MON_WED_FRI))
    for d in range(14):
        diary.day(on(d))
    before = list(diary.prescribed)
    reps_before = {i.exercise_id: i.dose.reps for s in before for i in s.items if i.block == "calves"}
    pace_before = max(i.dose.speed_kmh or 0.0 for i in items_of(before, "brisk-walk", "walk"))

    for d in range(14, 28):
        diary.day(on(d), morning=7)
    sore = diary.prescribed[len(before) :]
    for session in sore:
        for planned in session.items:
            if planned.block == "calves" and planned.dose.reps is not None:
                start = reps_before.get(planned.exercise_id)
                assert start is not None
                assert planned.dose.reps <= start, (
                    session.day,
                    planned.exercise_id,
                    start,
                    planned.dose.reps,
                )
                reps_before[planned.exercise_id] = planned.dose.reps  # and never up from one to the next
            if planned.exercise_id == "brisk-walk" and planned.dose.speed_kmh is not None:
                assert planned.dose.speed_kmh <= pace_before, (session.day, pace_before, planned.dose)

    end = diary.day(on(28), morning=7)
    assert end is not None
    assert end.mode == "relative_rest", end.notes
    assert not any(i.dose.load_kg or i.dose.run_s for i in end.items)


# (c) ------------------------------------------------------------------------------------------------


def test_a_walk_that_hurt_reduces_the_next_walk_and_not_the_strength_session_between() -> None:
    diary = Diary(coach(weekdays=MON_WED_FRI))
    monday = diary.day(on(0), rpe=4)
    walk = diary.day(on(2), rpe=3, pain_after=7)
    friday = diary.day(on(4), rpe=4)
    diary.day(on(7), rpe=4)
    next_walk = diary.day(on(9), rpe=3)

    assert walk is not None
    assert walk.template_id == "walk"
    raise_monday = item(monday, "calf-raise-step")
    raise_friday = item(friday, "calf-raise-step")
    assert raise_friday.dose.reps is not None
    assert raise_monday.dose.reps is not None
    assert raise_friday.dose.reps > raise_monday.dose.reps, "the calf raises should progress, untouched"
    assert raise_friday.action != "reduce"

    walked, again = item(walk, "brisk-walk", "walk"), item(next_walk, "brisk-walk", "walk")
    assert again.action == "reduce", again.reason
    assert again.dose.speed_kmh is not None
    assert walked.dose.speed_kmh is not None
    assert again.dose.speed_kmh <= walked.dose.speed_kmh
    assert again.dose.duration_s is not None
    assert walked.dose.duration_s is not None
    assert again.dose.duration_s < walked.dose.duration_s


# (d) ------------------------------------------------------------------------------------------------


def run_s(session: PlannedSession | None) -> int | None:
    return item(session, "run-walk-intervals").dose.run_s


def test_run_walk_stages_move_on_only_after_full_painless_sessions_and_step_back_after_a_break() -> None:
    diary = Diary(coach("walk-to-run-bridge", weekdays=MON_WED_FRI))
    training = [d for d in range(200) if on(d).weekday() in MON_WED_FRI]
    days = iter(training)

    for _ in range(3):  # three good sessions at stage 1
        assert run_s(diary.day(on(next(days)))) == 60
    for _ in range(3):  # stage 2, each session at an acceptable but not safe 4/10
        assert run_s(diary.day(on(next(days)), pain_during=4)) == 90
    assert run_s(diary.day(on(next(days)))) == 90, "painful sessions must not count toward moving on"
    for _ in range(3):  # a very hard session (it does not count), then one a stage back (nor may it)
        assert run_s(diary.day(on(next(days)), rpe=9)) == 90
        assert run_s(diary.day(on(next(days)))) == 60
    assert run_s(diary.day(on(next(days)))) == 90, "sessions done one stage back must not count either"

    while run_s(diary.prescribed[-1]) == 90:  # good sessions until stage 3
        diary.day(on(next(days)))
    before_break = diary.prescribed[-1]
    assert run_s(before_break) == 120
    back = next(d for d in training if on(d) >= before_break.day + dt.timedelta(days=10))
    runs_after = run_s(diary.day(on(back)))
    assert runs_after is not None
    assert runs_after < 120, "a break of 10 days or more steps back a stage"
    assert all((run_s(s) or 0) <= 120 for s in diary.prescribed[diary.prescribed.index(before_break) :])


# (e) ------------------------------------------------------------------------------------------------


def test_four_weeks_of_rising_morning_pain_end_in_a_referral_without_doses_below_the_floors() -> None:
    diary = Diary(coach(weekdays=MON_WED_FRI))
    rising = (1, 3, 5, 6)
    for d in range(28):
        diary.day(on(d), morning=rising[d // 7])
    reps = [(s.day, i.exercise_id, i.dose.reps) for s in diary.prescribed for i in s.items if i.dose.reps]
    assert min(r for _, _, r in reps) > 1, "no dose like '2 x 1 rep'"
    floors = diary.coach.program.floors
    assert [r for r in reps if r[2] < floors.reps] == []
    holds = [
        (s.day, i.exercise_id, i.dose.hold_s) for s in diary.prescribed for i in s.items if i.dose.hold_s
    ]
    assert [h for h in holds if h[2] < floors.hold_s] == []
    end = diary.day(on(28), morning=6)
    assert end is not None
    assert end.mode == "relative_rest", end.notes


# (f) ------------------------------------------------------------------------------------------------


def loads(sessions: list[PlannedSession], exercise_id: str) -> list[tuple[dt.date, float]]:
    return [(s.day, i.dose.load_kg) for s in sessions for i in s.items if i.exercise_id == exercise_id]


def rises(series: list[tuple[dt.date, float]]) -> list[tuple[dt.date, float]]:
    """(day, step) for each prescription heavier than the one before it."""
    return [(day, load - before) for (_, before), (day, load) in itertools.pairwise(series) if load > before]


def test_alfredson_adds_load_only_once_the_drops_are_pain_free_and_at_most_five_kg_a_week() -> None:
    diary = Diary(coach("alfredson-eccentric", weekdays=EVERY_DAY, equipment=GYM, weight_kg=75))
    for d in range(7):  # a first week with the pain the protocol accepts
        diary.day(on(d), pain_during=4)
    assert all(load == 0 for _, load in loads(diary.prescribed, "eccentric-heel-drop-straight"))
    for d in range(7, 42):
        diary.day(on(d))
    series = loads(diary.prescribed, "eccentric-heel-drop-straight")
    steps = rises(series)
    assert steps, "pain-free drops should take load in the end"
    assert all(step <= 5 for _, step in steps), steps
    assert all((b - a).days >= 7 for (a, _), (b, _) in itertools.pairwise(steps)), steps
    assert dict(series)[on(13)] <= 5, "never 0 -> 60 kg in 13 days"


# (g) ------------------------------------------------------------------------------------------------


def test_heavy_slow_resistance_adds_no_load_without_weights() -> None:
    diary = Diary(coach("heavy-slow-resistance", weekdays=MON_WED_FRI, equipment=HOME))
    for d in range(84):
        diary.day(on(d), rpe=7)
    loaded = [
        (s.day, i.exercise_id, i.dose.load_kg) for s in diary.prescribed for i in s.items if i.dose.load_kg
    ]
    assert not loaded, loaded[:3]


def test_heavy_slow_resistance_load_follows_effort_and_stays_under_the_body_mass_cap() -> None:
    light = 30.0
    diary = Diary(coach("heavy-slow-resistance", weekdays=MON_WED_FRI, equipment=GYM, weight_kg=light))
    for d in range(84):  # every set taken to the repetition maximum: effort 10/10
        diary.day(on(d), rpe=10)
    series = loads(diary.prescribed, "seated-calf-raise")
    steps = rises(series)
    assert len(steps) < len(series) // 2, f"load rose in {len(steps)} of {len(series)} sessions"
    assert all((b - a).days >= 5 for (a, _), (b, _) in itertools.pairwise(steps)), steps
    assert max(load for _, load in series) <= light * 0.75, series[-5:]

    easy = Diary(coach("heavy-slow-resistance", weekdays=MON_WED_FRI, equipment=GYM, weight_kg=light))
    for d in range(84):  # room to spare every time: the load climbs, but only to three quarters of body mass
        easy.day(on(d), rpe=5)
    climbed = loads(easy.prescribed, "seated-calf-raise")
    assert max(load for _, load in climbed) > 0
    assert max(load for _, load in climbed) <= light * 0.75, climbed[-5:]


# (h) ------------------------------------------------------------------------------------------------


def ready_for_running(runs: list[tuple[float, float]]) -> History:
    """Four weeks of strong calf work, a passed readiness test, then a run/walk session three times a week
    from week 6, logged as (duration, seconds of it running)."""
    sessions: list[PerformedSession] = []
    for d in range(0, 42, 2):
        sessions.append(
            PerformedSession(
                id=f"calves-{d}",
                day=on(d),
                program_id="calf-foundations-to-running",
                phase_id="x",
                template_id="t",
                sets=tuple(
                    SetLog(exercise_id="calf-raise-step", block="calves", set_index=i, reps=20)
                    for i in range(3)
                ),
                rpe=4,
            )
        )
    run_days = [d for d in range(42, 120) if on(d).weekday() in MON_WED_FRI][: len(runs)]
    for d, (duration, running) in zip(run_days, runs, strict=True):
        sessions.append(
            PerformedSession(
                id=f"run-{d}",
                day=on(d),
                program_id="calf-foundations-to-running",
                phase_id="walk-to-run",
                template_id="run-outdoors",
                cardio=(
                    CardioLog(
                        exercise_id="run-walk-intervals", block="run", duration_s=duration, running_s=running
                    ),
                ),
                rpe=4,
            )
        )
    tests = (
        TestResult(day=on(38), kind=TestKind.HEEL_RAISE, left=28, right=27),
        TestResult(day=on(38), kind=TestKind.HOP_PAIN, left=0, right=0),
    )
    return History(sessions=tuple(sessions), tests=tests)


def allowed_first_run_s(longest_s: float, c: Coach) -> float:
    caps = c.program.caps
    return max(
        longest_s * (1 + caps.weekly_running_increase_pct / 100), longest_s + caps.weekly_running_min_step_s
    )


def test_intervals_do_not_open_steady_running_and_the_first_jog_fits_the_longest_run() -> None:
    c = coach(weekdays=EVERY_DAY, equipment=GYM)
    intervals = ready_for_running([(2100.0, 1500.0)] * 21)  # 35 min of run/walk, 25 of them running
    last_run = intervals.sessions[-1].day
    week = [prescribe(last_run + dt.timedelta(days=d), c, intervals) for d in range(1, 8)]
    assert {s.phase_id for s in week if s is not None} == {"walk-to-run"}, "no continuous run was done yet"

    continuous = 1500.0  # then twice 25 minutes without a walk break: steady running opens
    ran = ready_for_running([(2100.0, 1500.0)] * 19 + [(continuous, continuous)] * 2)
    week = [prescribe(last_run + dt.timedelta(days=d), c, ran) for d in range(1, 8)]
    jogs = [i for s in week if s is not None for i in s.items if i.exercise_id == "steady-jog"]
    assert jogs, [None if s is None else s.phase_id for s in week]
    assert jogs[0].dose.duration_s is not None
    assert jogs[0].dose.duration_s <= allowed_first_run_s(continuous, c), jogs[0].dose.describe()


# (i) ------------------------------------------------------------------------------------------------


def test_alfredson_ends_after_twelve_weeks() -> None:
    diary = Diary(coach("alfredson-eccentric", weekdays=EVERY_DAY))
    for d in range(13 * 7):
        diary.day(on(d))
    days = [s.day for s in diary.prescribed]
    assert on(12 * 7 - 1) in days, "the last day of week 12 still has its session"
    assert [d for d in days if d >= on(12 * 7)] == [], "no session in week 13"


# (j) ------------------------------------------------------------------------------------------------


def test_walking_pace_carries_over_the_phase_change_and_ankle_weights_hold_it() -> None:
    equipment = HOME | {Equipment.ANKLE_WEIGHTS}
    diary = Diary(coach(weekdays=MON_WED_FRI, equipment=equipment))
    for d in range(12 * 7):
        diary.day(on(d), rpe=4)
    walks = [(s.day, s.phase_id, i) for s in diary.prescribed for i in s.items if i.block == "walk"]
    first_phase = [i for _, phase, i in walks if phase == "foundations"]
    second_phase = [
        (i.exercise_id, i.dose.speed_kmh) for _, phase, i in walks if phase == "step-box-and-weights"
    ]
    assert first_phase
    assert second_phase
    last_before = first_phase[-1].dose.speed_kmh
    assert last_before is not None
    assert last_before > 5.2, "the walks of the first phase got faster"

    brisk = [speed or 0.0 for exercise, speed in second_phase if exercise == "brisk-walk"]
    assert len(brisk) >= 2, second_phase
    assert brisk[0] > last_before, "the pace carries over and keeps rising"
    assert all(b > a or b == 6.5 for a, b in itertools.pairwise(brisk)), brisk

    weighted = next(
        (n for n, (exercise, _) in enumerate(second_phase) if exercise == "ankle-weight-walk"), None
    )
    assert weighted, second_phase  # found, and after a brisk walk
    assert second_phase[weighted][1] == second_phase[weighted - 1][1], "adding ankle weights holds the pace"


# (load after a session at less load) -----------------------------------------------------------------


def test_the_load_carried_over_is_never_above_the_latest_load_lifted_in_any_block() -> None:
    """Found by the invariants at 120 people: a block's own last set was at 5 kg, but a later session
    (relative rest after a clearance) had the same exercise at 0 kg; the block came back at 5 kg at once."""
    from calfcoach.coach.performance import last_performance
    from calfcoach.coach.prescribe import _from_latest_load
    from calfcoach.domain.exercise import Dose

    def done(day: int, block: str, load: float) -> PerformedSession:
        return PerformedSession(
            id=f"s{day}",
            day=on(day),
            program_id="calf-foundations-to-running",
            phase_id="p",
            template_id="t",
            sets=(SetLog(exercise_id="calf-raise-step", block=block, set_index=0, reps=12, load_kg=load),),
        )

    history = History(sessions=(done(0, "calves", 5.0), done(3, "gentle", 0.0)))
    exercise = load_catalog().get("calf-raise-step")
    last = last_performance(history, exercise.id, on(5), "calves")
    assert last is not None
    assert last.load_kg == 5.0
    carried = _from_latest_load(Dose(sets=3, reps=12, load_kg=5.0), last, exercise, history, on(5))
    assert carried.load_kg == 0.0
    alone = History(sessions=(done(0, "calves", 5.0),))
    kept = _from_latest_load(Dose(sets=3, reps=12, load_kg=5.0), last, exercise, alone, on(5))
    assert kept.load_kg == 5.0


# (good sessions before a break at the first stage) ------------------------------------------------------


def test_a_break_at_the_first_stage_starts_the_count_of_good_sessions_again() -> None:
    """Found by the invariants at 1,500 people: at stage 1 a break could not step back, so the good
    sessions before it still counted, and the person moved on after one good session before a 10-day
    break and two after it, while the reason said "after 3 good sessions"."""
    diary = Diary(coach("walk-to-run-bridge", weekdays=MON_WED_FRI))
    training = [d for d in range(60) if on(d).weekday() in MON_WED_FRI]
    first, second = training[0], training[1]
    assert run_s(diary.day(on(first))) == 60
    assert run_s(diary.day(on(second))) == 60
    back = [d for d in training if d >= second + 10]
    after_break = diary.day(on(back[0]))
    assert run_s(after_break) == 60
    assert run_s(diary.day(on(back[1]))) == 60
    third = diary.day(on(back[2]))
    assert run_s(third) == 60, "two good sessions before a break and two after are not three in a row"
    assert "2 of 3 good sessions" in item(third, "run-walk-intervals").reason
    assert run_s(diary.day(on(back[3]))) == 90, "three good sessions after the break move on"
