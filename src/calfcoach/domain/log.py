"""What a person actually did and felt: performed sessions, next-morning check-ins and test results."""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections.abc import Iterator, Sequence
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, overload

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

    def sessions_with(self, exercise_id: str, before: dt.date) -> Sequence[PerformedSession]:
        """Sessions that include the exercise, with day < before, oldest first."""
        days, found = self._by_exercise.get(exercise_id, ([], []))
        return found[: bisect.bisect_left(days, before)]

    def checkins_between(self, start: dt.date, end: dt.date) -> tuple[CheckIn, ...]:
        """Check-ins with start <= day < end."""
        days = self.checkin_days
        return self.checkins[bisect.bisect_left(days, start) : bisect.bisect_left(days, end)]

    def flagged_checkins_between(self, start: dt.date, end: dt.date) -> tuple[CheckIn, ...]:
        """Check-ins with start <= day < end that reported a symptom (what red flags read)."""
        return tuple(c for c in History.checkins_between(self, start, end) if c.symptoms)

    def sessions_between(self, start: dt.date, end: dt.date) -> tuple[PerformedSession, ...]:
        """Sessions with start <= day < end, found by bisection (histories run to thousands of sessions)."""
        days = self.session_days
        return self.sessions[bisect.bisect_left(days, start) : bisect.bisect_left(days, end)]

    def last_session_before(self, day: dt.date) -> PerformedSession | None:
        """The latest session with day < `day` (the last of that day's sessions), if any."""
        index = bisect.bisect_left(self.session_days, day)
        return self.sessions[index - 1] if index else None

    def tests_between(self, first: dt.date, last: dt.date) -> tuple[TestResult, ...]:
        """Tests with first <= day <= last, oldest first."""
        return tuple(t for t in self.tests if first <= t.day <= last)

    def latest_test(self, kind: TestKind) -> TestResult | None:
        found = [t for t in self.tests if t.kind is kind]
        return max(found, key=lambda t: t.day) if found else None


class BeyondHorizon(LookupError):
    """A recent history was asked about days before the ones it holds: the caller reads the whole history."""


class _Reaching(Sequence[PerformedSession]):
    """The sessions of an exercise that a recent history holds, where older ones exist that it does not.

    Only what is known is answered: the newest ones, counted from the end, read backwards or sliced from
    the end. Anything that would reach the unread sessions (the whole list, its length, the oldest one,
    reading backwards past the known ones) raises BeyondHorizon.
    """

    def __init__(self, known: list[PerformedSession], *, older: bool) -> None:
        self._known = known
        self._older = older  # whether some of the unread ones are surely in the list (dated before its end)

    @overload
    def __getitem__(self, index: int) -> PerformedSession: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[PerformedSession]: ...

    def __getitem__(self, index: int | slice) -> PerformedSession | Sequence[PerformedSession]:
        known = len(self._known)
        if isinstance(index, int):
            if -known <= index < 0:
                return self._known[index]
            raise BeyondHorizon(f"session {index} of an exercise")
        if index.step is None and index.start is not None and -known <= index.start < 0:
            stop = index.stop
            if stop is None or stop < 0:
                return self._known[index]
        raise BeyondHorizon(f"sessions {index} of an exercise")

    def __len__(self) -> int:
        raise BeyondHorizon("how many sessions of an exercise")

    def __bool__(self) -> bool:
        if self._known or self._older:
            return True
        raise BeyondHorizon("whether an exercise was done before the sessions read")

    def __iter__(self) -> Iterator[PerformedSession]:
        raise BeyondHorizon("every session of an exercise")

    def __reversed__(self) -> Iterator[PerformedSession]:
        yield from reversed(self._known)
        raise BeyondHorizon("the sessions of an exercise before the ones read")


class RecentHistory(History):
    """The history from `horizon` on, with what is known of the days before it, for a cold "today".

    Sessions, check-ins and tests are held from `horizon` on; every check-in that reported a symptom, every
    screening and every clearance, whatever their day (a red flag stays open until cleared). Of the days
    before `horizon` it knows whether sessions, check-ins and tests exist at all, the exercises logged then
    (their order of first appearance), and how many sessions were completed from `completed_from` on (the
    phase's start, for its gate).

    A question about days before `horizon` that this cannot answer exactly raises BeyondHorizon, and the
    caller asks again of the whole history: the answers it gives are the whole history's, never a guess.
    """

    horizon: dt.date
    earlier_sessions: bool = False
    earlier_checkins: bool = False
    earlier_tests: bool = False
    earlier_exercise_ids: tuple[str, ...] = ()
    completed_from: dt.date | None = None
    completed_earlier: int = 0

    def _before(self, start: dt.date, earlier: bool, what: str) -> None:
        if earlier and start < self.horizon:
            raise BeyondHorizon(f"{what} from {start}, read from {self.horizon}")

    def sessions_between(self, start: dt.date, end: dt.date) -> tuple[PerformedSession, ...]:
        if end > start:
            self._before(start, self.earlier_sessions, "sessions")
        return super().sessions_between(start, end)

    def checkins_between(self, start: dt.date, end: dt.date) -> tuple[CheckIn, ...]:
        if end > start:
            self._before(start, self.earlier_checkins, "check-ins")
        return super().checkins_between(start, end)

    def tests_between(self, first: dt.date, last: dt.date) -> tuple[TestResult, ...]:
        if last >= first:
            self._before(first, self.earlier_tests, "tests")
        return super().tests_between(first, last)

    def latest_test(self, kind: TestKind) -> TestResult | None:
        self._before(dt.date.min, self.earlier_tests, "the latest test")
        return super().latest_test(kind)

    def completed_between(self, start: dt.date, end: dt.date) -> int:
        if not self.earlier_sessions or start >= self.horizon or end <= start:
            return super().completed_between(start, end)
        if start == self.completed_from and end >= self.horizon:
            return self.completed_earlier + super().completed_between(self.horizon, end)
        raise BeyondHorizon(f"sessions completed from {start}, counted from {self.completed_from}")

    def last_session_before(self, day: dt.date) -> PerformedSession | None:
        found = super().last_session_before(day)
        if found is None or found.day < self.horizon:
            self._before(dt.date.min, self.earlier_sessions, "the last session")
        return found

    def sessions_with(self, exercise_id: str, before: dt.date) -> Sequence[PerformedSession]:
        known = super().sessions_with(exercise_id, before)
        if exercise_id not in self.earlier_exercise_ids:
            return known  # none before the horizon
        # The exercise was done before the horizon, so the unread sessions belong to any list that ends
        # after it; one that ends before the horizon may hold none of them.
        return _Reaching(list(known), older=before >= self.horizon)

    @property
    def logged_exercise_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.earlier_exercise_ids, *super().logged_exercise_ids)))
