"""The language a page is drawn in, for the templates and the form errors alike."""

from __future__ import annotations

from fastapi import Request

from calfcoach import i18n
from calfcoach.services.access import own_athlete
from calfcoach.store.errors import StoreError


def page_language(request: Request) -> str:
    """The signed-in person's chosen language, else the first the browser asks for that CalfCoach speaks.

    The choice is the profile's: the page's athlete when a page read it, else the signed-in account's own
    athlete's (a coach's account page is in the coach's language, not a client's); without one, the
    account's own language (a coach's or an admin's). Before sign-in and for a person who never chose, the
    browser's Accept-Language decides (English when it names none CalfCoach speaks).
    """
    known = getattr(request.state, "language", None)
    if known is not None:
        return str(known)
    athlete = getattr(request.state, "athlete", None)
    user = getattr(request.state, "user", None)
    if athlete is None and user is not None:
        try:
            athlete = own_athlete(request.app.state.context.store, user)
        except StoreError:
            athlete = None  # an error page must still render when the database is what failed
    chosen = None if athlete is None else athlete.profile.language
    if chosen is None and user is not None:
        chosen = user.language  # a coach's or an admin's own, or an athlete's who chose none in the profile
    language = chosen or i18n.negotiate(request.headers.get("accept-language"))
    request.state.language = language
    return language
