"""Per request: a request id (X-Request-ID), one access log line, and the metrics; a plain ASGI middleware.

Routes are named by their template (`/api/v1/athletes/{athlete_id}/today`), never by the path asked
for: the path carries ids and could carry tokens, and as a metric label it would grow without bound.
Neither the query string, nor the client's address (unless CALFCOACH_LOG_CLIENT_IP=1), nor any header
but the request id is logged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence

from starlette.datastructures import MutableHeaders
from starlette.routing import BaseRoute, Match, Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from calfcoach.api.logs import ACCESS_LOGGER, current_request_id, request_id_from
from calfcoach.web.metrics import Metrics

REQUEST_ID_HEADER = "x-request-id"
# The label of a request no route matched (a 404, a refused host name): one value, whatever was asked.
UNMATCHED = "(unmatched)"
access_log = logging.getLogger(ACCESS_LOGGER)


def route_template(
    scope: Scope, path_asked: str, root_path: str = "", top_level: Sequence[BaseRoute] = ()
) -> str:
    """Return the template of the route that answered (`/static/{path}` for static files), else UNMATCHED.

    FastAPI 0.165 keeps an included router's routes with their path inside that router and records the
    full template in its own part of the scope. The app's own plain routes and mounts (/openapi.json,
    /static) it does not record: those in `top_level` are matched again here, which costs a regular
    expression per route, only for the few requests they and 404s make.
    tests/web/test_telemetry.py checks every kind.
    """
    context = scope.get("fastapi", {}).get("effective_route_context")
    path = getattr(context, "path_format", None)
    if isinstance(path, str) and path:
        return path
    # Matched against the request as it came in: a mount rewrites the scope's root path as it answers.
    asked = {"type": "http", "path": path_asked, "root_path": root_path, "method": scope["method"]}
    for route in top_level:
        if isinstance(route, Route | Mount) and route.matches(asked)[0] is not Match.NONE:
            return route.path_format
    return UNMATCHED


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            return str(value.decode("latin-1"))
    return None


class RequestTelemetry:
    """Give every request an id (sent back in X-Request-ID), log one line for it and count it."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        metrics: Metrics | None,
        top_level: Sequence[BaseRoute] = (),
        log_client_ip: bool = False,
    ) -> None:
        self.app = app
        self.top_level = top_level
        self.metrics = metrics
        self.log_client_ip = log_client_ip

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        path_asked: str = scope["path"]
        root_path: str = scope.get("root_path", "")
        request_id = request_id_from(_incoming_id(scope))
        # Any line logged while this request is answered carries its id (api/logs.py). Left set after
        # the answer: an unhandled error is logged by the outermost middleware, after this one returns.
        current_request_id.set(request_id)
        status = 500  # unless an answer starts: an error escaped every handler

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append(REQUEST_ID_HEADER, request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = route_template(scope, path_asked, root_path, self.top_level)
            method: str = scope["method"]
            if self.metrics is not None:
                self.metrics.observe(method, route, status, seconds)
            if access_log.isEnabledFor(logging.INFO):
                client = scope.get("client")
                access_log.info(
                    "%s %s %d %.1f ms",
                    method,
                    route,
                    status,
                    seconds * 1000,
                    extra={
                        "method": method,
                        "route": route,
                        "status": status,
                        "duration_ms": round(seconds * 1000, 2),
                        "request_id": request_id,
                        "client_ip": client[0] if self.log_client_ip and client else None,
                    },
                )
