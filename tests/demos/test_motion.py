import pytest

from calfcoach.demos.motion import parse_motion
from calfcoach.demos.timeline import Animator
from calfcoach.domain.errors import DataFileError

GOOD = """
exercise: sample
tempo: {up_s: 1, top_s: 0, down_s: 1, bottom_s: 0}
poses:
  low: {ankle: flat}
  high: {ankle: -30}
phases:
  - {name: up, to: high}
  - {name: top, to: high}
  - {name: down, to: low}
  - {name: bottom, to: low}
"""


def test_a_minimal_motion_file_parses() -> None:
    motion = parse_motion(GOOD, "sample.yaml")
    assert motion.poses["high"].ankle == -30
    assert not motion.is_gait


def test_a_phase_going_to_an_unknown_pose_names_the_file_and_the_pose() -> None:
    with pytest.raises(DataFileError, match=r"sample\.yaml: .*unknown pose 'middle'"):
        parse_motion(GOOD.replace("to: high}\n  - {name: top", "to: middle}\n  - {name: top"), "sample.yaml")


def test_a_missing_phase_is_refused() -> None:
    with pytest.raises(DataFileError, match="up, top, down and bottom"):
        parse_motion(GOOD.replace("  - {name: bottom, to: low}\n", ""), "sample.yaml")


def test_a_misspelt_field_is_refused_with_its_name() -> None:
    with pytest.raises(DataFileError, match="ankel"):
        parse_motion(GOOD.replace("{ankle: -30}", "{ankel: -30}"), "sample.yaml")


def test_broken_yaml_is_reported_not_raised() -> None:
    with pytest.raises(DataFileError, match="not valid YAML"):
        parse_motion("poses: [", "sample.yaml")


def test_hands_on_a_wall_need_a_wall() -> None:
    text = GOOD.replace("poses:", "anchor: {point: ball_near, hands_on_wall: true}\nposes:")
    with pytest.raises(DataFileError, match="needs a wall"):
        parse_motion(text, "sample.yaml")


def test_a_foot_pinned_out_of_the_legs_reach_is_a_clear_file_error() -> None:
    text = GOOD.replace("poses:", "anchor: {point: hip, at: [0.0, 0.5], ball_at: [1.5, 0.0]}\nposes:")
    animator = Animator(parse_motion(text, "sample.yaml"), None)
    with pytest.raises(
        DataFileError, match=r"demos/motions/sample\.yaml: at 0\.00 s: the foot .* out of the leg's reach"
    ):
        animator.pose_at(0.0)
