"""`calfcoach doctor`: where the database is, its schema version, its integrity and its contents."""

from __future__ import annotations

import typer


def doctor(
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output (docs/cli.md)."),
) -> None:
    """Check the database: location, schema revision, integrity check and row counts."""
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.database import open_db

        with open_db() as store:
            info = store.info().as_dict()
        if as_json:
            from calfcoach.cli.common import emit_json

            emit_json(info)
            return
        from calfcoach.cli.common import console

        out = console()
        out.print(f"database  {info['location']} ({info['backend']})")
        out.print(f"schema    {info['revision']} (this CalfCoach: {info['head']})")
        size = info["size_bytes"]
        if size is not None:
            out.print(f"size      {size / 1024:.0f} KiB")
        for problem in info["problems"]:
            out.print(f"[red]problem[/]   {problem}")
        out.print("integrity " + ("[green]ok[/]" if info["ok"] else "[red]problems found[/]"))
        counts = ", ".join(
            f"{n} {name}" for name, n in info["counts"].items() if n and name != "alembic_version"
        )
        out.print(f"contents  {counts or 'empty'}")
        if not info["ok"]:
            raise typer.Exit(1)

    run()


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)
