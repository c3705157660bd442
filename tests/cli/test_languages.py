"""The CLI keeps a person's language and writes the calendar in it; LANG decides for a person without one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from calfcoach.domain.profile import WEEKDAY_NAMES
from tests.cli.conftest import TODAY, Cli, run_json


def _init(cli: Cli, *extra: str) -> None:
    result = cli(
        "init", "--no-input", "--all-no", "--name", "Greta", "--weekdays", ",".join(WEEKDAY_NAMES),
        "--start", (TODAY - dt.timedelta(days=14)).isoformat(), "--skip-test", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def _first_event(cli: Cli, target: Path) -> tuple[str, str, str]:
    run_json(cli, "calendar", str(target), "--weeks", "1")
    calendar = Calendar.from_ical(target.read_bytes())
    event = next(iter(calendar.walk("VEVENT")))
    return str(calendar["x-wr-calname"]), str(event["summary"]), str(event["description"])


def test_a_german_profile_gets_a_german_calendar(cli: Cli, tmp_path: Path) -> None:
    _init(cli, "--language", "de")
    assert run_json(cli, "init", "--update", "--no-input", "--language", "de")["profile"]["language"] == "de"
    name, summary, description = _first_event(cli, tmp_path / "plan.ics")
    assert name == "CalfCoach-Plan"
    assert summary.startswith("CalfCoach: ")
    assert summary.endswith(" Min.)")
    assert "(etwa " in summary
    assert description.endswith("Brustschmerzen, Schwindel oder Atemnot.")


def test_without_a_language_lang_decides(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _init(cli)
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert _first_event(cli, tmp_path / "de.ics")[0] == "CalfCoach-Plan"
    monkeypatch.setenv("LANG", "C.UTF-8")
    name, summary, _ = _first_event(cli, tmp_path / "en.ics")
    assert name == "CalfCoach plan"
    assert "(about " in summary


def test_a_language_it_does_not_speak_is_refused(cli: Cli) -> None:
    result = cli("init", "--no-input", "--all-no", "--skip-test", "--language", "fr")
    assert result.exit_code == 2
    assert "is not a language CalfCoach speaks: use one of en, de" in result.output
