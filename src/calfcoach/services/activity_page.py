"""One activity as its page shows it: the drawn track and profile, the splits, what it did for the plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from calfcoach.activities import Sport, track_from_bytes
from calfcoach.activities.intervals import detect
from calfcoach.activities.model import Track
from calfcoach.activities.summary import MAX_SESSION_S
from calfcoach.charts.plan import PlanDrawing, draw_plan
from calfcoach.charts.track import ProfileDrawing, TrackDrawing, draw_profile, draw_track
from calfcoach.coach.phases import phase_on
from calfcoach.coach.prescribe import prescribe
from calfcoach.domain.compliance import Score
from calfcoach.domain.log import CardioLog, History, PerformedSession
from calfcoach.domain.plan import PlannedItem
from calfcoach.domain.profile import Profile
from calfcoach.domain.units import M_PER_FT, M_PER_MILE, Units, speed_number
from calfcoach.i18n import format_date, translate
from calfcoach.library.translations import catalog_in
from calfcoach.services.access import profile_and_history
from calfcoach.services.activities import detail_of, load_activity
from calfcoach.services.activity_coach import KIND_OF_EXERCISE, local_day
from calfcoach.services.coaching import coach_for
from calfcoach.services.days import EARLIEST
from calfcoach.services.render import said
from calfcoach.services.views import ActivityDetail, SplitView
from calfcoach.store.records import Activity
from calfcoach.store.store import Store

PLAN_LINE_SMOOTHING_S = 30
NEXT_WITHIN_DAYS = 14  # how far after the activity the next session of its kind is looked for


@dataclass(frozen=True)
class Prescription:
    """A planned item in words: the exercise, the day, the dose and the coach's reason for it."""

    day: dt.date
    exercise: str
    dose: str
    reason: str


@dataclass(frozen=True)
class Counted:
    """How an activity counted toward the plan: the session it was logged as and what followed from it.

    `matched` is the item of that day's plan it counted as (None for an extra session); `credited` the log
    the coach reads (its speed is grade-adjusted); `then` the next session of the same kind the coach
    planned with this activity in the record (None when none comes within NEXT_WITHIN_DAYS).
    """

    day: dt.date
    exercise: str
    block: str | None
    matched: Prescription | None
    credited: CardioLog
    then: Prescription | None


@dataclass(frozen=True)
class ActivityPage:
    detail: ActivityDetail
    splits: list[SplitView]
    track: TrackDrawing | None
    profile: ProfileDrawing | None
    counted: Counted | None
    not_counted: str | None
    has_hr: bool
    has_elevation: bool
    units: Units  # the athlete's: a coach reads a client's activity as the client does
    split_m: float  # a kilometre, or a mile in imperial units
    plan: PlanDrawing | None = None  # the recording against its plan, when it was scored


def plan_drawing(score: Score | None, track: Track | None, units: Units) -> PlanDrawing | None:
    """The score's steps over the speed the recording held (smoothed as interval detection sees it)."""
    if score is None or track is None:
        return None
    found = detect(track)
    # Drawn as a 30-second average: the second-by-second speed of a wrist GPS wanders by ±1 km/h.
    window = np.ones(PLAN_LINE_SMOOTHING_S) / PLAN_LINE_SMOOTHING_S
    speed = found.speed_mps
    if len(speed):
        # Divided by the points each average had, so the line does not droop at the ends.
        speed = np.convolve(speed, window, mode="same") / np.convolve(
            np.ones(len(speed)), window, mode="same"
        )
    return draw_plan(
        score.steps,
        found.time_s,
        speed * 3.6,
        to_unit=lambda kmh: speed_number(kmh, units),
    )


def activity_page(store: Store, athlete_id: int, activity_id: str) -> ActivityPage:
    """Read one activity of this athlete (the caller has checked the account may see them) for its page."""
    record, session = load_activity(store, athlete_id, activity_id)
    profile, history = profile_and_history(store, athlete_id)
    split_m = M_PER_MILE if profile.preferred_units.imperial else 1000.0
    detail = detail_of(record, session, split_m=split_m)
    track = track_from_bytes(record.track) if record.track else None
    splits = detail.splits
    counted = None if session is None or not session.cardio else counted_for(profile, history, session)
    points = detail.elevation_profile
    return ActivityPage(
        detail=detail,
        splits=splits,
        track=None if track is None else draw_track(track.lat_deg, track.lon_deg, track.segment),
        profile=draw_profile(
            [p.distance_m for p in points],
            [p.elevation_m for p in points],
            distance_unit_m=split_m,
            height_unit_m=M_PER_FT if split_m == M_PER_MILE else 1.0,
        ),
        counted=counted,
        not_counted=None if counted is not None else why_not_counted(record, session, profile),
        has_hr=any(s.avg_hr_bpm is not None for s in splits),
        has_elevation=bool(points),
        units=profile.preferred_units,
        split_m=split_m,
        plan=plan_drawing(detail.score, track, profile.preferred_units),
    )


