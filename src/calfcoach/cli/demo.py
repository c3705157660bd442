"""`calfcoach demo`: write an exercise's animated demonstration to an SVG or GIF file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from calfcoach.cli.options import finite
from calfcoach.i18n import N_

if TYPE_CHECKING:  # imported lazily at run time: start-up speed
    from calfcoach.domain.exercise import Tempo

FORMATS = (".svg", ".gif")


def register(app: typer.Typer) -> None:
    """Add the `demo` command to the app."""

    @app.command(
        "demo",
        help=N_("Write an exercise's demonstration, timed by its tempo, with the cues shown at each phase."),
    )
    def demo(
        exercise_id: Annotated[
            str, typer.Argument(metavar="ID", help=N_("The exercise, e.g. calf-raise-step."))
        ],
        out: Annotated[
            Path, typer.Option("--out", "-o", help=N_("File to write: .svg (animated, for the web) or .gif."))
        ],
        tempo: Annotated[
            str | None,
            typer.Option(
                "--tempo",
                help=N_("Seconds up-hold-down-pause, e.g. 2-1-3-0 (default: the exercise's own tempo)."),
            ),
        ] = None,
        fps: Annotated[
            float, typer.Option("--fps", help=N_("GIF frames a second (1-30)."), parser=finite(1, 30))
        ] = 10,
        highlight: Annotated[
            bool, typer.Option("--highlight/--no-highlight", help=N_("Colour the muscles being worked."))
        ] = True,
        as_json: Annotated[bool, typer.Option("--json", help=N_("Print what was written as JSON."))] = False,
    ) -> None:
        run(exercise_id, out, tempo=tempo, fps=fps, highlight=highlight, as_json=as_json)


def _fail(message: str) -> typer.Exit:
    from calfcoach.cli.words import _

    typer.echo(_("Error: {message}", message=message), err=True)
    return typer.Exit(2)


def parse_tempo(text: str) -> Tempo:
    """Parse 'up-hold-down-pause' seconds, e.g. '2-1-3-0', into a Tempo."""
    from pydantic import ValidationError

    from calfcoach.cli.words import _
    from calfcoach.domain.errors import InputError, describe_validation
    from calfcoach.domain.exercise import Tempo

    parts = text.split("-")
    hint = _("give four numbers of seconds, up-hold-down-pause, e.g. 2-1-3-0")
    given = repr(text)
    try:
        up_s, top_s, down_s, bottom_s = (float(p) for p in parts)
    except ValueError:
        raise InputError(_("--tempo {text} is not four numbers", text=given), hint=hint) from None
    try:
        tempo = Tempo(up_s=up_s, top_s=top_s, down_s=down_s, bottom_s=bottom_s)
    except ValidationError as exc:
        raise InputError(f"--tempo {given}: {describe_validation(exc)}", hint=hint) from None
    if tempo.rep_s <= 0:
        raise InputError(_("--tempo {text} adds up to no time", text=given), hint=hint)
    return tempo


def run(
    exercise_id: str, out: Path, *, tempo: str | None, fps: float, highlight: bool, as_json: bool
) -> None:
    """Do the work of the command: check the input, render, write, report."""
    from calfcoach.cli.words import _, number
    from calfcoach.demos.api import period_s, render_gif, render_svg
    from calfcoach.domain.errors import CalfCoachError

    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        kind = repr(suffix or _("(none)"))
        raise _fail(
            _("--out {out}: unknown file type {kind}; use a .svg or .gif file name", out=out, kind=kind)
        )
    if not out.parent.is_dir():
        raise _fail(_("--out {out}: folder {folder} does not exist", out=out, folder=out.parent))
    try:
        chosen = parse_tempo(tempo) if tempo is not None else None
        if suffix == ".svg":
            text = render_svg(exercise_id, chosen, highlight=highlight)
            out.write_text(text, encoding="utf-8")
        else:
            render_gif(exercise_id, out, chosen, fps=fps, highlight=highlight)
        loop_s = period_s(exercise_id, chosen)
    except CalfCoachError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(_("--out {out}: cannot write ({reason})", out=out, reason=exc.strerror)) from None
    size = out.stat().st_size
    if as_json:
        from calfcoach.services.views import DemoWritten

        written = DemoWritten(
            exercise=exercise_id, path=str(out), format=suffix[1:], loop_s=loop_s, bytes=size
        )
        typer.echo(json.dumps(written.model_dump(mode="json")))
        return
    from rich.console import Console

    Console().print(
        _(
            "Wrote [bold]{out}[/] ({format}, {loop} s loop, {size} KB)",
            out=out,
            format=suffix[1:].upper(),
            loop=number(loop_s),
            size=number(size / 1024, 1),
        )
    )
