"""Safety on the command line: symptoms stop training at once, a clearance starts it again."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

import pytest

from calfcoach.cli.log import PAIN_SITES
from calfcoach.domain.log import PainSite
from calfcoach.library.screening import load_questionnaire
from tests.cli.conftest import TODAY, Cli, rows, run_json

CHECKIN_IDS = [q.id for q in load_questionnaire().checkin]


def _plain(output: str) -> str:
    """The words printed, whatever the terminal width wrapped inside a panel."""
    return re.sub(r"[│╭╮╰╯─\s]+", " ", output)


def test_a_check_in_with_calf_swelling_makes_today_say_stop(signed_up: Cli) -> None:
    assert run_json(signed_up, "today")["safety"]["mode"] == "train"
    answer = run_json(signed_up, "checkin", "--pain", "1", "--symptom", "calf-swelling", "--no-input")
    assert answer["symptoms"] == ["calf-swelling"]
    assert answer["safety"]["mode"] == "stop"
    today = run_json(signed_up, "today")
    assert today["safety"]["mode"] == "stop"
    assert today["safety"]["stop"] is True
    assert [f["id"] for f in today["safety"]["flags"]] == ["calf-swelling"]
    assert today["session"] is None
    shown = signed_up("today")
    assert shown.exit_code == 0, shown.output
    assert shown.output.index("Do not train today") < shown.output.index("phase")
    assert "this can be a blood clot (deep vein thrombosis)" in _plain(shown.output)
    assert "calfcoach cleared --by WHO" in _plain(shown.output)


def test_the_check_in_says_stop_in_plain_words_at_once(signed_up: Cli) -> None:
    result = signed_up("checkin", "--pain", "0", "--symptom", "sudden-pop", "--no-input")
    assert result.exit_code == 0, result.output
    assert "Do not train today: see a doctor" in result.output
    assert "this can be a torn Achilles tendon or calf muscle" in _plain(result.output)


def test_log_is_refused_while_stopped_and_accepted_after_cleared(signed_up: Cli, db_file: Path) -> None:
    run_json(signed_up, "checkin", "--pain", "1", "--symptom", "chest-pain", "--no-input")
    refused = signed_up("log", "--set", "calf-raise-step:12x2")
    assert refused.exit_code == 2, refused.output
    assert "training is stopped until a doctor has seen you: chest-pain" in refused.output
    assert "calfcoach cleared --by WHO" in refused.output
    assert rows(db_file, "performed_sessions") == 0
    cleared = signed_up("cleared", "--by", "GP", "--note", "ECG normal")
    assert cleared.exit_code == 0, cleared.output
    assert "cleared by GP" in cleared.output
    assert "Nothing is open now" in cleared.output
    assert run_json(signed_up, "today")["safety"]["mode"] == "train"
    run_json(signed_up, "log", "--set", "calf-raise-step:12x2")
    assert rows(db_file, "performed_sessions") == 1
    assert rows(db_file, "clearances") == 1


def test_an_unknown_symptom_is_refused_with_the_valid_ids_listed(signed_up: Cli, db_file: Path) -> None:
    result = signed_up("checkin", "--pain", "1", "--symptom", "cramp", "--no-input")
    assert result.exit_code == 2
    assert "symptoms: 'cramp' is not a check-in symptom" in result.output
    for known in CHECKIN_IDS:
        assert known in result.output
    assert rows(db_file, "checkins") == 0


def test_an_interactive_check_in_asks_each_symptom_question(signed_up: Cli, db_file: Path) -> None:
    answers = ["y" if i == "night-pain" else "n" for i in CHECKIN_IDS]
    result = signed_up("checkin", input="2\n1\n" + "".join(f"{a}\n" for a in answers))
    assert result.exit_code == 0, result.output
    for question in load_questionnaire().checkin:
        assert question.text in _plain(result.output)
    assert "See a physiotherapist" in _plain(result.output)
    with sqlite3.connect(db_file) as connection:
        assert connection.execute("SELECT symptoms FROM checkins").fetchall() == [('["night-pain"]',)]
    assert run_json(signed_up, "today")["safety"]["mode"] == "relative_rest"


def test_cleared_names_what_is_still_open_and_refuses_a_future_date(signed_up: Cli, db_file: Path) -> None:
    run_json(signed_up, "checkin", "--pain", "1", "--symptom", "fever", "--no-input")
    later = signed_up("cleared", "--by", "GP", "--date", (TODAY + dt.timedelta(days=1)).isoformat())
    assert later.exit_code == 2
    assert "after today" in later.output
    assert rows(db_file, "clearances") == 0
    yesterday = run_json(signed_up, "cleared", "--by", "GP", "--date", "yesterday")
    recorded_at = yesterday["clearance"].pop("recorded_at")
    assert yesterday["clearance"] == {
        "day": (TODAY - dt.timedelta(days=1)).isoformat(),
        "by": "GP",
        "note": "",
    }
    assert dt.datetime.fromisoformat(recorded_at).date() == TODAY  # recorded now, for a visit yesterday
    assert yesterday["safety"]["mode"] == "relative_rest"  # the fever came after that day
    shown = signed_up("cleared", "--by", "GP", "--date", "yesterday")
    assert "Still open" in shown.output
    assert "fever" in shown.output


def test_screening_again_takes_every_question_and_a_yes_stops_training(signed_up: Cli, db_file: Path) -> None:
    incomplete = signed_up("screening", "--answer", "chest-pain=yes", "--no-input")
    assert incomplete.exit_code == 2
    assert "unanswered" in incomplete.output
    assert rows(db_file, "screenings") == 1
    result = signed_up("screening", "--answer", "chest-pain=yes", "--all-no")
    assert result.exit_code == 0, result.output
    assert "Do not train today" in result.output
    assert "chest pain needs checking first" in _plain(result.output)
    assert rows(db_file, "screenings") == 2
    assert run_json(signed_up, "today")["safety"]["flags"][0]["source"] == "screening"
    clear = run_json(signed_up, "screening", "--all-no")
    assert clear["screening"] == {"clear": True, "urgent": False, "flagged": []}
    assert clear["safety"]["mode"] == "stop"  # a newer "no" does not close a flag: a clearance does


def test_log_stores_which_exercise_caused_the_pain_and_where(signed_up: Cli, db_file: Path) -> None:
    data = run_json(
        signed_up, "log", "--set", "calf-raise-step:12x2", "--set", "toe-raise-ledge:15x2",
        "--pain-during", "4", "--pain-from", "toe-raise-ledge", "--pain-site", "Shin",
    )  # fmt: skip
    assert (data["pain_from"], data["pain_site"]) == (["toe-raise-ledge"], "shin")
    with sqlite3.connect(db_file) as connection:
        stored = connection.execute("SELECT pain_from, pain_site FROM performed_sessions").fetchall()
    assert stored == [('["toe-raise-ledge"]', "shin")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--pain-site", "elbow"], "--pain-site: 'elbow' is not a place"),
        (["--pain-from", "heel-walk"], "pain_from[0]: 'heel-walk' is named as causing the pain"),
    ],
)
def test_a_bad_pain_source_or_site_is_refused(
    signed_up: Cli, db_file: Path, args: list[str], message: str
) -> None:
    result = signed_up("log", "--set", "calf-raise-step:12x2", "--pain-during", "3", *args)
    assert result.exit_code == 2
    assert message in result.output
    assert rows(db_file, "performed_sessions") == 0


def test_the_pain_sites_of_the_command_are_the_domains() -> None:
    assert tuple(site.value for site in PainSite) == PAIN_SITES


def test_log_while_stopped_names_the_open_flags_in_german_for_a_german_machine(
    signed_up: Cli, db_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    run_json(signed_up, "checkin", "--pain", "1", "--symptom", "chest-pain", "--no-input")
    refused = signed_up("log", "--set", "calf-raise-step:12x2")
    assert refused.exit_code == 2, refused.output
    said = _plain(refused.output)
    assert (
        "Fehler: safety: das Training ist gestoppt, bis eine Ärztin oder ein Arzt Sie gesehen hat: "
        f"chest-pain (bei der Morgenabfrage vom {TODAY.strftime('%d.%m.%Y')}): Hören Sie mit dem Training auf"
    ) in said
    assert "`calfcoach cleared --by WER`" in said
    assert "training is stopped" not in said
    assert "Stop exercising" not in said
    assert rows(db_file, "performed_sessions") == 0
