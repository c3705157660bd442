from __future__ import annotations

import numpy as np
import pytest

from calfcoach.activities import ActivityError, read_activity, track_from_bytes, track_to_bytes
from calfcoach.activities.synthetic import hike_gpx
from tests.activities.helpers import DATA


@pytest.mark.parametrize(
    "data", [hike_gpx(300), (DATA / "fit" / "activity-small-fenix2-run.fit").read_bytes()], ids=["gpx", "fit"]
)
def test_a_track_survives_the_round_trip_through_bytes(data: bytes) -> None:
    track = read_activity(data, source="t").track
    again = track_from_bytes(track_to_bytes(track))
    for name in (
        "time_s",
        "lat_deg",
        "lon_deg",
        "elevation_m",
        "distance_m",
        "hr_bpm",
        "cadence_rpm",
        "segment",
    ):
        np.testing.assert_array_equal(getattr(again, name), getattr(track, name))


def test_damaged_stored_bytes_are_a_clear_error() -> None:
    with pytest.raises(ActivityError, match="stored track"):
        track_from_bytes(b"not a track")
