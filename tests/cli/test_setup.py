import datetime as dt
from pathlib import Path

from tests.cli.conftest import Cli, rows, run_json


def test_init_with_flags_creates_the_profile_without_prompting(cli: Cli, db_file: Path) -> None:
    data = run_json(
        cli, "init", "--no-input", "--all-no", "--name", "Ada", "--weekdays", "mon,thu", "--minutes", "25",
        "--equipment", "step,wall", "--goal", "stronger_calves", "--birth-year", "1980", "--sex", "female",
        "--skip-test",
    )  # fmt: skip
    assert data["profile"]["name"] == "Ada"
    assert data["profile"]["weekdays"] == [0, 3]
    assert data["profile"]["equipment"] == ["step", "wall"]
    assert data["profile"]["minutes_per_session"] == 25
    assert data["screening"] == {"clear": True, "urgent": False, "flagged": []}
    assert data["baseline"] is None
    assert rows(db_file, "athletes") == 1


def test_an_urgent_yes_in_screening_says_to_seek_care_today(cli: Cli) -> None:
    result = cli("init", "--no-input", "--all-no", "--answer", "calf-swelling=yes", "--skip-test")
    assert result.exit_code == 0, result.output
    assert "Seek care today" in result.stdout
    assert "blood clot" in result.stdout


def test_a_plain_yes_brings_its_advice_without_alarm(cli: Cli) -> None:
    data = run_json(cli, "init", "--no-input", "--all-no", "--answer", "heart=yes", "--skip-test")
    assert data["screening"]["clear"] is False
    assert data["screening"]["urgent"] is False
    assert data["screening"]["flagged"][0]["id"] == "heart"


def test_init_asks_every_question_when_nothing_is_given(cli: Cli, db_file: Path) -> None:
    from calfcoach.services.onboarding import screening_questions

    answers = ["Bea", "tue,sat", "20", "step", "start_running", "beginner", "male", "1990", ""]
    answers += ["n"] * len(screening_questions())
    answers += ["20:22"]  # the baseline heel-rise test, after its protocol
    result = cli("init", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "heel-rise" in result.stdout.lower()
    assert rows(db_file, "test_results") == 1
    assert rows(db_file, "athletes") == 1
    assert "heavy-slow-resistance" in result.stdout


def test_the_baseline_heel_rise_result_is_stored_and_explained(cli: Cli, db_file: Path) -> None:
    data = run_json(cli, "init", "--no-input", "--all-no", "--heel-raise", "18:21")
    assert any("85%" in line for line in data["baseline"]["summary"])
    assert rows(db_file, "test_results") == 1


def test_a_malformed_baseline_is_refused_and_nothing_is_written(cli: Cli, db_file: Path) -> None:
    result = cli("init", "--no-input", "--all-no", "--heel-raise", "eighteen")
    assert result.exit_code == 2
    assert "LEFT:RIGHT" in result.output
    assert not db_file.exists() or rows(db_file, "athletes") == 0


def test_an_unanswered_screening_is_refused_without_writing(cli: Cli, db_file: Path) -> None:
    result = cli("init", "--no-input", "--answer", "heart=no", "--skip-test")
    assert result.exit_code == 2
    assert "unanswered" in result.output
    assert rows(db_file, "athletes") == 0


def test_a_second_init_is_refused_and_update_changes_the_profile(signed_up: Cli, db_file: Path) -> None:
    again = signed_up("init", "--no-input", "--all-no", "--skip-test")
    assert again.exit_code == 2
    assert "--update" in again.output
    data = run_json(signed_up, "init", "--update", "--no-input", "--name", "Ada L", "--weekdays", "sun")
    assert data["profile"]["name"] == "Ada L"
    assert rows(db_file, "athletes") == 1


def test_an_unknown_weekday_is_a_clear_error(cli: Cli) -> None:
    result = cli("init", "--no-input", "--all-no", "--weekdays", "funday", "--skip-test")
    assert result.exit_code == 2
    assert "weekdays" in result.output


def test_a_start_date_that_is_not_a_date_names_the_flag(cli: Cli) -> None:
    result = cli("init", "--no-input", "--all-no", "--start", str(dt.date.today()).replace("-", "/"))
    assert result.exit_code == 2
    assert "--start" in result.output


def test_after_a_yes_the_advice_comes_at_once_and_the_test_is_not_offered(cli: Cli, db_file: Path) -> None:
    from calfcoach.services.onboarding import screening_questions

    answers = ["Bea", "tue,sat", "20", "step", "start_running", "beginner", "male", "1990", ""]
    answers += ["y" if q.id == "chest-pain" else "n" for q in screening_questions()]
    result = cli("init", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Seek care today" in result.stdout
    assert result.stdout.index("Seek care today") < result.stdout.index("All set")
    assert "Steps" not in result.stdout  # the heel-rise protocol was not shown
    assert "calfcoach test heel-raise" in result.stdout
    assert rows(db_file, "test_results") == 0
