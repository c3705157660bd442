"""A session done step by step: what to do next, and a recorder that saves after every confirmed set.

The recorder upserts the whole session (one transaction) after each set, so a session stopped or killed
half-way keeps every set confirmed so far and never a half-written one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.guide import Guide, guide_for
from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.exercise import Side, Tempo
from calfcoach.domain.log import CardioLog, PerformedSession, SetLog
from calfcoach.domain.plan import PlannedSession
from calfcoach.domain.units import METRIC, Units
from calfcoach.i18n import N_
from calfcoach.services.coaching import session_for
from calfcoach.services.history import load_local
from calfcoach.services.logbook import check_session
from calfcoach.services.safety import refuse_while_stopped
from calfcoach.services.today import plan_done
from calfcoach.store.store import Store

GUIDED_PREFIX = "cli-"


class NoSessionTodayError(NotFoundError):
    """Nothing is prescribed for the day asked (a rest day, or not a training weekday)."""


@dataclass(frozen=True)
class Step:
    """One thing to do: a set (of reps or a hold, on one side or both) or a bout of cardio."""

    exercise_id: str
    exercise_name: str
    block: str
    cues: tuple[str, ...]
    set_index: int
    sets: int
    side: Side = Side.BOTH
    reps: int | None = None
    hold_s: float | None = None
    load_kg: float = 0.0
    tempo: Tempo | None = None
    rest_s: int = 0
    duration_s: int | None = None
    speed_kmh: float | None = None
    grade_pct: float | None = None
    level: int | None = None
    guide: Guide | None = None  # the timed script of a cardio bout or a hold, the web player's too

    @property
    def is_cardio(self) -> bool:
        return self.duration_s is not None and self.reps is None and self.hold_s is None


def steps_of(
    planned: PlannedSession, catalog: ExerciseSource, units: Units = METRIC, language: str | None = None
) -> list[Step]:
    """Unroll a planned session into steps: every set of every item, left then right when per side (the
    spoken cues say speeds in `units`, and every cue and phase is in `language`: give the catalog in it
    too)."""
    out: list[Step] = []
    for item in planned.items:
        exercise = catalog.get(item.exercise_id)
        dose = item.dose
        common = {
            "exercise_id": item.exercise_id,
            "exercise_name": exercise.name,
            "block": item.block,
            "cues": tuple(exercise.cues),
            "guide": guide_for(dose, exercise, units, language),
        }
        if dose.is_cardio:
            out.append(
                Step(
                    **common,  # type: ignore[arg-type]
                    set_index=0,
                    sets=1,
                    duration_s=dose.duration_s,
                    speed_kmh=dose.speed_kmh,
                    grade_pct=dose.grade_pct,
                    level=dose.level,
                )
            )
            continue
        sets = dose.sets or 1
        sides = (Side.LEFT, Side.RIGHT) if dose.per_side else (Side.BOTH,)
        for index in range(sets):
            for side in sides:
                last_side = side is sides[-1]
                out.append(
                    Step(
                        **common,  # type: ignore[arg-type]
                        set_index=index,
                        sets=sets,
                        side=side,
                        reps=dose.reps,
                        hold_s=dose.hold_s,
                        load_kg=dose.load_kg,
                        tempo=item.tempo,
                        rest_s=(dose.rest_s or 0) if last_side and index < sets - 1 else 0,
                    )
                )
    return out


def session_today(store: Store, day: dt.date, language: str | None = None) -> tuple[int, PlannedSession]:
    """Return the local athlete's id and the session prescribed for `day`; a clear error on a rest day.

    Its names are in the athlete's language, else in `language` (the CLI's: the machine's locale).
    """
    athlete, history = load_local(store)
    stopped = _stopped_on(history.sessions_between(day, day + dt.timedelta(days=1)))
    # Prescribe as if the stopped session had not happened, so a resumed session keeps its doses.
    if stopped is not None:
        history = history.model_copy(
            update={"sessions": tuple(s for s in history.sessions if s.id != stopped.id)}
        )
    profile = athlete.profile
    if profile.language is None and language is not None:
        profile = profile.model_copy(update={"language": language})
    planned = session_for(profile, history, day)
    if planned is None:
        raise NoSessionTodayError(
            N_(
                "no session is planned for {day}; see `calfcoach today` for the next one, "
                "or log one done elsewhere with `calfcoach log`"
            ),
            day=day,
        )
    if plan_done(planned.template_id, history.sessions_between(day, day + dt.timedelta(days=1))):
        raise NoSessionTodayError(
            N_("the session of {day} ({name}) is done and logged; see `calfcoach today` for the next one"),
            day=day,
            name=planned.name,
        )
    return athlete.id, planned


def _stopped_on(sessions: tuple[PerformedSession, ...]) -> PerformedSession | None:
    found = [s for s in sessions if not s.completed and s.id.startswith(GUIDED_PREFIX)]
    return found[-1] if found else None


def stopped_session(
    store: Store, athlete_id: int, planned: PlannedSession, day: dt.date
) -> PerformedSession | None:
    """The guided session of `day` that was stopped (or killed) before its end, if it is `planned`'s."""
    with store.reader() as uow:
        sessions = tuple(uow.sessions.between(athlete_id, day, day))
    found = _stopped_on(sessions)
    return found if found is not None and found.template_id == planned.template_id else None


