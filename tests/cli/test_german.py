"""The CLI speaks the person's language: a German profile, or LANG=de_DE.UTF-8 for a person without one,
gets German headers, confirmations, prompts and error lines, with German dates and decimal commas."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from calfcoach.domain.profile import WEEKDAY_NAMES
from tests.cli.conftest import TODAY, Cli

GERMAN_DAY = TODAY.strftime("%d.%m.%Y")


@pytest.mark.usefixtures("english_machine")
def test_a_german_profile_reads_today_in_german(cli: Cli) -> None:
    signed = cli(
        "init", "--no-input", "--all-no", "--name", "Greta", "--weekdays", WEEKDAY_NAMES[TODAY.weekday()],
        "--start", (TODAY - dt.timedelta(days=14)).isoformat(), "--skip-test", "--language", "de",
    )  # fmt: skip
    assert "Alles bereit, Greta." in signed.output  # the language just chosen, from the first words on
    result = cli("today")
    assert result.exit_code == 0, result.output
    for german in ("Übung", "Dosis", "Warum", "Woche", "Starten Sie sie mit", "keine medizinische Beratung"):
        assert german in result.output
    for english in ("Exercise", "Dose", "Start it with", "is not medical advice"):
        assert english not in result.output


def test_lang_decides_for_a_person_without_a_language_and_the_cache_keeps_them_apart(
    signed_up: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "Start it with" in signed_up("today").output
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    first, cached = signed_up("today").output, signed_up("today").output
    assert "Starten Sie sie mit" in first
    assert cached == first  # the second answer comes from the cache, still in German
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert "Start it with" in signed_up("today").output


@pytest.mark.usefixtures("german_machine")
def test_confirmations_and_history_in_german(signed_up: Cli) -> None:
    logged = signed_up("log", "--set", "calf-raise-step:12x3@2.5", "--rpe", "6.5")
    assert logged.exit_code == 0, logged.output
    assert f"Eingetragen {GERMAN_DAY}: 3 Sätze, 36 Wdh., 0 Min. Ausdauer" in logged.output
    checked = signed_up("checkin", "--pain", "1", "--no-input")
    assert f"Morgenabfrage eingetragen für {GERMAN_DAY}: Schmerz 1/10, Steifigkeit 0/10." in checked.output
    history = signed_up("history")
    assert "Ada: 1 Einheit, 3 Sätze, 1 Morgenabfrage, 0 Tests" in history.output  # the noun as counted
    for heading in ("Tag", "Einheit", "Sätze", "Morgenschmerz", "Steifigkeit", GERMAN_DAY, "6,5"):
        assert heading in history.output


@pytest.mark.usefixtures("german_machine")
def test_an_error_line_in_german(signed_up: Cli) -> None:
    result = signed_up("log", "--set", "nope")
    assert result.exit_code == 2
    assert "Fehler: --set: 'nope' ist kein Satz (schreiben Sie z. B. calf-raise-step:12x3@5)" in result.output
    bad_number = signed_up("log", "--rpe", "nan")
    assert bad_number.exit_code == 2
    assert "'nan' ist keine endliche Zahl" in bad_number.output


@pytest.mark.usefixtures("german_machine")
def test_exercises_show_their_german_texts_labels_and_decimal_commas(cli: Cli) -> None:
    shown = cli("exercises", "calf-raise-step")
    assert shown.exit_code == 0, shown.output
    for german in (
        "Wadenheben auf einer Stufe",
        "Kategorie: Kraft",
        "Knie: gestreckt",
        "Anstrengung: 3,8 MET",
    ):
        assert german in shown.output
    listed = cli("exercises")
    assert "Hauptmuskeln" in listed.output
    assert "Standarddosis" in listed.output


@pytest.mark.usefixtures("german_machine")
def test_json_keeps_its_english_keys_and_says_the_language(signed_up: Cli) -> None:
    import json

    result = signed_up("today", "--json")
    data = json.loads(result.stdout)
    assert data["language"] == "de"
    assert {"session", "phase", "disclaimer"} <= set(data)


@pytest.mark.usefixtures("german_machine")
def test_a_check_ins_verdict_and_a_tests_reading_follow_lang_without_a_language_of_ones_own(
    signed_up: Cli,
) -> None:
    checked = signed_up("checkin", "--pain", "7", "--no-input")
    assert checked.exit_code == 0, checked.output
    assert f"Morgenschmerz 7/10 am {GERMAN_DAY}, über den 5/10" in checked.output
    assert "morning pain" not in checked.output
    tested = signed_up("test", "heel-raise", "--left", "18", "--right", "25")
    assert tested.exit_code == 0, tested.output
    assert "links sind es 72 % von rechts" in tested.output
    assert "the left is 72% of the right" not in tested.output


@pytest.mark.usefixtures("german_machine")
def test_counted_things_agree_with_their_count(signed_up: Cli, tmp_path: Path) -> None:
    logged = signed_up("log", "--set", "calf-raise-step:12x1")
    assert f"Eingetragen {GERMAN_DAY}: 1 Satz, 12 Wdh." in logged.output
    signed_up("checkin", "--pain", "1", "--no-input")
    exported = signed_up("export", str(tmp_path / "all.json"))
    assert exported.exit_code == 0, exported.output
    assert "1 Morgenabfrage" in exported.output
    assert "1 Morgenabfragen" not in exported.output


@pytest.mark.usefixtures("german_machine")
def test_the_services_errors_in_german_with_german_dates(signed_up: Cli) -> None:
    future = signed_up("log", "--set", "calf-raise-step:12x3", "--date", "2030-01-01")
    assert future.exit_code == 2
    assert (
        "Fehler: day: die Einheit ist auf den 01.01.2030 datiert, in der Zukunft "
        "(tragen Sie ein, was gemacht wurde, nicht was geplant ist)"
    ) in future.output
    unknown = signed_up("log", "--set", "nope-exercise:12x3")
    said = "die Übung 'nope-exercise' ist nicht in der Bibliothek (siehe `calfcoach exercises`)"
    assert said in unknown.output
    assert "keine Aktivität mit der ID 'nope'" in signed_up("activity", "nope").output
    assert "kein Sportler 'Bob' in dieser Datenbank" in signed_up("--athlete", "Bob", "today").output
    signed_up("log", "--set", "calf-raise-step:12x3")
    done = signed_up("session")
    assert done.exit_code == 2
    assert f"die Einheit vom {GERMAN_DAY} (Wadenkraft A) ist gemacht und eingetragen" in done.output
    assert "is done and logged" not in done.output


@pytest.mark.usefixtures("german_machine")
def test_a_refused_value_is_said_in_german_words(signed_up: Cli) -> None:
    result = signed_up("checkin", "--pain", "11", "--no-input")
    assert result.exit_code == 2
    assert "Fehler: morning_pain: Geben Sie 10 oder weniger ein." in result.output
    assert "Input should be" not in result.output


@pytest.mark.usefixtures("german_machine")
def test_help_and_usage_errors_in_german(cli: Cli) -> None:
    top = cli("--help")
    assert top.exit_code == 0, top.output
    for german in ("Aufruf: calfcoach", "Optionen", "Befehle", "Die Übungen der Bibliothek auflisten"):
        assert german in top.output
    log = cli("log", "--help")
    assert "Eine anderswo absolvierte Einheit eintragen" in log.output
    assert "Wie anstrengend es insgesamt war, 0-10 (Borg CR10)." in log.output
    unknown = cli("today", "--bogus")
    assert unknown.exit_code == 2
    assert "Fehler: Diese Option gibt es nicht: --bogus (siehe `calfcoach today --help`)" in unknown.stderr
    missing = cli("demo")
    assert missing.exit_code == 2
    assert "Fehler: Das Argument 'ID' fehlt." in missing.stderr
    bad = cli("history", "--last", "zehn")
    assert bad.exit_code == 2
    assert "Fehler: Ungültiger Wert für '--last': Geben Sie eine ganze Zahl ein." in bad.stderr


@pytest.mark.usefixtures("english_machine")
def test_help_and_usage_errors_stay_english_on_an_english_machine(cli: Cli) -> None:
    assert "Usage: calfcoach log" in cli("log", "--help").output
    assert "error: No such option: --bogus" in cli("today", "--bogus").stderr
    assert "error: Missing argument 'ID'." in cli("demo").stderr


@pytest.mark.usefixtures("german_machine")
def test_a_self_tests_protocol_in_german(signed_up: Cli) -> None:
    result = signed_up("test", "heel-raise", input="20\n22\n")
    assert result.exit_code == 0, result.output
    for german in (
        "Test: einbeiniges Fersenheben",
        "Stellen Sie das Metronom auf 60 Schläge pro Minute.",
        "1. Wärmen Sie sich mit 10 Fersenhebungen auf beiden Beinen auf.",
        "die Ferse hebt sich nicht mehr so hoch wie bei den ersten Hebungen",
        "Linkes Bein (Wdh.)",
    ):
        assert german in result.output
    assert "Warm up with 10 heel raises" not in result.output


@pytest.mark.usefixtures("english_machine")
def test_a_german_profile_gets_german_usage_errors_and_protocols_on_an_english_machine(cli: Cli) -> None:
    signed = cli(
        "init", "--no-input", "--all-no", "--name", "Greta", "--weekdays", WEEKDAY_NAMES[TODAY.weekday()],
        "--skip-test", "--language", "de",
    )  # fmt: skip
    assert signed.exit_code == 0, signed.output
    unknown = cli("today", "--bogus")
    assert "Fehler: Diese Option gibt es nicht: --bogus (siehe `calfcoach today --help`)" in unknown.stderr
    tested = cli("test", "knee-to-wall", input="9\n10\n")
    assert tested.exit_code == 0, tested.output
    assert "Knie-zur-Wand-Test (Ausfallschritt unter Körpergewicht)" in tested.output
    assert "Linkes Bein (cm)" in tested.output
