"""Values the store returns that have no domain type yet: accounts, notes, imported activities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, field_validator

from calfcoach.domain.base import Value
from calfcoach.domain.log import Clearance
from calfcoach.domain.profile import Profile


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("must carry a time zone")
    return value


class Role(StrEnum):
    ATHLETE = "athlete"
    COACH = "coach"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class ClientKey:
    """What a coach's dashboard reads of every client on every view: enough to tell whether a kept row is
    still right (id, revision, creation time), the client's day (their time zone) and the latest recording's
    start (recordings do not raise the revision)."""

    id: int
    revision: int
    created_at: dt.datetime
    time_zone: str | None
    latest_start: dt.datetime | None


class User(Value):
    """An account: a person who signs in (athlete, coach or admin)."""

    id: int
    email: str
    role: Role
    password_hash: str | None = None
    created_at: dt.datetime
    # The account's own language (calfcoach.i18n.SUPPORTED); an athlete profile's language comes first.
    # None: not chosen, so the browser's (pages) or the server's (e-mails).
    language: str | None = None


class Athlete(Value):
    """A stored athlete: the database id, the linked account if any, and the profile."""

    id: int
    user_id: int | None = None
    profile: Profile
    revision: int = 0  # raised by the database on every change to the profile or history
    # With the id, tells this person from a later one given a deleted row's id (SQLite reuses them).
    created_at: dt.datetime

    _created_aware = field_validator("created_at")(_aware)


class Note(Value):
    """A free-text note a person or their coach writes on a day."""

    day: dt.date
    text: Annotated[str, Field(min_length=1, max_length=20_000)]
    created_at: dt.datetime

    _created_aware = field_validator("created_at")(_aware)


class Activity(Value):
    """An imported recording: its metrics, where it came from, and the track as opaque bytes.

    `track` is the serialised track (its format belongs to `calfcoach.activities`); the store keeps it
    zlib-compressed. `device` is '' when the file names none.
    """

    id: Annotated[str, Field(min_length=1, max_length=64)]
    sport: Annotated[str, Field(min_length=1, max_length=40)]
    start_time: dt.datetime
    distance_m: Annotated[float, Field(ge=0)]
    elapsed_s: Annotated[float, Field(ge=0)]
    moving_s: Annotated[float, Field(ge=0)]
    elevation_gain_m: Annotated[float, Field(ge=0)] | None = None
    elevation_loss_m: Annotated[float, Field(ge=0)] | None = None
    avg_speed_mps: Annotated[float, Field(ge=0)] | None = None
    gap_speed_mps: Annotated[float, Field(ge=0)] | None = None
    points: Annotated[int, Field(ge=0)]
    source_file: Annotated[str, Field(max_length=500)] = ""
    content_sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    device: Annotated[str, Field(max_length=200)] = ""
    track: bytes = b""
    summary: dict[str, Any] = Field(default_factory=dict)

    _start_aware = field_validator("start_time")(_aware)


class AddedActivity(Value):
    """What `activities.add` did: the id the activity is stored under, and whether it was new."""

    id: str
    created: bool


class Screening(Value):
    """A stored sign-up screening: when it was taken, every answer, which were "yes", and if one is urgent."""

    taken_at: dt.datetime
    answers: dict[str, bool]
    flagged: tuple[str, ...] = ()
    urgent: bool = False

    _taken_aware = field_validator("taken_at")(_aware)


class ClearanceRecord(Value):
    """A stored clearance with the instant it was recorded (export and import keep both)."""

    day: dt.date
    by: Annotated[str, Field(min_length=1, max_length=100)]
    note: Annotated[str, Field(max_length=2000)] = ""
    recorded_at: dt.datetime

    _recorded_aware = field_validator("recorded_at")(_aware)

    @property
    def clearance(self) -> Clearance:
        return Clearance(day=self.day, by=self.by, note=self.note, recorded_at=self.recorded_at)
