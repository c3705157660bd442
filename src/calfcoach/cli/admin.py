"""`calfcoach admin`: server administration (reset a password, an account's language, delete an account)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from calfcoach.cli.common import console, handles_errors
from calfcoach.i18n import N_

AUTO = "auto"  # no language of the account's own


def register(app: typer.Typer) -> None:
    """Add the `admin` command group to the app."""
    admin = typer.Typer(help=N_("Server administration."), no_args_is_help=True)
    app.add_typer(admin, name="admin")

    @admin.command(
        "reset-password",
        help=N_("Set a new password for an account and sign it out everywhere (sessions and API tokens)."),
    )
    @handles_errors
    def reset_password(
        email: Annotated[str, typer.Argument(help=N_("The account's e-mail address."))],
        password_stdin: Annotated[
            bool,
            typer.Option("--password-stdin", help=N_("Read the new password from standard input (scripts).")),
        ] = False,
        db: Annotated[
            str | None, typer.Option("--db", help=N_("Database URL (also `calfcoach --db URL admin ...`)."))
        ] = None,
    ) -> None:
        from calfcoach.cli.database import chosen_url
        from calfcoach.cli.words import _
        from calfcoach.services.accounts import reset_password as reset
        from calfcoach.store import open_store

        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = typer.prompt(_("New password"), hide_input=True, confirmation_prompt=True)
        with open_store(db or chosen_url()) as store:
            user = reset(store, email, password)
        console().print(
            _(
                "New password set for {email}; every session of this account was signed out "
                "and its API tokens were revoked.",
                email=user.email,
            )
        )

    @admin.command(
        "set-language",
        help=N_("Set the language an account reads CalfCoach in (and its athlete profile's, if any)."),
    )
    @handles_errors
    def set_language(
        email: Annotated[str, typer.Argument(help=N_("The account's e-mail address."))],
        language: Annotated[
            str,
            typer.Argument(
                help=N_("Its pages' and e-mails' language (en, de); auto: the browser's and the server's.")
            ),
        ],
        db: Annotated[
            str | None, typer.Option("--db", help=N_("Database URL (also `calfcoach --db URL admin ...`)."))
        ] = None,
    ) -> None:
        from calfcoach.cli.database import chosen_url
        from calfcoach.cli.words import _
        from calfcoach.i18n import NAMES
        from calfcoach.services.accounts import choose_language_of
        from calfcoach.store import open_store

        with open_store(db or chosen_url()) as store:
            user = choose_language_of(store, email, None if language == AUTO else language)
        if user.language is None:
            console().print(
                _("{email} reads CalfCoach in the browser's or the server's language.", email=user.email)
            )
        else:
            console().print(
                _("{email} reads CalfCoach in {language}.", email=user.email, language=NAMES[user.language])
            )

    @admin.command(
        "delete-account",
        help=N_("Delete an account and everything of its person: records, sign-ins, tokens, uploaded media."),
    )
    @handles_errors
    def delete_account(
        email: Annotated[str, typer.Argument(help=N_("The account's e-mail address."))],
        yes: Annotated[bool, typer.Option("--yes", help=N_("Do not ask to confirm (scripts)."))] = False,
        db: Annotated[
            str | None, typer.Option("--db", help=N_("Database URL (also `calfcoach --db URL admin ...`)."))
        ] = None,
    ) -> None:
        from calfcoach.cli.database import chosen_url
        from calfcoach.cli.words import _, ngettext
        from calfcoach.services.erasure import erase_account, preview
        from calfcoach.services.exercise_media import media_folder
        from calfcoach.store import open_store

        with open_store(db or chosen_url()) as store:
            found = preview(store, email)
            if not yes:
                parts = [_("a {role} account", role=found.role)]
                if found.athlete_name is not None:
                    parts.append(
                        _("the athlete {name} with all their records", name=repr(found.athlete_name))
                    )
                if found.clients:
                    parts.append(
                        ngettext(
                            "the link to {count} client, whose own data stays",
                            "the links to {count} clients, whose own data stays",
                            found.clients,
                            count=found.clients,
                        )
                    )
                if found.media_files:
                    parts.append(
                        ngettext(
                            "{count} uploaded media file",
                            "{count} uploaded media files",
                            found.media_files,
                            count=found.media_files,
                        )
                    )
                console().print(f"{found.email}: " + "; ".join(parts) + _(". This cannot be undone."))
                if not typer.confirm(_("Delete it all?"), default=False):
                    console().print(_("Nothing was deleted."))
                    raise typer.Exit(1)
            erased = erase_account(store, email, media_dir=media_folder(store))
        console().print(_("Deleted {email} and everything of theirs.", email=erased.email))
        for path in erased.files_left:
            console().print(_("[yellow]could not remove[/] {path}; delete it by hand", path=path))
