"""Progress as pages and the API show it: the charts and the printable report (history: history.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from calfcoach import MEDICAL_DISCLAIMER
from calfcoach.assess.interpret import interpret
from calfcoach.charts import CalfVolumeChart, PainChart, ResultsChart, WalkingSpeedChart, spec
from calfcoach.coach.pain import pain_status
from calfcoach.domain.exercise import Category
from calfcoach.domain.log import History, TestKind, TestResult
from calfcoach.domain.profile import Profile
from calfcoach.i18n import N_
from calfcoach.library.catalog import load_catalog
from calfcoach.library.programs import get_program
from calfcoach.library.translations import program_in
from calfcoach.services.history import session_rows
from calfcoach.services.render import all_said
from calfcoach.services.views import PainView, Ref, ReportTest, ReportView

# English, translated where a page shows them (calfcoach.i18n).
CHART_TITLES = {
    "heel-raise": N_("Heel-raise test"),
    "calf-volume": N_("Weekly calf work"),
    "pain": N_("Pain"),
    "walking-speed": N_("Walking speed"),
}


def chart_specs(
    profile: Profile, history: History, *, today: dt.date, language: str | None = None
) -> dict[str, dict[str, Any]]:
    """The progress charts (Vega-Lite JSON) by name, built by calfcoach.charts for this person, their words
    in `language` (the heel-raise chart's notes on norms and sources stay English)."""
    catalog = load_catalog()
    knee = {e.id: e.knee for e in catalog}
    walking = [e.id for e in catalog if e.category is Category.CARDIO and not e.running]
    return {
        "heel-raise": spec(
            "results",
            ResultsChart(
                history=history,
                kind=TestKind.HEEL_RAISE,
                age=profile.age_on(today),
                sex=profile.sex,
                language=language,
            ),
        ),
        "calf-volume": spec(
            "calf-volume", CalfVolumeChart(history=history, knee_by_exercise=knee, language=language)
        ),
        "pain": spec("pain", PainChart(history=history, language=language)),
        "walking-speed": spec(
            "walking-speed",
            WalkingSpeedChart(
                history=history,
                walking_exercise_ids=walking,
                units=profile.preferred_units,
                language=language,
            ),
        ),
    }


def _latest_tests(history: History) -> list[TestResult]:
    found = [history.latest_test(kind) for kind in TestKind]
    return [t for t in found if t is not None]


def report_view(
    profile: Profile, history: History, *, today: dt.date, language: str | None = None
) -> ReportView:
    """The printable progress report for a physiotherapist: profile, tests read, sessions, pain, charts; the
    program's and exercises' names and the charts' words in `language` (English without one)."""
    program = get_program(profile.program_id)
    since = today - dt.timedelta(days=28)
    recent = [s for s in history.sessions if s.day >= since]
    pain = pain_status(history, today, program.pain)
    return ReportView(
        day=today,
        name=profile.name,
        program=Ref(id=program.id, name=program_in(program.id, language).name),
        start_date=profile.start_date,
        sessions_total=len(history.sessions),
        sessions_28_days=len(recent),
        max_pain_28_days=max((max(s.pain_during, s.pain_after) for s in recent), default=None),
        pain=PainView(
            action=pain.action.value,
            reasons=all_said(pain.reasons, profile.preferred_units, profile.language),
        ),
        tests=[
            ReportTest(
                **dict(t),
                summary=tuple(
                    interpret(
                        t, age=profile.age_on(t.day), sex=profile.sex, language=profile.language
                    ).summary
                ),
            )
            for t in _latest_tests(history)
        ],
        sessions=session_rows(History(sessions=tuple(recent)), language),
        charts=chart_specs(profile, history, today=today, language=language),
        disclaimer=MEDICAL_DISCLAIMER,
    )
