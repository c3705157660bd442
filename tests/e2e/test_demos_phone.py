"""In Chromium at 390 px: the words of every demonstration fit its drawing and are drawn at 12 px or more
where the pages show it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from calfcoach.demos.motion import motion_ids

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
# Every <text> of the drawing that is shown: its box's right edge and its font size, in drawing units.
TEXTS = """() => [...document.querySelectorAll("text")]
  .filter((t) => getComputedStyle(t).display !== "none")
  .map((t) => ({ text: t.textContent, right: t.getBBox().x + t.getBBox().width,
                 size: parseFloat(getComputedStyle(t).fontSize) }))"""


def smallest_font(svg: str) -> float:
    return min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))


def drawing_width(svg: str) -> float:
    found = re.search(r'viewBox="0 0 ([\d.]+) ', svg)
    assert found
    return float(found.group(1))


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_every_demonstrations_words_fit_its_drawing(browser: Any, server: str, motion: str) -> None:
    context = browser.new_context(viewport=PHONE, reduced_motion=motion)
    page = context.new_page()
    overflowing: list[tuple[str, str, float]] = []
    for exercise_id in motion_ids():
        page.goto(f"{server}/exercises/{exercise_id}/demo.svg")
        width = page.evaluate("document.documentElement.viewBox.baseVal.width")
        for text in page.evaluate(TEXTS):
            assert text["size"] >= 14, (exercise_id, text)
            if text["right"] > width - 4:
                overflowing.append((exercise_id, text["text"], round(text["right"])))
    assert not overflowing, f"words run off the drawing: {overflowing}"
    context.close()


def test_the_demonstration_text_is_12_px_or_more_on_the_exercise_page(
    browser: Any, server: str, shots: Path
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{server}/exercises/calf-raise-step")
    svg = page.request.get(f"{server}/exercises/calf-raise-step/demo.svg").text()
    image = page.get_by_role("img", name="Animated demonstration: Calf raise on a step")
    image.wait_for()
    page.wait_for_function("document.querySelector('figure.demo img').complete")
    shown = image.bounding_box()["width"]
    assert smallest_font(svg) * shown / drawing_width(svg) >= 12, f"drawn {shown} px wide"
    page.screenshot(path=shots / "exercise-390.png", full_page=True)

    context.close()
