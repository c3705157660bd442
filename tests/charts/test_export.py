import datetime as dt
import json
from pathlib import Path

import pytest
from PIL import Image

from calfcoach.charts import HeelRaiseChart, export, spec
from calfcoach.domain.errors import InputError
from calfcoach.domain.log import History, TestKind, TestResult
from calfcoach.domain.profile import Sex


def heel_spec() -> dict[str, object]:
    tests = (
        TestResult(day=dt.date(2026, 2, 2), kind=TestKind.HEEL_RAISE, left=15, right=21),
        TestResult(day=dt.date(2026, 3, 2), kind=TestKind.HEEL_RAISE, left=22, right=24),
    )
    return spec("heel-raise", HeelRaiseChart(History(tests=tests), age=50, sex=Sex.MALE))


def test_png_export_writes_a_real_image_at_twice_the_chart_size(tmp_path: Path) -> None:
    target = export(heel_spec(), tmp_path / "heel.png")
    with Image.open(target) as image:
        assert image.format == "PNG"
        width, height = image.size
    assert width == 2 * 560  # the whole picture, axes and legend included, is the export width
    assert height > 2 * 260
    assert target.stat().st_mode & 0o777 == 0o644


def test_svg_export_writes_scalable_text(tmp_path: Path) -> None:
    target = export(heel_spec(), tmp_path / "heel.SVG")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<svg")
    assert "Single-leg heel-rise test" in text


def test_json_export_is_the_spec_itself(tmp_path: Path) -> None:
    original = heel_spec()
    target = export(original, tmp_path / "heel.json")
    assert json.loads(target.read_text(encoding="utf-8")) == original


def test_an_unknown_suffix_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"cannot export a chart as \.gif.*\.png, \.svg or \.json"):
        export(heel_spec(), tmp_path / "heel.gif")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        export(heel_spec(), tmp_path / "nowhere" / "heel.png")


def test_exporting_over_a_file_replaces_it_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "heel.svg"
    target.write_text("old", encoding="utf-8")
    export(heel_spec(), target)
    assert target.read_text(encoding="utf-8").startswith("<svg")
    assert [p.name for p in tmp_path.iterdir()] == ["heel.svg"]
