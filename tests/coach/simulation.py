"""A simulated person who follows the plan day by day and responds the way people do.

Strength grows with each session done, a rep target beyond today's capacity is missed, effort rises as the
target nears capacity, and a pain-prone person reports pain that does not settle. The engine only ever sees
the logs, as with a real person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.plan import as_prescribed
from calfcoach.coach.prescribe import Coach, prescribe
from calfcoach.domain.log import CheckIn, History, PerformedSession, TestKind, TestResult
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

    def do(self, planned: PlannedSession, catalog: ExerciseSource) -> PerformedSession:
        targets = [i.dose.reps for i in planned.items if i.dose.reps is not None]
        hardest = max((t / self.capacity_reps for t in targets), default=0.0)
        self.sessions_done += 1
        pain = 6 if self.pain_prone and self.sessions_done % 3 == 0 else (3 if self.pain_prone else 0)
        session = as_prescribed(
            planned,
            catalog,
            reps_of=lambda dose: None if dose.reps is None else min(dose.reps, int(self.capacity_reps)),
            rpe=min(10.0, round(3 + 5 * hardest)),
            pain_during=min(pain, 5),
            pain_after=pain,
        ).model_copy(update={"id": f"sim-{planned.day.isoformat()}"})
        self.capacity_reps += self.growth_per_session
        self.single_leg_heel_raises += self.heel_raise_growth_per_session
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
            person.do(planned, coach.catalog)
        if offset % 7 == 6:
            phases.append(prescribed[-1].phase_id if prescribed else "")
    return Run(sessions=prescribed, phase_by_week=phases)
