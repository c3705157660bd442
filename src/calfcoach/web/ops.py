"""What monitoring calls: /healthz (the process answers), /readyz (the database too), /metrics (Prometheus).

None needs a sign-in, and none tells anything about a person. /healthz touches no database, so a slow
database never makes a load balancer restart a healthy process; /readyz asks the database one short
question (its schema revision), so a server is taken out of rotation while its database is away or not
yet migrated.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from calfcoach.api.deps import Ctx
from calfcoach.web.metrics import METRICS_PATH, Metrics, may_scrape

router = APIRouter(tags=["operations"])
# Never cached by a proxy: each probe must reach the process.
NO_STORE = {"cache-control": "no-store"}
PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8"


class Health(BaseModel):
    """The process answers."""

    status: Literal["ok"]


class Readiness(BaseModel):
    """Whether this server can answer requests: its database reachable and at this version's schema."""

    status: Literal["ready", "not ready"]
    reason: str | None = None


@router.get("/healthz", response_model=Health)
async def healthz() -> JSONResponse:
    """Answer 200 while the process runs (a liveness probe); reads nothing, not even the database."""
    return JSONResponse({"status": "ok"}, headers=NO_STORE)


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": Readiness, "description": "database unreachable or schema not current"}},
)
async def readyz(ctx: Ctx) -> JSONResponse:
    """Answer 200 when the database answers and its schema is this version's, else 503 with the reason."""
    reason = await run_in_threadpool(ctx.store.readiness)
    if reason is None:
        return JSONResponse({"status": "ready", "reason": None}, headers=NO_STORE)
    return JSONResponse({"status": "not ready", "reason": reason}, status_code=503, headers=NO_STORE)


@router.get(METRICS_PATH, include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Serve the metrics to an allowed client: 404 while they are off, 403 to any other client."""
    found: Metrics | None = getattr(request.app.state, "metrics", None)
    if found is None:
        return Response(
            "metrics are off; start the server with --metrics (or CALFCOACH_METRICS=1)\n",
            status_code=404,
            media_type="text/plain",
        )
    host = request.client.host if request.client else None
    if not may_scrape(host, found.allowed):
        return Response(
            "metrics are served to this machine (loopback) and the networks in "
            "CALFCOACH_METRICS_ALLOW only\n",
            status_code=403,
            media_type="text/plain",
        )
    body = await run_in_threadpool(found.exposition)
    return Response(body, media_type=PROMETHEUS_TEXT, headers=NO_STORE)
