"""How well activities/intervals.py finds run/walk intervals: a seeded grid of synthetic recordings.

Every run/walk dose of the programs (library/programs), three pairs of run and walk speeds, with and
without a footpod's cadence, with and without GPS drop-outs, four seeds each: the intervals' count must be
exact and each boundary is measured against the truth. Boundaries within 15 s of a drop-out are counted
apart (a boundary inside a lost stretch is unknowable). Prints the table docs/activities.md quotes.

    .venv/bin/python benchmarks/interval_accuracy.py
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np

from calfcoach.activities.intervals import detect
from calfcoach.activities.synthetic import interval_track

DOSES = ((60, 90, 8), (90, 90, 6), (120, 90, 5), (180, 90, 4), (300, 90, 3), (480, 120, 2), (600, 60, 2))
SPEEDS = {"9.0 / 5.4 km/h": (2.5, 1.5), "10.8 / 5.0 km/h": (3.0, 1.4), "7.6 / 5.8 km/h": (2.1, 1.6)}
SEEDS = range(4)
DROPOUT_MARGIN_S = 15.0


def main() -> None:
    counts: dict[tuple[str, bool, bool], list[bool]] = defaultdict(list)
    errors: dict[tuple[str, bool, bool], list[float]] = defaultdict(list)
    near: dict[tuple[str, bool, bool], list[float]] = defaultdict(list)
    for (run_s, walk_s, reps), (label, (run_v, walk_v)), cadence, drops, seed in itertools.product(
        DOSES, SPEEDS.items(), (False, True), (0, 3), SEEDS
    ):
        parts = [("walk", 300.0, walk_v), *[("run", run_s, run_v), ("walk", walk_s, walk_v)] * reps]
        track = interval_track(parts, seed=seed, dropouts=drops, cadence=cadence)
        found = detect(track).intervals
        key = (label, cadence, drops > 0)
        exact = [i.gait.value for i in found] == [gait for gait, _, _ in parts]
        counts[key].append(exact)
        if not exact:
            continue
        rel = track.time_s - track.time_s[0]
        gaps = [(rel[g], rel[g + 1]) for g in np.flatnonzero(np.diff(rel) > 1.5)]
        truth = np.cumsum([seconds for _, seconds, _ in parts])[:-1]
        for expected, interval in zip(truth, found[1:], strict=True):
            error = abs(interval.start_s - float(expected))
            close = any(a - DROPOUT_MARGIN_S <= expected <= b + DROPOUT_MARGIN_S for a, b in gaps)
            (near if close else errors)[key].append(error)
    print("| speeds run / walk | cadence | drop-outs | counts exact | boundary error median / 95th / max |")
    print("|---|---|---|---|---|")
    for key in sorted(counts):
        label, cadence, drops = key
        e = np.asarray(errors[key])
        spread = f"{np.median(e):.0f} / {np.percentile(e, 95):.0f} / {e.max():.0f} s" if len(e) else "-"
        if near[key]:
            spread += f" (near a drop-out: max {max(near[key]):.0f} s, {len(near[key])} boundaries)"
        ok = sum(counts[key])
        with_cadence, lost = "yes" if cadence else "no", "3" if drops else "none"
        print(f"| {label} | {with_cadence} | {lost} | {ok}/{len(counts[key])} | {spread} |")


if __name__ == "__main__":
    main()
