"""The read models of plans and sessions, shared by the CLI's --json, the API and the web pages."""

from __future__ import annotations

from calfcoach.coach.catalog import ExerciseSource
from calfcoach.coach.workout import workout_of
from calfcoach.domain.plan import Plan, PlannedSession
from calfcoach.services.views import PlanView, SessionItemView, SessionView


def session_view(session: PlannedSession, catalog: ExerciseSource) -> SessionView:
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
                dose_text=item.dose.describe(),
                tempo=item.tempo.model_dump(mode="json") if item.tempo else None,
                tempo_text=item.tempo.describe() if item.tempo else None,
                reason=item.reason,
                note=item.note,
            )
            for item in session.items
        ],
        watch_workout=workout_of(session, catalog) is not None,
    )


def plan_view(plan: Plan, catalog: ExerciseSource) -> PlanView:
    return PlanView(
        program_id=plan.program_id,
        notes=list(plan.notes),
        sessions=[session_view(s, catalog) for s in plan.sessions],
    )
