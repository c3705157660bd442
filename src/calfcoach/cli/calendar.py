"""`calfcoach calendar FILE.ics`: the plan as an iCalendar file for any calendar app."""

from __future__ import annotations

from pathlib import Path

import typer

from calfcoach.i18n import N_


def calendar(
    path: Path = typer.Argument(..., metavar="FILE.ics", help=N_("Where to write the calendar.")),
    weeks: int = typer.Option(4, "--weeks", min=1, max=52, help=N_("How many weeks from today.")),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.database import open_db
        from calfcoach.cli.options import now
        from calfcoach.services.calendar import write_plan_calendar

        moment = now()
        with open_db() as store:
            events = write_plan_calendar(store, path, weeks=weeks, today=moment.date(), now=moment)
        if as_json:
            from calfcoach.cli.common import emit_json
            from calfcoach.services.views import CalendarWritten

            emit_json(CalendarWritten(path=str(path), events=events).model_dump(mode="json"))
            return
        from calfcoach.cli.common import console
        from calfcoach.cli.words import _

        console().print(
            _(
                "[green]Wrote[/] {count} sessions to {path}; import it into your calendar app.",
                count=events,
                path=path,
            )
        )

    run()


def register(app: typer.Typer) -> None:
    app.command(
        "calendar",
        help=N_("Write the plan as an iCalendar file: one event per session, doses in the description."),
    )(calendar)
