"""The `calfcoach` command. Heavy libraries are imported inside commands so start-up stays fast."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

# Typer 0.29 (pinned) carries its own click; its usage errors and context are these classes.
from typer._click import Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from calfcoach import MEDICAL_DISCLAIMER, __version__
from calfcoach.cli.helptext import give_help_context, joined
from calfcoach.i18n import N_


@contextmanager
def _usage_as_error() -> Iterator[None]:
    """Report a usage mistake (a bad value, an unknown option) as every other error: one line, exit 2."""
    try:
        yield
    except NoArgsIsHelpError:
        raise  # not a mistake: the help is the answer
    except UsageError as error:
        from calfcoach.cli.common import fail
        from calfcoach.cli.database import speak
        from calfcoach.cli.usage import usage_message
        from calfcoach.cli.words import _, early_language, language

        speak(early_language())  # no profile is read before a usage mistake: the profile's language if cheap
        where = "" if error.ctx is None else _(" (see `{command} --help`)", command=error.ctx.command_path)
        fail(f"{usage_message(error, language())}{where}")


class Commands(TyperGroup):
    """The command group: a usage mistake is reported as an error line, help is drawn in the person's
    language (cli/helptext.py)."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any
    ) -> Context:
        if parent is None:  # the whole tree, once a run: Typer builds it anew each time
            from calfcoach.cli.database import choose

            choose(
                None
            )  # help before the callback (`calfcoach --help`) must not read an earlier run's database
            give_help_context(self)
        with _usage_as_error():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Context) -> Any:
        with _usage_as_error():
            return super().invoke(ctx)


app = typer.Typer(
    cls=Commands,
    name="calfcoach",
    help=joined(N_("CalfCoach: stronger calves, then running."), MEDICAL_DISCLAIMER),
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
    "workout",
    "data",
    "doctor",
    "backup",
    "activities",
    "serve",
    "admin",
    "mail",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=N_("Show the version.")
    ),
    db: str | None = typer.Option(
        None,
        "--db",
        metavar="URL",
        help=N_(
            "Database URL: sqlite:///FILE or postgresql://...; else CALFCOACH_DATABASE_URL, else a file."
        ),
    ),
    athlete: str | None = typer.Option(
        None,
        "--athlete",
        envvar="CALFCOACH_ATHLETE",  # services.athletes.ENV_ATHLETE, not imported here (start-up time)
        metavar="ID|NAME|EMAIL",
        help=N_("Whom to act for on a database with several athletes (else asked); also CALFCOACH_ATHLETE."),
    ),
) -> None:
    """CalfCoach: stronger calves, then running."""
    from calfcoach.cli.database import choose

    choose(db, athlete)
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
        from calfcoach.cli.words import language

        fail(error.text_in(language()))
    if notice is not None:
        typer.echo(f"calfcoach: {notice}", err=True)


for _name in COMMAND_MODULES:
    importlib.import_module(f"calfcoach.cli.{_name}").register(app)


def run() -> None:
    """Entry point of the console script."""
    app()
