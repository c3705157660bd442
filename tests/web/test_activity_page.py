"""The activity page: one's own activity, someone else's (not found), a coach's client's, a treadmill."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import math
import re
import zipfile

import pytest
from fastapi.testclient import TestClient

from calfcoach.activities.synthetic import hike_gpx, interval_track, track_gpx
from calfcoach.domain.errors import InputError
from calfcoach.services.clock import FixedClock
from calfcoach.store.store import Store
from calfcoach.web.app import create_app
from calfcoach.web.map_tiles import ENV_MAP_ATTRIBUTION, ENV_MAP_TILES, map_tiles, map_tiles_from_environment
from tests.activities.helpers import DATA
from tests.api.conftest import NOW, Person, other_client, sign_up
from tests.services.test_import_notes import faulty_gpx

TUESDAY = dt.datetime(2026, 1, 6, 7, 0, tzinfo=dt.UTC)  # a day after Ada's program starts


def treadmill_tcx(minutes: int = 30, *, start: dt.datetime = TUESDAY) -> bytes:
    """A treadmill run as a watch writes it: times, the footpod's distance and heart rate, no positions."""
    points = []
    for i in range(minutes * 6 + 1):
        stamp = (start + dt.timedelta(seconds=10 * i)).isoformat().replace("+00:00", "Z")
        points.append(
            f"<Trackpoint><Time>{stamp}</Time><DistanceMeters>{i * 25.0:.1f}</DistanceMeters>"
            f"<HeartRateBpm><Value>{140 + i % 7}</Value></HeartRateBpm></Trackpoint>"
        )
    first = start.isoformat().replace("+00:00", "Z")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        f'<Activities><Activity Sport="Running"><Id>{first}</Id><Lap StartTime="{first}">'
        f"<TotalTimeSeconds>{minutes * 60}</TotalTimeSeconds>"
        f"<DistanceMeters>{minutes * 150.0}</DistanceMeters>"
        f"<Track>{''.join(points)}</Track></Lap></Activity></Activities></TrainingCenterDatabase>"
    ).encode()


def _upload(person: Person, name: str, content: bytes) -> str:
    sent = person.client.post(
        f"/api/v1/athletes/{person.athlete_id}/activities",
        files={"file": (name, content, "application/octet-stream")},
        headers=person.headers,
    )
    assert sent.status_code == 201, sent.text
    imported = sent.json()["imported"]
    assert len(imported) == 1, sent.text
    return str(imported[0]["id"])


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found
    return found.group(1)


def test_the_own_activity_page_draws_the_track_and_lists_the_splits_and_the_plan(ada: Person) -> None:
    activity_id = _upload(ada, "walk.gpx", hike_gpx(2400, start=TUESDAY))

    page = ada.client.get(f"/activities/{activity_id}")

    assert page.status_code == 200
    text = page.text
    assert '<svg class="track"' in text
    assert 'class="start"' in text
    assert 'class="finish"' in text
    assert "No track recorded" not in text
    assert "Kilometre splits" in text
    detail = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/activities/{activity_id}").json()
    assert text.count('<tr>\n      <th scope="row">') == len(detail["splits"]) > 0
    assert "Grade-adjusted pace" in text
    assert "GAP" in text
    assert 'class="profile-plot"' in text
    # How it counted: the session it was logged as, and what the coach planned next from it.
    assert "For your plan" in text
    assert re.search(r"Counted as the planned|Logged as an extra", text)
    assert "The coach read it as" in text
    listed = ada.client.get("/activities").text
    assert f'href="/activities/{activity_id}"' in listed
    history = ada.client.get("/history").text
    assert f'href="/activities/{activity_id}"' in history


def test_someone_elses_activity_is_not_found_on_either_address(ada: Person, bob: Person) -> None:
    activity_id = _upload(ada, "walk.gpx", hike_gpx(1200, start=TUESDAY))

    assert bob.client.get(f"/activities/{activity_id}").status_code == 404
    assert bob.client.get(f"/coach/clients/{ada.athlete_id}/activities/{activity_id}").status_code == 404
    assert ada.client.get("/activities/000000000000").status_code == 404


