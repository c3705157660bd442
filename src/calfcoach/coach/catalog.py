"""What the engine needs from the exercise library, as a protocol so tests can pass a small fake."""

from __future__ import annotations

from typing import Protocol

from calfcoach.domain.exercise import Equipment, Exercise
from calfcoach.domain.messages import Message


class ExerciseSource(Protocol):
    def get(self, exercise_id: str) -> Exercise:
        """Return the exercise, or raise NotFoundError."""
        ...

    def resolve_for_equipment(
        self, exercise_id: str, available: frozenset[Equipment]
    ) -> tuple[Exercise, Message | None]:
        """Return the exercise to do with this equipment, and why it was swapped (None if not swapped)."""
        ...
