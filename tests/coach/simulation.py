"""A simulated person who follows the plan day by day and responds the way people do.

Strength grows with each session done, a rep target beyond today's capacity is missed, effort rises as the
target nears capacity, and a pain-prone person reports pain that does not settle. The engine only ever sees
the logs, as with a real person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from calfcoach.coach.prescribe import Coach, prescribe
from calfcoach.domain.exercise import Side
from calfcoach.domain.log import CardioLog, CheckIn, History, PerformedSession, SetLog, TestKind, TestResult
from calfcoach.domain.plan import PlannedSession


@dataclass
class Person:
    """Capacity in reps per set grows a little with every strength session done."""

    capacity_reps: float = 14.0
    single_leg_heel_raises: float = 14.0
    growth_per_session: float = 0.35
    heel_raise_growth_per_session: float = 0.5
    pain_prone: bool = False
    sessions_done: int = 0
    log: list[PerformedSession] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    tests: list[TestResult] = field(default_factory=list)

    def history(self) -> History:
        return History(sessions=tuple(self.log), checkins=tuple(self.checkins), tests=tuple(self.tests))

    def do(self, planned: PlannedSession, running_ids: frozenset[str]) -> PerformedSession:
        sets: list[SetLog] = []
        cardio: list[CardioLog] = []
        hardest = 0.0
        for item in planned.items:
            dose = item.dose
            if dose.is_cardio and dose.duration_s:
                running_s = None
                if dose.run_s and dose.walk_s:
                    running_s = dose.duration_s * dose.run_s / (dose.run_s + dose.walk_s)
                elif item.exercise_id in running_ids:
                    running_s = float(dose.duration_s)
                cardio.append(
                    CardioLog(
                        exercise_id=item.exercise_id,
                        block=item.block,
                        duration_s=dose.duration_s,
                        avg_speed_kmh=dose.speed_kmh,
                        grade_pct=dose.grade_pct,
                        level=dose.level,
                        running_s=running_s,
                    )
                )
                continue
            target = dose.reps
            done = None if target is None else min(target, int(self.capacity_reps))
            if target is not None:
                hardest = max(hardest, target / self.capacity_reps)
            sides = (Side.LEFT, Side.RIGHT) if dose.per_side else (Side.BOTH,)
            for index in range(dose.sets or 1):
                for side in sides:
                    sets.append(
                        SetLog(
                            exercise_id=item.exercise_id,
                            block=item.block,
                            set_index=index,
                            side=side,
                            reps=done,
                            hold_s=dose.hold_s,
                            load_kg=dose.load_kg,
                        )
                    )
        self.sessions_done += 1
        self.capacity_reps += self.growth_per_session
        self.single_leg_heel_raises += self.heel_raise_growth_per_session
        pain = 6 if self.pain_prone and self.sessions_done % 3 == 0 else (3 if self.pain_prone else 0)
        rpe = min(10.0, round(3 + 5 * hardest))
        session = PerformedSession(
            id=f"sim-{planned.day.isoformat()}",
            day=planned.day,
            program_id=planned.program_id,
            phase_id=planned.phase_id,
            template_id=planned.template_id,
            planned_for=planned.day,
            sets=tuple(sets),
            cardio=tuple(cardio),
            completed=True,
            rpe=rpe,
            pain_during=min(pain, 5),
            pain_after=pain,
        )
        self.log.append(session)
        if self.pain_prone:
            self.checkins.append(CheckIn(day=planned.day + dt.timedelta(days=1), morning_pain=min(9, pain)))
        return session

    def test_heel_raises(self, day: dt.date) -> None:
        reps = float(int(self.single_leg_heel_raises))
        self.tests.append(TestResult(day=day, kind=TestKind.HEEL_RAISE, left=reps, right=reps))
        hop = 4.0 if self.pain_prone else 0.0
        self.tests.append(TestResult(day=day, kind=TestKind.HOP_PAIN, left=hop, right=hop))


@dataclass
class Run:
    sessions: list[PlannedSession]
    phase_by_week: list[str]


def simulate(coach: Coach, person: Person, weeks: int, test_every_days: int = 14) -> Run:
    """Follow the plan for `weeks` weeks; take the heel-raise and hop tests every two weeks after week 3."""
    running_ids = frozenset(e.id for e in coach.catalog.all() if e.running)  # type: ignore[attr-defined]
    start = coach.profile.start_date
    prescribed: list[PlannedSession] = []
    phases: list[str] = []
    for offset in range(weeks * 7):
        day = start + dt.timedelta(days=offset)
        if offset >= 21 and offset % test_every_days == 0:
            person.test_heel_raises(day)
        planned = prescribe(day, coach, person.history())
        if planned is not None:
            prescribed.append(planned)
            person.do(planned, running_ids)
        if offset % 7 == 6:
            phases.append(prescribed[-1].phase_id if prescribed else "")
    return Run(sessions=prescribed, phase_by_week=phases)
