"""Plain rows for each chart, computed from domain values (no Altair here, so they test fast)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping
from typing import TypedDict

from calfcoach.assess.measures import minimal_detectable_change
from calfcoach.domain.exercise import KneePosition
from calfcoach.domain.log import History, TestKind
from calfcoach.i18n import N_


class ResultRow(TypedDict):
    day: str
    side: str
    value: float
    low: float
    high: float


class VolumeRow(TypedDict):
    week_start: str
    week: str
    knee: str
    reps: int


class PainRow(TypedDict):
    day: str
    measure: str
    pain: int


class SpeedRow(TypedDict):
    day: str
    speed_kmh: float
    duration_min: float


# English, as the rows keep them; a chart says them in its language (calfcoach.i18n).
KNEE_LABELS: dict[KneePosition, str] = {
    KneePosition.STRAIGHT: N_("straight knee (gastrocnemius)"),
    KneePosition.BENT: N_("bent knee (soleus)"),
}
PAIN_DURING = N_("during the session")
PAIN_AFTER = N_("after the session")
PAIN_MORNING = N_("next morning")


def result_rows(history: History, kind: TestKind, *, eyes_closed: bool = False) -> list[ResultRow]:
    """One row per test result and side, with the measurement-error band (± the MDC) where one is published.

    Balance results are kept to the asked-for condition (eyes open or closed); they are not comparable.
    """
    mdc = minimal_detectable_change(kind) or 0.0
    tests = sorted(
        (
            t
            for t in history.tests
            if t.kind is kind and (kind is not TestKind.BALANCE or t.eyes_closed == eyes_closed)
        ),
        key=lambda t: t.day,
    )
    rows: list[ResultRow] = []
    for test in tests:
        for side, value in (("left", test.left), ("right", test.right)):
            rows.append(
                ResultRow(
                    day=test.day.isoformat(),
                    side=side,
                    value=value,
                    low=max(0.0, value - mdc),
                    high=value + mdc,
                )
            )
    return rows


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def calf_volume_rows(history: History, knee_by_exercise: Mapping[str, KneePosition]) -> list[VolumeRow]:
    """Reps per week (Monday start) of straight-knee and bent-knee calf work, empty weeks as zero.

    Sets of exercises missing from the mapping (cardio, stretches) and moving-knee work are left out:
    the chart compares the gastrocnemius (straight knee) with the soleus (bent knee).
    """
    totals: dict[tuple[dt.date, KneePosition], int] = defaultdict(int)
    for session in history.sessions:
        for set_log in session.sets:
            knee = knee_by_exercise.get(set_log.exercise_id)
            if knee is None or knee not in KNEE_LABELS or set_log.reps is None:
                continue
            totals[(_monday(session.day), knee)] += set_log.reps
    if not totals:
        return []
    first = min(week for week, _ in totals)
    last = max(week for week, _ in totals)
    weeks = [first + dt.timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    one_year = first.year == last.year
    rows: list[VolumeRow] = []
    for week in weeks:
        label = f"{week.day} {week:%b}" if one_year else f"{week.day} {week:%b %y}"
        for knee, knee_label in KNEE_LABELS.items():
            rows.append(
                VolumeRow(week_start=week.isoformat(), week=label, knee=knee_label, reps=totals[(week, knee)])
            )
    return rows


def pain_rows(history: History) -> list[PainRow]:
    """Pain during and after each session, and next-morning pain from the check-ins, by day."""
    rows: list[PainRow] = []
    for session in sorted(history.sessions, key=lambda s: s.day):
        rows.append(PainRow(day=session.day.isoformat(), measure=PAIN_DURING, pain=session.pain_during))
        rows.append(PainRow(day=session.day.isoformat(), measure=PAIN_AFTER, pain=session.pain_after))
    for checkin in sorted(history.checkins, key=lambda c: c.day):
        rows.append(PainRow(day=checkin.day.isoformat(), measure=PAIN_MORNING, pain=checkin.morning_pain))
    return rows


def walking_speed_rows(history: History, walking_exercise_ids: Collection[str]) -> list[SpeedRow]:
    """Average walking speed per session (weighted by time), for the walks that recorded a speed."""
    rows: list[SpeedRow] = []
    for session in sorted(history.sessions, key=lambda s: s.day):
        timed = [
            (log.duration_s, speed)
            for log in session.cardio
            if log.exercise_id in walking_exercise_ids and (speed := log.speed_kmh) is not None
        ]
        if not timed:
            continue
        total_s = sum(duration for duration, _ in timed)
        speed = sum(duration * kmh for duration, kmh in timed) / total_s
        rows.append(
            SpeedRow(
                day=session.day.isoformat(), speed_kmh=round(speed, 2), duration_min=round(total_s / 60, 1)
            )
        )
    return rows
