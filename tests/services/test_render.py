"""Session views carry the session's mode, so every shell can tell a relative-rest session from training."""

import datetime as dt

import pytest

import calfcoach.assess.readiness
import calfcoach.coach.plan
import calfcoach.coach.prescribe  # noqa: F401 (declares the templates read from TEMPLATES, with stages)
from calfcoach.coach.changes import describe_changes
from calfcoach.domain.exercise import Dose
from calfcoach.domain.messages import TEMPLATES, Message
from calfcoach.domain.plan import DoseChange, PlannedItem, PlannedSession
from calfcoach.domain.units import Units, UnitSystem
from calfcoach.i18n import translations
from calfcoach.library.catalog import load_catalog
from calfcoach.services.render import cardio_target, said, session_view


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


def test_an_imperial_session_says_its_doses_and_dose_changes_in_miles_and_pounds() -> None:
    changed, effort = TEMPLATES["prescribe.changed"], TEMPLATES["prescribe.last_effort"]
    faster = (DoseChange(field="speed_kmh", before=5.2, after=5.4),)
    heavier = (DoseChange(field="load_kg", before=0, after=2.5),)
    walk = PlannedItem(
        exercise_id="brisk-walk",
        block="cardio",
        dose=Dose(duration_s=1200, speed_kmh=5.4),
        basis=Dose(duration_s=1200, speed_kmh=5.2),
        changes=faster,
        reason=changed(changes=describe_changes(faster), cause=effort(rpe=4)),
    )
    raises = PlannedItem(
        exercise_id="calf-raise-step",
        block="strength",
        dose=Dose(sets=3, reps=12, load_kg=2.5),
        changes=heavier,
        reason=changed(
            changes=describe_changes(heavier), cause=TEMPLATES["progression.reps_reached"](reps=15)
        ),
    )
    session = _planned().model_copy(update={"items": (walk, raises)})
    imperial = session_view(session, load_catalog(), Units.chosen(UnitSystem.IMPERIAL))
    assert [i.dose_text for i in imperial.items] == ["20 min, at 3.4 mph", "3 × 12, +5.5 lb"]
    assert imperial.items[0].reason == "pace 3.2 -> 3.4 mph: last time was done at effort 4/10"
    assert imperial.items[1].reason == "load 0 -> 5.5 lb: 15 reps reached: more load, fewer reps"
    assert imperial.items[0].dose == {"duration_s": 1200, "speed_kmh": 5.4}  # the fields stay SI
    metric = session_view(session, load_catalog())
    assert metric.items[0].reason == "pace 5.2 -> 5.4 km/h: last time was done at effort 4/10"
    assert metric.items[0].dose_text == "20 min, at 5.4 km/h"


def test_the_players_cardio_target_adds_the_pace_in_the_persons_units() -> None:
    walk = Dose(duration_s=1200, speed_kmh=5.0)
    assert cardio_target(walk) == "Target pace: 12:00 min/km"
    assert cardio_target(walk, Units.chosen(UnitSystem.IMPERIAL)) == "Target pace: 19:19 min/mi"
    assert cardio_target(walk, language="de") == "Ziel-Pace: 12:00 min/km"


def test_the_players_cardio_target_does_not_repeat_an_intervals_dose_line() -> None:
    # The dose line says '20 min, run 60 s / walk 90 s, 2% grade'; the target said all of it again.
    intervals = Dose(duration_s=1200, run_s=60, walk_s=90, grade_pct=2)
    assert cardio_target(intervals) is None
    assert cardio_target(Dose(duration_s=1200)) is None
    fast = intervals.model_copy(update={"speed_kmh": 7.5})
    assert cardio_target(fast, language="de") == "Ziel-Pace: 8:00 min/km"


def test_a_reason_is_said_in_the_persons_language_with_its_figures_in_their_units() -> None:
    changed, more_load = TEMPLATES["prescribe.changed"], TEMPLATES["progression.reps_reached"]
    heavier = (DoseChange(field="load_kg", before=0, after=2.5),)
    reason = changed(changes=describe_changes(heavier), cause=more_load(reps=15))
    imperial = Units.chosen(UnitSystem.IMPERIAL)
    assert said(reason, imperial, "de") == (
        "Zusatzgewicht 0 -> 5,5 lb: 15 Wiederholungen erreicht: mehr Gewicht, weniger Wiederholungen"
    )
    assert (
        said(reason, imperial, "en")
        == said(reason, imperial)
        == "load 0 -> 5.5 lb: 15 reps reached: more load, fewer reps"
    )
    assert said(reason, imperial, "xx") == said(reason, imperial)  # a language without a catalog: English


def test_a_date_in_a_reason_is_iso_in_english_and_the_locales_own_in_german() -> None:
    after_pain = TEMPLATES["stages.after_pain"](worst=6, day=dt.date(2026, 3, 2))
    assert said(after_pain, language="en") == "after pain 6/10 on 2026-03-02"
    assert said(after_pain, language="de") == "nach Schmerz 6/10 am 02.03.2026"


COUNTS = (0, 1, 2, 5)


@pytest.mark.parametrize("n", COUNTS)
def test_german_says_a_count_with_its_own_plural_form(n: int) -> None:
    moved_on = TEMPLATES["stages.moved_on"](sessions=n)
    assert said(moved_on, language="de") == (
        "aufgestiegen nach 1 guten Einheit" if n == 1 else f"aufgestiegen nach {n} guten Einheiten"
    )
    assert said(moved_on, language="en") == (
        "moved on after 1 good session" if n == 1 else f"moved on after {n} good sessions"
    )
    reached = TEMPLATES["gate.exercise_reps"](reached=1, sessions=n, exercise="Wadenheben", reps=15)
    assert said(reached, language="de") == (
        f"in 1 der letzten {n} {'Einheit' if n == 1 else 'Einheiten'} Wadenheben wurden in jedem Satz 15"
        " Wiederholungen erreicht"
    )


# The app's counting templates (a test module may have declared its own "test." ones, in no catalog).
COUNTING = sorted(
    code for code, t in TEMPLATES.items() if t.plural is not None and not code.startswith("test.")
)


@pytest.mark.parametrize("code", COUNTING)
def test_every_counting_message_has_both_german_forms(code: str) -> None:
    template = TEMPLATES[code]
    assert template.plural is not None
    german = translations("de")
    one, many = (
        german.ngettext(template.text, template.plural, 1),
        german.ngettext(template.text, template.plural, 2),
    )
    assert one not in (template.text, template.plural), f"{code}: no German form for one"
    assert many not in (template.text, template.plural), f"{code}: no German plural"
    assert one != many, f"{code}: German says one and many alike"


def test_a_message_stored_before_plural_forms_is_said_in_german_with_the_right_form() -> None:
    stored = (
        '{"code":"stages.moved_on","template":"moved on after {sessions} good sessions",'
        '"args":[{"name":"sessions","kind":"count","value":1,"digits":null,"bare":false,"parts":[]}]}'
    )
    assert said(Message.model_validate_json(stored), language="de") == "aufgestiegen nach 1 guten Einheit"
    one_week = (
        '{"code":"gate.weeks_in_phase.one",'
        '"template":"{weeks} week in this phase (at least {needed} needed)",'
        '"args":[{"name":"weeks","kind":"count","value":1},{"name":"needed","kind":"count","value":4}]}'
    )
    assert said(Message.model_validate_json(one_week), language="de") == (
        "1 Woche in dieser Phase (mindestens 4 nötig)"
    )
