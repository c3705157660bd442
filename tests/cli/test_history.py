from tests.cli.conftest import Cli, run_json


def test_history_lists_sessions_check_ins_and_tests_newest_first(signed_up: Cli) -> None:
    run_json(signed_up, "log", "--set", "calf-raise-step:12x2", "--date", "yesterday")
    run_json(signed_up, "log", "--set", "calf-raise-step:13x2", "--rpe", "6")
    run_json(signed_up, "checkin", "--pain", "1", "--no-input")
    run_json(signed_up, "test", "heel-raise", "--left", "20", "--right", "20")
    data = run_json(signed_up, "history")
    assert data["totals"] == {"sessions": 2, "sets": 4, "checkins": 1, "tests": 1}
    assert [s["reps"] for s in data["sessions"]] == [26, 24]
    assert data["sessions"][0]["rpe"] == 6.0
    assert data["checkins"][0]["morning_pain"] == 1
    assert data["tests"][0]["kind"] == "heel_raise"


def test_history_last_keeps_only_the_newest(signed_up: Cli) -> None:
    run_json(signed_up, "log", "--set", "calf-raise-step:12", "--date", "yesterday")
    run_json(signed_up, "log", "--set", "calf-raise-step:13")
    data = run_json(signed_up, "history", "--last", "1")
    assert len(data["sessions"]) == 1
    assert data["totals"]["sessions"] == 2


def test_history_on_screen_is_a_table(signed_up: Cli) -> None:
    run_json(signed_up, "log", "--set", "calf-raise-step:12x3")
    result = signed_up("history")
    assert result.exit_code == 0, result.output
    assert "Sessions" in result.stdout
    assert "36" in result.stdout


def test_history_last_reaches_back_past_long_breaks(signed_up: Cli) -> None:
    import datetime as dt

    long_ago = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    run_json(signed_up, "log", "--set", "calf-raise-step:10", "--date", long_ago)
    run_json(signed_up, "log", "--set", "calf-raise-step:12")
    data = run_json(signed_up, "history", "--last", "5")
    assert [s["day"] for s in data["sessions"]] == [dt.date.today().isoformat(), long_ago]
    assert data["totals"]["sessions"] == 2
