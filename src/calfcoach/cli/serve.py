"""`calfcoach serve`: run the web app and the REST API with uvicorn."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from calfcoach.api.logs import (  # the standard library only
    ENV_LOG_FORMAT,
    ENV_METRICS,
    ENV_MULTIPROCESS_DIR,
    LogFormat,
)
from calfcoach.cli.common import console, error_console, handles_errors
from calfcoach.cli.helptext import filled
from calfcoach.domain.database_url import ENV_URL  # the standard library only
from calfcoach.i18n import N_
from calfcoach.services.clock import ENV_ALLOW_OVERRIDE, ENV_TODAY  # the standard library only


def register(app: typer.Typer) -> None:
    """Add the `serve` command to the app."""

    @app.command(
        "serve", help=N_("Serve the web app at http://HOST:PORT (first visit: create the first account).")
    )
    @handles_errors
    def serve(
        host: Annotated[
            str, typer.Option(help=N_("Address to listen on (0.0.0.0 for the whole network)."))
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help=N_("Port to listen on."))] = 8000,
        workers: Annotated[
            int, typer.Option(min=1, max=64, help=N_("Worker processes (PostgreSQL: one per core)."))
        ] = 1,
        db: Annotated[
            str | None,
            typer.Option(
                "--db",
                help=filled(
                    N_("Database URL (also `calfcoach --db URL serve`; default: ${variable}, else SQLite)."),
                    variable=ENV_URL,
                ),
            ),
        ] = None,
        public_url: Annotated[
            str | None,
            typer.Option(
                "--public-url",
                help=(
                    N_(
                        "The address people open, e.g. https://calfcoach.example.org: invitation and "
                        "calendar links start with it, and requests for other host names are refused "
                        "(default: "
                        "$CALFCOACH_PUBLIC_URL; unset: links use http://HOST:PORT this server listens on)."
                    )
                ),
            ),
        ] = None,
        log_format: Annotated[
            LogFormat | None,
            typer.Option(
                "--log-format",
                help=filled(
                    N_(
                        "Log lines as text (for a person) or json (one object a line, for a log collector); "
                        "one line per request with its id (default: ${variable}, else text)."
                    ),
                    variable=ENV_LOG_FORMAT,
                ),
            ),
        ] = None,
        metrics: Annotated[
            bool,
            typer.Option(
                "--metrics",
                help=filled(
                    N_(
                        "Serve Prometheus metrics at /metrics, to this machine and the networks in "
                        "$CALFCOACH_METRICS_ALLOW only (also {variable}=1)."
                    ),
                    variable=ENV_METRICS,
                ),
            ),
        ] = False,
        allow_clock_override: Annotated[
            bool,
            typer.Option(
                "--allow-clock-override",
                help=filled(
                    N_("Run with the date {date} gives (a trial server; also {allow}=1)."),
                    date=ENV_TODAY,
                    allow=ENV_ALLOW_OVERRIDE,
                ),
            ),
        ] = False,
    ) -> None:
        import uvicorn

        from calfcoach.api.links import ENV_PUBLIC_URL, parse_public_url
        from calfcoach.cli.database import chosen_url
        from calfcoach.services.clock import clock_for_server, moved_notice
        from calfcoach.store import open_store

        # Before anything is opened: a moved date without the override is refused, with the reason.
        notice = moved_notice(clock_for_server(allow_override=allow_clock_override))
        if notice is not None:
            os.environ[ENV_ALLOW_OVERRIDE] = "1"  # the workers build their clock from the environment
            from calfcoach.cli.words import _

            warning = _(
                "CalfCoach runs {notice}: every user sees that day, and logs dated up to it are accepted.",
                notice=notice,
            )
            error_console().print(
                "[bold yellow]" + _("warning:") + f"[/] {warning}", markup=True, soft_wrap=True
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
        from calfcoach.api.logs import configure_logging, log_format_from_environment

        if log_format is not None:
            os.environ[ENV_LOG_FORMAT] = log_format  # the workers configure their logs from it
        chosen_format = log_format_from_environment()
        configure_logging(chosen_format)
        from calfcoach.i18n import N_

        said: list[tuple[str, dict[str, object]]] = [
            (N_("CalfCoach on http://{host}:{port} (database: {location}); Ctrl+C stops it."), {})
        ]
        if links is not None:
            said.append((N_("Invitation and calendar links start with {links}."), {"links": links}))
        else:
            said.append(
                (
                    N_(
                        "Invitation and calendar links use the address a request reached this server on "
                        "(port {port}); behind a proxy or a public name, set --public-url."
                    ),
                    {},
                )
            )
        fields = {"host": host, "port": port, "location": location}
        if chosen_format == "json":
            # A log collector reads standard output too: one JSON line, not a message for a person (English,
            # as every log line).
            logging.getLogger("calfcoach.serve").info(" ".join(t.format(**fields, **f) for t, f in said))
        else:
            from calfcoach.cli.words import _

            for text, more in said:
                console().print(_(text, **fields, **more), soft_wrap=True)
        if metrics:
            os.environ[ENV_METRICS] = "1"
        with _metrics_folder(os.environ.get(ENV_METRICS) == "1"):
            uvicorn.run(
                "calfcoach.web.app:serving_app",
                factory=True,
                host=host,
                port=port,
                workers=workers,
                log_level="warning",
                log_config=None,  # the app's own handler (api/logs.py), in each worker
                access_log=False,  # one line per request comes from the app, with its id and route
                proxy_headers=True,
            )


@contextmanager
def _metrics_folder(enabled: bool) -> Iterator[None]:
    """While serving with metrics, give the workers one folder to count into (PROMETHEUS_MULTIPROC_DIR).

    A folder the environment names is emptied first (counts of an earlier run would be added to this
    one's); else a temporary one is made and removed at the end. One folder per `serve` process.
    """
    if not enabled:
        yield
        return
    given = os.environ.get(ENV_MULTIPROCESS_DIR, "").strip()
    folder = Path(given) if given else Path(tempfile.mkdtemp(prefix="calfcoach-metrics-"))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.db"):
        old.unlink()
    os.environ[ENV_MULTIPROCESS_DIR] = str(folder)
    try:
        yield
    finally:
        if not given:
            shutil.rmtree(folder, ignore_errors=True)
