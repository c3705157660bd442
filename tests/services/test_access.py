"""Who may see which athlete, asked the way every script request asks: by API token."""

from __future__ import annotations

import datetime as dt

import pytest

from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.profile import Profile
from calfcoach.services import coaching_clients
from calfcoach.services.access import athlete_for_api_token, visible_athlete
from calfcoach.services.accounts import create_api_token
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


def test_a_token_sees_its_owner_and_their_clients_and_nobody_else(store: Store) -> None:
    ada, ada_athlete = _account(store, "ada@example.org")
    _, bob_athlete = _account(store, "bob@example.org")
    coach, _ = _account(store, "coach@example.org", Role.COACH, athlete=False)
    coaching_clients.accept_invitation(
        store, coaching_clients.invite(store, coach, now=NOW), ada_athlete, now=NOW
    )
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
