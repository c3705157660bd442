"""Who may see which athlete, asked the way every request for an athlete asks: by API token or sign-in."""

from __future__ import annotations

import datetime as dt

import pytest

from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.profile import Profile
from calfcoach.services import coaching_clients
from calfcoach.services.access import athlete_for_api_token, session_access, visible_athlete, visible_in
from calfcoach.services.accounts import create_api_token, digest
from calfcoach.store import Role, Store, User

NOW = dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC)
PROFILE = Profile(name="A", start_date=dt.date(2026, 1, 5), weekdays=frozenset({0, 2, 4}))


def _account(
    store: Store, email: str, role: Role = Role.ATHLETE, *, athlete: bool = True
) -> tuple[User, int]:
    with store.unit_of_work() as uow:
        user = uow.users.add(email, role)
        athlete_id = uow.athletes.add(PROFILE, user_id=user.id) if athlete else 0
        uow.commit()
    return user, athlete_id


def _ada_bob_and_adas_coach(store: Store) -> tuple[User, int, int, User]:
    """Two athletes with accounts, and a coach (no athlete profile) who coaches Ada."""
    ada, ada_athlete = _account(store, "ada@example.org")
    _, bob_athlete = _account(store, "bob@example.org")
    coach, _ = _account(store, "coach@example.org", Role.COACH, athlete=False)
    coaching_clients.accept_invitation(
        store, coaching_clients.invite(store, coach, now=NOW), ada_athlete, now=NOW
    )
    return ada, ada_athlete, bob_athlete, coach


def test_a_token_sees_its_owner_and_their_clients_and_nobody_else(store: Store) -> None:
    ada, ada_athlete, bob_athlete, coach = _ada_bob_and_adas_coach(store)
    _, ada_token = create_api_token(store, ada, "laptop", now=NOW)
    _, coach_token = create_api_token(store, coach, "laptop", now=NOW)

    found = athlete_for_api_token(store, ada_token, ada_athlete)
    assert found == visible_athlete(store, ada, ada_athlete)
    assert athlete_for_api_token(store, coach_token, ada_athlete) == found
    for token, athlete_id in ((ada_token, bob_athlete), (coach_token, bob_athlete), (ada_token, 999)):
        with pytest.raises(NotFoundError, match=f"no athlete with id {athlete_id}"):
            athlete_for_api_token(store, token, athlete_id)


def test_an_unknown_token_is_none_whatever_the_athlete(store: Store) -> None:
    _, athlete_id = _account(store, "ada@example.org")
    assert athlete_for_api_token(store, "cc_not-a-token", athlete_id) is None


def _signed_in(store: Store, user: User, token: str, *, hours: int = 1) -> None:
    with store.unit_of_work() as uow:
        uow.logins.add(digest(token), user.id, now=NOW, expires_at=NOW + dt.timedelta(hours=hours))
        uow.commit()


def test_a_sign_in_sees_its_owner_and_their_clients_and_nobody_else(store: Store) -> None:
    ada, ada_athlete, bob_athlete, coach = _ada_bob_and_adas_coach(store)
    _signed_in(store, ada, "ada-cookie")
    _signed_in(store, coach, "coach-cookie")

    own = session_access(store, "ada-cookie", ada_athlete, now=NOW)
    assert own is not None
    assert own.user == ada
    assert visible_in(own, ada_athlete) == visible_athlete(store, ada, ada_athlete)
    coached = session_access(store, "coach-cookie", ada_athlete, now=NOW)
    assert coached is not None
    assert coached.coaches_athlete
    assert visible_in(coached, ada_athlete) == visible_athlete(store, ada, ada_athlete)
    for token, athlete_id in (
        ("ada-cookie", bob_athlete),
        ("coach-cookie", bob_athlete),
        ("ada-cookie", 999),
    ):
        access = session_access(store, token, athlete_id, now=NOW)
        assert access is not None  # signed in: the account is known, the athlete is not theirs to see
        with pytest.raises(NotFoundError, match=f"no athlete with id {athlete_id}"):
            visible_in(access, athlete_id)


def test_an_expired_or_unknown_sign_in_is_none_whatever_the_athlete(store: Store) -> None:
    ada, athlete_id = _account(store, "ada@example.org")
    _signed_in(store, ada, "ada-cookie", hours=1)
    assert session_access(store, "ada-cookie", athlete_id, now=NOW + dt.timedelta(hours=1)) is None
    assert session_access(store, "not-a-cookie", athlete_id, now=NOW) is None
