"""The exercise and program texts in German: complete, line for line with the English, refused when not."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from calfcoach.coach.plan import build_plan
from calfcoach.domain.exercise import Equipment
from calfcoach.domain.log import History
from calfcoach.domain.plan import Plan
from calfcoach.domain.profile import Profile
from calfcoach.library.catalog import load_catalog, packaged_folder
from calfcoach.library.files import DataFileProblems
from calfcoach.library.programs import load_programs
from calfcoach.library.programs import packaged_folder as packaged_programs
from calfcoach.library.translations import (
    catalog_in,
    load_exercise_texts,
    load_program_texts,
    programs_in,
)
from calfcoach.services.coaching import coach_for

GERMAN = packaged_folder() / "de"


def test_every_exercise_reads_in_german_and_keeps_everything_but_its_texts() -> None:
    english, german = load_catalog(), catalog_in("de")
    assert german.ids == english.ids
    for exercise in english:
        translated = german.get(exercise.id)
        assert translated.name != exercise.name, f"{exercise.id} has no German name"
        assert translated.summary != exercise.summary
        assert len(translated.steps) == len(exercise.steps)
        assert len(translated.safety) == len(exercise.safety), "no safety note may be lost in translation"
        same = ("default_dose", "tempo", "primary_muscles", "equipment", "sources", "substitutes", "met")
        for field in same:
            assert getattr(translated, field) == getattr(exercise, field), (exercise.id, field)
        assert [link.exercise for link in translated.progressions] == [
            link.exercise for link in exercise.progressions
        ]


def test_the_german_step_calf_raise_says_the_articles_exercise_in_german() -> None:
    raise_ = catalog_in("de").get("calf-raise-step")
    assert raise_.name == "Wadenheben auf einer Stufe"
    assert raise_.steps[1] == "Gehen Sie so hoch wie möglich auf die Fußballen."
    assert "5 von 10" in raise_.safety[1]


@pytest.mark.parametrize("language", ["en", None, "fr", "en-GB"])
def test_english_and_languages_without_texts_read_the_english_files(language: str | None) -> None:
    assert catalog_in(language) is load_catalog()


def test_a_regional_tag_reads_its_language() -> None:
    assert catalog_in("de-AT").get("brisk-walk").name == "Zügiges Gehen"


def _overlay_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "de"
    shutil.copytree(GERMAN, folder)
    return folder


def _edit(path: Path, **changes: object) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document.update(changes)
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")


def test_a_translation_with_a_step_missing_is_refused_naming_the_file_and_field(tmp_path: Path) -> None:
    folder = _overlay_folder(tmp_path)
    path = folder / "calf-raise-step.yaml"
    steps = yaml.safe_load(path.read_text(encoding="utf-8"))["steps"]
    _edit(path, steps=steps[:-1])
    with pytest.raises(DataFileProblems) as caught:
        load_exercise_texts(folder, load_catalog())
    text = str(caught.value)
    assert "calf-raise-step.yaml" in text
    assert "has 3 steps lines where the English file has 4" in text


def test_a_translation_that_drops_a_progression_or_renames_an_id_is_refused(tmp_path: Path) -> None:
    folder = _overlay_folder(tmp_path)
    _edit(folder / "brisk-walk.yaml", progressions={"uphill-walk": "wenn es leichtfällt"}, id="walk")
    with pytest.raises(DataFileProblems) as caught:
        load_exercise_texts(folder, load_catalog())
    places = {(p.file.name, p.place) for p in caught.value.problems}
    assert places == {("brisk-walk.yaml", "progressions"), ("brisk-walk.yaml", "id")}


def test_a_translation_of_no_exercise_and_an_unknown_field_are_refused(tmp_path: Path) -> None:
    folder = _overlay_folder(tmp_path)
    shutil.copy(folder / "brisk-walk.yaml", folder / "moon-walk.yaml")
    _edit(folder / "knee-bends.yaml", default_dose={"sets": 9})
    with pytest.raises(DataFileProblems) as caught:
        load_exercise_texts(folder, load_catalog())
    messages = [p.render() for p in caught.value.problems]
    assert any("moon-walk.yaml" in m and "not an exercise" in m for m in messages), messages
    assert any("knee-bends.yaml" in m and "default_dose" in m for m in messages), messages


# --- Programs ------------------------------------------------------------------------------------------


def test_every_program_reads_in_german() -> None:
    english, german = load_programs(), programs_in("de")
    assert set(german) == set(english)
    for program_id, program in english.items():
        translated = german[program_id]
        assert translated.name != program.name
        for phase, theirs in zip(program.phases, translated.phases, strict=True):
            assert theirs.name != phase.name
            assert theirs.goal != phase.goal
            for session, their_session in zip(phase.sessions, theirs.sessions, strict=True):
                assert their_session.name != session.name, (program_id, session.id)


@pytest.mark.parametrize("program_id", sorted(load_programs()))
def test_a_translated_program_prescribes_the_same_sessions_in_other_words(program_id: str) -> None:
    """What the coach decides depends on ids and doses only: four weeks of plan, English and German."""
    profile = Profile(
        start_date=dt.date(2026, 3, 2),
        weekdays=frozenset({0, 2, 4}),
        minutes_per_session=60,
        equipment=frozenset(Equipment),
        program_id=program_id,
    )
    english = build_plan(coach_for(profile), History(), profile.start_date, 4)
    german_profile = profile.model_copy(update={"language": "de"})
    german = build_plan(coach_for(german_profile), History(), profile.start_date, 4)

    def decided(plan: Plan) -> list[tuple[object, ...]]:
        return [
            (s.day, s.template_id, [(i.exercise_id, i.block, i.dose) for i in s.items]) for s in plan.sessions
        ]

    assert english.sessions
    assert decided(german) == decided(english)
    assert [s.name for s in german.sessions] != [s.name for s in english.sessions]


def test_a_program_translation_with_a_phase_missing_or_an_unknown_block_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "de"
    shutil.copytree(packaged_programs() / "de", folder)
    path = folder / "calf-foundations-to-running.yaml"
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    del document["phases"]["steady-running"]
    document["phases"]["foundations"]["sessions"]["walk"]["blocks"]["cool-down"] = {"name": "Auslaufen"}
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataFileProblems) as caught:
        load_program_texts(folder, load_programs())
    found = {(p.place, p.message) for p in caught.value.problems}
    assert ("phases.steady-running", "is missing") in found
    assert ("phases.foundations.sessions.walk.blocks.cool-down", "is not in the English file") in found
