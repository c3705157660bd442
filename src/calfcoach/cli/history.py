"""`calfcoach history`: what was done and felt, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from calfcoach.i18n import N_

if TYPE_CHECKING:
    from calfcoach.services.views import HistoryView


def history(
    last: int | None = typer.Option(
        None,
        "--last",
        min=1,
        help=N_("Only the last N sessions and check-ins (default: 20 on screen, all in JSON)."),
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.database import open_db
        from calfcoach.cli.options import today
        from calfcoach.services.history import history_view, load_local, load_recent

        shown = last if last is not None or as_json else 20
        with open_db() as store:
            if shown is None:
                athlete, past = load_local(store)
                view = history_view(athlete, past)
            else:
                athlete, past, totals = load_recent(store, last=shown, today=today())
                view = history_view(athlete, past, last=shown, totals=totals)
        if as_json:
            from calfcoach.cli.common import emit_json

            emit_json(view.model_dump(mode="json"))
            return
        _print(view)

    run()


def _print(view: HistoryView) -> None:
    from rich.table import Table

    from calfcoach.cli.common import console
    from calfcoach.cli.words import _, day, ngettext, number

    out = console()
    totals = view.totals
    counts = (
        ngettext("{n} session", "{n} sessions", totals.sessions),
        ngettext("{n} set", "{n} sets", totals.sets),
        ngettext("{n} check-in", "{n} check-ins", totals.checkins),
        ngettext("{n} test", "{n} tests", totals.tests),
    )
    out.print(_("[bold]{name}[/]: {counts}", name=view.athlete.name, counts=", ".join(counts)))
    if view.sessions:
        table = Table(
            _("day"),
            _("session"),
            _("sets"),
            _("reps"),
            _("cardio"),
            _("RPE"),
            _("pain"),
            title=_("Sessions"),
            title_justify="left",
        )
        for s in view.sessions:
            name = s.template_id + ("" if s.completed else " " + _("(stopped)"))
            cardio = _("{minutes} min", minutes=number(s.cardio_min)) if s.cardio_min else ""
            rpe = "" if s.rpe is None else number(s.rpe)
            table.add_row(
                day(s.day),
                name,
                str(s.sets),
                str(s.reps),
                cardio,
                rpe,
                f"{s.pain_during}/{s.pain_after}",
            )
        out.print(table)
    if view.checkins:
        table = Table(_("day"), _("morning pain"), _("stiffness"), title=_("Check-ins"), title_justify="left")
        for c in view.checkins:
            table.add_row(day(c.day), str(c.morning_pain), str(c.stiffness))
        out.print(table)
    if view.tests:
        table = Table(_("day"), _("test"), _("left"), _("right"), title=_("Tests"), title_justify="left")
        for t in view.tests:
            table.add_row(day(t.day), t.kind.value, number(t.left), number(t.right))
        out.print(table)


def register(app: typer.Typer) -> None:
    app.command(
        "history",
        help=N_(
            "Show your history: sessions with sets, reps, cardio, effort and pain; check-ins; test results."
        ),
    )(history)
