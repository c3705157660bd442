"""`calfcoach plan`: the dated plan, from a profile file or (once set up) the stored profile."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer


def plan(
    profile: Path = typer.Option(..., "--profile", help="A profile YAML file (see docs/cli.md)."),
    weeks: int = typer.Option(4, "--weeks", min=1, max=52, help="How many weeks to show."),
    start: str | None = typer.Option(None, "--start", help="First day (YYYY-MM-DD); default the profile's."),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output (docs/cli.md)."),
) -> None:
    """Show the plan: dated sessions with doses, projected as if each is done as prescribed."""
    from calfcoach.cli.common import console, emit_json, fail, handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach import MEDICAL_DISCLAIMER
        from calfcoach.cli.show import print_session
        from calfcoach.domain.log import History
        from calfcoach.library.catalog import load_catalog
        from calfcoach.services.coaching import load_profile, plan_for
        from calfcoach.services.render import plan_view

        person = load_profile(profile)
        try:
            first = dt.date.fromisoformat(start) if start else None
        except ValueError:
            fail(f"--start {start!r} is not a date; use YYYY-MM-DD")
        view = plan_view(plan_for(person, History(), weeks=weeks, start=first), load_catalog())
        if as_json:
            emit_json(view)
            return
        for session in view["sessions"]:
            print_session(session, reasons=False)
        for note in view["notes"]:
            console().print(f"[yellow]{note}[/]")
        console().print(f"\n[dim]{MEDICAL_DISCLAIMER}[/]")

    run()


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
