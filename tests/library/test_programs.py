"""The shipped programs load, carry their sources' doses, and bad program files get clear messages."""

from pathlib import Path

import pytest

from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.program import LoadWhenPainFree, Schedule, Stages
from calfcoach.library.files import DataFileProblems
from calfcoach.library.programs import get_program, load_program_file, load_programs, packaged_folder


def test_every_shipped_program_loads_and_cites_a_source() -> None:
    programs = load_programs()
    assert set(programs) == {
        "calf-maintenance",
        "calf-foundations-to-running",
        "alfredson-eccentric",
        "heavy-slow-resistance",
        "walk-to-run-bridge",
    }
    assert all(p.sources for p in programs.values())


def test_the_article_program_runs_foundations_to_running_with_stretches_closing_strength_sessions() -> None:
    program = get_program("calf-foundations-to-running")
    assert [p.id for p in program.phases] == [
        "foundations",
        "step-box-and-weights",
        "walk-to-run",
        "steady-running",
    ]
    for phase in program.phases:
        for session in phase.sessions:
            if any(b.id == "calves" for b in session.blocks):
                assert session.blocks[-1].id == "stretch"
                assert session.blocks[-1].priority == 1


def test_the_step_box_is_twelve_to_fifteen_reps_as_the_article_says() -> None:
    program = get_program("calf-foundations-to-running")
    items = [
        item
        for session in program.phase("step-box-and-weights").sessions
        for block in session.blocks
        for item in block.items
        if item.exercise == "step-box-raise"
    ]
    assert items
    assert all((i.dose.reps, i.dose.reps_max) == (12, 15) for i in items)


def test_alfredson_is_three_by_fifteen_straight_and_bent_knee_every_day_for_each_leg() -> None:
    program = get_program("alfredson-eccentric")
    phase = program.phases[0]
    assert len(phase.week) == 7
    items = {i.exercise: i for b in phase.sessions[0].blocks for i in b.items}
    for knee in ("straight", "bent"):
        item = items[f"eccentric-heel-drop-{knee}"]
        assert (item.dose.sets, item.dose.reps, item.dose.per_side) == (3, 15, True)
        assert isinstance(item.progress, LoadWhenPainFree)
    assert "twice" in phase.sessions[0].name


def test_heavy_slow_resistance_follows_beyer_2015_week_by_week() -> None:
    program = get_program("heavy-slow-resistance")
    item = program.phases[0].sessions[0].blocks[0].items[0]
    assert item.tempo is not None
    assert (item.tempo.up_s, item.tempo.down_s) == (3, 3)
    assert isinstance(item.progress, Schedule)
    table = [(s.weeks, s.dose.sets, s.dose.reps) for s in item.progress.steps]
    assert table == [((1, 1), 3, 15), ((2, 3), 3, 12), ((4, 5), 4, 10), ((6, 8), 4, 8), ((9, 12), 4, 6)]
    assert len(program.phases[0].week) == 3


def test_the_walk_to_run_bridge_starts_and_ends_like_couch_to_5k() -> None:
    item = get_program("walk-to-run-bridge").phases[0].sessions[0].blocks[0].items[0]
    assert isinstance(item.progress, Stages)
    first, last = item.progress.stages[0], item.progress.stages[-1]
    assert (first.run_s, first.walk_s, first.duration_s, first.warmup_s) == (60, 90, 1200, 300)
    assert (last.run_s, last.duration_s, last.warmup_s) == (None, 1800, 300)


def test_an_unknown_program_id_suggests_the_closest() -> None:
    with pytest.raises(NotFoundError, match="did you mean 'heavy-slow-resistance'"):
        get_program("heavy-slow-resistence")


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = (packaged_folder() / "heavy-slow-resistance.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "mine.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_misspelt_exercise_is_named_with_its_place_line_and_a_suggestion(tmp_path: Path) -> None:
    path = _broken(tmp_path, "- exercise: calf-raise-step", "- exercise: calf-rasie-step")
    with pytest.raises(DataFileProblems) as caught:
        load_program_file(path)
    problem = caught.value.problems[0]
    assert problem.place == "phases[0].sessions[0].blocks[0].items[1].exercise"
    assert problem.line is not None
    assert problem.hint == "did you mean 'calf-raise-step'?"


def test_a_negative_dose_is_refused_with_its_place(tmp_path: Path) -> None:
    path = _broken(
        tmp_path, "dose: {sets: 3, reps: 15, rest_s: 150}", "dose: {sets: 3, reps: -15, rest_s: 150}"
    )
    with pytest.raises(DataFileProblems, match=r"dose\.reps"):
        load_program_file(path)


def test_a_rule_that_cannot_act_on_its_dose_is_refused(tmp_path: Path) -> None:
    path = _broken(
        tmp_path,
        "dose: {sets: 1, hold_s: 30, per_side: true, rest_s: 10}",
        "dose: {sets: 1, hold_s: 30, per_side: true, rest_s: 10}\n"
        "                progress: {type: pace, max_kmh: 6}",
    )
    with pytest.raises(DataFileProblems, match="a 'pace' rule needs a dose with a speed_kmh"):
        load_program_file(path)


def test_malformed_yaml_is_reported_with_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nphases: [\n", encoding="utf-8")
    with pytest.raises(DataFileProblems, match=r"bad\.yaml"):
        load_program_file(path)
