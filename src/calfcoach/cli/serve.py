"""`calfcoach serve`: run the web app and the REST API with uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from calfcoach.cli.common import console, error_console, handles_errors
from calfcoach.domain.database_url import ENV_URL  # the standard library only
from calfcoach.services.clock import ENV_ALLOW_OVERRIDE, ENV_TODAY  # the standard library only


def register(app: typer.Typer) -> None:
    """Add the `serve` command to the app."""

    @app.command("serve")
    @handles_errors
    def serve(
        host: Annotated[
            str, typer.Option(help="Address to listen on (0.0.0.0 for the whole network).")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
        workers: Annotated[
            int, typer.Option(min=1, max=64, help="Worker processes (PostgreSQL: one per core).")
        ] = 1,
        db: Annotated[
            str | None,
            typer.Option(
                "--db",
                help=f"Database URL (also `calfcoach --db URL serve`; default: ${ENV_URL}, else SQLite).",
            ),
        ] = None,
        public_url: Annotated[
            str | None,
            typer.Option(
                "--public-url",
                help=(
                    "The address people open, e.g. https://calfcoach.example.org: invitation and calendar "
                    "links start with it, and requests for other host names are refused (default: "
                    "$CALFCOACH_PUBLIC_URL; unset: links use http://HOST:PORT this server listens on)."
                ),
            ),
        ] = None,
        allow_clock_override: Annotated[
            bool,
            typer.Option(
                "--allow-clock-override",
                help=f"Run with the date {ENV_TODAY} gives (a trial server; also {ENV_ALLOW_OVERRIDE}=1).",
            ),
        ] = False,
    ) -> None:
        """Serve the web app at http://HOST:PORT (first visit: create the first account)."""
        import uvicorn

        from calfcoach.api.links import ENV_PUBLIC_URL, parse_public_url
        from calfcoach.cli.database import chosen_url
        from calfcoach.services.clock import clock_for_server, moved_notice
        from calfcoach.store import open_store

        # Before anything is opened: a moved date without the override is refused, with the reason.
        notice = moved_notice(clock_for_server(allow_override=allow_clock_override))
        if notice is not None:
            os.environ[ENV_ALLOW_OVERRIDE] = "1"  # the workers build their clock from the environment
            error_console().print(
                f"[bold yellow]warning:[/] CalfCoach runs {notice}: every user sees that day, "
                "and logs dated up to it are accepted.",
                markup=True,
                soft_wrap=True,
            )
        given = public_url if public_url is not None else os.environ.get(ENV_PUBLIC_URL, "")
        links = None
        if given.strip():
            links = parse_public_url(
                given, where="--public-url" if public_url is not None else ENV_PUBLIC_URL
            )
            os.environ[ENV_PUBLIC_URL] = links  # the workers read it from the environment
        else:
            os.environ.pop(ENV_PUBLIC_URL, None)  # an empty value: the same as unset, for the workers too
        db = db or chosen_url()
        if db:
            # The workers are separate processes: they find the database through the environment.
            os.environ[ENV_URL] = db
        # Create or upgrade the schema once here, so the workers never race to migrate.
        with open_store(db) as store:
            location = store.location
        console().print(f"CalfCoach on http://{host}:{port} (database: {location}); Ctrl+C stops it.")
        if links is not None:
            console().print(f"Invitation and calendar links start with {links}.")
        else:
            console().print(
                "Invitation and calendar links use the address a request reached this server on "
                f"(port {port}); behind a proxy or a public name, set --public-url.",
                soft_wrap=True,
            )
        uvicorn.run(
            "calfcoach.web.app:serving_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            proxy_headers=True,
        )
