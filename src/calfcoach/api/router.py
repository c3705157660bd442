"""The REST API: every routes module under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter

from calfcoach.api.errors import ERROR_RESPONSES
from calfcoach.api.routes import activities, athletes, auth, coach, library, logs, me, media, safety

API_PREFIX = "/api/v1"


def api_router() -> APIRouter:
    """Return one router with every API route, each documented with the common error shape."""
    router = APIRouter(prefix=API_PREFIX, responses=ERROR_RESPONSES)
    for module in (auth, me, athletes, logs, safety, activities, library, coach, media):
        router.include_router(module.router)
    return router
