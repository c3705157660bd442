"""The script a player follows for a timed item: phases with start times, spoken cues and countdown beeps.

One script serves the web player and the terminal, so both say the same thing at the same second. A
run/walk dose becomes a get-ready countdown, the warm-up walk, then runs and walks in turn, as many whole
run + walk cycles as the prescribed time holds, and the seconds left walked as a cool-down (as the watch
workout of `coach.workout` does: never more running than the coach planned, which the weekly running cap
counts); a continuous bout is one phase; a hold is a get-into-position countdown and the hold. Times are
seconds from the start of the script; what a person did is read back from it by `done_at`, whatever
stopped it. Labels and cues are written in the person's language (the `language` of `guide_for`).
"""

from __future__ import annotations

import math
from enum import StrEnum

from calfcoach.domain.base import Value
from calfcoach.domain.exercise import Dose, Exercise
from calfcoach.domain.units import METRIC, Units, speed_number
from calfcoach.i18n import N_, localize_decimals, translate, translate_plural

READY_S = 10  # time to put the phone away and step onto the treadmill or the path
HOLD_READY_S = 5  # time to get into the stretch
BEEPS_S = 5  # the last seconds of a phase each get a short beep
HALFWAY_MIN_S = 60  # shorter bouts need no halfway cue


class PhaseKind(StrEnum):
    READY = "ready"
    WARMUP = "warmup"
    RUN = "run"
    WALK = "walk"
    COOLDOWN = "cooldown"
    STEADY = "steady"
    HOLD = "hold"


class Phase(Value):
    """One stretch of time doing one thing; `counted` phases are the prescribed dose (they are logged)."""

    kind: PhaseKind
    label: str
    start_s: float
    duration_s: float
    counted: bool
    running: bool

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_s


class Cue(Value):
    """A sentence to say (and show) at a moment of the script."""

    at_s: float
    text: str


class Guide(Value):
    """A timed item as phases, cues and beeps, from 0 to `total_s`."""

    phases: tuple[Phase, ...]
    cues: tuple[Cue, ...]
    beeps_s: tuple[float, ...]
    total_s: float

    def done_at(self, elapsed_s: float) -> tuple[float, float]:
        """Seconds of the dose done (counted phases) and of running within them, `elapsed_s` in."""
        counted = running = 0.0
        for phase in self.phases:
            part = min(max(elapsed_s - phase.start_s, 0.0), phase.duration_s)
            if phase.counted:
                counted += part
                if phase.running:
                    running += part
        return counted, running

    def phase_at(self, elapsed_s: float) -> Phase | None:
        """The phase under way `elapsed_s` in (None once the script has ended)."""
        return next((p for p in self.phases if p.start_s <= elapsed_s < p.end_s), None)


def _say(language: str | None, message: str, **values: object) -> str:
    """A cue in the person's language, its figures put in after translating (so a translation moves them)."""
    return translate(language, message).format(**values)


def spoken_duration(seconds: float, language: str | None = None) -> str:
    """'90 seconds', '3 minutes', '2 minutes 30 seconds': a duration as it is said aloud, in `language`."""
    whole = round(seconds)
    if whole < 120 and whole % 60:
        return translate_plural(language, "{n} second", "{n} seconds", whole).format(n=whole)
    minutes, rest = divmod(whole, 60)
    said = translate_plural(language, "{n} minute", "{n} minutes", minutes).format(n=minutes)
    if not rest:
        return said
    after = translate_plural(language, "{n} second", "{n} seconds", rest).format(n=rest)
    # TRANSLATORS: a spoken duration, "2 minutes 30 seconds": {minutes} and {seconds} are already said.
    return _say(language, N_("{minutes} {seconds}"), minutes=said, seconds=after)


