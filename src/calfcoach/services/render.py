"""The read models of plans and sessions, shared by the CLI's --json, the API and the web pages."""

from __future__ import annotations

from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.changes import describe_changes
from calfcoach.coach.workout import workout_of
from calfcoach.domain.exercise import Dose
from calfcoach.domain.plan import Plan, PlannedItem, PlannedSession
from calfcoach.domain.units import METRIC, Units, pace_clock, speed_text
from calfcoach.services.views import PlanView, SessionItemView, SessionView


def cardio_target(dose: Dose, units: Units = METRIC) -> str:
    """What a timed bout asks for, as the player shows it: 'Target: 20 min at 3.1 mph (19:19 min/mi)'."""
    parts = []
    if dose.duration_s:
        parts.append(f"{round(dose.duration_s / 6) / 10:g} min")
    if dose.run_s and dose.walk_s:
        parts.append(f"run {dose.run_s} s / walk {dose.walk_s} s")
    if dose.speed_kmh:
        pace = pace_clock(3600 / dose.speed_kmh, units)
        parts.append(f"at {speed_text(dose.speed_kmh, units)} ({pace} min{units.pace_unit})")
    if dose.grade_pct:
        parts.append(f"{dose.grade_pct:g}% grade")
    if dose.level:
        parts.append(f"level {dose.level}")
    return f"Target: {' '.join(parts)}" if parts else f"Target: {dose.describe(units) or 'as planned'}"


def reason_in(item: PlannedItem, units: Units) -> str:
    """The item's reason with its dose change said in the person's units (the coach writes it in SI)."""
    if units == METRIC or not item.changes:
        return item.reason
    return item.reason.replace(describe_changes(item.changes), describe_changes(item.changes, units), 1)


def session_view(session: PlannedSession, catalog: ExerciseSource, units: Units = METRIC) -> SessionView:
    """The session as shells show it, its dose texts and reasons in `units` (the dose fields stay SI)."""
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
        notes=list(session.notes),
        items=[
            SessionItemView(
                exercise_id=item.exercise_id,
                exercise_name=catalog.get(item.exercise_id).name,
                block=item.block,
                dose=item.dose.model_dump(mode="json", exclude_none=True, exclude_defaults=True),
                dose_text=item.dose.describe(units),
                tempo=item.tempo.model_dump(mode="json") if item.tempo else None,
                tempo_text=item.tempo.describe() if item.tempo else None,
                reason=reason_in(item, units),
                note=item.note,
            )
            for item in session.items
        ],
        watch_workout=workout_of(session, catalog) is not None,
    )


def plan_view(plan: Plan, catalog: ExerciseSource, units: Units = METRIC) -> PlanView:
    return PlanView(
        program_id=plan.program_id,
        notes=list(plan.notes),
        sessions=[session_view(s, catalog, units) for s in plan.sessions],
    )
