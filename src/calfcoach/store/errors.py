"""Errors the store reports to a person: each says what happened and what to do."""

from __future__ import annotations

from calfcoach.domain.errors import CalfCoachError
from calfcoach.i18n import N_


class StoreError(CalfCoachError):
    """The database could not be used as asked; nothing was written."""


class StoreBusyError(StoreError):
    """Another process held the write lock longer than the busy timeout."""

    def __init__(self, location: str) -> None:
        self.location = location
        super().__init__(
            N_("the database is busy; try again ({location} is being written by another process)"),
            location=location,
        )


class StoreVersionError(StoreError):
    """The database was written by a newer CalfCoach whose schema this version does not know."""

    def __init__(self, location: str, revision: str, known: str) -> None:
        self.location = location
        self.revision = revision
        super().__init__(
            N_(
                "{location}: the database is at schema revision {revision}, newer than this CalfCoach "
                "knows (its newest is {known}); nothing was changed. Upgrade CalfCoach to open it."
            ),
            location=location,
            revision=repr(revision),
            known=repr(known),
        )