def remaining(steps: list[Step], done: PerformedSession) -> list[Step]:
    """The steps not yet done in a stopped session (sets matched by exercise, block, set and side)."""
    sets = {(s.exercise_id, s.block, s.set_index, s.side) for s in done.sets}
    cardio = {(c.exercise_id, c.block) for c in done.cardio}
    return [
        step
        for step in steps
        if ((step.exercise_id, step.block) not in cardio if step.is_cardio else
            (step.exercise_id, step.block, step.set_index, step.side) not in sets)
    ]  # fmt: skip


@dataclass
class SessionRecorder:
    """Collects a session's sets as they are confirmed and saves the session after each one."""

    store: Store
    athlete_id: int
    planned: PlannedSession
    today: dt.date
    started_at: dt.datetime
    uid: str = field(default_factory=lambda: f"{GUIDED_PREFIX}{uuid.uuid4().hex[:12]}")
    sets: list[SetLog] = field(default_factory=list)
    cardio: list[CardioLog] = field(default_factory=list)

    @classmethod
    def resuming(
        cls, store: Store, athlete_id: int, planned: PlannedSession, done: PerformedSession
    ) -> SessionRecorder:
        """A recorder that goes on with a stopped session: same id, its sets and cardio kept."""
        return cls(
            store,
            athlete_id,
            planned,
            today=done.day,
            started_at=done.started_at or dt.datetime.combine(done.day, dt.time(), dt.UTC),
            uid=done.id,
            sets=list(done.sets),
            cardio=list(done.cardio),
        )

    def add_set(
        self, step: Step, *, reps: int | None = None, hold_s: float | None = None
    ) -> PerformedSession:
        """Confirm one set as done (reps or hold as given, else as prescribed) and save."""
        done = SetLog(
            exercise_id=step.exercise_id,
            block=step.block,
            set_index=step.set_index,
            side=step.side,
            reps=step.reps if reps is None else reps,
            hold_s=step.hold_s if hold_s is None else hold_s,
            load_kg=step.load_kg,
        )
        self.sets.append(done)
        return self._save(completed=False)

    def add_cardio(
        self, step: Step, *, duration_s: float, running_s: float | None = None
    ) -> PerformedSession:
        """Confirm a bout of cardio (for how long it lasted, and how much of it was running) and save."""
        distance = None if step.speed_kmh is None else round(step.speed_kmh / 3.6 * duration_s)
        self.cardio.append(
            CardioLog(
                exercise_id=step.exercise_id,
                block=step.block,
                duration_s=duration_s,
                avg_speed_kmh=step.speed_kmh,
                distance_m=distance,
                grade_pct=step.grade_pct,
                level=step.level,
                running_s=running_s,
            )
        )
        return self._save(completed=False)

    def finish(
        self, *, rpe: float | None, pain_during: int, pain_after: int, completed: bool
    ) -> PerformedSession | None:
        """Save the session with how it felt; return None when nothing was done (nothing is saved)."""
        if not self.sets and not self.cardio:
            return None
        return self._save(completed=completed, rpe=rpe, pain_during=pain_during, pain_after=pain_after)

    def _save(self, *, completed: bool, **felt: float | int | None) -> PerformedSession:
        session = PerformedSession(
            id=self.uid,
            day=self.today,
            started_at=self.started_at,
            program_id=self.planned.program_id,
            phase_id=self.planned.phase_id,
            template_id=self.planned.template_id,
            planned_for=self.planned.day,
            sets=tuple(self.sets),
            cardio=tuple(self.cardio),
            completed=completed,
            **{k: v for k, v in felt.items() if v is not None},
        )
        check_session(session, self.today)
        with self.store.unit_of_work() as uow:
            # A red flag recorded while the session runs (another device's check-in) stops it too.
            refuse_while_stopped(uow, self.athlete_id, self.today)
            uow.sessions.save(self.athlete_id, session)
            uow.commit()
        return session
