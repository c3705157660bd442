"""The `calfcoach` command. Heavy libraries are imported inside commands so start-up stays fast."""

from __future__ import annotations

import typer

from calfcoach import MEDICAL_DISCLAIMER, __version__

app = typer.Typer(
    name="calfcoach",
    help="CalfCoach: stronger calves, then running. " + MEDICAL_DISCLAIMER,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """CalfCoach: stronger calves, then running."""


def run() -> None:
    """Entry point of the console script."""
    app()
