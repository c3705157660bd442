"""The web application: the HTML pages and the REST API on one FastAPI app, errors mapped in one place.

`uvicorn --factory calfcoach.web.app:create_app` (what `calfcoach serve` runs) reads the database from
CALFCOACH_DATABASE_URL, else the SQLite file in the data folder. Every worker process opens its own store.
"""

from __future__ import annotations

import gc
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Mount, Route

from calfcoach import __version__
from calfcoach.api.deps import AppContext
from calfcoach.api.errors import ErrorBody, describe
from calfcoach.api.links import ENV_PUBLIC_URL, parse_public_url, public_host
from calfcoach.api.logs import client_ip_allowed, configure_logging, log_format_from_environment
from calfcoach.api.router import API_PREFIX, api_router
from calfcoach.domain.errors import CalfCoachError
from calfcoach.i18n import negotiate
from calfcoach.library.programs import load_programs
from calfcoach.services.accounts import ThrottledError
from calfcoach.services.clock import Clock, clock_for_server, moved_notice
from calfcoach.store.store import Store, open_store
from calfcoach.web import ops
from calfcoach.web.body_limit import BodySizeLimit
from calfcoach.web.forms import form_error_page
from calfcoach.web.hosts import KnownHosts
from calfcoach.web.map_tiles import MapTiles, map_tiles_from_environment
from calfcoach.web.metrics import Metrics, metrics_enabled
from calfcoach.web.middleware import CsrfCookieAndHeaders
from calfcoach.web.pages import PAGE_MODULES
from calfcoach.web.telemetry import RequestTelemetry
from calfcoach.web.templating import error_page, in_page_language

STATIC = Path(__file__).parent / "static"
# Threads for blocking endpoints (anyio's default is 40). They share one GIL, so past a few they only
# queue for it, and each holds a database connection: PostgreSQL's pool (store.engine) is sized to match.
WORKER_THREADS = 4
log = logging.getLogger("calfcoach.web")


def create_app(
    store: Store | None = None,
    *,
    clock: Clock | None = None,
    media_dir: Path | None = None,
    public_url: str | None = None,
    map_tiles: MapTiles | None = None,
    metrics: bool | None = None,
) -> FastAPI:
    """Build the app on a store (default: open_store() from the environment), a clock, a media folder.

    `public_url` (default: CALFCOACH_PUBLIC_URL, else none) starts every link the server hands out; when
    given, requests for other host names than its own and loopback ones are refused (web/hosts.py).
    `map_tiles` (default: CALFCOACH_MAP_TILES and CALFCOACH_MAP_ATTRIBUTION, else none) draws the routes of
    activities over that tile server's map, and lets images come from its origin (web/map_tiles.py).

    The default clock is the real one; CALFCOACH_TODAY moves its date only when
    CALFCOACH_ALLOW_CLOCK_OVERRIDE=1 allows it (else an InputError: see services/clock.py).

    `metrics` (default: CALFCOACH_METRICS=1) counts requests and imports for /metrics (web/metrics.py).
    """
    if clock is None:
        clock = clock_for_server()
        notice = moved_notice(clock)
        if notice is not None:
            log.warning("CalfCoach runs %s: every user sees that day, not the real one", notice)
    app = FastAPI(
        title="CalfCoach",
        version=__version__,
        summary="From weak calves to running: the coach's pages and its REST API (/api/v1).",
        openapi_url="/openapi.json",
        docs_url=None,  # web/pages/api_docs.py serves /docs from vendored files
        redoc_url=None,
        lifespan=_lifespan,
    )
    given = public_url if public_url is not None else os.environ.get(ENV_PUBLIC_URL, "")
    public = parse_public_url(given) if given.strip() else None
    counting = Metrics() if (metrics_enabled() if metrics is None else metrics) else None
    app.state.metrics = counting
    app.state.context = AppContext(
        store=store or open_store(),
        clock=clock,
        media_dir=media_dir,
        public_url=public,
        on_import=counting.count_recording if counting is not None else None,
    )
    app.include_router(ops.router)
    app.include_router(api_router())
    for module in PAGE_MODULES:
        app.include_router(module.router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodySizeLimit, answer=_handle)
    tiles = map_tiles or map_tiles_from_environment()
    app.state.map_tiles = tiles
    app.add_middleware(CsrfCookieAndHeaders, image_origins=(tiles.origin,) if tiles else ())
    if public is not None:
        app.add_middleware(KnownHosts, public_host=public_host(public))
    # Outermost: it times everything inside, refusals included, and gives every answer its request id.
    app.add_middleware(
        RequestTelemetry,
        metrics=counting,
        top_level=[route for route in app.routes if isinstance(route, Route | Mount)],
        log_client_ip=client_ip_allowed(),
    )
    for kind in (CalfCoachError, RequestValidationError, StarletteHTTPException, Exception):
        app.add_exception_handler(kind, _handle)
    return app


def serving_app() -> FastAPI:
    """The app as `calfcoach serve` runs it (a uvicorn factory): `create_app()`, its start-up state frozen,
    its log lines in the format CALFCOACH_LOG_FORMAT names (api/logs.py).

    Everything loaded at start-up (the libraries, the exercise catalogue, the programs) lives as long as
    the process. Frozen out of the garbage collector's view, it is no longer walked by every full
    collection, which took 70-85 ms under load and made the slowest requests of a run. Tests build apps
    with `create_app`, which freezes nothing: a frozen object that later becomes cyclic garbage is never
    freed.
    """
    configure_logging(log_format_from_environment())
    app = create_app()
    app.state.freeze_start_up = True
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
    if getattr(app.state, "freeze_start_up", False):
        load_programs()  # with the catalogue: what every request reads, loaded before the freeze
        gc.collect()
        gc.freeze()
    context: AppContext = app.state.context
    metrics: Metrics | None = app.state.metrics
    with context.store.background_checkpoints(), metrics.watch_collections() if metrics else nullcontext():
        yield


async def _handle(request: Request, error: Exception) -> Response:
    """Answer any error: the JSON error shape under /api, an HTML page (or htmx fragment) elsewhere."""
    status, detail = describe(error)
    if status == 500:
        log.exception("error on %s %s", request.method, request.url.path, exc_info=error)
    elif status > 500:
        log.warning("%s %s: %s", request.method, request.url.path, detail.message)
    if request.url.path.startswith(API_PREFIX) or request.url.path == "/openapi.json":
        said = in_page_language(detail, error, negotiate(request.headers.get("accept-language"))).message
        body = ErrorBody(error=detail.model_copy(update={"said": said}))
        response: Response = JSONResponse(body.model_dump(), status_code=status)
    else:
        # A refused form comes back as its page with the problems next to the fields, else an error page.
        response = await form_error_page(request, status, error) or error_page(request, status, detail, error)
    if isinstance(error, ThrottledError):
        response.headers["retry-after"] = str(error.retry_after_s)
    return response
