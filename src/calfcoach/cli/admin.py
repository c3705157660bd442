"""`calfcoach admin`: server administration (reset a password)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from calfcoach.cli.common import console, handles_errors


def register(app: typer.Typer) -> None:
    """Add the `admin` command group to the app."""
    admin = typer.Typer(help="Server administration.", no_args_is_help=True)
    app.add_typer(admin, name="admin")

    @admin.command("reset-password")
    @handles_errors
    def reset_password(
        email: Annotated[str, typer.Argument(help="The account's e-mail address.")],
        password_stdin: Annotated[
            bool,
            typer.Option("--password-stdin", help="Read the new password from standard input (scripts)."),
        ] = False,
        db: Annotated[
            str | None, typer.Option("--db", help="Database URL (also `calfcoach --db URL admin ...`).")
        ] = None,
    ) -> None:
        """Set a new password for an account and sign it out everywhere (sessions and API tokens)."""
        from calfcoach.cli.database import chosen_url
        from calfcoach.services.accounts import reset_password as reset
        from calfcoach.store import open_store

        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = typer.prompt("New password", hide_input=True, confirmation_prompt=True)
        with open_store(db or chosen_url()) as store:
            user = reset(store, email, password)
        console().print(
            f"New password set for {user.email}; every session of this account was signed out "
            "and its API tokens were revoked."
        )
