"""Who may see which athlete: a person sees their own data, a coach their clients', nobody anyone else's.

Anything not visible is reported as not found (never "forbidden"), so ids of other people leak nothing.
"""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.errors import CalfCoachError, NotFoundError, Words
from calfcoach.domain.log import History
from calfcoach.domain.profile import Profile
from calfcoach.i18n import N_
from calfcoach.services.accounts import digest
from calfcoach.store.accounts import AthleteAccess
from calfcoach.store.records import Athlete, Role, User
from calfcoach.store.store import Store
from calfcoach.store.uow import UnitOfWork

COACH_ROLES = (Role.COACH, Role.ADMIN)


class NoProfileError(NotFoundError):
    """The account has no athlete profile yet (the onboarding wizard makes one)."""


class RoleError(CalfCoachError):
    """The account's role does not allow this (e.g. a page for coaches)."""


def own_athlete(store: Store, user: User) -> Athlete | None:
    """Return the athlete profile of this account, or None before onboarding."""
    with store.reader() as uow:
        return uow.athletes.by_user(user.id)


def require_own_athlete(store: Store, user: User) -> Athlete:
    """Return the account's own athlete; a clear error before onboarding."""
    found = own_athlete(store, user)
    if found is None:
        raise NoProfileError(N_("this account has no athlete profile yet; complete the onboarding first"))
    return found


def visible_athlete(store: Store, user: User, athlete_id: int) -> Athlete:
    """Return an athlete this account may see (its own, or a client it coaches); else not found."""
    with store.lookup() as uow:  # a follow ended between the two reads only means a 404 a moment early
        return _visible(uow, user, athlete_id)


def athlete_for_api_token(store: Store, secret: str, athlete_id: int) -> Athlete | None:
    """Return an athlete the owner of this API token may see; None when the token is not valid.

    One query for both, as every script request asks: the same answers as user_for_api_token() then
    visible_athlete().
    """
    with store.lookup() as uow:
        found = uow.api_tokens.access(digest(secret), athlete_id)
    return None if found is None else visible_in(found, athlete_id)


def session_access(store: Store, token: str, athlete_id: int, *, now: dt.datetime) -> AthleteAccess | None:
    """Return the account signed in with this cookie token and the athlete it asks for; None if signed out.

    One query, as every page and player request for an athlete asks; `visible_in()` then decides.
    """
    with store.lookup() as uow:
        return uow.logins.access(digest(token), athlete_id, now=now)


def visible_in(access: AthleteAccess, athlete_id: int) -> Athlete:
    """Return the athlete read with an account if the account may see it (its own, a client's); else 404."""
    athlete = access.athlete
    if athlete is not None and (athlete.user_id == access.user.id or access.coaches_athlete):
        return athlete
    raise NotFoundError(N_("no athlete with id {id}"), id=athlete_id)


def _visible(uow: UnitOfWork, user: User, athlete_id: int) -> Athlete:
    athlete = uow.athletes.get(athlete_id)
    if athlete is not None and (athlete.user_id == user.id or uow.coaching.follows(user.id, athlete_id)):
        return athlete
    raise NotFoundError(N_("no athlete with id {id}"), id=athlete_id)


def require_self(user: User, athlete: Athlete, what: str) -> None:
    """Refuse an account acting for an athlete it may see but is not: a coach reads a client's safety and
    clearances, but only the person records their own clearance or screening."""
    if athlete.user_id != user.id:
        raise RoleError(
            N_("only the athlete records their own {what}; a coach can read it"), what=Words(what)
        )


def require_coach(user: User) -> None:
    """Refuse an account that is not a coach (or admin)."""
    if user.role not in COACH_ROLES:
        raise RoleError(N_("only coaches can do this; ask an admin to make your account a coach"))


def profile_and_history(store: Store, athlete_id: int) -> tuple[Profile, History]:
    """Read an athlete's profile and whole history in one consistent read."""
    with store.reader() as uow:
        return uow.athletes.profile(athlete_id), uow.history(athlete_id)


def history_of(store: Store, athlete_id: int) -> History:
    """Read an athlete's whole history (the profile already came with the access check)."""
    with store.reader() as uow:
        return uow.history(athlete_id)
