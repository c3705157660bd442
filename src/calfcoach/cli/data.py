"""`calfcoach export` and `calfcoach import-data`: everything out and back in, losslessly."""

from __future__ import annotations

from pathlib import Path

import typer


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

        what = ", ".join(f"{n} {k}" for k, n in done.counts.items() if n)
        console().print(
            f"[green]Exported[/] to {done.path}" + (f": {what}" if what else f" ({len(done.files)} files)")
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

        what = ", ".join(f"{n} {k}" for k, n in done.counts.items() if n)
        skipped = ", ".join(f"{n} {k}" for k, n in done.duplicates.items() if n)
        console().print(
            f"[green]Imported[/] {path}: {what or 'a profile'}"
            + (f" ({skipped} already stored, skipped)" if skipped else "")
        )

    run()


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("import-data")(import_data)
