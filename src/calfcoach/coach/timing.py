"""How long an item takes, and fitting a session into the minutes a person has."""

from __future__ import annotations

from calfcoach.domain.exercise import Dose, Tempo

DEFAULT_REP_S = 3.0  # a rep with no tempo given: about 1 s up, 2 s down
DEFAULT_REST_S = 45
SETUP_S = 30  # moving to the step, the wall or the machine


def item_minutes(dose: Dose, tempo: Tempo | None) -> float:
    """Estimated minutes for one item, rests between sets included."""
    if dose.is_cardio:
        return ((dose.duration_s or 0) + (dose.warmup_s or 0)) / 60
    sides = 2 if dose.per_side else 1
    sets = dose.sets or 1
    if dose.reps is not None:
        reps = (dose.reps + (dose.reps_max or dose.reps)) / 2
        work_s = reps * (tempo.rep_s if tempo is not None and tempo.rep_s > 0 else DEFAULT_REP_S) * sides
    else:
        work_s = (dose.hold_s or 0) * sides
    rest_s = dose.rest_s if dose.rest_s is not None else DEFAULT_REST_S
    return (sets * work_s + (sets - 1) * rest_s + SETUP_S) / 60
