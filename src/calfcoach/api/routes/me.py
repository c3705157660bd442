"""The signed-in account: who it is, its athlete profile (onboarding), its export, its deletion."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from calfcoach.api.bodies import Language, ScreeningAnswers
from calfcoach.api.deps import SESSION_COOKIE, Ctx, CurrentUser, client_host, renew_csrf
from calfcoach.api.errors import error_responses
from calfcoach.api.routes.auth import user_json
from calfcoach.api.routes.media import folder_of
from calfcoach.domain.errors import ConflictError
from calfcoach.domain.profile import Profile
from calfcoach.domain.screening import Questionnaire
from calfcoach.i18n import N_
from calfcoach.services import accounts
from calfcoach.services.access import own_athlete, require_own_athlete
from calfcoach.services.athletes import create_athlete, questionnaire
from calfcoach.services.erasure import delete_own_account
from calfcoach.services.transfer import export_json
from calfcoach.services.views import Me, Onboarded
from calfcoach.store.exchange import ExportDocument

router = APIRouter(tags=["profile"])


class Onboarding(BaseModel):
    """A new athlete profile with the answers to every screening question (true = yes)."""

    profile: Profile
    screening: ScreeningAnswers


@router.get("/me")
def me(user: CurrentUser, ctx: Ctx) -> Me:
    """Return the account and its athlete id (null before onboarding)."""
    found = own_athlete(ctx.store, user)
    return Me(user=user_json(user), athlete_id=None if found is None else found.id)


class LanguageChoice(BaseModel):
    """The language the account reads CalfCoach in; null: the browser's (pages) or the server's (e-mails)."""

    language: Language


@router.put("/me/language", responses=error_responses(422))
def choose_language(body: LanguageChoice, user: CurrentUser, ctx: Ctx) -> Me:
    """Keep the account's language (and its athlete profile's, when it has one): pages, e-mails, messages."""
    changed = accounts.choose_language(ctx.store, user, body.language)
    found = own_athlete(ctx.store, changed)
    return Me(user=user_json(changed), athlete_id=None if found is None else found.id)


@router.get("/screening")
def screening() -> Questionnaire:
    """Return the screening questions asked before anyone starts."""
    return questionnaire()


@router.post("/me/athlete", status_code=201, responses=error_responses(409))
def onboard(body: Onboarding, user: CurrentUser, ctx: Ctx) -> Onboarded:
    """Create this account's athlete profile with its screening; the advice for each "yes" comes back."""
    if own_athlete(ctx.store, user) is not None:
        raise ConflictError(
            N_("this account already has an athlete profile"), hint=N_("change it with PUT /athletes/{id}")
        )
    athlete_id, outcome = create_athlete(
        ctx.store, body.profile, body.screening, now=ctx.clock.now(), user_id=user.id
    )
    return Onboarded(athlete_id=athlete_id, screening=outcome)


@router.get("/me/export", response_model=ExportDocument, responses=error_responses(404))
def export(user: CurrentUser, ctx: Ctx) -> Response:
    """Download everything recorded for this account's athlete (the format of `calfcoach export`)."""
    athlete = require_own_athlete(ctx.store, user)
    return Response(
        export_json(ctx.store, athlete.id),
        media_type="application/json",
        headers={"content-disposition": 'attachment; filename="calfcoach-export.json"'},
    )


class AccountDeletion(BaseModel):
    """The account's password, asked again before everything of it is deleted."""

    password: Annotated[str, Field(min_length=1, max_length=accounts.MAX_PASSWORD_CHARS)]


@router.delete("/me", status_code=204, responses=error_responses(429))
def delete_me(body: AccountDeletion, request: Request, user: CurrentUser, ctx: Ctx) -> Response:
    """Delete this account and everything of it (docs/api.md lists what); download GET /me/export first."""
    erased = delete_own_account(
        ctx.store,
        user,
        password=body.password,
        media_dir=folder_of(ctx),
        now=ctx.clock.now(),
        client=client_host(request),
    )
    if erased.athlete_id is not None:
        ctx.today.forget(erased.athlete_id)
        ctx.clients.forget(erased.athlete_id)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    renew_csrf(request, response)
    return response
