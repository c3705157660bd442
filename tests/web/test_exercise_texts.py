"""The exercise library, Today's session and the player in the person's language (library/translations.py)."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from tests.web.test_languages import GERMAN, _athlete


def test_a_german_person_reads_the_exercise_pages_in_german(client: TestClient) -> None:
    greta = _athlete(client, "greta@example.org", "de")
    page = greta.client.get("/exercises/calf-raise-step").text
    assert "<h1>Wadenheben auf einer Stufe</h1>" in page
    assert "Gehen Sie so hoch wie möglich auf die Fußballen." in page
    assert "Rise as high as you can" not in page
    assert "Zügiges Gehen" in greta.client.get("/exercises").text


def test_todays_session_and_the_player_name_the_exercises_in_german(client: TestClient) -> None:
    greta = _athlete(client, "greta@example.org", "de")
    today = greta.client.get(f"/api/v1/athletes/{greta.athlete_id}/today").json()
    session = today["session"] or today["next_session"]
    assert session is not None
    names = [item["exercise_name"] for item in session["items"]]
    english = {"Calf raise on a step", "Brisk walk", "Wall calf stretch, straight knee"}
    assert names
    assert not english & set(names), names
    player = greta.client.get("/player").text
    found = re.search(r'<script type="application/json" id="player-data">(.*?)</script>', player, re.S)
    assert found
    data = json.loads(found[1])
    cues = [c for exercise in data["cues"].values() for c in exercise["steps"]]
    assert cues
    assert any("Sie" in c for c in cues), cues


def test_visitors_read_the_library_in_their_browsers_language(client: TestClient) -> None:
    assert "Wadenheben auf einer Stufe" in client.get("/exercises", headers=GERMAN).text
    assert "Calf raise on a step" in client.get("/exercises", headers={"accept-language": "en"}).text


def test_todays_program_phase_and_session_are_named_in_german(client: TestClient) -> None:
    greta = _athlete(client, "greta@example.org", "de")
    today = greta.client.get(f"/api/v1/athletes/{greta.athlete_id}/today").json()
    assert today["program"]["name"] == "Von den Grundlagen für die Waden zum Laufen"
    assert today["phase"]["name"] == "Grundlagen für die Waden"
    page = greta.client.get("/today").text
    assert "Von den Grundlagen für die Waden zum Laufen" in page
    session = today["session"] or today["next_session"]
    assert session["name"] in {"Wadenkraft A", "Zügiges Gehen", "Wadenkraft B"}, session["name"]


def test_the_next_phases_criteria_name_the_exercises_in_german(client: TestClient) -> None:
    """The gates name exercises from the English library; the reader's language names them in its own."""
    greta = _athlete(client, "greta@example.org", "de")
    today = greta.client.get(f"/api/v1/athletes/{greta.athlete_id}/today").json()
    missing = " ".join(today["next_phase"]["missing"])
    assert "Wadenheben auf einer Stufe" in missing, missing
    assert "Calf raise on a step" not in missing


def test_the_players_spoken_cues_and_phases_are_german_for_a_german_person(client: TestClient) -> None:
    greta = _athlete(client, "greta@example.org", "de")
    player = greta.client.get("/player").text
    found = re.search(r'<script type="application/json" id="player-data">(.*?)</script>', player, re.S)
    assert found
    guides = json.loads(found[1])["guides"].values()
    assert guides  # the session holds a timed item (a hold or a walk)
    said = [cue["text"] for guide in guides for cue in guide["cues"]]
    labels = [phase["label"] for guide in guides for phase in guide["phases"]]
    assert any(text.startswith(("In Position gehen: ", "Bereit machen: ")) for text in said), said
    assert not {"Get ready", "Get into position", "Hold", "Release.", "Halfway."} & {*said, *labels}


def test_the_player_before_start_is_headed_by_the_sessions_name_in_german(client: TestClient) -> None:
    # The page before Start had no h1 at all: a screen reader's heading list was empty.
    greta = _athlete(client, "greta@example.org", "de")
    today = greta.client.get(f"/api/v1/athletes/{greta.athlete_id}/today").json()
    session = today["session"] or today["next_session"]
    player = greta.client.get("/player").text
    found = re.search(r'<h1 id="session-title">([^<]+)</h1>', player)
    assert found, "the player has no heading before Start"
    assert found[1] == session["name"]
    assert found[1] != "Session"  # the session's own name, not the page's title