def test_a_not_found_page_says_why_in_the_pages_language(ada: Person) -> None:
    answer = ada.client.get("/activities/000000000000", headers={"accept-language": "de"})
    assert answer.status_code == 404
    assert "keine Aktivität mit der ID &#39;000000000000&#39;" in answer.text
    assert "no activity with id" not in answer.text
    api = ada.client.get(
        f"/api/v1/athletes/{ada.athlete_id}/activities/000000000000", headers={"accept-language": "de"}
    )
    assert api.json()["error"]["message"].startswith("no activity with id")  # the API keeps English words


def test_a_coach_opens_a_clients_activity_from_the_client_page(ada: Person) -> None:
    activity_id = _upload(ada, "walk.gpx", hike_gpx(1200, start=TUESDAY))
    coach = sign_up(other_client(ada.client), "coach@example.org", role="coach", onboard=False)
    address = f"/coach/clients/{ada.athlete_id}/activities/{activity_id}"
    assert coach.client.get(address).status_code == 404  # not yet their client
    invited = coach.client.post("/coach/invite", data={"csrf_token": _csrf(coach.client.get("/coach").text)})
    code = re.search(r'id="invite-code">([^<]+)<', invited.text)
    assert code
    ada.client.post("/join", data={"code": code.group(1), "csrf_token": _csrf(ada.client.get("/join").text)})

    client_page = coach.client.get(f"/coach/clients/{ada.athlete_id}").text
    page = coach.client.get(address)

    assert f'href="{address}"' in client_page
    assert page.status_code == 200
    assert '<svg class="track"' in page.text
    assert f'href="/coach/clients/{ada.athlete_id}"' in page.text  # back to the client, not to own pages


def test_a_treadmill_run_says_no_track_was_recorded_and_still_has_its_splits(ada: Person) -> None:
    activity_id = _upload(ada, "treadmill.tcx", treadmill_tcx())

    page = ada.client.get(f"/activities/{activity_id}")

    assert page.status_code == 200
    assert "No track recorded" in page.text
    assert '<svg class="track"' not in page.text
    assert "No elevation recorded." in page.text
    assert "4.50 km" in page.text
    assert page.text.count('<tr>\n      <th scope="row">') == 5  # 4 whole kilometres and the last 500 m
    assert "500 m" in page.text
    assert "GAP" not in page.text  # no elevation: a grade-adjusted pace would only repeat the pace
    assert "bpm" in page.text


def test_without_a_tile_server_the_route_is_drawn_alone_and_images_stay_on_this_origin(ada: Person) -> None:
    activity_id = _upload(ada, "walk.gpx", hike_gpx(1200, start=TUESDAY))

    page = ada.client.get(f"/activities/{activity_id}")

    assert "<image" not in page.text
    assert "Map:" not in page.text
    assert "img-src 'self' data:;" in page.headers["content-security-policy"]


def test_a_tile_server_draws_the_map_under_the_route_with_its_credit_and_only_its_origin_allowed(
    store: Store,
) -> None:
    tiles = map_tiles("https://tiles.example.org/osm/{z}/{x}/{y}.png", "© Example map contributors")
    with TestClient(create_app(store, clock=FixedClock(at=NOW), map_tiles=tiles)) as client:
        person = sign_up(client, "tia@example.org")
        activity_id = _upload(person, "walk.gpx", hike_gpx(1200, start=TUESDAY))

        page = client.get(f"/activities/{activity_id}")

    assert page.status_code == 200
    images = re.findall(r'<image href="([^"]+)"', page.text)
    assert 0 < len(images) <= 16
    assert all(re.fullmatch(r"https://tiles\.example\.org/osm/\d+/\d+/\d+\.png", url) for url in images)
    assert "Map: © Example map contributors" in page.text
    csp = page.headers["content-security-policy"]
    assert "img-src 'self' data: https://tiles.example.org;" in csp
    assert csp.count("https://") == 1  # no other origin for anything


