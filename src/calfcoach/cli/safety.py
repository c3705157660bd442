"""`calfcoach cleared` (a clinician cleared me) and `calfcoach screening` (take the screening again), and the
plain-words printing of the safety block that `today`, `checkin` and these commands share."""

from __future__ import annotations

from typing import Any

import typer

from calfcoach.i18n import N_

CLEARED_HOW = N_("When a doctor or physiotherapist has seen you and cleared you: calfcoach cleared --by WHO")


def print_safety(block: dict[str, Any] | None, *, all_clear: str | None = None) -> None:
    """Print what the safety block says, most severe first: a red panel to stop, a yellow one to see a
    physiotherapist, one line for a cautious start; `all_clear` (if given) when nothing is open."""
    from rich.markup import escape
    from rich.panel import Panel

    from calfcoach.cli.common import console
    from calfcoach.cli.words import _, day

    out = console()
    if block is None or block["mode"] == "train":
        if all_clear is not None:
            out.print(f"[green]{escape(all_clear)}[/]")
        return
    flags = block["flags"]
    flag_advice = {f["advice"] for f in flags}
    if block["mode"] == "cautious":
        ids = ", ".join(f["id"] for f in flags)
        out.print(
            _(
                "[yellow]Cautious start[/] ({ids}): beginner doses until you record a clearance "
                "([bold]calfcoach cleared --by WHO[/]).",
                ids=escape(ids),
            )
        )
        return
    stop = block["mode"] == "stop"
    colour = "red" if stop else "yellow"
    lines = []
    for flag in flags:
        source = {"screening": _("screening"), "checkin": _("check-in"), "pain": _("pain")}.get(
            flag["source"], ""
        )
        where = _("{id}, {source} of {day}", id=flag["id"], source=source, day=day(flag["since"]))
        style = "bold red" if flag["level"] == "urgent" else colour
        lines.append(f"[{style}]•[/] {escape(flag['advice'])} [dim]({escape(where)})[/]")
    lines += [escape(text) for text in block["advice"] if text not in flag_advice]
    if not any("calfcoach cleared" in text for text in block["advice"]):
        lines.append(escape(_(CLEARED_HOW)))
    title = _("Do not train today: see a doctor") if stop else _("See a physiotherapist")
    out.print(Panel("\n".join(lines), title=f"[bold {colour}]{title}[/]", border_style=colour, expand=False))


def cleared(
    by: str = typer.Option(..., "--by", metavar="WHO", help=N_("Who cleared you, e.g. GP, physio, A&E.")),
    note: str = typer.Option("", "--note", help=N_("What they said, if worth keeping.")),
    day: str | None = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help=N_("The day you were seen (default today).")
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.database import open_db
        from calfcoach.cli.options import now, parse_day
        from calfcoach.cli.words import _, language
        from calfcoach.cli.words import day as said_day
        from calfcoach.domain.log import Clearance
        from calfcoach.services.athletes import local_athlete_id
        from calfcoach.services.safety import record_clearance, safety_block

        moment = now()  # one reading: today, and the instant the clearance is recorded at
        clearance = Clearance(
            day=parse_day(day, "--date"), by=by.strip(), note=note.strip(), recorded_at=moment
        )
        with open_db() as store:
            athlete_id = local_athlete_id(store)
            status = record_clearance(store, athlete_id, clearance, today=moment.date(), now=moment)
        from calfcoach.cli.database import after_write

        after_write()
        block = safety_block(status, language=language())
        if as_json:
            from calfcoach.cli.common import emit_json
            from calfcoach.services.views import ClearanceRecorded

            recorded = ClearanceRecorded.model_validate({"clearance": clearance, "safety": block})
            emit_json(recorded.model_dump(mode="json"))
            return
        from rich.markup import escape

        from calfcoach.cli.common import console

        console().print(
            _(
                "[green]Recorded:[/] cleared by {who} on {day}.",
                who=escape(clearance.by),
                day=said_day(clearance.day),
            )
        )
        if block["mode"] != "train":
            console().print(_("Still open (raised after that day):"))
        print_safety(block, all_clear=_("Nothing is open now: the coach prescribes again (calfcoach today)."))

    run()


def screening(
    answers: list[str] = typer.Option(
        [], "--answer", metavar="ID=yes|no", help=N_("A screening answer; repeat for each question.")
    ),
    all_no: bool = typer.Option(False, "--all-no", help=N_("Answer 'no' to every question not given.")),
    no_input: bool = typer.Option(
        False, "--no-input", help=N_("Never prompt; every question must be given.")
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.database import open_db
        from calfcoach.cli.options import now
        from calfcoach.cli.setup import ask_screening, print_advice
        from calfcoach.cli.words import _, language
        from calfcoach.services.athletes import local_athlete_id
        from calfcoach.services.safety import rescreen

        with open_db() as store:
            athlete_id = local_athlete_id(store)  # before any question: a clear error before `init`
            given = ask_screening(answers, all_no=all_no, ask=not no_input)
            result = rescreen(store, athlete_id, given, now=now(), language=language()).model_dump(
                mode="json"
            )
        from calfcoach.cli.database import after_write

        after_write()
        if as_json:
            from calfcoach.cli.common import emit_json

            emit_json(result)
            return
        from calfcoach.cli.common import console

        if result["screening"]["clear"]:
            console().print(_("[green]Screening clear.[/]"))
        if result["safety"]["mode"] in ("stop", "relative_rest"):
            print_safety(result["safety"])  # every open flag with its advice, this screening's too
            return
        from calfcoach.services.views import ScreeningAdvice

        flagged = result["screening"]["flagged"]
        print_advice(
            [ScreeningAdvice(id=f["id"], advice=f["advice"], urgent=f["level"] == "urgent") for f in flagged]
        )
        print_safety(result["safety"])

    run()


def register(app: typer.Typer) -> None:
    app.command(
        "cleared",
        help=N_(
            "Record that a doctor or physiotherapist has seen you and cleared you; the coach starts again."
        ),
    )(cleared)
    app.command(
        "screening",
        help=N_(
            'Take the screening again (the questions of `init`): each "yes" brings its advice and opens '
            "its flag."
        ),
    )(screening)
