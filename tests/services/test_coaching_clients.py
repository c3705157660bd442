"""A coach's clients: invitations work once and expire; adherence counts sessions against training days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calfcoach.domain.errors import InputError
from calfcoach.domain.profile import Profile
from calfcoach.services import coaching_clients
from calfcoach.services.access import RoleError
from calfcoach.services.athletes import create_athlete, questionnaire
from calfcoach.store import Role, Store, User

NOW = dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC)
NO = {q.id: False for q in questionnaire().questions}


def _athlete(store: Store, name: str) -> int:
    profile = Profile(name=name, start_date=dt.date(2026, 1, 5), weekdays=frozenset({0, 2, 4}))
    athlete_id, _ = create_athlete(store, profile, NO, now=NOW)
    return athlete_id


def _coach(store: Store) -> User:
    with store.unit_of_work() as uow:
        coach = uow.users.add("coach@example.org", Role.COACH)
        uow.commit()
    return coach


def test_an_invitation_works_once(store: Store) -> None:
    coach = _coach(store)
    code = coaching_clients.invite(store, coach, now=NOW)
    first, second = _athlete(store, "A"), _athlete(store, "B")
    assert coaching_clients.accept_invitation(store, code, first, now=NOW) == coach
    with pytest.raises(InputError, match="already used"):
        coaching_clients.accept_invitation(store, code, second, now=NOW)
    assert [c["athlete_id"] for c in coaching_clients.clients_overview(store, coach, today=NOW.date())] == [
        first
    ]


def test_an_invitation_expires_after_14_days(store: Store) -> None:
    coach = _coach(store)
    code = coaching_clients.invite(store, coach, now=NOW)
    later = NOW + dt.timedelta(days=coaching_clients.INVITATION_DAYS)
    with pytest.raises(InputError, match="expired"):
        coaching_clients.accept_invitation(store, code, _athlete(store, "A"), now=later)


def test_an_unknown_code_is_refused(store: Store) -> None:
    with pytest.raises(InputError, match="not known"):
        coaching_clients.accept_invitation(store, "nope", _athlete(store, "A"), now=NOW)


def test_an_athlete_account_cannot_invite(store: Store) -> None:
    with store.unit_of_work() as uow:
        athlete = uow.users.add("a@example.org", Role.ATHLETE)
        uow.commit()
    with pytest.raises(RoleError):
        coaching_clients.invite(store, athlete, now=NOW)


def test_adherence_before_the_first_training_day_is_unknown() -> None:
    start = dt.date(2026, 1, 8)
    assert coaching_clients._adherence(frozenset({0}), start, set(), dt.date(2026, 1, 7)) is None


@given(
    weekdays=st.frozensets(st.integers(0, 6), min_size=1),
    done=st.sets(st.dates(dt.date(2025, 11, 1), dt.date(2026, 1, 7))),
)
def test_adherence_is_always_between_0_and_1(weekdays: frozenset[int], done: set[dt.date]) -> None:
    found = coaching_clients._adherence(weekdays, dt.date(2025, 1, 1), done, dt.date(2026, 1, 7))
    assert found is not None
    assert 0 <= found <= 1
