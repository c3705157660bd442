"""The app is installable (a manifest with real icons, linked from every page) and the player's data names
the demonstrations the service worker keeps for offline use."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

from fastapi.testclient import TestClient

from calfcoach.web.pages.player import demo_url
from tests.api.conftest import Person

APP_CSS = Path(__file__).parents[2] / "src" / "calfcoach" / "web" / "static" / "app.css"


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def _css_colour(name: str) -> str:
    found = re.search(rf"--{name}: (#[0-9a-f]{{6}})", APP_CSS.read_text())
    assert found, name
    return found.group(1)


def test_the_manifest_makes_the_app_installable_with_its_own_colours(client: TestClient) -> None:
    answer = client.get("/manifest.webmanifest")
    assert answer.headers["content-type"] == "application/manifest+json"
    manifest = answer.json()
    assert (manifest["name"], manifest["short_name"]) == ("CalfCoach", "CalfCoach")
    assert (manifest["start_url"], manifest["display"]) == ("/today", "standalone")
    # The page header's colour and the page's background (app.css), so the splash matches the app.
    assert manifest["theme_color"] == _css_colour("ink")
    assert manifest["background_color"] == _css_colour("paper")
    sizes = set()
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.headers["content-type"] == "image/png"
        width, height = _png_size(image.content)
        assert icon["sizes"] == f"{width}x{height}"
        sizes.add((icon["sizes"], icon["purpose"]))
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_every_page_links_the_manifest_and_a_home_screen_icon(client: TestClient) -> None:
    page = client.get("/login").text
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    icon = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', page)
    assert icon
    assert _png_size(client.get(icon.group(1)).content) == (180, 180)


def test_a_demonstration_address_names_the_prescribed_tempo() -> None:
    assert demo_url("heel-raise", None) == "/exercises/heel-raise/demo.svg"
    tempo = {"up_s": 2.0, "top_s": 1.5, "down_s": 3.0, "bottom_s": 0.0}
    assert (
        demo_url("heel-raise", tempo) == "/exercises/heel-raise/demo.svg?up_s=2&top_s=1.5&down_s=3&bottom_s=0"
    )


def test_the_player_names_each_items_demonstration_and_each_is_served(ada: Person) -> None:
    page = ada.client.get("/player").text
    found = re.search(r'<script type="application/json" id="player-data">(.*?)</script>', page, re.S)
    assert found
    data = json.loads(found.group(1))
    items = data["session"]["items"]
    assert len(data["demos"]) == len(items) > 0
    for item, url in zip(items, data["demos"], strict=True):
        assert url == demo_url(item["exercise_id"], item["tempo"])
        answer = ada.client.get(url)
        assert (answer.status_code, answer.headers["content-type"]) == (200, "image/svg+xml")


def test_a_demonstration_address_names_a_language_other_than_english() -> None:
    assert demo_url("heel-raise", None, "en") == "/exercises/heel-raise/demo.svg"
    assert demo_url("heel-raise", None, "de") == "/exercises/heel-raise/demo.svg?lang=de"
    assert demo_url("heel-raise", {"up_s": 2.0}, "de-AT") == "/exercises/heel-raise/demo.svg?up_s=2&lang=de"


def test_a_german_players_demonstrations_are_german_and_served(ada: Person) -> None:
    profile = ada.client.get(f"/api/v1/athletes/{ada.athlete_id}").json()["profile"]
    changed = ada.client.put(
        f"/api/v1/athletes/{ada.athlete_id}", json={**profile, "language": "de"}, headers=ada.headers
    )
    assert changed.status_code == 200, changed.text
    page = ada.client.get("/player").text
    found = re.search(r'<script type="application/json" id="player-data">(.*?)</script>', page, re.S)
    assert found
    data = json.loads(found.group(1))
    assert data["demos"]
    for item, url in zip(data["session"]["items"], data["demos"], strict=True):
        assert url == demo_url(item["exercise_id"], item["tempo"], "de")
        assert url.endswith("lang=de")
        answer = ada.client.get(url)
        assert answer.status_code == 200
        title = re.search(r'<title id="[^"]+">([^<]+)</title>', answer.text)
        assert title is not None
        assert title[1] == item["exercise_name"]
    exercise = data["session"]["items"][0]["exercise_id"]
    assert f'src="/exercises/{exercise}/demo.svg?lang=de"' in ada.client.get(f"/exercises/{exercise}").text
