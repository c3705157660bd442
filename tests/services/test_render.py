"""Session views carry the session's mode, so every shell can tell a relative-rest session from training."""

import datetime as dt

from calfcoach.domain.exercise import Dose
from calfcoach.domain.plan import PlannedItem, PlannedSession
from calfcoach.library.catalog import load_catalog
from calfcoach.services.render import session_view


def _planned(mode: str | None = None) -> PlannedSession:
    item = PlannedItem(
        exercise_id="calf-raise-step", block="strength", dose=Dose(sets=3, reps=12), reason="calf strength"
    )
    extra = {} if mode is None else {"mode": mode}
    return PlannedSession(
        day=dt.date(2026, 11, 25),
        program_id="p",
        phase_id="ph",
        template_id="t",
        name="Raises",
        items=(item,),
        minutes=10,
        **extra,
    )


def test_a_session_view_says_its_mode() -> None:
    assert session_view(_planned(), load_catalog()).mode == "train"
    assert session_view(_planned("relative_rest"), load_catalog()).mode == "relative_rest"
