import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.domain.errors import DataFileError, place_of
from calfcoach.domain.exercise import Exercise
from calfcoach.library.files import (
    DataFileProblems,
    Problem,
    did_you_mean,
    load_model,
    read_yaml,
    suggest,
)

PACKAGED = Path(__file__).parents[2] / "src" / "calfcoach" / "library" / "exercises"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _only_problem(error: pytest.ExceptionInfo[DataFileProblems]) -> Problem:
    assert len(error.value.problems) == 1, error.value
    return error.value.problems[0]


def test_a_packaged_exercise_file_loads_as_an_exercise() -> None:
    exercise = load_model(PACKAGED / "calf-raise-step.yaml", Exercise)
    assert exercise.id == "calf-raise-step"


def test_malformed_yaml_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.yaml", "id: calf-raise-step\nname: [Calf raise\nknee: straight\n")
    with pytest.raises(DataFileProblems) as error:
        load_model(path, Exercise)
    problem = _only_problem(error)
    assert problem.file == path
    assert problem.line is not None
    assert problem.line >= 2
    assert "not valid YAML" in problem.message
    assert "bad.yaml:" in str(error.value)


def test_an_empty_file_is_refused_with_a_pointer_to_the_docs(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.yaml", "# nothing here\n")
    with pytest.raises(DataFileProblems) as error:
        read_yaml(path)
    problem = _only_problem(error)
    assert problem.message == "the file is empty"
    assert problem.hint is not None
    assert "docs/exercises.md" in problem.hint


def test_a_key_written_twice_is_refused_naming_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "twice.yaml", "id: a\nname: A\nsteps:\n  - x\nname: B\n")
    with pytest.raises(DataFileProblems) as error:
        read_yaml(path)
    problem = _only_problem(error)
    assert problem.message == "field 'name' is written twice (lines 2 and 5)"
    assert problem.line == 5


def test_a_nested_duplicate_key_is_found_too(tmp_path: Path) -> None:
    path = _write(tmp_path, "nested.yaml", "default_dose:\n  reps: 10\n  sets: 2\n  reps: 12\n")
    with pytest.raises(DataFileProblems, match="field 'reps' is written twice"):
        read_yaml(path)


def test_a_top_level_list_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "list.yaml", "- id: a\n- id: b\n")
    with pytest.raises(DataFileProblems, match="expected 'field: value' lines at the top level"):
        read_yaml(path)


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("name: Wadenübung\n".encode("latin-1"))
    with pytest.raises(DataFileProblems, match="is not UTF-8 text"):
        read_yaml(path)


def test_a_missing_file_is_reported_not_raised_as_oserror(tmp_path: Path) -> None:
    with pytest.raises(DataFileProblems, match="cannot be read"):
        read_yaml(tmp_path / "nope.yaml")


