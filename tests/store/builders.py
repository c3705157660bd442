"""Domain values for store tests: a profile, sessions with sets and cardio, an activity."""

from __future__ import annotations

import datetime as dt
import hashlib

from calfcoach.domain.exercise import Dose, Equipment, Side, Tempo
from calfcoach.domain.log import (
    CardioLog,
    CheckIn,
    Clearance,
    PainSite,
    PerformedSession,
    SetLog,
    TestKind,
    TestResult,
)
from calfcoach.domain.plan import Plan, PlannedItem, PlannedSession
from calfcoach.domain.profile import Goal, Profile, Sex
from calfcoach.store.records import Activity, ClearanceRecord, Note, Screening

START = dt.date(2024, 1, 1)


def profile(name: str = "Ada") -> Profile:
    return Profile(
        name=name,
        start_date=START,
        weekdays=frozenset({0, 2, 4}),
        minutes_per_session=35,
        equipment=frozenset({Equipment.STEP, Equipment.WALL, Equipment.TREADMILL}),
        goal=Goal.START_RUNNING,
        birth_year=1980,
        sex=Sex.FEMALE,
        weight_kg=61.5,
    )


def sets(count: int, exercise_id: str = "calf-raise-step") -> tuple[SetLog, ...]:
    return tuple(
        SetLog(
            exercise_id=exercise_id,
            block="main",
            set_index=i // 2,
            side=Side.LEFT if i % 2 == 0 else Side.RIGHT,
            reps=12 + i % 4,
            load_kg=2.5 * (i % 3),
            rpe=5.5 if i % 5 == 0 else None,
        )
        for i in range(count)
    )


def session(
    uid: str,
    day: dt.date = START,
    *,
    set_count: int = 6,
    cardio: bool = True,
    pain_from: tuple[str, ...] = (),
    pain_site: PainSite | None = None,
) -> PerformedSession:
    return PerformedSession(
        id=uid,
        day=day,
        started_at=dt.datetime.combine(day, dt.time(7, 30), dt.timezone(dt.timedelta(hours=2))),
        program_id="calf-foundations-to-running",
        phase_id="foundation",
        template_id="strength-a",
        planned_for=day,
        sets=(
            *sets(set_count),
            SetLog(exercise_id="seated-calf-stretch", set_index=0, hold_s=30.0),
        ),
        cardio=(
            CardioLog(
                exercise_id="treadmill-walk",
                block="warm-up",
                duration_s=1200.0,
                distance_m=1850.0,
                avg_speed_kmh=5.55,
                grade_pct=2.0,
                level=4,
                avg_hr_bpm=118,
                running_s=0.0,
                activity_id="a-1",
            ),
        )
        if cardio
        else (),
        rpe=6.0,
        pain_during=1,
        pain_after=2,
        pain_from=pain_from,
        pain_site=pain_site,
        notes="felt fine; left calf tight",
    )


def checkin(
    day: dt.date = START,
    pain: int = 1,
    symptoms: tuple[str, ...] = (),
    recorded_at: dt.datetime | None = None,
) -> CheckIn:
    return CheckIn(
        day=day,
        morning_pain=pain,
        stiffness=2,
        symptoms=symptoms,
        notes="a bit stiff",
        recorded_at=recorded_at,
    )


def clearance(day: dt.date = START, by: str = "GP") -> Clearance:
    return Clearance(day=day, by=by, note="scan clear; build up slowly")


def clearance_record(day: dt.date = START) -> ClearanceRecord:
    return ClearanceRecord(
        **clearance(day).model_dump(exclude={"recorded_at"}),
        recorded_at=dt.datetime.combine(day, dt.time(18), dt.UTC),
    )


def result(day: dt.date = START, kind: TestKind = TestKind.HEEL_RAISE, left: float = 18) -> TestResult:
    return TestResult(day=day, kind=kind, left=left, right=left + 3, notes="to fatigue")


def note(day: dt.date = START) -> Note:
    return Note(
        day=day, text="ran for the bus without pain", created_at=dt.datetime(2024, 1, 2, 9, tzinfo=dt.UTC)
    )


def plan(first: dt.date = START) -> Plan:
    item = PlannedItem(
        exercise_id="calf-raise-step",
        block="main",
        dose=Dose(sets=3, reps=12, reps_max=15, per_side=True, rest_s=60),
        tempo=Tempo(up_s=1, top_s=1, down_s=3),
        reason="first week: learn the movement",
    )
    return Plan(
        program_id="calf-foundations-to-running",
        sessions=tuple(
            PlannedSession(
                day=first + dt.timedelta(days=2 * i),
                program_id="calf-foundations-to-running",
                phase_id="foundation",
                template_id="strength-a",
                name=f"Strength A, session {i + 1}",
                items=(item,),
                minutes=32.5,
                notes=("stop if pain goes above 5",),
            )
            for i in range(4)
        ),
        notes=("generated for a test",),
    )


def activity(
    uid: str = "act-1", *, content: bytes = b"gpx bytes", device: str = "Forerunner 255"
) -> Activity:
    return Activity(
        id=uid,
        sport="running",
        start_time=dt.datetime(2024, 3, 1, 6, 15, tzinfo=dt.UTC),
        distance_m=5012.4,
        elapsed_s=1900.0,
        moving_s=1850.0,
        elevation_gain_m=42.0,
        elevation_loss_m=40.5,
        avg_speed_mps=2.71,
        gap_speed_mps=2.79,
        points=1900,
        source_file="morning-run.gpx",
        content_sha256=hashlib.sha256(content).hexdigest(),
        device=device,
        track=bytes(range(256)) * 40,
        summary={"splits_s": [360.5, 371.0], "max_hr_bpm": 171},
    )


def screening() -> Screening:
    return Screening(
        taken_at=dt.datetime(2024, 1, 1, 7, tzinfo=dt.UTC),
        answers={"chest-pain": False, "calf-swelling": True},
        flagged=("calf-swelling",),
        urgent=True,
    )
