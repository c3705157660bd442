"""The demonstrations in a person's language: every caption of every motion file has its German words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calfcoach.demos.api import render_gif, render_svg
from calfcoach.demos.motion import load_motion, motion_ids
from calfcoach.demos.translations import captions, motion_captions


def _said(svg: str) -> list[str]:
    """The words a drawing shows (its text elements and spans), its title and description."""
    return [t.strip() for t in re.findall(r">([^<>{}]+)<", svg) if t.strip()]


def _moves(svg: str) -> list[str]:
    """The figure's keyframes, without the drawing's own id prefix (a digest of its whole text)."""
    return re.findall(r"@keyframes p\d+\{.*?\}\}", re.sub(r"cc[0-9a-f]{8}-", "", svg))


def test_every_caption_of_every_motion_file_has_its_german_words_and_none_is_left_over() -> None:
    german = captions("de")
    written = {text for exercise in motion_ids() for text in motion_captions(load_motion(exercise))}
    assert sorted(written - set(german)) == []
    assert sorted(set(german) - written) == []  # a caption changed in a motion file needs its new German
    assert all(german[text] and german[text] != text for text in written)


def test_a_german_demonstration_speaks_german_and_moves_as_the_english_one() -> None:
    english, german = render_svg("calf-raise-step"), render_svg("calf-raise-step", language="de")
    said = _said(german)
    assert said[0] == "Wadenheben auf einer Stufe"  # the title, as the exercise page names it
    assert "HOCH" in said
    assert "RUNTER" in said
    assert "So hoch wie möglich hochgehen" in said
    assert "Gestreckte Knie: Gastrocnemius" in said
    assert "1 s hoch, 1 s halten, 2 s ab" in said  # the tempo, as Today says it
    for english_word in ("Rise as high as you can", "UP", "Calf raise on a step", "Straight knees"):
        assert english_word not in german
    # Only the words differ: the same frames, at the same times.
    assert _moves(english) == _moves(german) != []


def test_a_german_walk_says_its_stride_and_speed_the_german_way() -> None:
    said = _said(render_svg("brisk-walk", language="de"))
    assert "1 Doppelschritt in 1,04 s, gezeigt bei etwa 5,3 km/h" in said
    assert "GEHEN" in said


def test_english_is_the_default_and_unchanged_by_a_language_it_does_not_know() -> None:
    assert render_svg("calf-raise-step", language="en") == render_svg("calf-raise-step")
    assert render_svg("calf-raise-step", language="fr") == render_svg("calf-raise-step")


@pytest.mark.parametrize("exercise_id", ["wall-calf-stretch-bent", "run-walk-intervals"])
def test_every_demonstration_renders_in_german(exercise_id: str, tmp_path: Path) -> None:
    assert "<svg" in render_svg(exercise_id, language="de")
    out = tmp_path / "demo.gif"
    render_gif(exercise_id, out, fps=2, language="de")
    assert out.read_bytes()[:6] == b"GIF89a"
