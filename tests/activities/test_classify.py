from __future__ import annotations

import pytest

from calfcoach.activities.classify import Sport, classify, is_stairs, is_treadmill


@pytest.mark.parametrize(
    ("hint", "speed_mps", "gain_m", "distance_m", "expected"),
    [
        (None, 1.4, 10.0, 5000.0, Sport.WALK),
        ("walking", 1.2, 0.0, 3000.0, Sport.WALK),
        (None, 1.2, 400.0, 6000.0, Sport.HIKE),
        ("hiking", 1.0, 20.0, 4000.0, Sport.HIKE),
        ("running", 2.4, 0.0, 5000.0, Sport.JOG),
        (None, 3.3, 30.0, 10000.0, Sport.RUN),
        ("running", 1.7, 0.0, 3000.0, Sport.JOG),
        ("cycling", 2.0, 0.0, 3000.0, Sport.OTHER),
        ("Biking", 6.0, 0.0, 30000.0, Sport.OTHER),
        (None, 9.0, 0.0, 30000.0, Sport.OTHER),
        ("Run", None, 0.0, 0.0, Sport.RUN),
        ("swimming", 0.8, 0.0, 1500.0, Sport.OTHER),
    ],
)
def test_activities_are_classified_by_tag_and_moving_speed(
    hint: str | None, speed_mps: float | None, gain_m: float, distance_m: float, expected: Sport
) -> None:
    got = classify(
        hint=hint, sub_hint=None, speed_mps=speed_mps, gain_m=gain_m, distance_m=distance_m, stairs=False
    )
    assert got is expected


def test_stair_sessions_are_recognised_by_vertical_speed_with_little_ground_covered() -> None:
    assert is_stairs(gain_m=120.0, moving_s=900.0, distance_m=150.0, hint=None, sub_hint=None)
    assert not is_stairs(gain_m=120.0, moving_s=3600.0, distance_m=5000.0, hint=None, sub_hint=None)
    assert not is_stairs(gain_m=120.0, moving_s=900.0, distance_m=150.0, hint="cycling", sub_hint=None)


def test_an_untagged_climb_faster_than_any_stair_runner_is_not_stairs() -> None:
    # 142 km of "climb" in an hour's walk: faulty altitude, not 47,000 floors.
    assert not is_stairs(gain_m=142_000.0, moving_s=3600.0, distance_m=4000.0, hint=None, sub_hint=None)
    assert is_stairs(gain_m=2000.0, moving_s=3600.0, distance_m=500.0, hint=None, sub_hint=None)


def test_a_stair_climbing_tag_is_stairs_whatever_the_numbers() -> None:
    assert is_stairs(
        gain_m=0.0, moving_s=0.0, distance_m=0.0, hint="fitness_equipment", sub_hint="stair_climbing"
    )
    assert (
        classify(hint=None, sub_hint=None, speed_mps=1.0, gain_m=0, distance_m=0, stairs=True) is Sport.STAIRS
    )


def test_a_treadmill_is_recognised_by_distance_without_positions_or_by_its_tag() -> None:
    assert is_treadmill(has_positions=False, has_distance=True, hint="running", sub_hint=None)
    assert is_treadmill(has_positions=True, has_distance=True, hint="running", sub_hint="treadmill")
    assert not is_treadmill(has_positions=True, has_distance=True, hint="running", sub_hint=None)
    assert not is_treadmill(has_positions=False, has_distance=True, hint="cycling", sub_hint=None)