def counted_for(profile: Profile, history: History, session: PerformedSession) -> Counted:
    """What the session logged from an activity did: the planned item it counted as, and the next one.

    The day's plan is prescribed again from the record before that day (as it stood when the activity was
    done); the next session of the same kind from the record up to and including that day, so later
    sessions do not change what this activity taught the coach.
    """
    catalog = catalog_in(profile.language)
    coach = coach_for(profile)
    log = session.cardio[0]
    day = session.day
    before = _through(history, day - dt.timedelta(days=1))
    after = _through(history, day)
    # Both records are the same up to the day before: the phases are replayed over the years once.
    replayed = phase_on(coach.program, before, day - dt.timedelta(days=1), profile.start_date)
    matched = None
    if session.planned_for is not None:
        phase = phase_on(coach.program, before, day, profile.start_date, resume=replayed)
        planned = prescribe(day, coach, before, phase=phase)
        item = next(
            (
                i
                for i in (planned.items if planned is not None else ())
                if i.exercise_id == log.exercise_id and i.block == log.block
            ),
            None,
        )
        matched = (
            None if item is None else _prescription(day, item, profile.preferred_units, profile.language)
        )
    then = None
    phase = replayed
    for ahead in range(1, NEXT_WITHIN_DAYS + 1):
        later = day + dt.timedelta(days=ahead)
        phase = phase_on(coach.program, after, later, profile.start_date, resume=phase)
        planned = prescribe(later, coach, after, phase=phase)
        item = _next_of_kind(log, planned.items) if planned is not None else None
        if item is not None:
            then = _prescription(later, item, profile.preferred_units, profile.language)
            break
    return Counted(
        day=day,
        exercise=catalog.get(log.exercise_id).name,
        block=log.block,
        matched=matched,
        credited=log,
        then=then,
    )


def why_not_counted(record: Activity, session: PerformedSession | None, profile: Profile) -> str:
    """Why an activity counted for no session, in the words the import used (services/activities.py), in
    the person's language (the page around it is)."""
    language = profile.language
    if record.sport == Sport.OTHER.value:
        return translate(
            language,
            "it was not a walk, run, hike or stair session: it is stored, not counted as calf or running"
            " work",
        )
    if session is not None:
        return translate(language, "the session it was logged as has no walking or running in it")
    # The import decides the day in the person's own zone (the machine's without one), as here.
    day = local_day(record.start_time, profile.zone)
    if day < profile.start_date:
        return translate(
            language,
            "it was done on {day}, before the program started on {start}: it is stored, not counted as a"
            " session",
        ).format(day=format_date(day, language), start=format_date(profile.start_date, language))
    duration = record.moving_s if record.moving_s > 0 else record.elapsed_s
    if duration > MAX_SESSION_S:
        return translate(
            language, "it lasted longer than one session can, so it is stored, not counted as a session"
        )
    return translate(language, "the session it was logged as has been deleted from the log")


def _next_of_kind(log: CardioLog, items: tuple[PlannedItem, ...]) -> PlannedItem | None:
    """The item that follows on from this log: the same block (a warm-up walk does not follow on from the
    main walk); for an extra session, with no block, the longest cardio item of the same kind."""
    kind = KIND_OF_EXERCISE.get(log.exercise_id)
    same = [i for i in items if KIND_OF_EXERCISE.get(i.exercise_id) == kind and i.dose.is_cardio]
    if log.block is not None:
        same = [i for i in same if i.block == log.block]
    return max(same, key=lambda i: i.dose.duration_s or 0, default=None)


def _prescription(day: dt.date, item: PlannedItem, units: Units, language: str | None) -> Prescription:
    return Prescription(
        day=day,
        exercise=catalog_in(language).get(item.exercise_id).name,
        dose=item.dose.describe(units, language),
        reason=said(item.reason, units, language),
    )


def _through(history: History, last: dt.date) -> History:
    """The record as it stood at the end of `last`: sessions, check-ins and tests up to that day."""
    end = last + dt.timedelta(days=1)
    # A new History, not model_copy: its cached indexes (session days, ...) must be of the new lists.
    return History(
        sessions=history.sessions_between(EARLIEST, end),
        checkins=history.checkins_between(EARLIEST, end),
        tests=tuple(t for t in history.tests if t.day <= last),
        screenings=tuple(s for s in history.screenings if s.day <= last),
        clearances=tuple(c for c in history.clearances if c.day <= last),
    )