def test_python_tags_are_refused_by_the_safe_loader(tmp_path: Path) -> None:
    path = _write(tmp_path, "evil.yaml", "id: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(DataFileProblems, match="not valid YAML"):
        read_yaml(path)


def _exercise_text(**changes: str) -> str:
    text = (PACKAGED / "calf-raise-step.yaml").read_text(encoding="utf-8")
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_a_negative_dose_names_the_field_its_line_and_the_fix(tmp_path: Path) -> None:
    text = _exercise_text(**{"  reps: 15\n": "  reps: -3\n"})
    path = _write(tmp_path, "calf-raise-step.yaml", text)
    with pytest.raises(DataFileProblems) as error:
        load_model(path, Exercise)
    problem = _only_problem(error)
    assert problem.place == "default_dose.reps"
    assert problem.line == text.splitlines().index("  reps: -3") + 1
    assert problem.message == "-3 is out of range"
    assert problem.hint == "use a value at least 1"


def test_an_unknown_field_is_named_with_a_spelling_suggestion(tmp_path: Path) -> None:
    text = _exercise_text(**{"summary:": "sumary:"})
    path = _write(tmp_path, "calf-raise-step.yaml", text)
    with pytest.raises(DataFileProblems) as error:
        load_model(path, Exercise)
    messages = {p.place: p for p in error.value.problems}
    assert messages["sumary"].message == "unknown field 'sumary'"
    assert messages["sumary"].hint == "did you mean 'summary'?"
    assert messages["summary"].message == "required field is missing"


def test_a_misspelt_choice_suggests_the_right_one_and_lists_all(tmp_path: Path) -> None:
    text = _exercise_text(**{"knee: straight": "knee: stright"})
    path = _write(tmp_path, "calf-raise-step.yaml", text)
    with pytest.raises(DataFileProblems) as error:
        load_model(path, Exercise)
    problem = _only_problem(error)
    assert problem.place == "knee"
    assert problem.hint is not None
    assert problem.hint.startswith("did you mean 'straight'?")
    assert "bent" in problem.hint


def test_an_incoherent_dose_names_the_dose(tmp_path: Path) -> None:
    text = _exercise_text(**{"  reps: 15\n": "  reps: 15\n  reps_max: 12\n"})
    path = _write(tmp_path, "calf-raise-step.yaml", text)
    with pytest.raises(DataFileProblems) as error:
        load_model(path, Exercise)
    problem = _only_problem(error)
    assert problem.place == "default_dose"
    assert problem.message == "reps_max needs reps and must be at least reps"


def test_a_wrong_item_in_a_list_is_located_by_index(tmp_path: Path) -> None:
    text = _exercise_text(
        **{"primary_muscles: [gastrocnemius, soleus]": "primary_muscles: [gastrocnemius, solues]"}
    )
    path = _write(tmp_path, "calf-raise-step.yaml", text)
    with pytest.raises(DataFileProblems) as error:
        load_model(path, Exercise)
    problem = _only_problem(error)
    assert problem.place == "primary_muscles[1]"
    assert problem.hint is not None
    assert problem.hint.startswith("did you mean 'soleus'?")


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = _exercise_text(**{"  reps: 15\n": "  reps: 0\n", "knee: straight": "knee: up"})
    path = _write(tmp_path, "calf-raise-step.yaml", text)
    with pytest.raises(DataFileProblems) as error:
        load_model(path, Exercise)
    assert {p.place for p in error.value.problems} == {"default_dose.reps", "knee"}
    assert str(error.value).startswith("2 problems in data files:")


def test_data_file_problems_are_data_file_errors() -> None:
    error = DataFileProblems([Problem(Path("x.yaml"), "is odd", place="name", line=3, hint="fix it")])
    assert isinstance(error, DataFileError)
    assert str(error) == "x.yaml:3 name: is odd (fix it)"


def test_places_read_the_way_the_file_is_written() -> None:
    assert place_of(("substitutes", 0, "use")) == "substitutes[0].use"
    assert place_of(("default_dose", "reps")) == "default_dose.reps"
    assert place_of(()) == ""


def test_a_close_misspelling_gets_a_suggestion_and_a_distant_one_none() -> None:
    ids = ["calf-raise-step", "floor-calf-raise", "brisk-walk"]
    assert suggest("calf-rasie", ids) == "calf-raise-step"
    assert did_you_mean("brisk-wlak", ids) == "did you mean 'brisk-walk'?"
    assert suggest("swimming", ids) is None
    assert did_you_mean("swimming", ids) is None


_YAMLISH = st.text(alphabet=st.sampled_from(list("abk:-[]{}'\"&*!|>#%@,? \n\t01")), max_size=120)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), _YAMLISH))
def test_any_text_either_loads_or_gives_a_data_file_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(text, encoding="utf-8")
        problems: tuple[Problem, ...] = ()
        try:
            load_model(path, Exercise)
        except DataFileProblems as error:
            problems = error.problems
        assert all(p.file == path for p in problems)
