"""The read models of plans and sessions, shared by the CLI's --json, the API and the web pages, and the
coach's messages written for a person: in their units and their language."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.workout import workout_of
from calfcoach.domain.exercise import Dose
from calfcoach.domain.messages import Locale, Message, as_data, render
from calfcoach.domain.plan import Plan, PlannedSession
from calfcoach.domain.units import METRIC, Units, pace_clock
from calfcoach.i18n import DEFAULT, format_date, localize_decimals, normalize, translate, translations
from calfcoach.library.catalog import load_catalog
from calfcoach.library.translations import catalog_in
from calfcoach.services.views import PlanView, SessionItemView, SessionView


def cardio_target(dose: Dose, units: Units = METRIC, language: str | None = None) -> str | None:
    """What a timed bout's line under the player's title adds to the dose line below it: the pace its speed
    asks for, in the person's units and language ('Target pace: 19:19 min/mi', 'Ziel-Pace: 11:07 min/km').

    None when the dose names no speed: the dose line already says the minutes, the run and walk bouts, the
    grade and the level, and a target repeating them (as an interval's did) says nothing new.
    """
    if not dose.speed_kmh:
        return None
    pace = pace_clock(3600 / dose.speed_kmh, units)
    return translate(language, "Target pace: {pace} min{per}").format(pace=pace, per=units.pace_unit)


def said(message: Message, units: Units = METRIC, language: str | None = None) -> str:
    """A message of the coach as the person reads it: in their language (English when None or not
    translated), its figures in their units, its decimals and dates as their locale writes them (ISO dates
    in English, as the reasons have always said them)."""
    if normalize(language) == DEFAULT:
        return render(message, units)
    return render(message, units, _locale(language))


@functools.cache
def _locale(language: str | None) -> Locale:
    return Locale(
        say=translations(language).gettext,
        figure=lambda text: localize_decimals(text, language),
        date=lambda day: format_date(day, language),
        dose=lambda dose, units: dose.describe(units, language),
        text=lambda words: _names(language).get(words, words),
        plural=translations(language).ngettext,
    )


@functools.cache
def _names(language: str | None) -> dict[str, str]:
    """Each exercise's English name -> its name in `language` (the engine's gates name them in English)."""
    translated = catalog_in(language)
    return {e.name: translated.get(e.id).name for e in load_catalog()}


def all_said(messages: Iterable[Message], units: Units = METRIC, language: str | None = None) -> list[str]:
    """Several messages, each as the person reads it."""
    return [said(m, units, language) for m in messages]


def session_view(
    session: PlannedSession, catalog: ExerciseSource, units: Units = METRIC, language: str | None = None
) -> SessionView:
    """The session as shells show it, its dose texts and reasons in `units` and `language` (the dose
    fields stay SI)."""
    return SessionView(
        day=session.day,
        weekday=session.day.strftime("%a"),
        program_id=session.program_id,
        phase_id=session.phase_id,
        template_id=session.template_id,
        name=session.name,
        minutes=session.minutes,
        hard=session.hard,
        mode=session.mode,
        notes=all_said(session.notes, units, language),
        items=[
            SessionItemView(
                exercise_id=item.exercise_id,
                exercise_name=catalog.get(item.exercise_id).name,
                block=item.block,
                dose=item.dose.model_dump(mode="json", exclude_none=True, exclude_defaults=True),
                dose_text=item.dose.describe(units, language),
                tempo=item.tempo,
                tempo_text=item.tempo.describe(language) if item.tempo else None,
                reason=said(item.reason, units, language),
                reason_data=as_data(item.reason),
                note=item.note,
            )
            for item in session.items
        ],
        watch_workout=workout_of(session, catalog) is not None,
    )


def plan_view(
    plan: Plan, catalog: ExerciseSource, units: Units = METRIC, language: str | None = None
) -> PlanView:
    return PlanView(
        program_id=plan.program_id,
        notes=all_said(plan.notes, units, language),
        sessions=[session_view(s, catalog, units, language) for s in plan.sessions],
    )
