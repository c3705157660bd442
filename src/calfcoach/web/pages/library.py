"""The exercise library: every exercise with its steps, cues, safety notes and sources."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from calfcoach.api.deps import OptionalUser
from calfcoach.demos.api import render_svg
from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.exercise import Tempo
from calfcoach.i18n import N_, normalize
from calfcoach.library.catalog import load_catalog
from calfcoach.library.translations import catalog_in
from calfcoach.services.access import COACH_ROLES
from calfcoach.services.exercise_media import visible_media
from calfcoach.web.forms import NOTHING_POSTED, Posted, form_page
from calfcoach.web.language import page_language
from calfcoach.web.templating import render

router = APIRouter()


@router.get("/exercises")
def exercises(request: Request, user: OptionalUser) -> Response:
    request.state.user = user  # signed in, the page shows the account's own menu
    catalog = catalog_in(page_language(request))
    return render(
        request, "exercises.html", exercises=sorted(catalog, key=lambda e: (e.category.value, e.name))
    )


@router.get("/exercises/{exercise_id}")
def exercise(request: Request, exercise_id: str, user: OptionalUser) -> Response:
    if exercise_id not in load_catalog():
        raise NotFoundError(N_("no exercise {id} in the library"), id=repr(exercise_id))
    request.state.user = user
    return _exercise_page(request, NOTHING_POSTED)


@form_page("/exercises/{exercise_id}/media")
def _exercise_page(request: Request, posted: Posted) -> Response:
    """An exercise; after a refused media form, that form open as it was sent, each problem by its field."""
    exercise_id = request.path_params["exercise_id"]
    user = getattr(request.state, "user", None)
    store = request.app.state.context.store
    return render(
        request,
        "exercise.html",
        exercise=catalog_in(page_language(request)).get(exercise_id),
        media=[] if user is None else visible_media(store, user, exercise_id),
        can_add_media=user is not None and user.role in COACH_ROLES,
        posted=posted,
    )


Seconds = Annotated[float | None, Query(ge=0, le=30)]


@lru_cache(maxsize=256)
def _demo(exercise_id: str, tempo: Tempo | None, language: str) -> str:
    # Drawing a demonstration takes ~0.1 s; each (exercise, tempo, language) is drawn once per process.
    return render_svg(exercise_id, tempo, language=language)


@router.get("/exercises/{exercise_id}/demo.svg")
def demo(
    exercise_id: str,
    up_s: Seconds = None,
    top_s: Seconds = None,
    down_s: Seconds = None,
    bottom_s: Seconds = None,
    lang: Annotated[str | None, Query(max_length=35)] = None,
) -> Response:
    """The exercise's animated demonstration, at the given tempo (default: the exercise's own), its words in
    `lang` (English by default; an address names its language, so a cached drawing is never another's)."""
    if exercise_id not in load_catalog():
        raise NotFoundError(N_("no exercise {id} in the library"), id=repr(exercise_id))
    given = {"up_s": up_s, "top_s": top_s, "down_s": down_s, "bottom_s": bottom_s}
    tempo = Tempo(**{k: v for k, v in given.items() if v is not None}) if any(given.values()) else None
    return Response(
        _demo(exercise_id, tempo, normalize(lang)),
        media_type="image/svg+xml",
        headers={"cache-control": "public, max-age=86400"},
    )
