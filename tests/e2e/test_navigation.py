"""In Chromium: pages with scripts of their own work when reached by a link of the app, not only by URL."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.flows import onboard, register

pytestmark = pytest.mark.e2e
# Every chart of the page drawn by vega-embed (they draw after the page has loaded).
CHARTS_DRAWN = "[...document.querySelectorAll('.vega')].every((chart) => chart.querySelector('svg, canvas'))"


def test_the_charts_are_drawn_on_progress_and_the_report_reached_by_the_menu(
    browser: Any, server: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    register(page, server, "eve@example.org")
    onboard(page, "Eve")
    page.get_by_role("link", name="Progress").click()
    page.wait_for_url("**/progress")
    assert page.locator(".vega").count() >= 4
    page.wait_for_function(CHARTS_DRAWN)
    page.get_by_role("link", name="History").click()
    page.wait_for_url("**/history")
    page.get_by_role("link", name="Printable report").click()
    page.wait_for_url("**/report")
    page.wait_for_function(CHARTS_DRAWN)
    # A page with no script of its own is still swapped in by htmx, not loaded again.
    page.evaluate("window.stillHere = true")
    page.get_by_role("link", name="History").click()
    page.wait_for_url("**/history")
    page.get_by_role("heading", name="History").first.wait_for()
    assert page.evaluate("window.stillHere") is True
    context.close()
