"""`calfcoach mail weekly-summary`: a coach who switched it on gets the clients' week (a timer runs it)."""

from __future__ import annotations

from typing import Annotated

import typer

from calfcoach.cli.common import console, handles_errors
from calfcoach.i18n import N_


def weekly_summary(
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help=N_("Count the summaries that would go out; send and record nothing.")),
    ] = False,
) -> None:
    import os

    from calfcoach.api.links import ENV_PUBLIC_URL, parse_public_url
    from calfcoach.cli.database import chosen_url
    from calfcoach.cli.words import _, day
    from calfcoach.services.clock import clock_from_environment
    from calfcoach.services.mail import mail_settings
    from calfcoach.services.weekly_summary import send_weekly_summaries
    from calfcoach.store import open_store

    public = os.environ.get(ENV_PUBLIC_URL, "").strip()
    dashboard = parse_public_url(public) + "/coach" if public else None
    clock = clock_from_environment()
    with open_store(chosen_url()) as store:
        run = send_weekly_summaries(
            store, mail_settings(), now=clock.now(), today=clock.today(), dashboard=dashboard, dry_run=dry_run
        )
    week = day(run.week)
    if dry_run:
        console().print(
            _(
                "Week of {week}: {count} summaries would be sent (dry run: nothing sent).",
                week=week,
                count=run.would_send,
            )
        )
        return
    console().print(_("Week of {week}: {count} summaries sent.", week=week, count=run.sent))
    if run.failed:
        console().print(
            _(
                "[yellow]{count} could not be sent[/] (the mail server refused; see the log): "
                "the next run tries them again.",
                count=run.failed,
            )
        )
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the `mail` command group to the app."""
    mail = typer.Typer(help=N_("E-mail sent by a timer (the weekly summary)."), no_args_is_help=True)
    app.add_typer(mail, name="mail")
    mail.command(
        "weekly-summary",
        help=N_(
            "Send this week's summary to every coach who switched it on and was not yet sent it (safe "
            "to rerun).\n\nPrints how many were sent, never to whom (its output goes to the system log)."
        ),
    )(handles_errors(weekly_summary))
