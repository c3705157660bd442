"""Safety for every shell: what is open (red flags, a referral), clinicians' clearances, taking the screening
again, and the check that refuses training while an urgent flag is open.

The rules are the engine's (coach/safety.py, coach/redflags.py); this module brings them the stored history
and gives the CLI, the pages and the API one JSON-ready "safety" block (docs/cli.md, `today --json`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from calfcoach.coach.redflags import OpenFlag, open_red_flags
from calfcoach.coach.safety import SafetyStatus, safety_status
from calfcoach.domain.errors import InputError, Said
from calfcoach.domain.log import Clearance
from calfcoach.domain.messages import Message, in_coach_voice
from calfcoach.domain.program import PainLimits
from calfcoach.domain.screening import FlagLevel, screen
from calfcoach.domain.units import METRIC, Units
from calfcoach.i18n import DEFAULT, N_, format_date, normalize, translate
from calfcoach.library.programs import get_program
from calfcoach.library.screening import load_questionnaire, questionnaire_in
from calfcoach.services.days import check_day
from calfcoach.services.render import all_said, said
from calfcoach.services.views import FlaggedQuestion, FlagView, Rescreened, SafetyBlock, ScreeningSummary
from calfcoach.store.store import Store
from calfcoach.store.uow import UnitOfWork

STOPPED = N_("training is stopped until a doctor has seen you: {flags}")
STOPPED_HINT = N_(
    "nothing was written; see a doctor today, and when a doctor has seen you and cleared you, record it: "
    "`calfcoach cleared --by WHO`"
)


def lookback_days(limits: PainLimits) -> int:
    """How many days of sessions and check-ins the pain referral reads (coach/safety.py, pain_referral).

    A referral holds `hold_days` after the last day a trigger held; each day's triggers read the weeks of
    morning means, the sessions of `within_days` with the mornings before them, and `above_acceptable_days`.
    A week is added for the mornings after a session. Red flags need no window: the history holds every
    screening, clearance and check-in with a symptom whatever `since` says (store/logbook.py).
    """
    rules = limits.referral
    reads = max(
        7 * (rules.rising_weeks + 1),
        rules.within_days + limits.baseline_days,
        rules.above_acceptable_days,
    )
    return rules.hold_days + reads + 7


def flag_advice(flag: OpenFlag, units: Units = METRIC, language: str | None = None) -> str:
    """What to do about an open flag, in `language`: its question's advice in the questionnaire of that
    language (the flag keeps the English file's words, as it was raised)."""
    said_in = questionnaire_in(language)
    group = said_in.questions if flag.source == "screening" else said_in.checkin
    question = next((q for q in group if q.id == flag.id), None)
    return said(flag.advice, units, language) if question is None else question.advice


def safety_view(
    status: SafetyStatus, units: Units = METRIC, language: str | None = None, *, coach: bool = False
) -> SafetyBlock:
    """The "safety" block of `today --json`, the API and the coach's dashboard (`coach`: its advice in the
    words of the person's coach, "until they record", where the person reads "until you record")."""
    voice = in_coach_voice if coach else _as_is
    return SafetyBlock(
        mode=status.mode,
        stop=status.stop,
        refer=status.refer,
        caution=status.caution,
        advice=all_said((voice(m) for m in status.advice), units, language),
        flags=[
            FlagView(
                id=f.id,
                level=f.level.value,
                source=f.source,
                since=f.since,
                advice=flag_advice(f, units, language),
            )
            for f in status.flags
        ],
        cleared_on=status.cleared_on,
    )


def _as_is(message: Message) -> Message:
    return message


def safety_block(status: SafetyStatus, units: Units = METRIC, language: str | None = None) -> dict[str, Any]:
    """`safety_view` as JSON-ready data: what the CLI's printed safety panel reads (cli/safety.py)."""
    return safety_view(status, units, language).model_dump(mode="json")


def status_in(uow: UnitOfWork, athlete_id: int, day: dt.date) -> SafetyStatus:
    """The safety status of an athlete on `day`, read within a unit of work (only the weeks it needs)."""
    limits = get_program(uow.athletes.profile(athlete_id).program_id).pain
    history = uow.history(athlete_id, since=day - dt.timedelta(days=lookback_days(limits)))
    return safety_status(history, day, load_questionnaire(), limits)


def safety_for(store: Store, athlete_id: int, today: dt.date) -> SafetyStatus:
    """What holds for training on `today`: the open flags, the mode they put training in, what to do."""
    with store.reader() as uow:
        return status_in(uow, athlete_id, today)


def check_symptoms(symptoms: tuple[str, ...]) -> None:
    """Refuse an id that is not a check-in symptom question, or one given twice, naming the valid ids."""
    known = [q.id for q in load_questionnaire().checkin]
    for index, symptom in enumerate(symptoms):
        if symptom not in known:
            raise InputError(
                N_("'{symptom}' is not a check-in symptom"),
                where="symptoms",
                hint=N_("the symptoms are: {known}"),
                symptom=symptom,
                known=", ".join(known),
            )
        if symptom in symptoms[:index]:
            raise InputError(
                N_("'{symptom}' is given twice"),
                where="symptoms",
                hint=N_("give each symptom once"),
                symptom=symptom,
            )


def _describe(flag: OpenFlag, language: str | None) -> str:
    """One open flag as the reader reads it: its id, what raised it and when, its advice in their words."""
    template = (
        N_("{flag} (at the screening of {day}): {advice}")
        if flag.source == "screening"
        else N_("{flag} (at the check-in of {day}): {advice}")
    )
    english = normalize(language) == DEFAULT
    return translate(language, template).format(
        flag=flag.id,
        day=flag.since.isoformat() if english else format_date(flag.since, language),
        advice=flag_advice(flag, METRIC, language).rstrip(". "),
    )


def open_flags(flags: list[OpenFlag]) -> Said:
    """The open flags as a field of an error, each said in the reader's language, one after another."""
    return Said(lambda language: "; ".join(_describe(f, language) for f in flags))


def refuse_while_stopped(uow: UnitOfWork, athlete_id: int, day: dt.date) -> None:
    """Refuse training while an urgent red flag is open on `day`, saying what is open and what to do.

    Every write of a session pays for it, the player's save after each set included: one small query when
    no screening or check-in ever reported a flag (most people), three more otherwise (check-ins with a
    symptom, screenings, clearances).
    """
    if not uow.red_flag_reported(athlete_id):
        return
    urgent = [
        f
        for f in open_red_flags(uow.red_flag_history(athlete_id), day, load_questionnaire())
        if f.level is FlagLevel.URGENT
    ]
    if urgent:
        raise InputError(STOPPED, where="safety", hint=STOPPED_HINT, flags=open_flags(urgent))


def record_clearance(
    store: Store, athlete_id: int, clearance: Clearance, *, today: dt.date, now: dt.datetime | None = None
) -> SafetyStatus:
    """Store that a clinician saw the person and cleared them; return the safety status it leaves on today.

    A clearance dated after today is refused (one day of slack for time zones, as for every log).
    """
    check_day(clearance.day, today, N_("the clearance"))
    if clearance.day > today:
        raise InputError(
            N_("the clearance is dated {day}, after today ({today})"),
            where="day",
            hint=N_("record a clearance on or after the day you were seen"),
            day=clearance.day,
            today=today,
        )
    with store.unit_of_work() as uow:
        uow.clearances.add(athlete_id, clearance, recorded_at=now or dt.datetime.now(dt.UTC))
        status = status_in(uow, athlete_id, today)
        uow.commit()
    return status


def rescreen(
    store: Store, athlete_id: int, answers: dict[str, bool], *, now: dt.datetime, language: str | None = None
) -> Rescreened:
    """Take the screening again (every question answered, as at sign-up); return its advice and the status.

    Its "yes" answers open flags from the day of `now` (in its own time zone) until a clearance; flags from
    earlier screenings stay as they were (a clearance closes them, not a newer "no").
    """
    questionnaire = load_questionnaire()
    outcome = screen(questionnaire, answers)  # ScreeningRefused: an InputError
    with store.unit_of_work() as uow:
        uow.screenings.add(athlete_id, outcome, taken_at=now)
        status = status_in(uow, athlete_id, now.date())  # the day where it was taken, as stored
        uow.commit()
    flagged = []
    said_in = questionnaire_in(language)  # the advice in `language`, the levels the English file's
    for question_id in outcome.flagged:
        question = next(q for q in said_in.questions if q.id == question_id)
        flagged.append(FlaggedQuestion(id=question.id, advice=question.advice, level=question.level.value))
    return Rescreened(
        screening=ScreeningSummary(clear=outcome.clear, urgent=outcome.urgent, flagged=flagged),
        safety=safety_view(status, language=language),
    )
