"""`calfcoach backup FILE` and `calfcoach restore FILE`: a whole database to a file and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from calfcoach.cli.common import console, handles_errors
from calfcoach.i18n import N_

FileArgument = Annotated[Path, typer.Argument(metavar="FILE", help=N_("The backup file."))]


def backup(
    file: FileArgument,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace FILE if it exists."))] = False,
) -> None:
    from calfcoach.cli.database import chosen_url
    from calfcoach.cli.words import _
    from calfcoach.store.backup import backup as make

    made = make(chosen_url(), file, force=force)
    console().print(
        _(
            "Backed up {source} (schema revision {revision}) to {path} ({format}, {size} KiB).",
            source=made.source,
            revision=made.revision,
            path=made.path,
            format=made.format,
            size=f"{made.size_bytes / 1024:.0f}",
        )
    )


def restore(
    file: FileArgument,
    force: Annotated[bool, typer.Option("--force", help=N_("Replace a database that holds data."))] = False,
) -> None:
    from calfcoach.cli.database import chosen_url
    from calfcoach.cli.words import _
    from calfcoach.store.backup import restore as load

    done = load(chosen_url(), file, force=force)
    upgraded = (
        _(", upgraded to {revision}", revision=done.upgraded_to) if done.upgraded_to != done.revision else ""
    )
    console().print(
        _(
            "Restored {target} from {path} (schema revision {revision}{upgraded}). "
            "Restart any server using this database so it forgets what it had cached.",
            target=done.target,
            path=done.path,
            revision=done.revision,
            upgraded=upgraded,
        )
    )


def register(app: typer.Typer) -> None:
    app.command(
        "backup",
        help=N_(
            "Copy the database to FILE, consistently while servers write (SQLite: a file; PostgreSQL: "
            "pg_dump)."
        ),
    )(handles_errors(backup))
    app.command(
        "restore",
        help=N_(
            "Replace the database with a backup made by `calfcoach backup`, then upgrade it if it is older."
        ),
    )(handles_errors(restore))
