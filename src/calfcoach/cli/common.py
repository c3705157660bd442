"""What every command shares: one place that turns errors into a message and exit code 2, and JSON output."""

from __future__ import annotations

import contextvars
import functools
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console

P = ParamSpec("P")
R = TypeVar("R")

EXIT_BAD_INPUT = 2


@functools.cache
def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


@functools.cache
def error_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def fail(message: str, *, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print `error: message` on stderr and leave with the given exit code (2: bad input, nothing written)."""
    from calfcoach.cli.words import _

    # "error:" in the person's language; a script should read the exit code (and --json), not this word.
    error_console().print("[bold red]" + _("error:") + f"[/] {message}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


def handles_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Map the app's errors and invalid values to a clear message and exit code 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            # In a context of its own: whom the command acts for (services.athletes) ends with it.
            return contextvars.copy_context().run(command, *args, **kwargs)
        except Exception as error:
            # Imported only on failure: pydantic costs start-up time every command would pay.
            from pydantic import ValidationError

            from calfcoach.cli.words import language
            from calfcoach.domain.errors import CalfCoachError, describe_validation, problems_in_words

            if isinstance(error, CalfCoachError):
                fail(error.text_in(language()))
            if isinstance(error, ValidationError):
                spoken = language()
                if spoken == "en":  # pydantic's own words, as the CLI has always written them
                    fail(describe_validation(error))
                # Another language: each problem in words a person reads (in_words), as a form says it.
                problems = problems_in_words(error, language=spoken)
                fail("; ".join(f"{place}: {words}" if place else words for place, words in problems))
            raise

    return wrapper


def emit_json(data: Any) -> None:
    """Write JSON to stdout: UTF-8, sorted keys, dates as ISO 8601, so scripts can rely on it."""
    sys.stdout.write(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str) + "\n")
