"""The player's script of a timed item, checked against the prescribed dose for any dose."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.coach.guide import (
    BEEPS_S,
    HOLD_READY_S,
    READY_S,
    Guide,
    PhaseKind,
    cardio_guide,
    hold_guide,
    spoken_duration,
)
from calfcoach.domain.exercise import Dose
from calfcoach.domain.units import Units, UnitSystem

intervals = st.builds(
    lambda duration, run, walk, warmup: Dose(duration_s=duration, run_s=run, walk_s=walk, warmup_s=warmup),
    # Up to two hours of phases no shorter than 15 s keeps a case to a few hundred phases.
    st.integers(1, 2 * 3600),
    st.integers(15, 3600),
    st.integers(15, 3600),
    st.one_of(st.none(), st.integers(0, 1800)),
)
bouts = st.builds(
    lambda duration, warmup, speed: Dose(duration_s=duration, warmup_s=warmup, speed_kmh=speed),
    st.integers(1, 6 * 3600),
    st.one_of(st.none(), st.integers(0, 1800)),
    st.one_of(st.none(), st.sampled_from([4.5, 5.0, 7.5])),
)


def _run_seconds(dose: Dose) -> int:
    """The run seconds of a run/walk dose: whole cycles only (the rest is walked), or what fits of one run."""
    assert dose.duration_s is not None
    assert dose.run_s is not None
    assert dose.walk_s is not None
    cycles = dose.duration_s // (dose.run_s + dose.walk_s)
    return cycles * dose.run_s if cycles else min(dose.run_s, dose.duration_s)


def _check_shape(guide: Guide) -> None:
    phases = guide.phases
    assert phases[0].start_s == 0
    for before, after in pairwise(phases):
        assert after.start_s == before.end_s  # contiguous: no gap, no overlap
    assert all(p.duration_s > 0 for p in phases)
    assert guide.total_s == phases[-1].end_s
    times = [c.at_s for c in guide.cues]
    assert times == sorted(set(times))  # one cue per moment, in order
    assert {p.start_s for p in phases} <= set(times)  # every phase is announced as it starts
    assert times[-1] == guide.total_s
    for beep in guide.beeps_s:
        phase = guide.phase_at(beep)
        assert phase is not None
        assert phase.start_s < beep <= phase.end_s - 1
        assert phase.end_s - beep <= BEEPS_S


@settings(deadline=None)
@given(intervals)
def test_run_walk_phases_fill_the_prescribed_time_with_the_prescribed_runs(dose: Dose) -> None:
    guide = cardio_guide(dose, name="Run-walk intervals", running=True)
    _check_shape(guide)
    assert guide.phases[0].kind is PhaseKind.READY
    assert guide.phases[0].duration_s == READY_S
    counted = [p for p in guide.phases if p.counted]
    assert sum(p.duration_s for p in counted) == dose.duration_s
    assert sum(p.duration_s for p in counted if p.running) == _run_seconds(dose)
    cycles = [p for p in counted if p.kind is not PhaseKind.COOLDOWN]
    assert all(p.kind is (PhaseKind.RUN if i % 2 == 0 else PhaseKind.WALK) for i, p in enumerate(cycles))
    duration, run, walk = dose.duration_s or 0, dose.run_s or 0, dose.walk_s or 0
    cooldowns = [p for p in counted if p.kind is PhaseKind.COOLDOWN]
    assert cooldowns in ([], [counted[-1]])  # only the seconds left after the whole cycles
    assert all(c.duration_s < run + walk for c in cooldowns)
    # Never more running than the share the weekly running cap counts (run_s of every run_s + walk_s),
    # except a dose shorter than one cycle, which runs one run_s at most.
    ran = sum(p.duration_s for p in counted if p.running)
    assert ran <= max(duration * run / (run + walk), min(run, duration))
    warmups = [p for p in guide.phases if p.kind is PhaseKind.WARMUP]
    assert sum(p.duration_s for p in warmups) == (dose.warmup_s or 0)
    assert guide.done_at(guide.total_s) == (dose.duration_s, _run_seconds(dose))
    runs = sum(1 for p in counted if p.running)
    assert counted[0].label == f"Run 1 of {runs}"


@given(bouts, st.booleans())
def test_a_continuous_bout_is_one_counted_phase_with_a_halfway_cue(dose: Dose, running: bool) -> None:
    guide = cardio_guide(dose, name="Brisk walk", running=running)
    _check_shape(guide)
    counted = [p for p in guide.phases if p.counted]
    assert len(counted) == 1
    assert counted[0].duration_s == dose.duration_s
    assert counted[0].running is running
    assert dose.duration_s is not None
    halfway = [c.at_s for c in guide.cues if "Halfway." in c.text]
    assert halfway == ([counted[0].start_s + dose.duration_s / 2] if dose.duration_s >= 60 else [])


@settings(deadline=None)
@given(st.integers(1, 2 * 3600), st.data())
def test_what_was_done_grows_with_time_and_stops_at_the_dose(duration: int, data: st.DataObject) -> None:
    dose = Dose(duration_s=duration, run_s=60, walk_s=90, warmup_s=300)
    guide = cardio_guide(dose, name="Run-walk intervals", running=True)
    early = data.draw(st.floats(-10, guide.total_s + 100))
    late = data.draw(st.floats(early, guide.total_s + 200))
    done_early, done_late = guide.done_at(early), guide.done_at(late)
    assert done_early[0] <= done_late[0]
    assert done_early[1] <= done_late[1]
    assert 0 <= done_late[1] <= done_late[0] <= duration


def test_week_one_of_couch_to_5k_as_spoken() -> None:
    guide = cardio_guide(
        Dose(duration_s=1200, run_s=60, walk_s=90, warmup_s=300), name="Run-walk intervals", running=True
    )
    said = [(c.at_s, c.text) for c in guide.cues]
    assert said[:5] == [
        (0.0, "Get ready: Run-walk intervals. Starting in 10 seconds."),
        (10.0, "Warm-up: brisk walk, 5 minutes."),
        (310.0, "Run 1 of 8, 1 minute."),
        (370.0, "Walk, 90 seconds."),
        (460.0, "Run 2 of 8, 1 minute."),
    ]
    # 8 cycles of 150 s: the halfway point is the start of the fifth run, said in one breath.
    assert said[10] == (910.0, "Run 5 of 8, 1 minute. Halfway.")
    assert said[-1] == (1510.0, "Done: 20 minutes, 8 runs. Well done.")
    assert guide.beeps_s[:10] == (5, 6, 7, 8, 9, 305, 306, 307, 308, 309)
    assert guide.done_at(1000) == (690, 300)  # 4 runs of 60 s, 3 walks of 90 s and 60 s of the fourth


def test_the_seconds_after_the_last_whole_cycle_are_walked_as_a_cool_down() -> None:
    guide = cardio_guide(Dose(duration_s=1200, run_s=90, walk_s=90), name="Run-walk intervals", running=True)
    counted = [(p.label, p.duration_s) for p in guide.phases if p.counted]
    assert counted[-3:] == [("Run 6 of 6", 90), ("Walk 6 of 6", 90), ("Cool-down walk", 120)]
    assert guide.done_at(guide.total_s) == (1200, 540)  # as the watch workout: 6 x 90 s, never more
    assert (1090.0, "Cool-down: walk, 2 minutes.") in [(c.at_s, c.text) for c in guide.cues]


def test_a_hold_counts_down_after_a_moment_to_get_into_position() -> None:
    guide = hold_guide(30, name="Wall calf stretch")
    _check_shape(guide)
    assert [(c.at_s, c.text) for c in guide.cues] == [
        (0, "Get into position: Wall calf stretch."),
        (HOLD_READY_S, "Hold, 30 seconds."),
        (HOLD_READY_S + 30, "Release."),
    ]
    assert guide.done_at(HOLD_READY_S + 12) == (12, 0)


def test_durations_are_said_as_a_person_says_them() -> None:
    assert [spoken_duration(s) for s in (1, 45, 60, 90, 120, 150, 1200)] == [
        "1 second",
        "45 seconds",
        "1 minute",
        "90 seconds",
        "2 minutes",
        "2 minutes 30 seconds",
        "20 minutes",
    ]


@given(st.floats(min_value=0.5, max_value=600, allow_nan=False))
def test_any_hold_is_counted_in_full_after_its_moment_to_get_ready(hold_s: float) -> None:
    guide = hold_guide(hold_s, name="Stretch")
    _check_shape(guide)
    held, running = guide.done_at(guide.total_s)
    assert held == pytest.approx(hold_s)
    assert running == 0
    assert guide.total_s == HOLD_READY_S + hold_s
    assert guide.cues[-1].text == "Release."


def test_the_start_cue_says_the_speed_in_the_persons_units() -> None:
    walk = Dose(duration_s=1200, speed_kmh=5.0)
    metric = cardio_guide(walk, name="Brisk walk", running=False)
    imperial = cardio_guide(walk, name="Brisk walk", running=False, units=Units.chosen(UnitSystem.IMPERIAL))
    assert "Start: Brisk walk, 20 minutes at 5 kilometres per hour." in [c.text for c in metric.cues]
    assert "Start: Brisk walk, 20 minutes at 3.1 miles per hour." in [c.text for c in imperial.cues]
    assert [p.duration_s for p in imperial.phases] == [p.duration_s for p in metric.phases]


def test_the_script_is_said_in_german_for_a_german_speaker() -> None:
    dose = Dose(duration_s=1200, run_s=90, walk_s=90, warmup_s=300)
    guide = cardio_guide(dose, name="Lauf-Geh-Intervalle", running=True, language="de")
    labels = [p.label for p in guide.phases]
    assert labels[:4] == ["Bereit machen", "Aufwärmgehen", "Laufen 1 von 6", "Gehen 1 von 6"]
    assert labels[-1] == "Abwärmgehen"
    said = [c.text for c in guide.cues]
    assert said[0] == "Bereit machen: Lauf-Geh-Intervalle. Start in 10 Sekunden."
    assert said[1] == "Aufwärmen: zügig gehen, 5 Minuten."
    assert "Laufen 1 von 6, 90 Sekunden." in said
    assert "Gehen, 90 Sekunden." in said
    assert "Halbzeit." in said
    assert said[-1] == "Geschafft: 20 Minuten, 6 Läufe. Gut gemacht."
    # The same script as in English, second for second: only the words differ.
    english = cardio_guide(dose, name="Run-walk intervals", running=True)
    assert [(p.kind, p.start_s, p.duration_s) for p in guide.phases] == [
        (p.kind, p.start_s, p.duration_s) for p in english.phases
    ]
    assert [c.at_s for c in guide.cues] == [c.at_s for c in english.cues]


def test_a_hold_and_a_walk_at_a_speed_are_said_in_german() -> None:
    hold = hold_guide(30, name="Wadendehnung an der Wand", language="de")
    assert [c.text for c in hold.cues] == [
        "In Position gehen: Wadendehnung an der Wand.",
        "Halten, 30 Sekunden.",
        "Lösen.",
    ]
    assert [p.label for p in hold.phases] == ["In Position gehen", "Halten"]
    walk = cardio_guide(
        Dose(duration_s=150, speed_kmh=5.5), name="Zügiges Gehen", running=False, language="de"
    )
    assert "Los: Zügiges Gehen, 2 Minuten 30 Sekunden bei 5,5 Kilometern pro Stunde." in [
        c.text for c in walk.cues
    ]
    assert spoken_duration(1, "de") == "1 Sekunde"
    assert spoken_duration(60, "de") == "1 Minute"
