"""`calfcoach doctor`: where the database is, its schema version, its integrity and its contents."""

from __future__ import annotations

import typer

from calfcoach.i18n import N_


def doctor(
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.database import open_db

        with open_db() as store:
            info = store.info().as_dict()
        if as_json:
            from calfcoach.cli.common import emit_json
            from calfcoach.services.views import DoctorReport

            emit_json(DoctorReport.model_validate(info).model_dump(mode="json"))
            return
        from calfcoach.cli.common import console
        from calfcoach.cli.words import _

        out = console()
        # The labels in one column: as wide as the longest in the CLI's language.
        labels = {
            "database": _("database"),
            "schema": _("schema"),
            "size": _("size"),
            "problem": _("problem"),
            "integrity": _("integrity"),
            "contents": _("contents"),
        }
        width = max(len(text) for text in labels.values()) + 1

        def line(key: str, value: str, style: str = "") -> None:
            name = labels[key].ljust(width)
            out.print((f"[{style}]{name}[/]" if style else name) + value)

        line("database", f"{info['location']} ({info['backend']})")
        line("schema", _("{revision} (this CalfCoach: {head})", revision=info["revision"], head=info["head"]))
        size = info["size_bytes"]
        if size is not None:
            line("size", f"{size / 1024:.0f} KiB")
        for problem in info["problems"]:
            line("problem", str(problem), "red")
        line(
            "integrity", "[green]" + _("ok") + "[/]" if info["ok"] else "[red]" + _("problems found") + "[/]"
        )
        # Table names, as the database calls them (the operator's view).
        counts = ", ".join(
            f"{n} {name}" for name, n in info["counts"].items() if n and name != "alembic_version"
        )
        line("contents", counts or _("empty"))
        if not info["ok"]:
            raise typer.Exit(1)

    run()


def register(app: typer.Typer) -> None:
    app.command(
        "doctor", help=N_("Check the database: location, schema revision, integrity check and row counts.")
    )(doctor)
