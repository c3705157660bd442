"""Use cases of the coach without storage: plans and prescriptions from a profile and a history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from calfcoach.coach.plan import build_plan
from calfcoach.coach.prescribe import Coach, prescribe
from calfcoach.domain.log import History
from calfcoach.domain.plan import Plan, PlannedSession
from calfcoach.domain.profile import Profile
from calfcoach.library.files import load_model
from calfcoach.library.translations import catalog_in, program_in


def coach_for(profile: Profile) -> Coach:
    """The engine's fixed inputs for this person: their program and the exercise library, in their language
    (only texts differ between languages, so the sessions are the same, named in words the person reads)."""
    return Coach(
        program=program_in(profile.program_id, profile.language),
        catalog=catalog_in(profile.language),
        profile=profile,
    )


def load_profile(path: Path) -> Profile:
    """Read a profile YAML file (see docs/cli.md); errors name the file, the field and the fix."""
    return load_model(path, Profile)


def plan_for(profile: Profile, history: History, *, weeks: int, start: dt.date | None = None) -> Plan:
    return build_plan(coach_for(profile), history, start or profile.start_date, weeks)


def session_for(profile: Profile, history: History, day: dt.date) -> PlannedSession | None:
    return prescribe(day, coach_for(profile), history)