@pytest.mark.parametrize(
    ("template", "attribution", "where", "says"),
    [
        ("https://tiles.example.org/{z}/{x}/{y}.png", "", ENV_MAP_ATTRIBUTION, "attribution"),
        ("https://tiles.example.org/{z}/{x}.png", "© E", ENV_MAP_TILES, "lacks {y}"),
        ("ftp://tiles.example.org/{z}/{x}/{y}.png", "© E", ENV_MAP_TILES, "http"),
        ("tiles/{z}/{x}/{y}.png", "© E", ENV_MAP_TILES, "host name"),
    ],
)
def test_a_tile_setting_that_cannot_work_is_refused_naming_the_variable(
    template: str, attribution: str, where: str, says: str
) -> None:
    with pytest.raises(InputError) as refused:
        map_tiles(template, attribution)
    assert refused.value.where == where
    assert says in str(refused.value)


def test_tiles_are_off_unless_the_environment_names_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_MAP_TILES, raising=False)
    assert map_tiles_from_environment() is None
    monkeypatch.setenv(ENV_MAP_TILES, "https://t.example.org/{z}/{x}/{y}.png")
    monkeypatch.setenv(ENV_MAP_ATTRIBUTION, "© T")
    found = map_tiles_from_environment()
    assert found is not None
    assert found.origin == "https://t.example.org"


def test_an_imperial_persons_activity_page_has_mile_splits_paces_per_mile_and_feet(ada: Person) -> None:
    profile = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()["profile"]
    changed = ada.client.put(
        f"/api/v1/athletes/{ada.athlete_id}", json={**profile, "units": "imperial"}, headers=ada.headers
    )
    assert changed.status_code == 200, changed.text
    activity_id = _upload(ada, "walk.gpx", hike_gpx(2400, start=TUESDAY))
    detail = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/activities/{activity_id}").json()

    text = ada.client.get(f"/activities/{activity_id}").text

    assert "Mile splits" in text
    assert "Kilometre splits" not in text
    miles = detail["distance_m"] / 1609.344
    assert f"{miles:.2f} mi" in text
    assert text.count('<tr>\n      <th scope="row">') == math.ceil(miles)
    assert re.search(r"\d+:\d\d /mi", text)
    assert re.search(r"\d+ ft", text)
    assert not re.search(r"\d /km|\d km\b|\d m\b|km/h", text)
    assert f"{miles:.2f} mi" in ada.client.get("/activities").text
    assert len(detail["splits"]) == math.ceil(detail["distance_m"] / 1000)  # the API stays per km


WEDNESDAY = dt.datetime(2026, 1, 7, 7, 0, tzinfo=dt.UTC)  # Ada's first planned walk: 20 min at 5.0 km/h


def planned_walk_gpx(*, slow_finish: bool = False) -> bytes:
    """Ada's Wednesday walk as her watch recorded it: a stroll to the start, then the 20 minutes."""
    parts = [("walk", 300.0, 1.0), ("walk", 1200.0, 1.4)]
    if slow_finish:
        parts = [("walk", 300.0, 1.0), ("walk", 600.0, 1.4), ("walk", 600.0, 0.95)]
    return track_gpx(interval_track(parts, seed=2, start=WEDNESDAY))


def test_a_scored_walk_shows_the_plan_against_the_speed_held_and_a_table_of_its_steps(ada: Person) -> None:
    activity_id = _upload(ada, "wednesday.gpx", planned_walk_gpx())
    detail = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/activities/{activity_id}").json()
    assert detail["score"]["verdict"] == "as-prescribed"
    assert [s["name"] for s in detail["score"]["steps"]] == ["Brisk walk"]

    text = ada.client.get(f"/activities/{activity_id}").text

    assert "Against the plan" in text
    assert "Done as prescribed." in text
    assert 'class="profile plan-chart"' in text
    assert 'class="band target step-done"' in text
    assert '<path class="line"' in text
    assert "4.5–5.5" in text  # the step's target band in km/h
    assert '<tr class="step-done">' in text


