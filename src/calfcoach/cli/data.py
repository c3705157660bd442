"""`calfcoach export` and `calfcoach import-data`: everything out and back in, losslessly."""

from __future__ import annotations

from pathlib import Path

import typer

from calfcoach.i18n import N_

# The kinds of records an export holds, as the report names them (the export's own keys stay English).
KINDS = {
    "sessions": N_("sessions"),
    "sets": N_("sets"),
    "cardio": N_("cardio bouts"),
    "checkins": N_("check-ins"),
    "tests": N_("tests"),
    "notes": N_("notes"),
    "plans": N_("plans"),
    "activities": N_("activities"),
    "screenings": N_("screenings"),
    "clearances": N_("clearances"),
}


def _counted(counts: dict[str, int]) -> str:
    """`3 sessions, 40 sets` in the CLI's language (a kind not listed by its key)."""
    from calfcoach.cli.words import _

    return ", ".join(f"{n} {_(KINDS[k]) if k in KINDS else k}" for k, n in counts.items() if n)


def export(
    path: Path = typer.Argument(
        ..., metavar="FILE.json|FILE.csv", help="FILE.json, or FILE.csv for a folder FILE of CSV tables."
    ),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output (docs/cli.md)."),
) -> None:
    """Export everything: profile, sessions, check-ins, tests, notes, plans and activities."""
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.database import open_db
        from calfcoach.services.transfer import export_to

        with open_db() as store:
            done = export_to(store, path)
        if as_json:
            from calfcoach.cli.common import emit_json

            emit_json(done.model_dump(mode="json"))
            return
        from calfcoach.cli.common import console
        from calfcoach.cli.words import _

        what = _counted(done.counts)
        files = _("{count} files", count=len(done.files))
        console().print(
            _("[green]Exported[/] to {path}", path=done.path) + (f": {what}" if what else f" ({files})")
        )

    run()


def import_data(
    path: Path = typer.Argument(
        ..., metavar="FILE.json", help="A file (or CSV folder) made by `calfcoach export`."
    ),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output (docs/cli.md)."),
) -> None:
    """Import an export into this database, in one transaction: a bad file writes nothing."""
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.database import open_db
        from calfcoach.cli.options import today
        from calfcoach.services.transfer import import_from, read_export

        document = read_export(path, today=today())  # all of it checked before the database is opened
        with open_db(create=True) as store:
            done = import_from(store, document)
        from calfcoach.cli.database import after_write

        after_write()
        if as_json:
            from calfcoach.cli.common import emit_json

            emit_json(done.model_dump(mode="json"))
            return
        from calfcoach.cli.common import console
        from calfcoach.cli.words import _

        what = _counted(done.counts)
        skipped = _counted(done.duplicates)
        console().print(
            _("[green]Imported[/] {path}: {what}", path=path, what=what or _("a profile"))
            + (_(" ({skipped} already stored, skipped)", skipped=skipped) if skipped else "")
        )

    run()


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import-data")(import_data)
