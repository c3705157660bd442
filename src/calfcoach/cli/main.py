"""The `calfcoach` command. Heavy libraries are imported inside commands so start-up stays fast."""

from __future__ import annotations

import importlib

import typer

from calfcoach import MEDICAL_DISCLAIMER, __version__

app = typer.Typer(
    name="calfcoach",
    help="CalfCoach: stronger calves, then running. " + MEDICAL_DISCLAIMER,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module defines `register(app)`; it must import only typer at module level (start-up time).
COMMAND_MODULES: tuple[str, ...] = (
    "exercises",
    "program",
    "plan",
    "demo",
    "setup",
    "today",
    "session",
    "log",
    "safety",
    "selftest",
    "history",
    "calendar",
    "data",
    "doctor",
    "activities",
    "serve",
    "admin",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
    db: str | None = typer.Option(
        None,
        "--db",
        metavar="URL",
        help="Database URL: sqlite:///FILE or postgresql://...; else CALFCOACH_DATABASE_URL, else a file.",
    ),
) -> None:
    """CalfCoach: stronger calves, then running."""
    from calfcoach.cli.database import choose

    choose(db)
    if ctx.invoked_subcommand != "serve":  # serve refuses a moved date, or warns, itself
        _announce_clock()


def _announce_clock() -> None:
    """Refuse a bad CALFCOACH_TODAY before any command runs; say on stderr when it moves the day."""
    from calfcoach.domain.errors import InputError
    from calfcoach.services.clock import clock_from_environment, moved_notice

    try:
        notice = moved_notice(clock_from_environment())
    except InputError as error:
        from calfcoach.cli.common import fail

        fail(str(error))
    if notice is not None:
        typer.echo(f"calfcoach: {notice}", err=True)


for _name in COMMAND_MODULES:
    importlib.import_module(f"calfcoach.cli.{_name}").register(app)


def run() -> None:
    """Entry point of the console script."""
    app()
