"""In Chromium at 390 px: the progress charts, reached from the menu, fit the screen and their axis labels
are drawn at 12 px or more, each date named once (six weeks of training logged)."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.flows import onboard, register
from tests.e2e.seed import seed_history

pytestmark = pytest.mark.e2e
CHARTS = ("heel-raise", "calf-volume", "pain", "walking-speed")
# Every <text> of every chart: its rendered font size (CSS px, after any scaling of the SVG; 0 when not
# shown), its text, whether it is an x-axis label, and where its box starts and ends.
MEASURE = """(root) => [...root.querySelectorAll("svg.marks text")].map((t) => ({
  // Vega hides a label that would overlap another by making it transparent.
  px: t.getBoundingClientRect().height > 0 && parseFloat(t.getAttribute("opacity") ?? "1") > 0
    ? parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a : 0,
  text: t.textContent,
  xLabel: !!t.closest('[aria-label^="X-axis"] .role-axis-label'),
  left: t.getBoundingClientRect().left,
  right: t.getBoundingClientRect().right,
}))"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_progress_charts_are_readable_at_phone_and_desktop_width(
    browser: Any, server: str, shots: Path, tmp_path: Path, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844 if width == 390 else 800})
    page = context.new_page()
    register(page, server, "ada@example.org")
    onboard(page, "Ada")
    seed_history(tmp_path / "e2e.db", "ada@example.org", today=dt.date.today())
    page.reload()
    # Reached by the menu's link, as a person does: htmx swaps the body in (the head's scripts never run).
    page.get_by_role("link", name="Progress").click()
    page.wait_for_url("**/progress")
    for name in CHARTS:
        page.locator(f"#chart-{name} svg.marks").wait_for()
        texts = page.locator(f"#chart-{name}").evaluate(MEASURE)
        drawn = [t for t in texts if t["px"] > 0]
        assert drawn, f"{name}: no text drawn"
        small = [(t["text"], round(t["px"], 1)) for t in drawn if t["px"] < 11.9]
        assert not small, f"{name}: text smaller than 12 px at {width} px wide: {small}"
        assert max(t["right"] for t in drawn) <= width, f"{name}: text runs off the screen"
        x_labels = sorted((t for t in drawn if t["xLabel"]), key=lambda t: t["left"])
        for one, two in pairwise(x_labels):
            assert two["left"] - one["right"] >= 4, f"{name}: {one['text']!r} touches {two['text']!r}"
        if name != "calf-volume":
            dates = [t["text"] for t in drawn if t["xLabel"]]
            assert len(dates) >= 2, f"{name}: {dates}"
            assert len(dates) == len(set(dates)), f"{name}: a date is named twice: {dates}"
            assert len(dates) <= (4 if width == 390 else 8), f"{name}: {dates}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=shots / f"progress-{width}.png", full_page=True)
    context.close()
