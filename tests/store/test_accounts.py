"""Account repositories on both backends: sign-ins expire, throttle counts, tokens revoke, feeds replace."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.profile import Profile
from calfcoach.store import Role, Store
from calfcoach.store.accounts import ThrottleCount

NOW = dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC)
HASH_A = "a" * 64
HASH_B = "b" * 64
HASH_C = "c" * 64


def _user(store: Store, email: str = "a@example.org") -> int:
    with store.unit_of_work() as uow:
        user = uow.users.add(email, Role.COACH)
        uow.commit()
    return user.id


def test_a_sign_in_is_found_until_it_expires_and_until_removed(store: Store) -> None:
    user_id = _user(store)
    with store.unit_of_work() as uow:
        uow.logins.add(HASH_A, user_id, now=NOW, expires_at=NOW + dt.timedelta(hours=1))
        uow.commit()
    with store.reader() as uow:
        assert uow.logins.user_id(HASH_A, now=NOW) == user_id
        assert uow.logins.user_id(HASH_A, now=NOW + dt.timedelta(hours=1)) is None
    with store.unit_of_work() as uow:
        uow.logins.remove_expired(NOW + dt.timedelta(hours=2))
        uow.commit()
    with store.reader() as uow:
        assert uow.logins.user_id(HASH_A, now=NOW) is None


def test_tokens_are_listed_per_user_and_revoked_only_by_their_owner(store: Store) -> None:
    owner, other = _user(store), _user(store, "b@example.org")
    with store.unit_of_work() as uow:
        token = uow.api_tokens.add(owner, "laptop", HASH_A, now=NOW)
        uow.commit()
    with store.unit_of_work() as uow:
        assert not uow.api_tokens.remove(other, token.id)
        assert [t.name for t in uow.api_tokens.of_user(owner)] == ["laptop"]
        assert uow.api_tokens.user_id(HASH_A, now=NOW) == owner
        uow.commit()
    with store.reader() as uow:
        assert uow.api_tokens.of_user(owner)[0].last_used_at == NOW


def test_an_invitation_records_who_used_it(store: Store) -> None:
    coach = _user(store)
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(Profile(start_date=NOW.date(), weekdays=frozenset({0})))
        uow.invitations.add(HASH_A, coach, now=NOW, expires_at=NOW + dt.timedelta(days=1))
        uow.invitations.use(HASH_A, athlete_id, now=NOW)
        uow.commit()
    with store.reader() as uow:
        found = uow.invitations.get(HASH_A)
    assert found is not None
    assert found.used_by_athlete_id == athlete_id


def test_a_new_calendar_feed_replaces_the_old_one(store: Store) -> None:
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(Profile(start_date=NOW.date(), weekdays=frozenset({0})))
        uow.calendar_feeds.replace(athlete_id, HASH_A, now=NOW)
        uow.calendar_feeds.replace(athlete_id, HASH_B, now=NOW)
        uow.commit()
    with store.reader() as uow:
        assert uow.calendar_feeds.athlete_id(HASH_A) is None
        assert uow.calendar_feeds.athlete_id(HASH_B) == athlete_id
        assert uow.calendar_feeds.exists(athlete_id)


def test_throttle_counts_are_created_at_zero_counted_taken_back_cleared_and_pruned(store: Store) -> None:
    hour = dt.timedelta(hours=1)
    with store.unit_of_work() as uow:
        assert uow.sign_in_throttle.lock({HASH_A: HASH_B, HASH_C: None}) == {
            HASH_A: ThrottleCount(0, None, None),
            HASH_C: ThrottleCount(0, None, None),
        }
        uow.sign_in_throttle.set_failures(HASH_A, 3, last_failed_at=NOW - hour)
        uow.sign_in_throttle.set_failures(HASH_C, 1, last_failed_at=NOW - 30 * hour)
        uow.commit()
    with store.unit_of_work() as uow:
        uow.sign_in_throttle.take_back((HASH_A, HASH_C))
        uow.sign_in_throttle.take_back((HASH_C,))  # never below zero
        assert uow.sign_in_throttle.lock({HASH_A: HASH_B, HASH_C: None}) == {
            HASH_A: ThrottleCount(2, NOW - hour, None),
            HASH_C: ThrottleCount(0, NOW - 30 * hour, None),
        }
        uow.sign_in_throttle.succeeded(HASH_A, at=NOW)
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.sign_in_throttle.lock({HASH_A: HASH_B}) == {HASH_A: ThrottleCount(0, None, NOW)}
        uow.sign_in_throttle.prune(failed_before=NOW - 24 * hour, succeeded_before=NOW - 90 * 24 * hour)
        uow.commit()
    with store.reader() as uow:
        assert uow.counts()["sign_in_throttle"] == 1  # HASH_C's day-old count went; HASH_A's success stays
    with store.unit_of_work() as uow:
        uow.sign_in_throttle.clear_account(HASH_B)
        uow.commit()
    with store.reader() as uow:
        assert uow.counts()["sign_in_throttle"] == 0
