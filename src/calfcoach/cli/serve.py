"""`calfcoach serve`: run the web app and the REST API with uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from calfcoach.cli.common import console, handles_errors

ENV_URL = "CALFCOACH_DATABASE_URL"


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
    ) -> None:
        """Serve the web app at http://HOST:PORT (first visit: create the first account)."""
        import uvicorn

        from calfcoach.cli.database import chosen_url
        from calfcoach.store import open_store

        db = db or chosen_url()
        if db:
            # The workers are separate processes: they find the database through the environment.
            os.environ[ENV_URL] = db
        # Create or upgrade the schema once here, so the workers never race to migrate.
        with open_store(db) as store:
            location = store.location
        console().print(f"CalfCoach on http://{host}:{port} (database: {location}); Ctrl+C stops it.")
        uvicorn.run(
            "calfcoach.web.app:serving_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            proxy_headers=True,
        )
