"""Onboarding: the profile, the screening with its advice, and the optional baseline heel-rise test."""

from __future__ import annotations

import datetime as dt
from typing import Any

from calfcoach.assess.interpret import interpret
from calfcoach.domain.errors import InputError
from calfcoach.domain.log import TestKind, TestResult
from calfcoach.domain.profile import Profile
from calfcoach.domain.screening import screen
from calfcoach.services.athletes import create_athlete, local_athlete_id, questionnaire, update_profile
from calfcoach.services.logbook import record_test
from calfcoach.store.store import Store


def profile_json(profile: Profile) -> dict[str, Any]:
    """A profile as JSON-ready data with its sets sorted (stable output)."""
    data = profile.model_dump(mode="json")
    data["weekdays"] = sorted(data["weekdays"])
    data["equipment"] = sorted(data["equipment"])
    return data


def screening_advice(answers: dict[str, bool]) -> list[dict[str, Any]]:
    """The advice for each "yes" (id, advice, urgent), checked like sign-up checks it; nothing is stored."""
    try:
        outcome = screen(questionnaire(), answers)
    except ValueError as error:
        raise InputError(str(error), where="screening", hint="answer every question yes or no") from None
    by_id = {q.id: q for q in questionnaire().questions}
    return [{"id": qid, "advice": by_id[qid].advice, "urgent": by_id[qid].urgent} for qid in outcome.flagged]


def screening_questions() -> list[dict[str, Any]]:
    """The screening questions as plain data (id, text, advice, urgent)."""
    return [q.model_dump() for q in questionnaire().questions]


def sign_up(
    store: Store,
    profile: Profile,
    answers: dict[str, bool],
    *,
    baseline: TestResult | None,
    now: dt.datetime,
) -> dict[str, Any]:
    """Create the local athlete with their screening, then store the baseline test if one was done."""
    with store.reader() as uow:
        if uow.athletes.first() is not None:
            raise InputError(
                "this database already has a profile",
                where="init",
                hint="use `calfcoach init --update` to change it, or another --db",
            )
    explained = None
    if baseline is not None:
        if baseline.kind is not TestKind.HEEL_RAISE:
            raise InputError("the baseline test is the heel-rise test", where="baseline")
        # Interpret before writing anything: it refuses impossible values.
        explained = interpret(baseline, age=profile.age_on(baseline.day), sex=profile.sex)
    athlete_id, outcome = create_athlete(store, profile, answers, now=now)
    if baseline is not None:
        record_test(store, athlete_id, baseline, today=now.date())
    return {
        "athlete_id": athlete_id,
        "profile": profile_json(profile),
        "screening": {
            "clear": outcome.clear,
            "urgent": outcome.urgent,
            "flagged": screening_advice(answers),
        },
        "baseline": None if explained is None else {"summary": list(explained.summary)},
    }


def change_profile(store: Store, profile: Profile) -> int:
    """Replace the local athlete's profile (keeping their history); return their id."""
    athlete_id = local_athlete_id(store)
    update_profile(store, athlete_id, profile)
    return athlete_id
