"""Onboarding: the profile, the screening with its advice, and the optional baseline heel-rise test."""

from __future__ import annotations

import datetime as dt

from calfcoach.assess.interpret import interpret
from calfcoach.domain.errors import InputError
from calfcoach.domain.log import TestKind, TestResult
from calfcoach.domain.profile import Profile
from calfcoach.domain.screening import Question, screen
from calfcoach.i18n import N_
from calfcoach.services.athletes import create_athlete, local_athlete_id, questionnaire, update_profile
from calfcoach.services.logbook import record_test
from calfcoach.services.views import BaselineView, ProfileChanged, ScreeningAdvice, SignedUp, SignUpScreening
from calfcoach.store.store import Store


def screening_advice(answers: dict[str, bool]) -> list[ScreeningAdvice]:
    """The advice for each "yes" (id, advice, urgent), checked like sign-up checks it; nothing is stored."""
    outcome = screen(questionnaire(), answers)  # ScreeningRefused: an InputError
    by_id = {q.id: q for q in questionnaire().questions}
    return [
        ScreeningAdvice(id=qid, advice=by_id[qid].advice, urgent=by_id[qid].urgent) for qid in outcome.flagged
    ]


def screening_questions() -> tuple[Question, ...]:
    """The screening questions (id, text, advice, level), in the order they are asked."""
    return questionnaire().questions


def sign_up(
    store: Store,
    profile: Profile,
    answers: dict[str, bool],
    *,
    baseline: TestResult | None,
    now: dt.datetime,
) -> SignedUp:
    """Create the local athlete with their screening, then store the baseline test if one was done."""
    with store.reader() as uow:
        if uow.athletes.first() is not None:
            raise InputError(
                N_("this database already has a profile"),
                where="init",
                hint=N_("use `calfcoach init --update` to change it, or another --db"),
            )
    explained = None
    if baseline is not None:
        if baseline.kind is not TestKind.HEEL_RAISE:
            raise InputError(N_("the baseline test is the heel-rise test"), where="baseline")
        # Interpret before writing anything: it refuses impossible values.
        explained = interpret(
            baseline, age=profile.age_on(baseline.day), sex=profile.sex, language=profile.language
        )
    athlete_id, outcome = create_athlete(store, profile, answers, now=now)
    if baseline is not None:
        record_test(store, athlete_id, baseline, today=now.date())
    return SignedUp(
        athlete_id=athlete_id,
        profile=profile,
        screening=SignUpScreening(
            clear=outcome.clear, urgent=outcome.urgent, flagged=screening_advice(answers)
        ),
        baseline=None if explained is None else BaselineView(summary=list(explained.summary)),
    )


def change_profile(store: Store, profile: Profile) -> ProfileChanged:
    """Replace the local athlete's profile (keeping their history)."""
    athlete_id = local_athlete_id(store)
    update_profile(store, athlete_id, profile)
    return ProfileChanged(athlete_id=athlete_id, profile=profile)