def guide_for(
    dose: Dose, exercise: Exercise, units: Units = METRIC, language: str | None = None
) -> Guide | None:
    """The script of a timed item (a cardio bout or a hold), its speed said in `units` and every label and
    cue in `language` (give the exercise in that language too, `catalog_in(language)`); None for sets of
    reps, which are tapped."""
    if dose.is_cardio:
        return cardio_guide(
            dose, name=exercise.name, running=exercise.running, units=units, language=language
        )
    if dose.hold_s is not None:
        return hold_guide(dose.hold_s, name=exercise.name, language=language)
    return None


def cardio_guide(
    dose: Dose, *, name: str, running: bool, units: Units = METRIC, language: str | None = None
) -> Guide:
    """The script of a timed cardio item: get ready, warm-up walk, then run/walk intervals or one bout."""
    if dose.duration_s is None:
        raise ValueError("a cardio guide needs the dose's duration_s")
    said = _Said(language)
    phases = [_phase(PhaseKind.READY, said(N_("Get ready")), 0, READY_S, counted=False, running=False)]
    cues = [
        Cue(
            at_s=0,
            text=said(N_("Get ready: {name}. Starting in {seconds} seconds."), name=name, seconds=READY_S),
        )
    ]
    if dose.warmup_s:
        warmup = _phase(
            PhaseKind.WARMUP, said(N_("Warm-up walk")), READY_S, dose.warmup_s, counted=False, running=False
        )
        phases.append(warmup)
        length = spoken_duration(dose.warmup_s, language)
        cues.append(
            Cue(at_s=warmup.start_s, text=said(N_("Warm-up: brisk walk, {duration}."), duration=length))
        )
    main_start = phases[-1].end_s
    if dose.run_s is not None and dose.walk_s is not None:
        main = _intervals(main_start, dose.duration_s, dose.run_s, dose.walk_s, language)
    else:
        kind = PhaseKind.RUN if running else PhaseKind.STEADY
        label = said(N_("Run")) if running else name
        main = [_phase(kind, label, main_start, dose.duration_s, counted=True, running=running)]
    phases.extend(main)
    runs = sum(1 for p in main if p.kind is PhaseKind.RUN)
    for phase in main:
        cues.append(Cue(at_s=phase.start_s, text=_start_text(phase, name, dose, units, language)))
    if dose.duration_s >= HALFWAY_MIN_S:
        cues.append(Cue(at_s=main_start + dose.duration_s / 2, text=said(N_("Halfway."))))
    total = phases[-1].end_s
    length = spoken_duration(dose.duration_s, language)
    if dose.run_s is not None:
        done = translate_plural(
            language,
            "Done: {duration}, {runs} run. Well done.",
            "Done: {duration}, {runs} runs. Well done.",
            runs,
        ).format(duration=length, runs=runs)
    else:
        done = said(N_("Done: {duration}. Well done."), duration=length)
    cues.append(Cue(at_s=total, text=done))
    return Guide(phases=tuple(phases), cues=_merged(cues), beeps_s=_beeps(phases), total_s=total)


def hold_guide(hold_s: float, *, name: str, language: str | None = None) -> Guide:
    """The script of one hold: a few seconds to get into position, then the hold counted down."""
    said = _Said(language)
    ready = _phase(
        PhaseKind.READY, said(N_("Get into position")), 0, HOLD_READY_S, counted=False, running=False
    )
    hold = _phase(PhaseKind.HOLD, said(N_("Hold")), HOLD_READY_S, hold_s, counted=True, running=False)
    cues = [
        Cue(at_s=0, text=said(N_("Get into position: {name}."), name=name)),
        Cue(
            at_s=hold.start_s, text=said(N_("Hold, {duration}."), duration=spoken_duration(hold_s, language))
        ),
        Cue(at_s=hold.end_s, text=said(N_("Release."))),
    ]
    return Guide(phases=(ready, hold), cues=tuple(cues), beeps_s=_beeps([ready, hold]), total_s=hold.end_s)


class _Said:
    """`_say` bound to one language."""

    def __init__(self, language: str | None) -> None:
        self.language = language

    def __call__(self, message: str, **values: object) -> str:
        return _say(self.language, message, **values)


