"""The clinic benchmark's reading of the servers' garbage collections."""

import math

from benchmarks.clinic_load import Collections


def test_the_collections_of_the_runs_are_the_difference_and_the_longest_is_bounded_by_a_bucket() -> None:
    before = Collections(3.0, 0.012, ((0.005, 2.0), (0.01, 3.0), (0.025, 3.0), (math.inf, 3.0)))
    after = Collections(7.0, 0.052, ((0.005, 4.0), (0.01, 5.0), (0.025, 7.0), (math.inf, 7.0)))
    runs = after - before
    assert (runs.count, round(runs.seconds, 3)) == (4.0, 0.04)
    assert runs.buckets == ((0.005, 2.0), (0.01, 2.0), (0.025, 4.0), (math.inf, 4.0))
    assert runs.longest_under_ms() == 25.0
    assert math.isnan((before - before).longest_under_ms())
