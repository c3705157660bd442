"""`calfcoach workout [DATE] --out FILE.fit`: the day's walk, run or stairs as a watch workout file."""

from __future__ import annotations

from pathlib import Path

import typer

from calfcoach.i18n import N_


def workout(
    day: str | None = typer.Argument(
        None, metavar="[DATE]", help=N_("YYYY-MM-DD, today or tomorrow (default: today).")
    ),
    out: Path = typer.Option(
        ...,
        "--out",
        metavar="FILE.fit|FOLDER|FILE.zip",
        help=N_("Where to write (with --week: a folder or a .zip)."),
    ),
    week: bool = typer.Option(False, "--week", help=N_("The seven days from DATE, one .fit per session.")),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        import datetime as dt

        from calfcoach.cli.database import open_db
        from calfcoach.cli.options import now, parse_day
        from calfcoach.cli.words import _, ngettext, number
        from calfcoach.services.workouts import write_week, write_workout

        moment = now()
        when = (
            moment.date() + dt.timedelta(days=1)
            if day is not None and day.strip().lower() == "tomorrow"
            else parse_day(day, "DATE")
        )
        with open_db() as store:
            if week:
                paths = write_week(store, out, when, today=moment.date(), now=moment)
                report: dict[str, object] = {"files": [str(p) for p in paths]}
                text = ngettext(
                    "[green]Wrote[/] {count} file: ",
                    "[green]Wrote[/] {count} files: ",
                    len(paths),
                    count=len(paths),
                ) + ", ".join(str(p) for p in paths)
            else:
                file = write_workout(store, out, when, today=moment.date(), now=moment)
                minutes = file.workout.duration_s / 60
                report = {"files": [str(out)], "minutes": minutes, "left_out": list(file.workout.left_out)}
                text = _(
                    "[green]Wrote[/] {name} ({minutes} min) to {out}",
                    name=file.workout.name,
                    minutes=number(round(minutes)),
                    out=out,
                )
                if file.workout.left_out:
                    text += (
                        "\n" + _("Not in the file (do it from Today): ") + ", ".join(file.workout.left_out)
                    )
        if as_json:
            from calfcoach.cli.common import emit_json
            from calfcoach.services.views import WeekWritten, WorkoutWritten

            written = (WeekWritten if week else WorkoutWritten).model_validate(report)
            emit_json(written.model_dump(mode="json"))
            return
        from calfcoach.cli.common import console

        console().print(
            text + "\n" + _("On a Garmin watch: copy it to the GARMIN/NewFiles folder (docs/workouts.md).")
        )

    run()


def register(app: typer.Typer) -> None:
    app.command(
        "workout",
        help=N_(
            "Write the planned cardio as a FIT workout for a watch (Garmin: copy it to GARMIN/NewFiles)."
        ),
    )(workout)
