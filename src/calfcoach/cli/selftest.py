"""`calfcoach test KIND`: follow a test's protocol, record left and right, see what it means."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from calfcoach.cli.options import finite
from calfcoach.i18n import N_

if TYPE_CHECKING:
    from calfcoach.domain.log import TestKind
    from calfcoach.services.views import ProtocolView, TestTaken


class Kind(StrEnum):
    HEEL_RAISE = "heel-raise"
    KNEE_TO_WALL = "knee-to-wall"
    BALANCE = "balance"
    HOP = "hop"


KINDS = {"heel-raise": "heel_raise", "knee-to-wall": "knee_to_wall", "balance": "balance", "hop": "hop_pain"}


def run_test(
    kind: Kind = typer.Argument(..., help=N_("heel-raise, knee-to-wall, balance or hop (pain on hopping).")),
    left: float | None = typer.Option(
        None, "--left", parser=finite(), help=N_("Result of the left leg (in the test's unit).")
    ),
    right: float | None = typer.Option(None, "--right", parser=finite(), help=N_("Result of the right leg.")),
    eyes_closed: bool = typer.Option(False, "--eyes-closed", help=N_("Balance test done with eyes closed.")),
    day: str | None = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help=N_("When it was done (default today).")
    ),
    no_input: bool = typer.Option(
        False, "--no-input", help=N_("Never prompt; --left and --right are required.")
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.common import emit_json
        from calfcoach.cli.database import open_db
        from calfcoach.cli.options import parse_day, today
        from calfcoach.cli.words import _, language
        from calfcoach.domain.errors import InputError
        from calfcoach.domain.log import TestKind, TestResult
        from calfcoach.services.assessments import take_test

        test_kind = TestKind(KINDS[kind.value])
        values = {"left": left, "right": right}
        if left is None or right is None:
            if no_input:
                raise InputError(_("--left and --right are both needed"), where=f"test {kind.value}")
            from calfcoach.cli.database import speak
            from calfcoach.cli.words import early_language

            speak(early_language())  # the protocol and the questions before the store is opened
            view = protocol_said(test_kind)
            print_protocol(view)
            legs = {
                "left": _("Left leg ({unit})", unit=view.unit),
                "right": _("Right leg ({unit})", unit=view.unit),
            }
            for side, question in legs.items():
                if values[side] is None:
                    values[side] = typer.prompt(question, type=float)
        result = TestResult(
            day=parse_day(day, "--date"),
            kind=test_kind,
            left=values["left"],
            right=values["right"],
            eyes_closed=eyes_closed,
        )
        with open_db() as store:
            answer = take_test(store, result, today=today(), language=language())
        from calfcoach.cli.database import after_write

        after_write()
        if as_json:
            emit_json(answer.model_dump(mode="json"))
            return
        _print(answer)

    run()


def protocol_said(kind: TestKind) -> ProtocolView:
    """A test's protocol in the CLI's language: the service's view with the texts of
    assess/data/<language>/protocols.yaml (English where a language has none)."""
    from calfcoach.assess.protocols import protocol_in
    from calfcoach.cli.words import language
    from calfcoach.services.assessments import protocol_view

    view = protocol_view(kind)
    said = protocol_in(kind, language())
    return view.model_copy(
        update={
            "name": said.name,
            "purpose": said.purpose.strip(),
            "unit": said.unit,
            "value_label": said.value_label,
            "equipment": list(said.equipment),
            "setup": list(said.setup),
            "steps": list(said.steps),
            "stop_when": list(said.stop_when),
            "record": list(said.record),
            "safety": list(said.safety),
        }
    )


def print_protocol(view: ProtocolView) -> None:
    """Print a protocol: purpose, setup, numbered steps, when to stop, what to record, safety."""
    from calfcoach.cli.common import console
    from calfcoach.cli.words import _

    out = console()
    out.print(f"[bold]{view.name}[/]: {view.purpose}")
    for title, lines, numbered in (
        (_("Setup"), view.setup, False),
        (_("Steps"), view.steps, True),
        (_("Stop when"), view.stop_when, False),
        (_("Record"), view.record, False),
    ):
        if lines:
            out.print(f"[bold]{title}[/]")
            for number, line in enumerate(lines, 1):
                out.print(f"  {number}. {line}" if numbered else f"  • {line}")
    for line in view.safety:
        out.print(f"  [yellow]![/] {line}")


def _print(answer: TestTaken) -> None:
    from calfcoach.cli.common import console
    from calfcoach.cli.words import _

    out = console()
    out.print(_("[green]Saved.[/]"))
    for line in answer.summary:
        out.print(f"  {line}")
    gate = answer.running_gate
    if gate.ready:
        out.print(_("[bold green]Running gate met:[/] you are ready to start running."))
    else:
        out.print(_("[bold]Running gate not met yet:[/]"))
        for reason in gate.reasons:
            out.print(f"  • {reason}")


def register(app: typer.Typer) -> None:
    app.command(
        "test",
        help=N_(
            "Show a self-test's protocol, record both legs, and print what the result means for running."
        ),
    )(run_test)
