"""What a person actually did and felt: performed sessions, next-morning check-ins and test results."""

from __future__ import annotations

import bisect
import datetime as dt
import json
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from pydantic import Field, StrictBool, field_validator

from calfcoach.domain.base import Value
from calfcoach.domain.compliance import Verdict
from calfcoach.domain.exercise import Side
from calfcoach.domain.messages import Message

PainScore = Annotated[int, Field(ge=0, le=10, description="0 = no pain, 10 = worst imaginable")]
Rpe = Annotated[float, Field(ge=0, le=10, description="Borg CR10 rating of perceived exertion")]


def _zoned(value: dt.datetime | None, name: str) -> dt.datetime | None:
    """Refuse a naive datetime: an instant that orders records must carry its time zone."""
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must carry a time zone")
    return value


class SetLog(Value):
    """One set of a strength exercise or one stretch hold.

    `block` names the program block it was prescribed in, so that the same exercise in two roles (a 5-minute
    warm-up walk and the main walk) progresses separately; logs without one (imports) match any block.
    """

    exercise_id: str
    block: str | None = None
    set_index: Annotated[int, Field(ge=0)]
    side: Side = Side.BOTH
    reps: Annotated[int, Field(ge=0, le=500)] | None = None
    hold_s: Annotated[float, Field(ge=0, le=3600)] | None = None
    load_kg: Annotated[float, Field(ge=0, le=500)] = 0.0
    rpe: Rpe | None = None


class CardioLog(Value):
    """One bout of cardio, in its own units: time, distance, pace, grade, machine level, floors."""

    exercise_id: str
    block: str | None = None
    duration_s: Annotated[float, Field(gt=0, le=24 * 3600)]
    distance_m: Annotated[float, Field(ge=0, le=500_000)] | None = None
    avg_speed_kmh: Annotated[float, Field(gt=0, le=40)] | None = None
    grade_pct: Annotated[float, Field(ge=-45, le=45)] | None = None
    level: Annotated[int, Field(ge=1, le=30)] | None = None
    floors: Annotated[int, Field(ge=0, le=10_000)] | None = None
    avg_hr_bpm: Annotated[int, Field(ge=25, le=250)] | None = None
    running_s: Annotated[float, Field(ge=0)] | None = None
    activity_id: str | None = None
    # From a recording scored against its plan (coach/compliance.py): how the bout matched the plan,
    # and why in plain words. None for a bout logged by hand or recorded without a plan.
    plan_verdict: Verdict | None = None
    plan_reason: Annotated[str, Field(max_length=500)] | None = None
    # The reason as a message (store revision 0022), written in the reader's language; None for a bout
    # scored before it was kept (plan_reason alone, English) or not scored at all.
    plan_why: Message | None = None

    @field_validator("plan_why", mode="before")
    @classmethod
    def _why_from_json(cls, value: Any) -> Any:
        """The store and a CSV cell keep the message as JSON text (a Message reads plain text as said)."""
        if isinstance(value, str):
            return json.loads(value) if value else None
        return value

    @property
    def speed_kmh(self) -> float | None:
        if self.avg_speed_kmh is not None:
            return self.avg_speed_kmh
        if self.distance_m:
            return self.distance_m / self.duration_s * 3.6
        return None


class PainSite(StrEnum):
    """Where it hurt, so a pain flag names the body part as well as the activity that provoked it."""

    CALF = "calf"
    ACHILLES = "achilles"
    SHIN = "shin"
    FOOT = "foot"
    KNEE = "knee"
    OTHER = "other"


class PerformedSession(Value):
    """A session as it was done, with how it felt. `planned_for` links it to the plan's day.

    `pain_from` names the exercises that caused the session's pain, when the person knows; left empty,
    the pain is laid on every exercise of the session except stretches (the cautious reading).
    """

    id: str
    day: dt.date
    started_at: dt.datetime | None = None
    program_id: str
    phase_id: str
    template_id: str
    planned_for: dt.date | None = None
    sets: tuple[SetLog, ...] = ()
    cardio: tuple[CardioLog, ...] = ()
    # Strict: a JSON 1 or "yes" is a client's mistake to report, not a truth to guess.
    completed: StrictBool = True
    rpe: Rpe | None = None
    pain_during: PainScore = 0
    pain_after: PainScore = 0
    pain_from: tuple[str, ...] = ()
    pain_site: PainSite | None = None
    notes: str = ""

    @field_validator("started_at")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        return _zoned(value, "started_at")

    @property
    def running_s(self) -> float:
        return sum(c.running_s or 0.0 for c in self.cardio)


class CheckIn(Value):
    """The next-morning report the pain-monitoring model needs: does it settle overnight?

    `symptoms` holds the ids of the check-in questions answered "yes" (library/screening.yaml, under
    `checkin`): swelling, night pain, pain at rest, a sudden pop. What each one means is the questionnaire's.
    `recorded_at` is the instant it was written (the service's clock; None in older data), which orders it
    against a clearance recorded the same day.
    """

    day: dt.date
    morning_pain: PainScore
    stiffness: PainScore = 0
    symptoms: tuple[str, ...] = ()
    notes: str = ""
    recorded_at: dt.datetime | None = None

    @field_validator("recorded_at")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        return _zoned(value, "recorded_at")


