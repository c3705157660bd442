"""A plan: dated sessions, each item with its dose and the reason for it."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Dose, Tempo
from calfcoach.domain.messages import Message


class DoseChange(Value):
    """One quantity of a dose that changed from what was last done (or from the program's dose)."""

    field: str
    before: float | None
    after: float | None


class PlannedItem(Value):
    """An item of a session. `basis` is the dose the change is measured from (what was last done, or the
    program's dose the first time), `changes` what differs from it; the reason's numbers are those."""

    exercise_id: str
    block: str
    dose: Dose
    tempo: Tempo | None = None
    reason: Message
    note: str = ""
    basis: Dose | None = None
    changes: tuple[DoseChange, ...] = ()
    action: str = "progress"


class PlannedSession(Value):
    day: dt.date
    program_id: str
    phase_id: str
    template_id: str
    name: str
    items: tuple[PlannedItem, ...]
    minutes: float
    hard: bool = False
    notes: tuple[Message, ...] = ()
    mode: str = "train"


class Plan(Value):
    program_id: str
    sessions: tuple[PlannedSession, ...]
    notes: tuple[Message, ...] = ()