def test_a_walk_that_slowed_below_its_band_is_partly_done_in_miles_per_hour(ada: Person) -> None:
    profile = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()["profile"]
    changed = ada.client.put(
        f"/api/v1/athletes/{ada.athlete_id}", json={**profile, "units": "imperial"}, headers=ada.headers
    )
    assert changed.status_code == 200, changed.text
    activity_id = _upload(ada, "wednesday.gpx", planned_walk_gpx(slow_finish=True))

    text = ada.client.get(f"/activities/{activity_id}").text

    assert "Partly as prescribed." in text
    assert "slower than the target" in text
    assert "2.8–3.4" in text  # 4.5-5.5 km/h in mph
    assert "Speed in mph" in text


def test_an_activity_without_a_plan_that_day_has_no_plan_section(ada: Person) -> None:
    activity_id = _upload(ada, "walk.gpx", hike_gpx(1200, start=TUESDAY))
    assert "Against the plan" not in ada.client.get(f"/activities/{activity_id}").text


def test_a_german_persons_walk_is_counted_in_german_words(ada: Person) -> None:
    profile = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()["profile"]
    changed = ada.client.put(
        f"/api/v1/athletes/{ada.athlete_id}", json={**profile, "language": "de"}, headers=ada.headers
    )
    assert changed.status_code == 200, changed.text
    activity_id = _upload(ada, "wednesday.gpx", planned_walk_gpx())

    text = ada.client.get(f"/activities/{activity_id}").text
    counted = text[text.index('<div class="card counted">') :]
    counted = counted[: counted.index("</div>")]

    assert "<strong>Zügiges Gehen</strong>" in counted  # the exercise named, capitalised, in German
    assert "Brisk walk" not in counted
    assert "brisk walk" not in counted
    assert " at " not in counted
    assert "rest" not in counted


def test_a_german_persons_score_notes_each_step_in_german(ada: Person) -> None:
    profile = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()["profile"]
    changed = ada.client.put(
        f"/api/v1/athletes/{ada.athlete_id}", json={**profile, "language": "de"}, headers=ada.headers
    )
    assert changed.status_code == 200, changed.text
    activity_id = _upload(ada, "wednesday.gpx", planned_walk_gpx(slow_finish=True))
    detail = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}/activities/{activity_id}").json()
    (step,) = detail["score"]["steps"]
    assert step["note"] == "slower than the target"  # the API keeps the English words and gives the codes
    assert [n["code"] for n in step["notes"]] == ["compliance.step.slower"]

    text = ada.client.get(f"/activities/{activity_id}").text

    assert "teilweise: langsamer als das Ziel" in text  # the step's note
    assert "Zügiges Gehen: langsamer als das Ziel." in text  # the score's reason, naming the step
    assert "slower than the target" not in text
    assert detail["score"]["why"]["code"] == "compliance.one_step"


def test_a_german_persons_upload_answer_and_activity_page_give_the_import_notes_in_german(
    ada: Person,
) -> None:
    # The notes were stored and shown in English on the German page ('3 elevation value(s) ...').
    profile = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()["profile"]
    changed = ada.client.put(
        f"/api/v1/athletes/{ada.athlete_id}", json={**profile, "language": "de"}, headers=ada.headers
    )
    assert changed.status_code == 200, changed.text
    sent = ada.client.post(
        f"/api/v1/athletes/{ada.athlete_id}/activities",
        files={"file": ("walk.gpx", faulty_gpx(TUESDAY), "application/gpx+xml")},
        headers=ada.headers,
    )
    assert sent.status_code == 201, sent.text
    answer = sent.json()
    notes = {w["warning"]: w["said"] for w in answer["warnings"]}
    english = "3 elevation values outside -500..9000 m were left out"
    assert notes[english] == "3 Höhenwerte außerhalb von -500 bis 9000 m wurden weggelassen"  # both kept
    (imported,) = answer["imported"]
    assert (imported["sport"], imported["sport_name"]) == ("walk", "Gehen")

    text = ada.client.get(f"/activities/{imported['id']}").text
    corrections = text[text.index("Korrekturen") :]
    corrections = corrections[: corrections.index("</ul>")]
    assert "3 Höhenwerte außerhalb von -500 bis 9000 m wurden weggelassen" in corrections
    assert "2 Herzfrequenzwerte außerhalb von 25–250 Schlägen/min wurden weggelassen" in corrections
    assert "left out" not in corrections


