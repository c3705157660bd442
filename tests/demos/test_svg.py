import re
from functools import cache
from xml.etree import ElementTree

import pytest

from calfcoach.demos.api import render_svg
from calfcoach.demos.motion import motion_ids
from calfcoach.demos.shapes import MUSCLE_COLOURS
from calfcoach.domain.exercise import Tempo

SVG = "{http://www.w3.org/2000/svg}"


@cache
def svg(exercise_id: str, highlight: bool = True) -> str:
    return render_svg(exercise_id, highlight=highlight)


@pytest.mark.parametrize("exercise_id", motion_ids())
def test_every_demonstration_is_well_formed_svg_and_small(exercise_id: str) -> None:
    text = svg(exercise_id)
    root = ElementTree.fromstring(text.encode())
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title") is not None
    assert len(text.encode()) < 60_000


def test_the_animation_lasts_one_repetition_of_the_tempo() -> None:
    text = render_svg("calf-raise-step", Tempo(up_s=2, top_s=1, down_s=3, bottom_s=0))
    assert re.search(r"\.cc[0-9a-f]{8}-a\{animation:6s linear infinite both\}", text)
    assert "up 2 s, hold 1 s, down 3 s" in text


def test_the_articles_cues_show_at_their_phase() -> None:
    text = svg("step-box-raise")
    for cue in (
        "Lower slowly into a deep stretch",
        "Heels never touch the ground",
        "Rise to the highest point",
    ):
        assert cue in text
    assert "Body upright" in svg("calf-raise-step")
    assert "Rise as high as you can" in svg("calf-raise-step")
    # The lowering cue is on screen only while the figure lowers: 1 s up, 1 s hold, then 3 s down of 5 s.
    down = re.search(r'<text id="([\w-]+c\d+)"[^>]*><tspan[^>]*>DOWN</tspan> Lower slowly', text)
    assert down is not None
    frames = re.search(r"@keyframes " + down.group(1) + r"\{([^}]*\}[^@]*)", text)
    assert frames is not None
    assert "40%{opacity:1}" in frames.group(1)


def test_reduced_motion_stops_the_animation_and_lists_the_cues() -> None:
    text = svg("calf-raise-step")
    assert re.search(
        r"@media \(prefers-reduced-motion:reduce\)\{\.cc[0-9a-f]{8}-a\{animation:none!important\}", text
    )
    assert re.search(r'class="cc[0-9a-f]{8}-still"', text)


def test_worked_muscles_are_coloured_and_can_be_turned_off() -> None:
    gastrocnemius, soleus = MUSCLE_COLOURS["gastrocnemius"], MUSCLE_COLOURS["soleus"]
    straight, bent = svg("eccentric-heel-drop-straight"), svg("eccentric-heel-drop-bent")
    assert 'class="m-gastrocnemius" points="' in straight
    assert gastrocnemius in straight
    assert soleus not in straight
    assert soleus in bent
    assert gastrocnemius not in bent
    plain = svg("eccentric-heel-drop-straight", highlight=False)
    assert gastrocnemius not in plain


def test_cardio_scrolls_the_ground_under_the_walker() -> None:
    text = svg("treadmill-walk")
    assert re.search(r"@keyframes cc[0-9a-f]{8}-s0\{", text)


def test_two_drawings_on_one_page_share_no_names() -> None:
    ids = [set(re.findall(r'id="([^"]+)"', svg(e))) for e in ("calf-raise-step", "treadmill-run")]
    assert ids[0]
    assert not ids[0] & ids[1]
    slow = render_svg("calf-raise-step", Tempo(up_s=2, top_s=1, down_s=3, bottom_s=0))
    assert not set(re.findall(r'id="([^"]+)"', slow)) & ids[0]


def test_a_walk_shows_its_first_cue_moving_and_the_rest_throughout() -> None:
    text = svg("brisk-walk")
    assert "Keep one steady pace" in text
    assert re.search(
        r'<text x="8" y="\d+" font-size="14" fill="#b23a48">A little faster each time</text>', text
    )


def test_a_walk_says_the_pace_it_shows() -> None:
    assert "shown at about 5.3 km/h" in svg("brisk-walk")
    assert "shown at about 10.0 / 5.3 km/h" in svg("run-walk-intervals")


@pytest.mark.parametrize("exercise_id", motion_ids())
def test_every_word_is_14_units_or_more_so_a_phone_shows_it_at_12_px(exercise_id: str) -> None:
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg(exercise_id))]
    assert min(sizes) >= 14  # the page shows the 360-unit drawing at 310 px or more on a 390 px phone


def test_a_cue_too_long_for_one_line_wraps_instead_of_shrinking() -> None:
    text = svg("knee-bends")
    cue = re.search(
        r'<tspan font-weight="bold">DOWN</tspan> ([^<]*)<tspan x="8" dy="18">([^<]*)</tspan>', text
    )
    assert cue is not None
    assert f"{cue.group(1)} {cue.group(2)}" == "Bend the knees over the toes, heels down"
