"""Hypothesis strategies for any valid log value a database can hold."""

import datetime as dt

from hypothesis import strategies as st

import calfcoach.coach.compliance  # noqa: F401  (declares the score's templates)
from calfcoach.domain.compliance import Verdict
from calfcoach.domain.exercise import Side
from calfcoach.domain.log import CardioLog, CheckIn, PainSite, PerformedSession, SetLog, TestKind, TestResult
from calfcoach.domain.messages import TEMPLATES, joined, verbatim

sides = st.sampled_from(list(Side))
# A score's reasons as the coach writes them: one message, a list of them, words as said.
REASONS = (
    TEMPLATES["compliance.runs_walked"](ran=1, runs=8),
    TEMPLATES["compliance.one_step"](
        detail=TEMPLATES["compliance.step.detail"](
            step="Brisk walk",
            note=joined(
                [TEMPLATES["compliance.step.slower"](), TEMPLATES["compliance.step.flatter"]()], ", "
            ),
        )
    ),
    verbatim("walked instead"),
)
# PostgreSQL text cannot hold NUL characters (a person cannot type them either).
# Unpaired surrogates cannot be encoded at all (test_logbook checks they are refused cleanly).
texts = st.text(alphabet=st.characters(exclude_characters="\x00", exclude_categories=["Cs"]), max_size=200)
set_logs = st.builds(
    SetLog,
    exercise_id=st.sampled_from(["calf-raise-step", "toe-raise", "seated-soleus"]),
    block=st.none() | texts,
    set_index=st.integers(0, 20),
    side=sides,
    reps=st.none() | st.integers(0, 500),
    hold_s=st.none() | st.floats(0, 3600, allow_nan=False),
    load_kg=st.floats(0, 500, allow_nan=False),
    rpe=st.none() | st.floats(0, 10, allow_nan=False),
)
cardio_logs = st.builds(
    CardioLog,
    exercise_id=st.just("walk"),
    block=st.none() | st.sampled_from(["warm-up", "main"]),
    duration_s=st.floats(0.5, 24 * 3600, allow_nan=False),
    distance_m=st.none() | st.floats(0, 500_000, allow_nan=False),
    avg_speed_kmh=st.none() | st.floats(0.1, 40, allow_nan=False),
    grade_pct=st.none() | st.floats(-45, 45, allow_nan=False),
    level=st.none() | st.integers(1, 30),
    floors=st.none() | st.integers(0, 10_000),
    avg_hr_bpm=st.none() | st.integers(25, 250),
    running_s=st.none() | st.floats(0, 1e6, allow_nan=False),
    activity_id=st.none() | texts.filter(lambda t: 0 < len(t) <= 64),
    plan_verdict=st.none() | st.sampled_from(Verdict),
    plan_reason=st.none() | texts.filter(lambda t: len(t) <= 500),
    plan_why=st.none() | st.sampled_from(REASONS),
)


def sessions(
    set_logs: st.SearchStrategy[SetLog] = set_logs, cardio_logs: st.SearchStrategy[CardioLog] = cardio_logs
) -> st.SearchStrategy[PerformedSession]:
    """Return any valid performed session (times without a DST fold, texts a database can hold)."""
    return st.builds(
        PerformedSession,
        id=st.uuids().map(str),
        day=st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1)),
        started_at=st.none()
        | st.datetimes(dt.datetime(1950, 1, 1), dt.datetime(2100, 1, 1), timezones=st.timezones()).filter(
            lambda t: t.utcoffset() is not None
        ),
        program_id=texts.filter(bool),
        phase_id=st.just("foundation"),
        template_id=st.just("strength-a"),
        sets=st.lists(set_logs, max_size=8).map(tuple),
        cardio=st.lists(cardio_logs, max_size=2).map(tuple),
        rpe=st.none() | st.floats(0, 10, allow_nan=False),
        pain_during=st.integers(0, 10),
        pain_after=st.integers(0, 10),
        pain_from=st.lists(st.sampled_from(["calf-raise-step", "toe-raise", "walk"]), max_size=2).map(tuple),
        pain_site=st.none() | st.sampled_from(list(PainSite)),
        notes=texts,
    )


checkins = st.builds(
    CheckIn,
    day=st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1)),
    morning_pain=st.integers(0, 10),
    stiffness=st.integers(0, 10),
    symptoms=st.lists(st.sampled_from(["calf-swelling", "night-pain", "fever"]), max_size=2).map(tuple),
    notes=texts,
)
test_results = st.builds(
    TestResult,
    day=st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1)),
    kind=st.sampled_from(list(TestKind)),
    left=st.floats(0, 1000, allow_nan=False),
    right=st.floats(0, 1000, allow_nan=False),
    eyes_closed=st.booleans(),
    notes=texts,
)


def histories_with_repeated_logs() -> st.SearchStrategy[list[PerformedSession]]:
    """Return sessions (distinct ids) whose set and cardio logs repeat a few, as daily training does.

    Some logs differ only in the sign of a zero, which compares equal but must not come back changed.
    """

    def signed_zero(log: SetLog) -> SetLog:
        return log.model_copy(update={"load_kg": -0.0 if str(log.load_kg) == "0.0" else 0.0})

    set_pool = st.lists(set_logs, min_size=1, max_size=4).map(lambda logs: [*logs, *map(signed_zero, logs)])
    cardio_pool = st.lists(cardio_logs, min_size=1, max_size=2)
    return st.tuples(set_pool, cardio_pool).flatmap(
        lambda pools: st.lists(
            sessions(st.sampled_from(pools[0]), st.sampled_from(pools[1])),
            max_size=6,
            unique_by=lambda s: s.id,
        )
    )