def test_a_german_persons_upload_gives_each_refusal_in_german_and_lists_no_refused_file(ada: Person) -> None:
    # Why a file was refused was English on the German upload page ("the file is empty (nothing to import)").
    profile = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()["profile"]
    changed = ada.client.put(
        f"/api/v1/athletes/{ada.athlete_id}", json={**profile, "language": "de"}, headers=ada.headers
    )
    assert changed.status_code == 200, changed.text
    bundle = io.BytesIO()
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("gang.gpx", hike_gpx(1200, start=TUESDAY))
        archive.writestr("kurz.gpx.gz", gzip.compress(hike_gpx(600, start=TUESDAY))[:40])
        archive.writestr("kaputt.fit", (DATA / "fit" / "invalid" / "activity-filecrc.fit").read_bytes())
    sent = ada.client.post(
        f"/api/v1/athletes/{ada.athlete_id}/activities",
        files={"file": ("export.zip", bundle.getvalue(), "application/zip")},
        headers=ada.headers,
    )
    assert sent.status_code == 201, sent.text
    answer = sent.json()
    failed = {f["source_file"]: f for f in answer["failed"]}
    assert set(failed) == {"export.zip!kurz.gpx.gz", "export.zip!kaputt.fit"}
    cut = failed["export.zip!kurz.gpx.gz"]
    # The API's English stays for clients; the page shows `said`.
    assert (
        cut["error"] == "export.zip!kurz.gpx.gz: the gzip data is cut short (copy or download the file again)"
    )
    assert cut["said"] == (
        "export.zip!kurz.gpx.gz: die gzip-Daten sind abgeschnitten (kopieren oder laden Sie die Datei erneut"
        " herunter)"
    )
    assert failed["export.zip!kaputt.fit"]["said"] == (
        "export.zip!kaputt.fit: die Prüfsumme (CRC) der FIT-Datei passt nicht zu ihrem Inhalt"
        " (die Datei ist beschädigt; kopieren Sie sie erneut vom Gerät)"
    )
    (imported,) = answer["imported"]
    assert imported["source_file"] == "export.zip!gang.gpx"
    assert imported["day"] == "06.01.2026"  # the result line's date as German writes it (was 2026-01-06)

    page = ada.client.get("/activities").text
    # The hint the page gives a file over the limit, before sending it or after the server's 413.
    assert 'data-max-hint="komprimieren Sie die Datei mit gzip (.gpx.gz)' in page
    listed = page[page.index('<div id="activity-list">') :]
    assert listed.count("<tr><td><a href=") == 1
    assert f'href="/activities/{imported["id"]}"' in listed


def test_an_english_persons_upload_keeps_iso_dates_and_the_english_refusal(ada: Person) -> None:
    sent = ada.client.post(
        f"/api/v1/athletes/{ada.athlete_id}/activities",
        files={"file": ("walk.gpx", hike_gpx(1200, start=TUESDAY), "application/gpx+xml")},
        headers=ada.headers,
    )
    (imported,) = sent.json()["imported"]
    assert imported["day"] == "2026-01-06"
    empty = ada.client.post(
        f"/api/v1/athletes/{ada.athlete_id}/activities",
        files={"file": ("leer.gpx", b"", "application/gpx+xml")},
        headers=ada.headers,
    )
    (failed,) = empty.json()["failed"]
    assert failed["said"] == failed["error"] == "leer.gpx: the file is empty (nothing to import)"