class ScreeningAnswers(Value):
    """A screening as the engine reads it: the day it was taken, the instant (None when not known) and the
    questions answered "yes"."""

    day: dt.date
    flagged: tuple[str, ...] = ()
    taken_at: dt.datetime | None = None

    @field_validator("taken_at")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        return _zoned(value, "taken_at")


class Clearance(Value):
    """A person's record that a clinician saw them and cleared them to train, closing every flag raised
    before `day` (red flags and referrals alike), and those raised on `day` itself and recorded at or before
    `recorded_at` (coach/redflags.py). Kept in the history and shown to their coach.

    `recorded_at` is the instant it was written (the service's clock; None in older data)."""

    day: dt.date
    by: Annotated[str, Field(min_length=1, max_length=100, description="who cleared them, e.g. 'GP'")]
    note: Annotated[str, Field(max_length=2000)] = ""
    recorded_at: dt.datetime | None = None

    @field_validator("recorded_at")
    @classmethod
    def _aware(cls, value: dt.datetime | None) -> dt.datetime | None:
        return _zoned(value, "recorded_at")


class TestKind(StrEnum):
    __test__ = False  # not a pytest class
    HEEL_RAISE = "heel_raise"
    KNEE_TO_WALL = "knee_to_wall"
    BALANCE = "balance"
    HOP_PAIN = "hop_pain"


class TestResult(Value):
    """A test done on both legs: heel raises (reps), knee-to-wall (cm), balance (s), hop pain (0-10)."""

    __test__ = False  # not a pytest class

    day: dt.date
    kind: TestKind
    left: Annotated[float, Field(ge=0, le=1000)]
    right: Annotated[float, Field(ge=0, le=1000)]
    eyes_closed: StrictBool = False
    notes: str = ""


class History(Value):
    """Everything the coach reads to prescribe the next session, oldest first."""

    sessions: tuple[PerformedSession, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    tests: tuple[TestResult, ...] = ()
    screenings: tuple[ScreeningAnswers, ...] = ()
    clearances: tuple[Clearance, ...] = ()

    @field_validator("sessions", "checkins", "tests", "screenings", "clearances")
    @classmethod
    def _oldest_first(cls, value: tuple[Value, ...]) -> tuple[Value, ...]:
        """Keep every list in date order; the engine's searches rely on it."""
        return tuple(sorted(value, key=lambda item: getattr(item, "day")))  # noqa: B009

    @cached_property
    def session_days(self) -> list[dt.date]:
        return [s.day for s in self.sessions]

    @cached_property
    def checkin_days(self) -> list[dt.date]:
        return [c.day for c in self.checkins]

    @cached_property
    def _completed_before(self) -> list[int]:
        """completed_before[i] = sessions completed among the first i, for counts in O(log n)."""
        counts = [0]
        for session in self.sessions:
            counts.append(counts[-1] + session.completed)
        return counts

    def completed_between(self, start: dt.date, end: dt.date) -> int:
        """How many completed sessions have start <= day < end."""
        days = self.session_days
        lo, hi = bisect.bisect_left(days, start), bisect.bisect_left(days, end)
        return self._completed_before[hi] - self._completed_before[lo]

    @cached_property
    def _by_exercise(self) -> dict[str, tuple[list[dt.date], list[PerformedSession]]]:
        index: dict[str, tuple[list[dt.date], list[PerformedSession]]] = {}
        for session in self.sessions:
            ids = {s.exercise_id for s in session.sets} | {c.exercise_id for c in session.cardio}
            for exercise_id in ids:
                days, found = index.setdefault(exercise_id, ([], []))
                days.append(session.day)
                found.append(session)
        return index

    @property
    def logged_exercise_ids(self) -> tuple[str, ...]:
        """Every exercise id that appears in a logged session."""
        return tuple(self._by_exercise)

    def sessions_with(self, exercise_id: str, before: dt.date) -> list[PerformedSession]:
        """Sessions that include the exercise, with day < before, oldest first."""
        days, found = self._by_exercise.get(exercise_id, ([], []))
        return found[: bisect.bisect_left(days, before)]

    def checkins_between(self, start: dt.date, end: dt.date) -> tuple[CheckIn, ...]:
        """Check-ins with start <= day < end."""
        days = self.checkin_days
        return self.checkins[bisect.bisect_left(days, start) : bisect.bisect_left(days, end)]

    def sessions_between(self, start: dt.date, end: dt.date) -> tuple[PerformedSession, ...]:
        """Sessions with start <= day < end, found by bisection (histories run to thousands of sessions)."""
        days = self.session_days
        return self.sessions[bisect.bisect_left(days, start) : bisect.bisect_left(days, end)]

    def latest_test(self, kind: TestKind) -> TestResult | None:
        found = [t for t in self.tests if t.kind is kind]
        return max(found, key=lambda t: t.day) if found else None