def _phase(
    kind: PhaseKind, label: str, start_s: float, duration_s: float, *, counted: bool, running: bool
) -> Phase:
    return Phase(
        kind=kind, label=label, start_s=start_s, duration_s=duration_s, counted=counted, running=running
    )


def _intervals(
    start_s: float, duration_s: int, run_s: int, walk_s: int, language: str | None = None
) -> list[Phase]:
    """Whole run + walk cycles from `start_s`, numbered 'Run 2 of 8', then the seconds left as a cool-down
    walk; shorter than one cycle: run what fits and walk the rest."""
    count, rest = divmod(duration_s, run_s + walk_s)
    lengths: list[tuple[PhaseKind, int]] = [(PhaseKind.RUN, run_s), (PhaseKind.WALK, walk_s)] * count
    if count == 0:
        lengths = [(PhaseKind.RUN, min(run_s, duration_s))]
        if duration_s > run_s:
            lengths.append((PhaseKind.WALK, duration_s - run_s))
    elif rest:
        lengths.append((PhaseKind.COOLDOWN, rest))
    runs = max(count, 1)
    labels = {
        PhaseKind.RUN: N_("Run {number} of {runs}"),
        PhaseKind.WALK: N_("Walk {number} of {runs}"),
        PhaseKind.COOLDOWN: N_("Cool-down walk"),
    }
    phases: list[Phase] = []
    at, number = start_s, 0
    for kind, seconds in lengths:
        number += kind is PhaseKind.RUN
        label = _say(language, labels[kind], number=number, runs=runs)
        phases.append(_phase(kind, label, at, seconds, counted=True, running=kind is PhaseKind.RUN))
        at += seconds
    return phases


def _start_text(phase: Phase, name: str, dose: Dose, units: Units, language: str | None) -> str:
    said = _Said(language)
    length = spoken_duration(phase.duration_s, language)
    if phase.kind is PhaseKind.RUN and dose.run_s is not None:
        # TRANSLATORS: {label} is the phase's own name, "Run 2 of 8".
        return said(N_("{label}, {duration}."), label=phase.label, duration=length)
    if phase.kind is PhaseKind.WALK:
        return said(N_("Walk, {duration}."), duration=length)
    if phase.kind is PhaseKind.COOLDOWN:
        return said(N_("Cool-down: walk, {duration}."), duration=length)
    if phase.kind is PhaseKind.RUN:
        return said(N_("Start running, {duration}."), duration=length)
    if not dose.speed_kmh:
        return said(N_("Start: {name}, {duration}."), name=name, duration=length)
    if units.imperial:
        speed = localize_decimals(f"{speed_number(dose.speed_kmh, units):g}", language)
        return said(
            N_("Start: {name}, {duration} at {speed} miles per hour."),
            name=name,
            duration=length,
            speed=speed,
        )
    speed = localize_decimals(f"{dose.speed_kmh:g}", language)
    return said(
        N_("Start: {name}, {duration} at {speed} kilometres per hour."),
        name=name,
        duration=length,
        speed=speed,
    )


def _merged(cues: list[Cue]) -> tuple[Cue, ...]:
    """One cue per moment, in time order: two sentences due at the same second are said as one."""
    by_time: dict[float, list[str]] = {}
    for cue in sorted(cues, key=lambda c: c.at_s):
        by_time.setdefault(cue.at_s, []).append(cue.text)
    return tuple(Cue(at_s=at, text=" ".join(texts)) for at, texts in by_time.items())


def _beeps(phases: list[Phase]) -> tuple[float, ...]:
    """A beep at each of the last seconds of every phase (never at its first moment)."""
    beeps: list[float] = []
    for phase in phases:
        count = min(BEEPS_S, math.ceil(phase.duration_s) - 1)
        beeps.extend(phase.end_s - k for k in range(count, 0, -1))
    return tuple(beeps)
