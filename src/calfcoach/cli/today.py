"""`calfcoach today`: the session for today with doses and reasons, or the next one on a rest day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import typer

from calfcoach.i18n import N_


def today(
    day: str | None = typer.Option(None, "--day", metavar="YYYY-MM-DD", help=N_("Another day than today.")),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli import today_cache
        from calfcoach.cli.database import chosen_athlete, chosen_url
        from calfcoach.cli.options import parse_day
        from calfcoach.domain.database_url import sqlite_file

        when = parse_day(day, "--day")
        database = sqlite_file(chosen_url())
        view = None if database is None else today_cache.cached_view(database, when, chosen_athlete())
        if view is None:
            view = _compute(database, when)
        if as_json:
            from calfcoach.cli.common import emit_json

            emit_json(view)
            return
        _print(view)

    run()


def _compute(database: Path | None, day: dt.date) -> dict[str, Any]:
    from calfcoach.cli import today_cache
    from calfcoach.cli.database import athlete_was_asked, chosen_athlete, open_db
    from calfcoach.i18n import from_environment
    from calfcoach.services.daily import today_views

    taken = None if database is None else today_cache.revisions(database)
    # Tomorrow too (the history is read once): tomorrow's first `today` is then instant if nothing is written.
    days = [day, day + dt.timedelta(days=1)] if database is not None else [day]
    with open_db() as store:
        computed = today_views(store, days, from_environment())
    views = {d: view.model_dump(mode="json") for d, view in computed.items()}
    # An athlete picked by asking is not what `today` without --athlete means next time: not cached.
    if database is not None and not athlete_was_asked():
        today_cache.save_views(database, taken, views, chosen_athlete())
    return views[day]


def _print(data: dict[str, Any]) -> None:
    from calfcoach.cli.common import console
    from calfcoach.cli.database import speak
    from calfcoach.cli.show import print_session
    from calfcoach.cli.words import _, day

    speak(data["language"])  # a cached answer read no profile: its texts say which language they are in
    out = console()
    safety = data.get("safety")
    if safety is not None and safety["mode"] != "train":
        from calfcoach.cli.safety import print_safety

        print_safety(safety)  # first and plainly: whether to train at all comes before what to do
    phase = data["phase"]
    out.print(
        _(
            "[bold]{program}[/] · phase [bold]{phase}[/], week {week}",
            program=data["program"]["name"],
            phase=phase["name"],
            week=phase["week"],
        )
    )
    pain = data["pain"]
    if pain["action"] != "progress" or pain["reasons"]:
        verdict = _("Pain: {action}", action=_pain_action(pain["action"]))
        out.print(f"[yellow]{verdict}[/]")
        for reason in pain["reasons"]:
            out.print(f"  [yellow]•[/] {reason}")
    for done in data["done"]:
        exercises = ", ".join(done["exercises"])
        out.print(_("[green]Done today:[/] {name} ({exercises}).", name=done["name"], exercises=exercises))
    if data["session"] is not None:
        print_session(data["session"])
        out.print(_("Start it with [bold]calfcoach session[/], or log it with [bold]calfcoach log[/]."))
    elif safety is not None and safety["stop"]:
        out.print(_("No session on {day}: see above.", day=day(data["day"])))
    else:
        if not data["done"]:
            out.print(_("Rest day on {day}.", day=day(data["day"])))
        if data["next_session"] is not None:
            out.print(_("Next session:"))
            print_session(data["next_session"])
    upcoming = data["next_phase"]
    if upcoming is not None and not (safety is not None and safety["stop"]):
        state = _("ready") if upcoming["ready"] else _("not yet")
        out.print("\n" + _("Next phase: [bold]{name}[/] ({state})", name=upcoming["name"], state=state))
        for missing in upcoming["missing"]:
            out.print(f"  [dim]•[/] {missing}")
    disclaimer = _(data["disclaimer"])  # the catalog's words for the disclaimer the view carries
    out.print(f"\n[dim]{disclaimer}[/]")


def _pain_action(action: str) -> str:
    """The pain rule's verdict in words (the view gives its code: progress, hold, regress, stop)."""
    from calfcoach.cli.words import _

    words = {"progress": _("progress"), "hold": _("hold"), "reduce": _("reduce")}
    return words.get(action, action)


def register(app: typer.Typer) -> None:
    app.command(
        "today",
        help=N_(
            "Show what to do today: the session with its doses and why, the phase, and what the next "
            "phase needs."
        ),
    )(today)
