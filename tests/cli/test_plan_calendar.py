import datetime as dt
from pathlib import Path

from icalendar import Calendar

from tests.cli.conftest import TODAY, Cli, run_json


def test_plan_without_a_profile_file_uses_the_stored_profile(signed_up: Cli) -> None:
    data = run_json(signed_up, "plan", "--weeks", "2")
    days = [s["day"] for s in data["sessions"]]
    assert days == [TODAY.isoformat(), (TODAY + dt.timedelta(days=7)).isoformat()]


def test_plan_without_a_profile_before_init_says_to_run_init(cli: Cli) -> None:
    result = cli("plan")
    assert result.exit_code == 2
    assert "calfcoach init" in result.output


def test_the_calendar_has_one_event_per_session_with_doses(signed_up: Cli, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    data = run_json(signed_up, "calendar", str(target), "--weeks", "3")
    assert data["events"] == 3
    calendar = Calendar.from_ical(target.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 3
    assert events[0].decoded("dtstart") == TODAY
    assert "Calf raise on a step" in str(events[0]["description"])
    assert "×" in str(events[0]["description"])


def test_calendar_uids_stay_the_same_when_exported_again(signed_up: Cli, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run_json(signed_up, "calendar", str(first))
    run_json(signed_up, "calendar", str(second))

    def uids(path: Path) -> list[str]:
        return [str(e["uid"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]

    assert uids(first) == uids(second)
    assert len(set(uids(first))) == len(uids(first))


def test_a_calendar_to_a_place_that_cannot_be_written_is_one_error_line(
    signed_up: Cli, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = signed_up("calendar", str(blocker / "plan.ics"))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("error: ")
    assert "cannot write the file" in result.output
