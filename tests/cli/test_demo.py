import json
from pathlib import Path
from xml.etree import ElementTree

from PIL import Image, ImageSequence
from typer.testing import CliRunner

from calfcoach.cli.main import app

runner = CliRunner()


def test_demo_writes_an_animated_svg(tmp_path: Path) -> None:
    out = tmp_path / "raise.svg"
    result = runner.invoke(app, ["demo", "calf-raise-step", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.stdout
    assert ElementTree.fromstring(out.read_bytes()).tag.endswith("svg")


def test_demo_writes_a_gif_at_the_tempo_asked(tmp_path: Path) -> None:
    out = tmp_path / "raise.gif"
    result = runner.invoke(
        app, ["demo", "calf-raise-step", "--out", str(out), "--tempo", "2-1-3-0", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["loop_s"] == 6
    assert report["format"] == "gif"
    with Image.open(out) as gif:
        assert len(list(ImageSequence.Iterator(gif))) == 60


def test_an_unknown_exercise_exits_2_with_a_suggestion(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "calf-rase", "--out", str(tmp_path / "x.svg")])
    assert result.exit_code == 2
    assert "did you mean 'calf-raise-step'" in result.stderr


def test_an_unknown_file_type_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "calf-raise-step", "--out", str(tmp_path / "x.mp4")])
    assert result.exit_code == 2
    assert "use a .svg or .gif" in result.stderr
    assert not (tmp_path / "x.mp4").exists()


def test_a_malformed_tempo_exits_2_and_says_the_format(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["demo", "calf-raise-step", "--out", str(tmp_path / "x.svg"), "--tempo", "fast"]
    )
    assert result.exit_code == 2
    assert "up-hold-down-pause" in result.stderr


def test_a_tempo_for_cardio_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["demo", "brisk-walk", "--out", str(tmp_path / "x.svg"), "--tempo", "1-0-1-0"]
    )
    assert result.exit_code == 2
    assert "cardio" in result.stderr
