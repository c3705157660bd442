"""The exception tree: each error says what was wrong, where, and what to do."""

from __future__ import annotations


class CalfCoachError(Exception):
    """Base of every error the app reports to a person rather than crashing on."""


class InputError(CalfCoachError):
    """Input from a person or a file was invalid; nothing was written."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class DataFileError(InputError):
    """A data file (exercise, program, profile) failed validation."""


class NotFoundError(CalfCoachError):
    """The thing asked for does not exist (or belongs to someone else)."""
