"""A plan: dated sessions, each item with its dose and the reason for it."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Dose, Tempo


class PlannedItem(Value):
    exercise_id: str
    block: str
    dose: Dose
    tempo: Tempo | None = None
    reason: str
    note: str = ""


class PlannedSession(Value):
    day: dt.date
    program_id: str
    phase_id: str
    template_id: str
    name: str
    items: tuple[PlannedItem, ...]
    minutes: float
    hard: bool = False
    notes: tuple[str, ...] = ()


class Plan(Value):
    program_id: str
    sessions: tuple[PlannedSession, ...]
    notes: tuple[str, ...] = ()
