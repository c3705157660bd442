"""In Chromium: what the session player says on each screen, for a walk and for strength sets.

The page is the real template and script with a session made here (no server, no sign-in): every request
is answered by the test, so the session is exactly the one described and the test takes about a second.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from calfcoach.domain.exercise import Dose
from calfcoach.domain.plan import PlannedItem, PlannedSession
from calfcoach.library.catalog import load_catalog
from calfcoach.services.render import session_view
from calfcoach.web.pages.player import STATIC, player_data
from calfcoach.web.templating import templates

pytestmark = pytest.mark.e2e
ORIGIN = "http://localhost:8765"  # localhost is a secure context, like the https site
TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}


def _session() -> dict[str, Any]:
    day = dt.date(2026, 11, 25)
    items = (
        PlannedItem(
            exercise_id="brisk-walk",
            block="walk",
            dose=Dose(duration_s=20 * 60, speed_kmh=5.0),
            reason="easy aerobic work",
        ),
        PlannedItem(
            exercise_id="calf-raise-step",
            block="strength",
            dose=Dose(sets=3, reps=12, rest_s=60),
            reason="calf strength",
        ),
        PlannedItem(
            exercise_id="single-leg-calf-raise-step",
            block="strength",
            dose=Dose(sets=2, reps=8, per_side=True),
            reason="one leg at a time",
        ),
    )
    planned = PlannedSession(
        day=day,
        program_id="p",
        phase_id="ph",
        template_id="t",
        name="Walk and raises",
        items=items,
        minutes=40,
    )
    return session_view(planned, load_catalog()).model_dump(mode="json")


def _page_html() -> str:
    data = player_data(1, dt.date(2026, 11, 25), _session(), {"action": "continue", "reasons": []})
    return templates.get_template("player.html").render(csrf="test-csrf", user=None, data=data)


def _answer(route: Any, html: str) -> None:
    path = route.request.url.removeprefix(ORIGIN).split("?")[0]
    if path == "/player":
        route.fulfill(status=200, content_type="text/html", body=html)
    elif path.startswith("/static/"):
        file = STATIC / path.removeprefix("/static/")
        route.fulfill(
            status=200, content_type=TYPES.get(Path(path).suffix, "text/plain"), body=file.read_bytes()
        )
    elif path.startswith("/api/"):
        route.fulfill(status=200, content_type="application/json", body=json.dumps({}))
    else:  # demonstrations and anything else the page may ask for
        route.fulfill(
            status=200, content_type="image/svg+xml", body='<svg xmlns="http://www.w3.org/2000/svg"/>'
        )


def test_the_player_counts_exercises_and_each_exercises_own_sets_and_gives_a_walk_its_target(
    browser: Any,
) -> None:
    from playwright.sync_api import expect

    html = _page_html()
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    page.route(f"{ORIGIN}/**", lambda route: _answer(route, html))
    page.goto(f"{ORIGIN}/player")
    page.get_by_role("button", name="Start").click()
    position, detail = page.locator("#progress-line"), page.locator("#set-line")
    seen = []
    for _ in range(8):  # 1 walk + 3 sets + 2 sets of each leg
        expect(page.locator("#stage")).to_be_visible()
        seen.append((position.inner_text(), detail.inner_text(), page.locator("#ex-name").inner_text()))
        page.get_by_role("button", name="Set done", exact=True).click()
    expect(page.locator("#finish")).to_be_visible()
    assert seen == [
        ("Exercise 1 of 3", "Target: 20 min at 5.0 km/h (12:00 min/km)", "Brisk walk"),
        ("Exercise 2 of 3", "Set 1 of 3", "Calf raise on a step"),
        ("Exercise 2 of 3", "Set 2 of 3", "Calf raise on a step"),
        ("Exercise 2 of 3", "Set 3 of 3", "Calf raise on a step"),
        ("Exercise 3 of 3", "Set 1 of 2 · left leg", "Single-leg calf raise on a step"),
        ("Exercise 3 of 3", "Set 1 of 2 · right leg", "Single-leg calf raise on a step"),
        ("Exercise 3 of 3", "Set 2 of 2 · left leg", "Single-leg calf raise on a step"),
        ("Exercise 3 of 3", "Set 2 of 2 · right leg", "Single-leg calf raise on a step"),
    ]
    context.close()
