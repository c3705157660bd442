"""The read models: docs/cli.md's JSON shapes are generated from them, and the CLI's JSON fits them.

`CALFCOACH_WRITE_DOCS=1 pytest tests/services/test_views.py` rewrites the generated blocks of docs/cli.md.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from pydantic import BaseModel

from calfcoach.domain.log import CheckIn, SetLog
from calfcoach.library.catalog import load_catalog
from calfcoach.services import views
from calfcoach.services.athletes import questionnaire
from calfcoach.services.checkins import morning_check_in
from calfcoach.services.coaching import plan_for
from calfcoach.services.daily import today_views
from calfcoach.services.entries import log_done
from calfcoach.services.history import history_view, load_local
from calfcoach.services.render import plan_view
from calfcoach.services.safety import rescreen, safety_block, safety_for
from calfcoach.store.store import Store
from tests.services.helpers import MONDAY, sign_up

CLI_DOCS = Path(__file__).parents[2] / "docs" / "cli.md"
BLOCK = re.compile(r"(<!-- json-shape: (\w+) [^\n]*-->\n```text\n)(.*?)(```)", re.S)


def test_the_json_shapes_in_docs_cli_md_are_the_read_models() -> None:
    text = CLI_DOCS.read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert {name for _, name, _, _ in blocks} >= {
        "LocalTodayView",
        "HistoryView",
        "PlanView",
        "ImportReportView",
        "TestTaken",
        "Exported",
        "Imported",
        "CalendarWritten",
        "SignedUp",
        "ProfileChanged",
        "CheckedIn",
        "ClearanceRecorded",
        "Rescreened",
        "SessionSummary",
        "ActivityView",
        "ActivityDetail",
        "ExerciseList",
        "ExerciseShown",
        "ProgramListed",
        "DemoWritten",
        "WorkoutWritten",
        "WeekWritten",
        "DoctorReport",
    }

    def generated(match: re.Match[str]) -> str:
        model = getattr(views, match.group(2))
        return match.group(1) + views.outline(model) + "\n" + match.group(4)

    expected = BLOCK.sub(generated, text)
    if os.environ.get("CALFCOACH_WRITE_DOCS") == "1":
        CLI_DOCS.write_text(expected, encoding="utf-8")
    assert text == expected, "docs/cli.md differs from the read models: run with CALFCOACH_WRITE_DOCS=1"


def test_outline_writes_a_model_and_the_models_inside_it() -> None:
    class Inner(BaseModel):
        when: dt.date | None

    class Outer(BaseModel):
        items: list[Inner]
        counts: dict[str, int]

    assert views.outline(Outer) == (
        'Outer {\n  "items": [Inner],\n  "counts": {string: integer}\n}\nInner {\n  "when": date | null\n}'
    )


def test_what_the_cli_prints_as_json_fits_the_read_models(store: Store) -> None:
    sign_up(store)
    done = [SetLog(exercise_id="calf-raise-step", set_index=0, reps=12)]
    log_done(store, day=MONDAY, sets=done, cardio=[], today=MONDAY)
    morning_check_in(store, CheckIn(day=MONDAY, morning_pain=2), today=MONDAY)
    tuesday = MONDAY + dt.timedelta(days=1)
    for view in today_views(store, [MONDAY, tuesday]).values():
        views.LocalTodayView.model_validate(view)
    athlete, history = load_local(store)
    assert isinstance(history_view(athlete, history), views.HistoryView)
    plan = plan_view(plan_for(athlete.profile, history, weeks=2), load_catalog()).model_dump(mode="json")
    views.PlanView.model_validate(plan)
    views.SafetyBlock.model_validate(safety_block(safety_for(store, athlete.id, MONDAY)))
    answers = {q.id: False for q in questionnaire().questions}
    now = dt.datetime.combine(MONDAY, dt.time(9), tzinfo=dt.UTC)
    assert isinstance(rescreen(store, athlete.id, answers, now=now), views.Rescreened)
