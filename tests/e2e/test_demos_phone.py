"""In Chromium at 390 px: the words of every demonstration fit its drawing and are drawn at 12 px or more
where the pages show it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from calfcoach.demos.motion import motion_ids
from tests.e2e.flows import onboard, register

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
# Every <text> of the drawing that is shown: its box's right edge and its font size, in drawing units.
TEXTS = """() => [...document.querySelectorAll("text")]
  .filter((t) => getComputedStyle(t).display !== "none")
  .map((t) => ({ text: t.textContent, right: t.getBBox().x + t.getBBox().width,
                 size: parseFloat(getComputedStyle(t).fontSize) }))"""


def smallest_font(svg: str) -> float:
    return min(float(size) for size in re.findall(r'font-size="([\d.]+)"', svg))


# How much the page scales the drawing: the <img> box's size over the drawing's, the smaller of the two
# (object-fit: contain keeps the proportions inside the box).
SCALE = """(img) => Math.min(img.clientWidth / img.naturalWidth, img.clientHeight / img.naturalHeight)"""


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


def test_the_demonstration_text_is_12_px_or_more_on_the_exercise_page_and_in_the_player(
    browser: Any, server: str, shots: Path
) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{server}/exercises/calf-raise-step")
    svg = page.request.get(f"{server}/exercises/calf-raise-step/demo.svg").text()
    image = page.get_by_role("img", name="Animated demonstration: Calf raise on a step")
    image.wait_for()
    page.wait_for_function("document.querySelector('figure.demo img').naturalWidth > 0")
    scale = image.evaluate(SCALE)
    assert smallest_font(svg) * scale >= 12, f"drawn at {scale:.2f} of its size"
    page.screenshot(path=shots / "exercise-390.png", full_page=True)

    register(page, server, "ada@example.org")
    onboard(page, "Ada")
    page.goto(f"{server}/player")
    page.get_by_role("button", name="Start").click()
    demo = page.locator("#ex-demo")
    page.wait_for_function("document.getElementById('ex-demo').naturalWidth > 0")
    svg = page.request.get(demo.evaluate("(img) => img.src")).text()
    scale = demo.evaluate(SCALE)
    assert smallest_font(svg) * scale >= 12, f"drawn at {scale:.2f} of its size in the player"
    page.screenshot(path=shots / "player-demo-390.png", full_page=True)

    context.close()
