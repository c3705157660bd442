from pathlib import Path

import pytest
from PIL import Image, ImageSequence

from calfcoach.demos.api import render_gif, scene
from calfcoach.demos.raster import draw_frame, gif_durations_ms
from calfcoach.domain.exercise import Tempo


def test_the_gif_has_one_frame_per_sample_and_lasts_one_repetition(tmp_path: Path) -> None:
    path = tmp_path / "raise.gif"
    tempo = Tempo(up_s=1, top_s=1, down_s=2, bottom_s=0)
    render_gif("calf-raise-step", path, tempo, fps=5)
    with Image.open(path) as gif:
        durations = [frame.info["duration"] for frame in ImageSequence.Iterator(gif)]
        assert len(durations) == 20
        assert sum(durations) == 4000
        assert gif.info["loop"] == 0


def test_frame_durations_are_whole_centiseconds_summing_to_the_period() -> None:
    drawing = scene("step-box-raise", Tempo(up_s=1, top_s=0.3, down_s=3, bottom_s=0), fps=7)
    durations = gif_durations_ms(drawing)
    assert len(durations) == len(drawing.frames)
    assert all(d % 10 == 0 and d > 0 for d in durations)
    assert sum(durations) == pytest.approx(drawing.period_s * 1000, abs=10)


def test_a_frame_draws_the_figure_on_a_light_page(tmp_path: Path) -> None:
    drawing = scene("floor-calf-raise", fps=4)
    image = draw_frame(drawing, drawing.frames[0])
    assert image.width == 360
    # Some pixels are the figure's dark ink, most are the page.
    histogram = image.convert("L").histogram()
    dark = sum(histogram[:60])
    assert 0.03 < dark / (image.width * image.height) < 0.5
