"""In Chromium: the app is installable, and the player works offline after one visit, demonstrations too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.flows import PASSWORD, onboard, register

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
# Every demonstration of the page's session, loaded as an image: true for each that drew.
LOAD_DEMOS = """(urls) => Promise.all(urls.map((url) => new Promise((done) => {
  const image = new Image();
  image.onload = () => done(image.naturalWidth > 0);
  image.onerror = () => done(false);
  image.src = url;
})))"""
# Resolves true once the service worker has kept the player page and each of these demonstrations
# (false if it has not after 400 looks, so a worker that never does fails instead of hanging).
ALL_KEPT = """async (urls) => {
  for (let look = 0; look < 400; look += 1) {
    const hits = await Promise.all(["/player", ...urls].map((url) => caches.match(url)));
    if (hits.every(Boolean)) return true;
    await new Promise((next) => setTimeout(next, 50));
  }
  return false;
}"""


def _player_online(browser: Any, server: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, has_touch=True)
    page = context.new_page()
    register(page, server, "dora@example.org")
    onboard(page, "Dora")
    page.get_by_role("link", name="Start the session").click()
    page.wait_for_url("**/player")
    demos: list[str] = page.evaluate("JSON.parse(document.getElementById('player-data').textContent).demos")
    return context, page, demos


def test_the_player_and_its_demonstrations_load_offline_after_one_visit(
    browser: Any, server: str, shots: Path
) -> None:
    context, page, demos = _player_online(browser, server)
    assert len(demos) >= 2  # not only the first exercise, whose demonstration the player shows first
    assert page.evaluate(ALL_KEPT, demos)
    context.set_offline(True)
    page.reload()
    page.get_by_role("button", name="Start").click()
    demo = page.locator("#ex-demo")
    demo.wait_for()
    page.wait_for_function("(image) => image.complete", arg=demo.element_handle())
    assert demo.evaluate("(image) => image.naturalWidth") > 0
    assert page.evaluate(LOAD_DEMOS, demos) == [True] * len(demos)
    page.screenshot(path=shots / "player-offline-390.png", full_page=True)
    context.close()


def test_chromium_finds_the_app_installable(browser: Any, server: str) -> None:
    context, page, _ = _player_online(browser, server)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == []
    assert manifest["url"].endswith("/manifest.webmanifest")
    errors = [e["errorId"] for e in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    # A Playwright context is a private window, where Chromium installs nothing whatever the app does.
    assert [e for e in errors if e != "in-incognito"] == []
    context.close()


def test_a_page_opened_offline_says_so_and_leads_to_the_player(browser: Any, server: str) -> None:
    context, page, demos = _player_online(browser, server)
    assert page.evaluate(ALL_KEPT, demos)
    context.set_offline(True)
    page.goto(f"{server}/today")  # where the installed app starts
    page.get_by_role("heading", name="You are offline").wait_for()
    page.get_by_role("link", name="Open the session player").click()
    page.wait_for_url("**/player")
    page.get_by_role("button", name="Start").click()
    page.locator("#ex-name").wait_for()
    context.close()


def test_the_player_works_offline_again_after_signing_out_and_in(browser: Any, server: str) -> None:
    context, page, demos = _player_online(browser, server)
    assert page.evaluate(ALL_KEPT, demos)
    page.goto(f"{server}/today")
    page.get_by_role("button", name="Sign out").click()  # which deletes the offline copies (app.js)
    page.wait_for_url("**/login**")
    page.get_by_label("E-mail address").fill("dora@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/today")
    page.goto(f"{server}/player")
    assert page.evaluate(ALL_KEPT, [*demos, "/static/player.js", "/static/app.css"])
    context.set_offline(True)
    page.reload()
    page.get_by_role("button", name="Start").click()
    demo = page.locator("#ex-demo")
    page.wait_for_function("(image) => image.complete", arg=demo.element_handle())
    assert demo.evaluate("(image) => image.naturalWidth") > 0
    context.close()
