"""What to do today: the prescribed session (or the next one), the phase, what the next phase needs."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from calfcoach import MEDICAL_DISCLAIMER
from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.gates import GateCheck, check_gate
from calfcoach.coach.pain import pain_status
from calfcoach.coach.phases import (
    PhaseCheckpoint,
    PhaseState,
    phase_on,
    program_end,
    replay_inputs,
    replay_phases,
)
from calfcoach.coach.prescribe import Coach, prescribe, without_pain_pointer
from calfcoach.coach.safety import safety_status
from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.log import BeyondHorizon, History, PerformedSession
from calfcoach.domain.messages import Arg, Message
from calfcoach.domain.plan import PlannedSession
from calfcoach.domain.profile import Profile
from calfcoach.domain.program import Program
from calfcoach.i18n import N_
from calfcoach.library.screening import load_questionnaire
from calfcoach.library.translations import programs_in
from calfcoach.services.coaching import coach_for
from calfcoach.services.kept import KeptByRevision
from calfcoach.services.render import all_said, session_view
from calfcoach.services.safety import safety_view
from calfcoach.services.views import (
    CompletionView,
    DoneView,
    NextPhaseView,
    PainView,
    PhaseView,
    Ref,
    TodayView,
)
from calfcoach.store.errors import StoreError
from calfcoach.store.records import Athlete
from calfcoach.store.store import Store

HORIZON_DAYS = 14
# How far behind today a stored phase checkpoint is taken: sessions and check-ins logged or corrected in
# the last days (the usual ones) leave it standing. One is stored again once it is twice this old, so a
# cold "today" replays at most two weeks of gate checks, whatever the length of the history.
CHECKPOINT_LAG_DAYS = 7
# How far back a cold "today" reads sessions, check-ins and tests when it resumes from a checkpoint (with
# what it needs of the earlier days: services/today.py, RecentHistory). Thirteen weeks hold every fixed
# window of the rules (pain baselines and referral, tests for a gate, running weeks) and the last twenty
# sessions of an exercise done twice a week; a rule that looks further back makes it read everything.
RECENT_DAYS = 91

log = logging.getLogger("calfcoach.services")


def today_view(
    profile: Profile, history: History, day: dt.date, *, checkpoint: PhaseCheckpoint | None = None
) -> TodayView:
    """The answer to "what do I do today?": the one place Today is built, for the API, the pages and the CLI
    (its JSON is documented in docs/cli.md).

    The "safety" block says whether training may go on (red flags, a referral): no session while an urgent
    flag is open, relative rest while referred. The same status is handed to the engine, so the block and
    the session agree.

    The engine prescribes a day from what was done before it, so once the day's session is logged it would
    still prescribe that session, and a gate would not count it until the next day. Today is read by the
    person after training too: a logged session of the day's plan is shown as done (never offered again),
    the next one follows, and the next phase's criteria are checked as of the end of the day.
    """
    coach = coach_for(profile)
    safety = safety_status(history, day, load_questionnaire(), coach.program.pain)
    # One replay of the phase gates serves today's phase, today's session and the days after it.
    phase = phase_on(coach.program, history, day, profile.start_date, checkpoint=checkpoint)
    planned = prescribe(day, coach, history, phase=phase, safety=safety)
    logged = history.sessions_between(day, day + dt.timedelta(days=1))
    session = None if planned is None or plan_done(planned.template_id, logged) else planned
    upcoming = None
    if session is None and not safety.stop:
        for offset in range(1, HORIZON_DAYS):
            upcoming = prescribe(day + dt.timedelta(days=offset), coach, history, phase=phase)
            if upcoming is not None:
                break
    pain = pain_status(history, day, coach.program.pain)
    # The end of the day (gates count sessions before the day they are checked on) once one is logged.
    progress = _next_gate(phase, history, day + dt.timedelta(days=1) if logged else day)
    units, language = profile.preferred_units, profile.language
    catalog = coach.catalog  # the person's language (services/coaching.py)
    shown, touched = (None, []) if session is None else _said_once(session, pain.reasons, catalog)
    start: Literal["today", "next"] | None = (
        "today" if session is not None else ("next" if upcoming is not None and not logged else None)
    )
    return TodayView(
        day=day,
        safety=safety_view(safety, units, language),
        program=Ref(id=coach.program.id, name=coach.program.name),
        phase=PhaseView(
            id=phase.phase.id,
            name=phase.phase.name,
            goal=phase.phase.goal.strip(),
            since=phase.start,
            week=phase.week_on(day),
        ),
        next_phase=None
        if phase.next_phase is None or progress is None
        else NextPhaseView(
            id=phase.next_phase.id,
            name=phase.next_phase.name,
            ready=progress.open,
            met=all_said(progress.met, units, language),
            missing=all_said(progress.unmet, units, language),
        ),
        completion=_completion(coach.program, phase, day, profile.language),
        pain=PainView(
            action=pain.action.value, reasons=all_said(pain.reasons, units, language), exercises=touched
        ),
        session=None if shown is None else session_view(shown, catalog, units, language),
        next_session=None
        if upcoming is None
        else session_view(_said_once(upcoming, pain.reasons, catalog)[0], catalog, units, language),
        done_today=[s.id for s in logged],
        done=[_done_view(s, coach) for s in logged],
        start=start,
        disclaimer=MEDICAL_DISCLAIMER,
    )


def _tail(message: Message) -> tuple[str, tuple[Arg, ...]]:
    """A finding without the activity it names: the same pain seen from the session or from one activity."""
    return message.code, tuple(a for a in message.args if a.name != "activity")


def _said_once(
    session: PlannedSession, reasons: Sequence[Message], catalog: ExerciseSource
) -> tuple[PlannedSession, list[str]]:
    """The session as Today shows it under its pain section, and the exercises the pain lowered or held.

    The engine notes each painful activity's finding on the session and points to it from every item it
    changed. Today lists the pain reasons once, above the session, so the notes that repeat one are left
    out and each item keeps only what is its own (its dose change, its other causes).
    """
    tails = {_tail(r) for r in reasons}
    notes = tuple(n for n in session.notes if n not in reasons and _tail(n) not in tails)
    touched: list[str] = []
    items = []
    for item in session.items:
        reason, pointed = without_pain_pointer(item.reason)
        if pointed:
            touched.append(catalog.get(item.exercise_id).name)
        items.append(item.model_copy(update={"reason": reason}))
    return session.model_copy(update={"notes": notes, "items": tuple(items)}), list(dict.fromkeys(touched))


# Logs that are not a session of the plan: one exercise logged by hand, an extra walk from a watch file.
_NOT_THE_PLAN = frozenset({"logged", "unplanned", "extra"})


def plan_done(template_id: str, logged: Sequence[PerformedSession]) -> bool:
    """Whether the day's planned session is among the day's logs, finished (the player and `calfcoach log`
    log it under its template; a watch file that counts as one of its items does too). A session stopped
    before its end is not: it is still there to finish."""
    return any(
        s.completed and s.template_id == template_id for s in logged if s.template_id not in _NOT_THE_PLAN
    )


def _next_gate(phase: PhaseState, history: History, as_of: dt.date) -> GateCheck | None:
    """The next phase's gate checked on `as_of`, from the phase's own start."""
    following = phase.next_phase
    if following is None or following.entry is None:
        return None
    if as_of == phase.as_of:
        return phase.next_gate
    return check_gate(following.entry, history, as_of, phase.start)


def _name(coach: Coach, exercise_id: str) -> str:
    try:
        return coach.catalog.get(exercise_id).name
    except NotFoundError:  # a log kept from an older library
        return exercise_id


def _other_name(session: PerformedSession) -> str:
    """What a log outside the program is, marked for translation: the page shows it in its language."""
    if session.template_id == "extra":
        return N_("An activity from a recording")
    return N_("A session logged by hand")


def _done_view(session: PerformedSession, coach: Coach) -> DoneView:
    """A logged session in words: its name in the program (or what kind of log it was) and its totals."""
    names = {t.id: t.name for p in coach.program.phases for t in p.sessions}
    exercises = dict.fromkeys([s.exercise_id for s in session.sets] + [c.exercise_id for c in session.cardio])
    return DoneView(
        id=session.id,
        name=names.get(session.template_id, _other_name(session)),
        template_id=session.template_id,
        exercises=[_name(coach, e) for e in exercises],
        sets=len(session.sets),
        reps=sum(s.reps or 0 for s in session.sets),
        cardio_min=round(sum(c.duration_s for c in session.cardio) / 60, 1),
        completed=session.completed,
        pain_during=session.pain_during,
        pain_after=session.pain_after,
    )


def _completion(
    program: Program, phase: PhaseState, day: dt.date, language: str | None
) -> CompletionView | None:
    """For a program with an end: when it ends and, once it has, the retest and the choice that follow."""
    end = program_end(program, phase)
    if end is None:
        return None
    done = program.completion
    names = {p.id: p.name for p in programs_in(language).values()}
    return CompletionView(
        ends_on=end,
        complete=day >= end,
        retest=[kind.value for kind in done.retest] if done else [],
        next_programs=[
            Ref(id=name, name=names.get(name, name)) for name in (done.next_programs if done else ())
        ],
        advice=done.advice.strip() if done else "",
    )


@dataclass(frozen=True, slots=True)
class TodayAnswer:
    """One computed "today" as a server keeps it: the bytes the API sends, and nothing else.

    A server keeps up to a thousand answers for hours. Kept as views (pydantic models, each with its dict
    and set of fields) they were tens of thousands of objects that every full garbage collection walked,
    40-70 ms with the GIL held, so every request on that server waited (benchmarks/clinic_load.py). Bytes
    are not walked; the pages, which ask less often, read the JSON back.
    """

    body: bytes

    @classmethod
    def of(cls, view: TodayView) -> TodayAnswer:
        # The same encoding as FastAPI's JSONResponse, so a cached answer is byte for byte a fresh one.
        data = view.model_dump(mode="json")
        encoded = json.dumps(data, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))
        return cls(encoded.encode("utf-8"))

    @property
    def data(self) -> dict[str, Any]:
        """The answer as JSON values (a new dict on every call: the caller may change it)."""
        found: dict[str, Any] = json.loads(self.body)
        return found


class TodayCache(KeptByRevision[TodayAnswer]):
    """Each athlete's latest "today", kept while their revision number and the day stay the same
    (services/kept.py).

    Asking for "today" again is the commonest request. A cold one resumes the replay of the phase gates
    from the athlete's phase checkpoint in the database (store/replays.py), shared by every server, so it
    replays the gate checks of the last one to two weeks only, and then reads only the recent history
    (RecentHistory, RECENT_DAYS); the whole history answers when there is no checkpoint or a rule asks
    about older days. Programs and exercises are read once per process, so they cannot change underneath.
    """

    def __init__(self, size: int = 1024) -> None:
        super().__init__(size)

    def answer(self, store: Store, athlete: Athlete, day: dt.date) -> TodayAnswer:
        """Return today's answer for an athlete just read from `store` (their revision as read)."""
        kept = self.kept(athlete, day)
        if kept is not None:
            return kept
        try:
            return self._computed(store, athlete, day, recent=True)
        except BeyondHorizon as reason:
            # A rule looked further back than the recent read holds (a long break, an exercise not done
            # for months): the whole history answers, as it did before.
            log.debug("today of athlete %s read in full: %s", athlete.id, reason)
            return self._computed(store, athlete, day, recent=False)

    def _computed(self, store: Store, athlete: Athlete, day: dt.date, *, recent: bool) -> TodayAnswer:
        """Compute and keep the answer: from the recent history when there is a checkpoint to resume from
        (`recent`), else from the whole history."""
        history: History
        with store.reader() as uow:  # the revision, the history and the checkpoint from one snapshot
            revision = uow.athletes.revision(athlete.id)
            profile = uow.athletes.profile(athlete.id)
            program = coach_for(profile).program
            inputs = replay_inputs(program, profile.start_date)
            stored = uow.phase_checkpoints.get(athlete.id, inputs)
            if recent and stored is not None and stored.as_of < day:
                horizon = min(day - dt.timedelta(days=RECENT_DAYS), stored.as_of + dt.timedelta(days=1))
                history = uow.recent_history(athlete.id, horizon, stored.start)
            else:
                history = uow.history(athlete.id)
        checkpoint = _moved_on(program, profile.start_date, history, day, stored)
        answer = TodayAnswer.of(today_view(profile, history, day, checkpoint=checkpoint))
        if revision is not None:
            self.keep(athlete, revision, day, answer)
            if (
                stored is None
                or stored.as_of >= day
                or (checkpoint.as_of - stored.as_of).days > CHECKPOINT_LAG_DAYS
            ):
                _store_checkpoint(store, athlete.id, checkpoint, inputs, revision)
        return answer


def _moved_on(
    program: Program, start_date: dt.date, history: History, day: dt.date, stored: PhaseCheckpoint | None
) -> PhaseCheckpoint:
    """The replay up to a week before `day`, moved on from the stored checkpoint (one from `day` on, after a
    change of time zone, is not used: the replay starts over)."""
    through = day - dt.timedelta(days=CHECKPOINT_LAG_DAYS)
    if stored is not None and stored.as_of < day:
        through = max(through, stored.as_of)
    return replay_phases(program, history, through, start_date, resume=stored)


def _store_checkpoint(
    store: Store, athlete_id: int, checkpoint: PhaseCheckpoint, inputs: str, revision: int
) -> None:
    """Keep the checkpoint for the next cold "today" on any server; a failure costs that one a full replay."""
    try:
        with store.unit_of_work() as uow:
            if uow.phase_checkpoints.save(athlete_id, checkpoint, inputs, revision):
                uow.commit()
    except StoreError as error:
        log.warning("the phase checkpoint of athlete %s was not stored: %s", athlete_id, error)
