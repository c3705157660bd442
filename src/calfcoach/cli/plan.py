"""`calfcoach plan`: the dated plan, from the stored profile and history, or from a profile file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from calfcoach.i18n import N_


def plan(
    profile: Path | None = typer.Option(
        None,
        "--profile",
        help=N_("A profile YAML file (see docs/cli.md); default: the stored profile and history."),
    ),
    weeks: int = typer.Option(4, "--weeks", min=1, max=52, help=N_("How many weeks to show.")),
    start: str | None = typer.Option(
        None, "--start", help=N_("First day (YYYY-MM-DD); default the profile's.")
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import console, emit_json, fail, handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach import MEDICAL_DISCLAIMER
        from calfcoach.cli.show import print_session
        from calfcoach.cli.words import _
        from calfcoach.domain.log import History
        from calfcoach.library.translations import catalog_in
        from calfcoach.services.coaching import load_profile, plan_for
        from calfcoach.services.render import plan_view

        try:
            first = dt.date.fromisoformat(start) if start else None
        except ValueError:
            fail(_("--start {start} is not a date; use YYYY-MM-DD", start=repr(start)))
        if profile is not None:
            person, past = load_profile(profile), History()
        else:
            from calfcoach.cli.database import open_db
            from calfcoach.cli.options import today
            from calfcoach.services.history import load_local

            with open_db() as store:
                athlete, past = load_local(store)
            person = athlete.profile
            first = first or max(today(), person.start_date)
        from calfcoach.cli.words import language

        # The texts (sessions' names, doses, notes) in the person's language, else the machine's.
        spoken = person.language or language()
        person = person.model_copy(update={"language": spoken})
        plan = plan_for(person, past, weeks=weeks, start=first)
        view = plan_view(plan, catalog_in(spoken), person.preferred_units, spoken).model_dump(mode="json")
        if as_json:
            emit_json(view)
            return
        for session in view["sessions"]:
            print_session(session, reasons=False)
        for note in view["notes"]:
            console().print(f"[yellow]{note}[/]")
        console().print(f"\n[dim]{_(MEDICAL_DISCLAIMER)}[/]")

    run()


def register(app: typer.Typer) -> None:
    app.command(
        "plan",
        help=N_("Show the plan: dated sessions with doses, projected as if each is done as prescribed."),
    )(plan)
