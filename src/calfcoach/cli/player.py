"""The guided-session player: walks the steps with beats and countdowns, and saves after every set."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer

from calfcoach.cli.common import console, error_console
from calfcoach.cli.keys import KeyReader

if TYPE_CHECKING:
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
                raise InputError(f"{value:g} is outside 0-10", where=flag, hint="0 is none, 10 the worst")


def _side(step: Step) -> str:
    return "" if step.side.value == "both" else f" ({step.side.value})"


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
    ) -> None:
        self.out = error_console() if to_stderr else console()
        self.recorder = recorder
        self.steps = steps
        self.beat_s = beat_s
        self.interactive = interactive
        self.bell = bell
        self.keys = keys or KeyReader(enabled=interactive)
        self._live: Any = None

    def play(self, title: str, felt: Felt) -> PerformedSession | None:
        """Run every step, then ask how it felt and save the session as finished (or stopped)."""
        out = self.out
        keys = " · keys: p pause, s skip, q stop" if self.interactive else ""
        out.print(f"[bold]{title}[/] · {len(self.steps)} sets and bouts{keys}")
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
            out.print("[yellow]Stopped.[/] What was done is saved.")
        self._ask(felt)
        saved = self.recorder.finish(
            rpe=felt.rpe,
            pain_during=felt.pain_during or 0,
            pain_after=felt.pain_after or 0,
            completed=not stopped,
        )
        if saved is None:
            out.print("Nothing was done, so nothing was saved.")
        else:
            out.print(f"[green]Session saved:[/] {len(saved.sets)} sets, {len(saved.cardio)} cardio bouts.")
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
            speed = f" at {step.speed_kmh:.1f} km/h" if step.speed_kmh else ""
            out.print(f"  {minutes:g} min{speed}")
            elapsed, key = self._wait(float(step.duration_s or 0), "time left", countdown=True)
            if elapsed > 0:
                self.recorder.add_cardio(step, duration_s=elapsed)
                self._event(f"  [green]✓[/] {step.exercise_name}: {elapsed / 60:.1f} min saved")
            return key
        what = f"{step.reps} reps" if step.reps is not None else f"{step.hold_s:g} s hold"
        load = f" +{step.load_kg:g} kg" if step.load_kg else ""
        out.print(f"  set {step.set_index + 1}/{step.sets}{_side(step)}: {what}{load}")
        key = self._perform(step)
        if key in (SKIP, STOP):
            return key
        self.recorder.add_set(step)
        self._event(f"  [green]✓[/] set {step.set_index + 1}/{step.sets}{_side(step)} saved")
        if step.rest_s:
            _, key = self._wait(float(step.rest_s), "rest", countdown=True)
            if key == STOP:
                return STOP
        return None

    def _perform(self, step: Step) -> str | None:
        if step.hold_s is not None:
            return self._wait(step.hold_s, "hold")[1]
        tempo = step.tempo
        phases = (
            [("up", tempo.up_s), ("hold", tempo.top_s), ("down", tempo.down_s), ("pause", tempo.bottom_s)]
            if tempo is not None
            else [("rep", PLAIN_REP_S)]
        )
        for rep in range(1, (step.reps or 0) + 1):
            for name, seconds in phases:
                if seconds:
                    _, key = self._wait(seconds, f"rep {rep}/{step.reps} · {name}")
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
                self._status("paused · p resume, s skip, q stop")
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
        time.sleep(real_s)
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
            felt.rpe = _ask_scale("How hard was it (0-10)", default=None)
        if felt.pain_during is None:
            felt.pain_during = round(_ask_scale("Worst calf or Achilles pain during (0-10)", default=0))
        if felt.pain_after is None:
            felt.pain_after = round(_ask_scale("Pain now (0-10)", default=0))
        felt.check()


def _ask_scale(question: str, *, default: int | None) -> float:
    """Ask for a number from 0 to 10 until one is given."""
    while True:
        answer = typer.prompt(question, default=default, type=float)
        if 0 <= answer <= 10:
            return float(answer)
        console().print("[red]Please give a number from 0 to 10.[/]")
