"""`calfcoach export` and `calfcoach import-data`: everything out and back in, losslessly."""

from __future__ import annotations

from pathlib import Path

import typer

from calfcoach.i18n import N_


def _counted_kind(kind: str, n: int) -> str:
    """`3 sessions`, `1 check-in` in the CLI's language, the noun agreeing with the count (the export's own
    keys stay English; a kind not listed here is named by its key)."""
    from calfcoach.cli.words import ngettext

    counted = {
        "sessions": lambda: ngettext("{n} session", "{n} sessions", n),
        "sets": lambda: ngettext("{n} set", "{n} sets", n),
        "cardio": lambda: ngettext("{n} cardio bout", "{n} cardio bouts", n),
        "checkins": lambda: ngettext("{n} check-in", "{n} check-ins", n),
        "tests": lambda: ngettext("{n} test", "{n} tests", n),
        "notes": lambda: ngettext("{n} note", "{n} notes", n),
        "plans": lambda: ngettext("{n} plan", "{n} plans", n),
        "activities": lambda: ngettext("{n} activity", "{n} activities", n),
        "screenings": lambda: ngettext("{n} screening", "{n} screenings", n),
        "clearances": lambda: ngettext("{n} clearance", "{n} clearances", n),
    }
    return counted[kind]() if kind in counted else f"{n} {kind}"


def _counted(counts: dict[str, int]) -> str:
    """`3 sessions, 40 sets, 1 check-in` in the CLI's language."""
    return ", ".join(_counted_kind(k, n) for k, n in counts.items() if n)


def export(
    path: Path = typer.Argument(
        ..., metavar="FILE.json|FILE.csv", help=N_("FILE.json, or FILE.csv for a folder FILE of CSV tables.")
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
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
        from calfcoach.cli.words import _, ngettext

        what = _counted(done.counts)
        files = ngettext("{n} file", "{n} files", len(done.files))
        console().print(
            _("[green]Exported[/] to {path}", path=done.path) + (f": {what}" if what else f" ({files})")
        )

    run()


def import_data(
    path: Path = typer.Argument(
        ..., metavar="FILE.json", help=N_("A file (or CSV folder) made by `calfcoach export`.")
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
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
    app.command(
        "export",
        help=N_("Export everything: profile, sessions, check-ins, tests, notes, plans and activities."),
    )(export)
    app.command(
        "import-data",
        help=N_("Import an export into this database, in one transaction: a bad file writes nothing."),
    )(import_data)
