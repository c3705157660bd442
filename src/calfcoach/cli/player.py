"""The guided-session player: walks the steps with beats and countdowns, and saves after every set.

Cardio bouts and holds follow the same timed script as the web player (`coach.guide`): each cue is printed
with a bell as it comes, the last seconds of each phase ring, and a status line counts the phase down.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer

from calfcoach.cli.common import console, error_console
from calfcoach.cli.keys import KeyReader
from calfcoach.cli.words import _, localized, ngettext, number
from calfcoach.domain.units import METRIC, Units, load_text, speed_text

if TYPE_CHECKING:
    from calfcoach.coach.guide import Guide
    from calfcoach.domain.log import PerformedSession
    from calfcoach.services.session_runner import SessionRecorder, Step

STOP, SKIP, PAUSE = "q", "s", "p"
PLAIN_REP_S = 2.0  # a rep with no prescribed tempo: about 1 s up, 1 s down


@dataclass
class Felt:
    """How the session felt, given as flags or asked at the end."""

    rpe: float | None
    pain_during: int | None
    pain_after: int | None

    def check(self) -> None:
        """Refuse out-of-range values before anything starts (nothing is written)."""
        from calfcoach.domain.errors import InputError

        for flag, value in (
            ("--rpe", self.rpe),
            ("--pain-during", self.pain_during),
            ("--pain-after", self.pain_after),
        ):
            if value is not None and not 0 <= value <= 10:
                raise InputError(
                    _("{value} is outside 0-10", value=number(value)),
                    where=flag,
                    hint=_("0 is none, 10 the worst"),
                )


def _side(step: Step) -> str:
    sides = {"left": _("left"), "right": _("right")}
    return "" if step.side.value == "both" else f" ({sides.get(step.side.value, step.side.value)})"


class Player:
    """Plays a session's steps in the terminal; with interactive=False it runs them straight through."""

    def __init__(
        self,
        recorder: SessionRecorder,
        steps: list[Step],
        *,
        beat_s: float,
        interactive: bool,
        bell: bool,
        to_stderr: bool = False,
        keys: KeyReader | None = None,
        sleep: Callable[[float], None] = time.sleep,
        units: Units = METRIC,
    ) -> None:
        self.out = error_console() if to_stderr else console()
        self.units = units
        self.recorder = recorder
        self.steps = steps
        self.beat_s = beat_s
        self.interactive = interactive
        self.bell = bell
        self.keys = keys or KeyReader(enabled=interactive)
        self.sleep = sleep
        self._live: Any = None

    def play(self, title: str, felt: Felt) -> PerformedSession | None:
        """Run every step, then ask how it felt and save the session as finished (or stopped)."""
        out = self.out
        keys = _(" · keys: p pause, s skip, q stop") if self.interactive else ""
        count = ngettext("{n} set or bout", "{n} sets and bouts", len(self.steps))
        out.print(f"[bold]{title}[/] · {count}{keys}")
        stopped = False
        shown: set[str] = set()
        with self.keys, self._status_line():
            try:
                for step in self.steps:
                    if step.exercise_id not in shown:
                        shown.add(step.exercise_id)
                        self._introduce(step)
                    if self._do(step) == STOP:
                        stopped = True
                        break
            except KeyboardInterrupt:
                stopped = True
        if stopped:
            out.print(_("[yellow]Stopped.[/] What was done is saved."))
        self._ask(felt)
        saved = self.recorder.finish(
            rpe=felt.rpe,
            pain_during=felt.pain_during or 0,
            pain_after=felt.pain_after or 0,
            completed=not stopped,
        )
        if saved is None:
            out.print(_("Nothing was done, so nothing was saved."))
        else:
            out.print(
                _(
                    "[green]Session saved:[/] {sets}, {bouts}.",
                    sets=ngettext("{n} set", "{n} sets", len(saved.sets)),
                    bouts=ngettext("{n} cardio bout", "{n} cardio bouts", len(saved.cardio)),
                )
            )
        return saved

    def _introduce(self, step: Step) -> None:
        out = self.out
        out.print(f"\n[bold cyan]{step.exercise_name}[/]")
        for cue in step.cues:
            out.print(f"  [dim]•[/] {cue}")

    def _do(self, step: Step) -> str | None:
        out = self.out
        if step.is_cardio:
            minutes = (step.duration_s or 0) / 60
            said = localized(speed_text(step.speed_kmh, self.units)) if step.speed_kmh else ""
            speed = _(" at {speed}", speed=said) if said else ""
            out.print("  " + _("{minutes} min", minutes=number(minutes)) + speed)
            if step.guide is not None:
                at, key = self._follow(step.guide)
                elapsed, running = step.guide.done_at(at)
            else:
                elapsed, key = self._wait(float(step.duration_s or 0), _("time left"), countdown=True)
                running = 0.0
            if elapsed >= 1:
                has_runs = step.guide is not None and any(p.running for p in step.guide.phases)
                self.recorder.add_cardio(step, duration_s=elapsed, running_s=running if has_runs else None)
                ran = _(", {minutes} min of it running", minutes=number(running / 60, 1)) if has_runs else ""
                saved = _(
                    "{name}: {minutes} min{running} saved",
                    name=step.exercise_name,
                    minutes=number(elapsed / 60, 1),
                    running=ran,
                )
                self._event(f"  [green]✓[/] {saved}")
            return key
        what = (
            ngettext("{n} rep", "{n} reps", step.reps)
            if step.reps is not None
            else _("{seconds} s hold", seconds=number(step.hold_s or 0))
        )
        load = f" +{localized(load_text(step.load_kg, self.units))}" if step.load_kg else ""
        which = _("set {index}/{sets}", index=step.set_index + 1, sets=step.sets)
        out.print(f"  {which}{_side(step)}: {what}{load}")
        held: float | None = None
        if step.guide is not None:
            at, key = self._follow(step.guide)
            held = step.guide.done_at(at)[0]
        else:
            key = self._perform(step)
        if key in (SKIP, STOP):
            return key
        self.recorder.add_set(step, hold_s=held)
        which = _("set {index}/{sets}", index=step.set_index + 1, sets=step.sets)
        self._event(f"  [green]✓[/] {which}{_side(step)} " + _("saved"))
        if step.rest_s:
            _rested, key = self._wait(float(step.rest_s), _("rest"), countdown=True)
            if key == STOP:
                return STOP
        return None

    def _follow(self, guide: Guide) -> tuple[float, str | None]:
        """Play a timed script: each cue printed with a bell as it comes, a bell on each of the last seconds
        of a phase, the phase counted down in the status line. Return how far it went and a skip or stop key.
        """
        if self.beat_s <= 0:  # no waiting (--auto): the whole script is printed at once
            for line in guide.cues:
                self._say(line.at_s, line.text)
            return guide.total_s, None
        at, cue, beep = 0.0, 0, 0
        while True:
            while cue < len(guide.cues) and guide.cues[cue].at_s <= at + 1e-9:
                self._say(guide.cues[cue].at_s, guide.cues[cue].text)
                cue += 1
            while beep < len(guide.beeps_s) and guide.beeps_s[beep] <= at + 1e-9:
                if self.bell:
                    self.out.bell()
                beep += 1
            phase = guide.phase_at(at + 1e-9)
            if phase is None:
                return guide.total_s, None
            left = math.ceil(phase.end_s - at - 1e-9)
            in_all = _("{clock} in all", clock=_clock(guide.total_s - at))
            self._status(f"{phase.label} {left // 60}:{left % 60:02d} · {in_all}")
            # One beat a second, cut at the next cue, beep or phase end so each is on time.
            due = [phase.end_s, at + 1.0]
            due += [c.at_s for c in guide.cues[cue : cue + 1]] + list(guide.beeps_s[beep : beep + 1])
            beat = min(t for t in due if t > at + 1e-9) - at
            key = self._sleep(beat * self.beat_s)
            at += beat
            if key == PAUSE:
                self._status(_("paused · p resume, s skip, q stop"))
                key = self.keys.pause_until_resumed()
                key = None if key == PAUSE else key
            if key in (SKIP, STOP):
                return at, key

    def _say(self, at_s: float, text: str) -> None:
        if self.bell:
            self.out.bell()
        self._event(f"  [bold]{_clock(at_s)}[/] {text}")

    def _perform(self, step: Step) -> str | None:
        tempo = step.tempo
        phases = (
            [
                (_("up"), tempo.up_s),
                (_("hold"), tempo.top_s),
                (_("down"), tempo.down_s),
                (_("pause"), tempo.bottom_s),
            ]
            if tempo is not None
            else [(_("rep"), PLAIN_REP_S)]
        )
        for rep in range(1, (step.reps or 0) + 1):
            for name, seconds in phases:
                if seconds:
                    counted = _("rep {rep}/{reps}", rep=rep, reps=step.reps)
                    _waited, key = self._wait(seconds, f"{counted} · {name}")
                    if key is not None:
                        return key
        return None

    def _wait(self, seconds: float, label: str, *, countdown: bool = False) -> tuple[float, str | None]:
        """Count `seconds` of exercise time in beats; return the time counted and a skip or stop key."""
        if self.beat_s <= 0:
            return seconds, None
        elapsed = 0.0
        while elapsed < seconds - 1e-9:
            beat = min(1.0, seconds - elapsed)
            shown = math.ceil(seconds - elapsed) if countdown else int(elapsed) + 1
            self._status(f"{label} {shown}" if not countdown else f"{label} {shown // 60}:{shown % 60:02d}")
            if self.bell and not countdown:
                self.out.bell()
            key = self._sleep(beat * self.beat_s)
            elapsed += beat
            if key == PAUSE:
                self._status(_("paused · p resume, s skip, q stop"))
                key = self.keys.pause_until_resumed()
                key = None if key == PAUSE else key
            if key in (SKIP, STOP):
                return elapsed, key
        return elapsed, None

    def _sleep(self, real_s: float) -> str | None:
        if self.keys.enabled:
            # A key pressed mid-beat ends the beat early; the count goes on from the next one.
            key = self.keys.poll(real_s)
            return PAUSE if key == " " else key if key in (STOP, SKIP, PAUSE) else None
        self.sleep(real_s)
        return None

    def _status_line(self) -> Any:
        from contextlib import nullcontext

        if not self.interactive or not self.out.is_terminal:
            return nullcontext()
        from rich.live import Live

        self._live = Live("", console=self.out, transient=True, refresh_per_second=8)
        return self._live

    def _status(self, text: str) -> None:
        if self._live is not None:
            self._live.update(f"[bold]{text}[/]")

    def _event(self, text: str) -> None:
        self.out.print(text)
        self.out.file.flush()  # a confirmed set is announced only once it is saved, and seen at once

    def _ask(self, felt: Felt) -> None:
        if not self.interactive or not (self.recorder.sets or self.recorder.cardio):
            return
        if felt.rpe is None:
            felt.rpe = _ask_scale(_("How hard was it (0-10)"), default=None)
        if felt.pain_during is None:
            felt.pain_during = round(_ask_scale(_("Worst calf or Achilles pain during (0-10)"), default=0))
        if felt.pain_after is None:
            felt.pain_after = round(_ask_scale(_("Pain now (0-10)"), default=0))
        felt.check()


def _clock(seconds: float) -> str:
    whole = math.ceil(seconds - 1e-9)
    return f"{whole // 60}:{whole % 60:02d}"


def _ask_scale(question: str, *, default: int | None) -> float:
    """Ask for a number from 0 to 10 until one is given."""
    while True:
        answer = typer.prompt(question, default=default, type=float)
        if 0 <= answer <= 10:
            return float(answer)
        console().print(_("[red]Please give a number from 0 to 10.[/]"))
