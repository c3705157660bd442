"""The REST API: every routes module under /api/v1."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from calfcoach.api.bodies import no_nul_characters
from calfcoach.api.deps import athlete, check_csrf, context, current_user
from calfcoach.api.errors import error_responses
from calfcoach.api.routes import activities, athletes, auth, coach, library, logs, me, media, safety, workouts

API_PREFIX = "/api/v1"


def api_router() -> APIRouter:
    """Return one router with every API route, each documented with the error statuses it can answer."""
    router = APIRouter(prefix=API_PREFIX, dependencies=[Depends(no_nul_characters)])
    for module in (auth, me, athletes, workouts, logs, safety, activities, library, coach, media):
        for route in module.router.routes:
            if isinstance(route, APIRoute):  # the same statuses each time: repeating this changes nothing
                route.responses = {**error_responses(*sorted(errors_of(route))), **route.responses}
        router.include_router(module.router)
    return router


def errors_of(route: APIRoute) -> set[int]:
    """The error statuses every route of its kind can answer, read from what it takes.

    A route adds the ones only its own rules raise (403, 409, 413, 429) in its decorator.
    """
    every = _walk(route.dependant)
    calls = {d.call for d in every}
    params = [p for d in every for p in (*d.path_params, *d.query_params)]
    path_params = any(d.path_params for d in every)
    body_params = any(d.body_params for d in every)
    found: set[int] = set()
    if calls & {current_user, athlete, check_csrf}:
        found.add(401)  # nobody signed in, a revoked token, a missing CSRF token
    if path_params:
        found.add(404)  # no such thing, or someone else's
    if body_params or params:
        # Also where every parameter is text (which no rule refuses): else FastAPI would declare its own
        # 422 body, not the app's.
        found.add(422)
    if body_params:
        found |= {400, 413}  # a body that cannot be parsed at all; one over its size limit (body_limit.py)
    if context in calls:
        found.add(503)
    return found


def _walk(dependant: Dependant) -> list[Dependant]:
    """The route's dependant and every dependency under it."""
    found = [dependant]
    for sub in dependant.dependencies:
        found += _walk(sub)
    return found
