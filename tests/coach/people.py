"""Generated people who live through months of a program, one day at a time.

Hypothesis draws who a person is (birth year, body mass, level, goal, program, training days, minutes per
session, equipment) and how they behave: how much of each prescription they manage (reps done are the
target or their capacity, whichever is less, and capacity grows with every strength session), the pain
and effort they report, the days they skip and the breaks they take, their morning check-ins (mostly low,
sometimes a steady 6-8 for weeks, sometimes rising week on week), check-in symptoms, the clearances they
record some days after a flag, and their heel-raise and hop tests.

`live` walks a person through the days. Each morning the check-in, any clearance and any test go into the
history first; then the coach prescribes; then the person does the session (or skips it) and it is logged
as `coach/plan.as_prescribed` logs one, with their own reps, pain and effort. The engine only ever sees
the logs, as with a real person. Per-day chance (pain, effort, skips) comes from a seeded generator, so a
person printed by Hypothesis lives the same life again when replayed.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.prescribe import Coach, prescribe
from calfcoach.coach.running import planned_running_s
from calfcoach.coach.safety import SafetyStatus, safety_status
from calfcoach.domain.exercise import Category, Equipment, Side
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
from calfcoach.domain.profile import Goal, Level, Profile
from calfcoach.domain.screening import FlagLevel
from calfcoach.library.catalog import load_catalog
from calfcoach.library.programs import get_program
from calfcoach.library.screening import load_questionnaire

PROGRAMS = (
    "calf-foundations-to-running",
    "alfredson-eccentric",
    "heavy-slow-resistance",
    "walk-to-run-bridge",
    "calf-maintenance",
)
FIRST_MONDAY = dt.date(2026, 1, 5)
HOME = frozenset({Equipment.STEP, Equipment.WALL, Equipment.CHAIR})
GYM = frozenset(Equipment)


# The people per property (CALFCOACH_SIM_EXAMPLES, default 30; CI's) and whether a failure is shrunk
# (CALFCOACH_SIM_SHRINK=1: slow, but the smallest failing life is the one to read).
EXAMPLES = int(os.environ.get("CALFCOACH_SIM_EXAMPLES", "30"))
SHRINK = os.environ.get("CALFCOACH_SIM_SHRINK", "") not in ("", "0")
SIM = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=tuple(Phase) if SHRINK else tuple(p for p in Phase if p is not Phase.shrink),
)


def _checkin_ids(level: FlagLevel) -> tuple[str, ...]:
    return tuple(q.id for q in load_questionnaire().checkin if q.level is level)


URGENT_SYMPTOMS = _checkin_ids(FlagLevel.URGENT)
REFER_SYMPTOMS = _checkin_ids(FlagLevel.REFER)
SIGN_UP_QUESTIONS = tuple(q.id for q in load_questionnaire().questions)


# --- Who a person is and how they behave --------------------------------------------------------------


EpisodeKind = Literal["steady", "rising"]
EPISODE_KINDS: tuple[EpisodeKind, ...] = ("steady", "rising")


@dataclass(frozen=True)
class MorningEpisode:
    """A stretch of mornings with pain: a steady level, or rising from 1 to `level` week on week."""

    start: int  # the first day (0 = the start date)
    days: int
    kind: EpisodeKind
    level: int

    def pain_on(self, index: int) -> int | None:
        if not self.start <= index < self.start + self.days:
            return None
        if self.kind == "steady":
            return self.level
        share = (index - self.start) // 7 / max(1, (self.days - 1) // 7)
        return round(1 + (self.level - 1) * share)


@dataclass(frozen=True)
class Symptom:
    """A check-in symptom answered "yes" on one morning (an id of the questionnaire's `checkin`)."""

    day: int
    id: str


@dataclass(frozen=True)
class Behaviour:
    seed: int
    capacity_reps: float  # reps per set the person manages at the start (two-leg exercises)
    growth_per_session: float
    heel_raises: float  # single-leg heel raises at the start (the readiness test)
    symmetry: float  # the right side's heel raises as a share of the left's
    hop_pain_max: int  # each hop test hurts 0..this
    skip_chance: float
    breaks: tuple[tuple[int, int], ...]  # (first day, days) without any training
    ache_chance: float  # a session hurts 3-5 (the acceptable zone); otherwise 0-2
    high_pain_chance: float  # a session hurts 6-9
    pain_from_chance: float  # the person names the one exercise that hurt
    very_hard_chance: float  # a session felt 9-10/10
    stop_early_chance: float
    speed_wobble: float  # how far a walk's logged pace strays from the target (km/h)
    checkin_chance: float
    usual_morning: int  # the morning pain of an ordinary day (0-2)
    episodes: tuple[MorningEpisode, ...]
    symptoms: tuple[Symptom, ...]
    screening: tuple[str, ...]  # sign-up questions answered "yes"
    clears_after: int | None  # days after a flag opens until a clearance is recorded (None: never)
    test_every: int  # days between heel-raise and hop tests, from the fourth week


def calm(seed: int = 0) -> Behaviour:
    """A person who does every session in full, without pain, at a moderate effort."""
    return Behaviour(
        seed=seed,
        capacity_reps=20.0,
        growth_per_session=0.3,
        heel_raises=20.0,
        symmetry=1.0,
        hop_pain_max=0,
        skip_chance=0.0,
        breaks=(),
        ache_chance=0.0,
        high_pain_chance=0.0,
        pain_from_chance=0.0,
        very_hard_chance=0.0,
        stop_early_chance=0.0,
        speed_wobble=0.0,
        checkin_chance=0.0,
        usual_morning=0,
        episodes=(),
        symptoms=(),
        screening=(),
        clears_after=None,
        test_every=14,
    )


@dataclass(frozen=True)
class PersonSpec:
    profile: Profile
    weeks: int
    behaviour: Behaviour

    @property
    def label(self) -> str:
        p, b = self.profile, self.behaviour
        days = "".join("MTWTFSS"[d] if d in p.weekdays else "-" for d in range(7))
        kit = ",".join(sorted(e.value for e in p.equipment)) or "no equipment"
        return (
            f"person seed={b.seed} ({p.program_id}, {p.level.value}, {p.weight_kg or 'no'} kg, days {days}, "
            f"{p.minutes_per_session} min, {kit}, {self.weeks} weeks from {p.start_date})"
        )

    def __repr__(self) -> str:
        """Python that builds the same person (with `from tests.coach.people import *`), to replay a life."""
        profile = self.profile.model_dump(mode="json", exclude_defaults=True)
        return (
            f"PersonSpec(profile=Profile.model_validate({profile!r}), weeks={self.weeks}, "
            f"behaviour={self.behaviour!r})"
        )

    def coach(self) -> Coach:
        return Coach(
            program=get_program(self.profile.program_id), catalog=load_catalog(), profile=self.profile
        )


def _chance(top: float) -> st.SearchStrategy[float]:
    return _number(0.0, top)


def _number(low: float, high: float) -> st.SearchStrategy[float]:
    """A float rounded to two places, so a printed person reads (and replays) cleanly."""
    return st.floats(low, high).map(lambda x: round(x, 2))


@st.composite
def episodes(draw: st.DrawFn, days: int) -> MorningEpisode:
    kind = draw(st.sampled_from(EPISODE_KINDS))
    length = draw(st.integers(7, 35))
    start = draw(st.integers(0, max(0, days - 7)))
    level = draw(st.integers(6, 8)) if kind == "steady" else draw(st.integers(4, 8))
    return MorningEpisode(start=start, days=length, kind=kind, level=level)


@st.composite
def behaviours(
    draw: st.DrawFn,
    days: int,
    *,
    trouble: float = 1.0,
    strong: bool = False,
) -> Behaviour:
    """How a person behaves; `trouble` scales pain, symptoms and skipping; `strong` people progress fast."""
    symptom_ids = st.sampled_from(URGENT_SYMPTOMS + REFER_SYMPTOMS)
    n_breaks = draw(st.integers(0, 2))
    breaks = tuple(
        (draw(st.integers(7, max(7, days - 7))), draw(st.integers(7, 20))) for _ in range(n_breaks)
    )
    screened_yes = draw(st.integers(0, 3)) == 0  # one person in four answers yes to something at sign-up
    screening = (
        tuple(draw(st.lists(st.sampled_from(SIGN_UP_QUESTIONS), min_size=1, max_size=2, unique=True)))
        if screened_yes
        else ()
    )
    return Behaviour(
        seed=draw(st.integers(0, 2**32 - 1)),
        capacity_reps=draw(_number(14.0, 30.0) if strong else _number(4.0, 25.0)),
        growth_per_session=draw(_number(0.2, 0.8) if strong else _number(0.0, 0.6)),
        heel_raises=draw(_number(18.0, 32.0) if strong else _number(5.0, 30.0)),
        symmetry=draw(_number(0.85, 1.0)),
        hop_pain_max=draw(st.integers(0, 1) if strong else st.integers(0, 4)),
        skip_chance=draw(_chance(0.3 * trouble)),
        breaks=breaks,
        ache_chance=draw(_chance(0.4 * trouble)),
        high_pain_chance=draw(_chance(0.25 * trouble)),
        pain_from_chance=draw(_chance(0.6)),
        very_hard_chance=draw(_chance(0.15 * trouble)),
        stop_early_chance=draw(_chance(0.15 * trouble)),
        speed_wobble=draw(st.sampled_from([0.0, 0.0, 0.2, 0.5])),
        checkin_chance=draw(_number(0.2, 1.0)),
        usual_morning=draw(st.integers(0, 2)),
        episodes=tuple(draw(st.lists(episodes(days), max_size=2 if trouble else 0))),
        symptoms=tuple(
            draw(
                st.lists(
                    st.builds(Symptom, day=st.integers(0, days - 1), id=symptom_ids),
                    max_size=2 if trouble else 0,
                )
            )
        ),
        screening=screening,
        clears_after=draw(st.one_of(st.none(), st.integers(1, 10), st.integers(11, 20))),
        test_every=draw(st.integers(7, 28)),
    )


equipment_sets = st.one_of(
    st.just(GYM),
    st.just(HOME),
    st.just(HOME | {Equipment.WEIGHTS}),
    st.just(frozenset[Equipment]()),
    st.frozensets(st.sampled_from(list(Equipment))),
)


@st.composite
def people(
    draw: st.DrawFn,
    *,
    programs: tuple[str, ...] = PROGRAMS,
    equipment: st.SearchStrategy[frozenset[Equipment]] = equipment_sets,
    trouble: float = 1.0,
    strong: bool = False,
    weeks: tuple[int, int] = (8, 26),
    min_days: int = 1,
    minutes: tuple[int, ...] = (10, 15, 20, 30, 45, 60, 90, 120),
) -> PersonSpec:
    """One generated person: profile, how long they live the program, and how they behave."""
    program_id = draw(st.sampled_from(programs))
    lived = draw(st.integers(*weeks))
    profile = Profile(
        name="generated",
        start_date=FIRST_MONDAY + dt.timedelta(days=draw(st.integers(0, 6))),
        weekdays=draw(st.frozensets(st.integers(0, 6), min_size=min_days)),
        minutes_per_session=draw(st.sampled_from(minutes)),
        equipment=draw(equipment),
        level=draw(st.sampled_from(list(Level))),
        goal=draw(st.sampled_from(list(Goal))),
        birth_year=draw(st.one_of(st.none(), st.integers(1940, 2008))),
        weight_kg=draw(st.one_of(st.none(), st.integers(40, 150).map(float))),
        program_id=program_id,
    )
    return PersonSpec(
        profile=profile, weeks=lived, behaviour=draw(behaviours(lived * 7, trouble=trouble, strong=strong))
    )


# --- One life, day by day --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    """One simulated day: the history as the coach saw it, the safety picture, the prescription, the log."""

    index: int
    day: dt.date
    history: History
    safety: SafetyStatus
    planned: PlannedSession | None
    done: PerformedSession | None


SAFE_PAIN = (0, 0, 0, 1, 1, 2)
ACHE = (3, 4, 5)


@dataclass
class _Person:
    spec: PersonSpec
    catalog: ExerciseSource
    rng: random.Random
    capacity: float
    heel_raises: float
    sessions: list[PerformedSession] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    tests: list[TestResult] = field(default_factory=list)
    screenings: list[ScreeningAnswers] = field(default_factory=list)
    clearances: list[Clearance] = field(default_factory=list)
    sore_tomorrow: int = 0

    def history(self) -> History:
        return History(
            sessions=tuple(self.sessions),
            checkins=tuple(self.checkins),
            tests=tuple(self.tests),
            screenings=tuple(self.screenings),
            clearances=tuple(self.clearances),
        )

    # Mornings ------------------------------------------------------------------------------------------

    def morning(self, index: int, day: dt.date, yesterday: SafetyStatus | None) -> None:
        b = self.spec.behaviour
        if index == 0 and b.screening:
            self.screenings.append(ScreeningAnswers(day=day, flagged=b.screening))
        if yesterday is not None and yesterday.flags and b.clears_after is not None:
            first = min(f.since for f in yesterday.flags)
            recorded = bool(self.clearances) and self.clearances[-1].day >= first
            if (day - first).days >= b.clears_after and not recorded:
                self.clearances.append(Clearance(day=day, by="physiotherapist"))
        symptoms = tuple(dict.fromkeys(s.id for s in b.symptoms if s.day == index))
        episode = max((p for e in b.episodes if (p := e.pain_on(index)) is not None), default=None)
        chance = max(b.checkin_chance, 0.8) if episode is not None or self.sore_tomorrow else b.checkin_chance
        if symptoms or self.rng.random() < chance:
            usual = max(0, b.usual_morning + self.rng.choice((-1, 0, 0, 0, 0, 1)))
            pain = max(usual, self.sore_tomorrow, episode or 0)
            stiffness = max(0, min(10, pain + self.rng.choice((-2, -1, 0, 0, 1))))
            self.checkins.append(CheckIn(day=day, morning_pain=pain, stiffness=stiffness, symptoms=symptoms))
        self.sore_tomorrow = 0
        if index >= 21 and (index - 21) % b.test_every == 0:
            left = float(int(self.heel_raises))
            right = float(int(self.heel_raises * b.symmetry))
            hop = float(self.rng.randint(0, b.hop_pain_max))
            self.tests.append(TestResult(day=day, kind=TestKind.HEEL_RAISE, left=left, right=right))
            self.tests.append(TestResult(day=day, kind=TestKind.HOP_PAIN, left=hop, right=hop))

    # Training -------------------------------------------------------------------------------------------

    def skips(self, index: int) -> bool:
        b = self.spec.behaviour
        on_break = any(start <= index < start + days for start, days in b.breaks)
        return on_break or self.rng.random() < b.skip_chance

    def reps_in(self, item: PlannedItem) -> int | None:
        """Reps per set: the target, or what the person manages (less on one leg and under load)."""
        reps = item.dose.reps
        if reps is None:
            return None
        exercise = self.catalog.get(item.exercise_id)
        able = self.capacity * (0.6 if exercise.hard else 1.0) - item.dose.load_kg / 2.5
        return max(1, min(reps, int(able)))

    def do(self, planned: PlannedSession) -> PerformedSession:
        b, rng = self.spec.behaviour, self.rng
        if rng.random() < b.high_pain_chance:
            worst, other = rng.randint(6, 9), rng.randint(0, 5)
            during, after = (worst, other) if rng.random() < 0.5 else (other, worst)
        elif rng.random() < b.ache_chance:
            during, after = rng.choice(SAFE_PAIN + ACHE), rng.choice(ACHE)
        else:
            during, after = rng.choice(SAFE_PAIN), rng.choice(SAFE_PAIN)
        stops_at = len(planned.items)
        if planned.items and rng.random() < b.stop_early_chance:
            stops_at = rng.randrange(len(planned.items))
        sets: list[SetLog] = []
        cardio: list[CardioLog] = []
        hardest = 0.0
        for position, item in enumerate(planned.items):
            if position > stops_at:
                break
            share = rng.uniform(0.3, 0.9) if position == stops_at else 1.0
            dose = item.dose
            exercise = self.catalog.get(item.exercise_id)
            if dose.is_cardio and dose.duration_s:
                speed = dose.speed_kmh
                if speed is not None and b.speed_wobble:
                    speed = round(max(2.0, speed + rng.uniform(-b.speed_wobble, b.speed_wobble)), 1)
                running = planned_running_s(dose, exercise) * share
                cardio.append(
                    CardioLog(
                        exercise_id=item.exercise_id,
                        block=item.block,
                        duration_s=dose.duration_s * share,
                        avg_speed_kmh=speed,
                        grade_pct=dose.grade_pct,
                        level=dose.level,
                        running_s=running or None,
                    )
                )
                continue
            reps = self.reps_in(item)
            if reps is not None and dose.reps:
                able = self.capacity * (0.6 if exercise.hard else 1.0) - dose.load_kg / 2.5
                hardest = max(hardest, dose.reps / max(1.0, able))
            planned_sets = dose.sets or 1
            done_sets = planned_sets if share == 1.0 else max(1, int(planned_sets * share))
            sides = (Side.LEFT, Side.RIGHT) if dose.per_side else (Side.BOTH,)
            sets += [
                SetLog(
                    exercise_id=item.exercise_id,
                    block=item.block,
                    set_index=number,
                    side=side,
                    reps=reps,
                    hold_s=dose.hold_s,
                    load_kg=dose.load_kg,
                )
                for number in range(done_sets)
                for side in sides
            ]
        if rng.random() < b.very_hard_chance:
            rpe = float(rng.choice((9, 10)))
        else:
            rpe = float(max(1, min(8, round(2 + 5 * min(hardest, 1.2) + rng.choice((-1, 0, 0, 1))))))
        named: tuple[str, ...] = ()
        if max(during, after) > 0 and planned.items and rng.random() < b.pain_from_chance:
            named = (rng.choice(planned.items).exercise_id,)
        session = PerformedSession(
            id=f"sim-{b.seed}-{planned.day.isoformat()}",
            day=planned.day,
            program_id=planned.program_id,
            phase_id=planned.phase_id,
            template_id=planned.template_id,
            planned_for=planned.day,
            sets=tuple(sets),
            cardio=tuple(cardio),
            completed=stops_at == len(planned.items),
            rpe=rpe,
            pain_during=during,
            pain_after=after,
            pain_from=named,
        )
        if any(self.catalog.get(i.exercise_id).category is Category.STRENGTH for i in planned.items):
            self.capacity += b.growth_per_session
            self.heel_raises += b.growth_per_session * 1.4
        if after >= 6 and rng.random() < 0.7:
            self.sore_tomorrow = max(0, after - rng.randint(1, 3))
        self.sessions.append(session)
        return session


def live(spec: PersonSpec, coach: Coach | None = None) -> Iterator[Day]:
    """Walk the person through every day of their weeks; yield each day once the coach has prescribed and
    the person has done (or skipped) the session."""
    coach = coach or spec.coach()
    b = spec.behaviour
    person = _Person(
        spec=spec,
        catalog=coach.catalog,
        rng=random.Random(b.seed),
        capacity=b.capacity_reps,
        heel_raises=b.heel_raises,
    )
    questionnaire = coach.questionnaire
    yesterday: SafetyStatus | None = None
    for index in range(spec.weeks * 7):
        day = spec.profile.start_date + dt.timedelta(days=index)
        person.morning(index, day, yesterday)
        history = person.history()
        safety = safety_status(history, day, questionnaire, coach.program.pain)
        planned = prescribe(day, coach, history)
        done = None if planned is None or person.skips(index) else person.do(planned)
        yield Day(index=index, day=day, history=history, safety=safety, planned=planned, done=done)
        yesterday = safety
