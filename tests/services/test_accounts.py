"""Accounts: argon2 hashes, sign-in sessions that expire, API tokens kept only as hashes, password resets."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
import typing
from collections.abc import Callable

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from calfcoach.domain.errors import InputError
from calfcoach.services import accounts
from calfcoach.store import Role, Store
from calfcoach.store.models import ApiTokenRow, LoginSessionRow, SignInThrottleRow, UserRow

NOW = dt.datetime(2026, 1, 7, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def test_a_password_is_stored_as_an_argon2id_hash(store: Store) -> None:
    accounts.register(store, "a@example.org", PASSWORD)
    with store.reader() as uow:
        stored = uow._db.scalars(select(UserRow.password_hash)).one()
    assert stored is not None
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_a_session_token_signs_in_until_it_expires(store: Store) -> None:
    accounts.register(store, "a@example.org", PASSWORD)
    user, token = accounts.sign_in(store, "A@example.org ", PASSWORD, now=NOW)
    assert accounts.user_for_session(store, token, now=NOW) == user
    later = NOW + dt.timedelta(days=accounts.SESSION_DAYS, seconds=1)
    assert accounts.user_for_session(store, token, now=later) is None
    with store.reader() as uow:
        kept = uow._db.scalars(select(LoginSessionRow.token_sha256)).one()
    assert kept == accounts.digest(token) != token


def test_a_wrong_password_signs_nobody_in(store: Store) -> None:
    accounts.register(store, "a@example.org", PASSWORD)
    with pytest.raises(accounts.AuthError):
        accounts.sign_in(store, "a@example.org", PASSWORD + "!", now=NOW)


def test_an_api_token_is_kept_only_as_its_hash(store: Store) -> None:
    user = accounts.register(store, "a@example.org", PASSWORD)
    token, secret = accounts.create_api_token(store, user, "laptop", now=NOW)
    with store.reader() as uow:
        kept = uow._db.scalars(select(ApiTokenRow.token_sha256)).one()
    assert kept == accounts.digest(secret)
    assert accounts.user_for_api_token(store, secret) == user
    assert accounts.revoke_api_token(store, user, token.id)
    assert accounts.user_for_api_token(store, secret) is None


def test_resetting_a_password_signs_every_browser_out(store: Store) -> None:
    accounts.register(store, "a@example.org", PASSWORD)
    _, token = accounts.sign_in(store, "a@example.org", PASSWORD, now=NOW)
    accounts.reset_password(store, "a@example.org", "a brand new passphrase")
    assert accounts.user_for_session(store, token, now=NOW) is None
    with pytest.raises(accounts.AuthError):
        accounts.sign_in(store, "a@example.org", PASSWORD, now=NOW)
    accounts.sign_in(store, "a@example.org", "a brand new passphrase", now=NOW)


def test_resetting_a_password_revokes_every_api_token_of_the_account_only(store: Store) -> None:
    user = accounts.register(store, "a@example.org", PASSWORD)
    other = accounts.register(store, "b@example.org", PASSWORD)
    _, laptop = accounts.create_api_token(store, user, "laptop", now=NOW)
    _, phone = accounts.create_api_token(store, user, "phone", now=NOW)
    _, kept = accounts.create_api_token(store, other, "laptop", now=NOW)
    accounts.reset_password(store, "a@example.org", "a brand new passphrase")
    assert accounts.user_for_api_token(store, laptop) is None
    assert accounts.user_for_api_token(store, phone) is None
    assert accounts.api_tokens(store, user) == []
    assert accounts.user_for_api_token(store, kept) == other


def test_resetting_the_password_of_an_unknown_address_names_it(store: Store) -> None:
    with pytest.raises(InputError, match=r"no account with e-mail 'x@example\.org'"):
        accounts.reset_password(store, "X@example.org", PASSWORD)


def test_setup_happens_once(store: Store) -> None:
    assert accounts.needs_setup(store)
    assert accounts.set_up_first_account(store, "root@example.org", PASSWORD).role.value == "admin"
    assert not accounts.needs_setup(store)
    with pytest.raises(accounts.SetupDoneError):
        accounts.set_up_first_account(store, "other@example.org", PASSWORD)


SECOND = dt.timedelta(seconds=1)
OWNER = "198.51.100.7"
STRANGER = "203.0.113.9"


def _fail(
    store: Store, email: str = "t@example.org", *, client: str = STRANGER, at: dt.datetime = NOW
) -> None:
    with pytest.raises(accounts.AuthError) as failed:
        accounts.sign_in(store, email, "wrong password!", now=at, client=client)
    assert not isinstance(failed.value, accounts.ThrottledError), failed.value


def test_failures_from_one_client_on_one_account_wait_longer_and_longer(store: Store) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    free = accounts.PER_CLIENT_ON_ACCOUNT.free
    for _ in range(free):
        _fail(store)
    with pytest.raises(accounts.ThrottledError, match="try again in 1 second ") as waiting:
        accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW, client=STRANGER)
    assert waiting.value.retry_after_s == 1
    assert "versuchen Sie es in 1 Sekunde erneut" in waiting.value.text_in("de")
    _fail(store, at=NOW + SECOND)  # the wait is over: one more try, then twice as long
    with pytest.raises(accounts.ThrottledError, match="try again in 2 seconds"):
        accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW + SECOND, client=STRANGER)
    at = NOW + SECOND
    for doublings in range(1, 12):
        at += SECOND * min(2**doublings, 15 * 60)
        _fail(store, at=at)
    with pytest.raises(accounts.ThrottledError, match="try again in 15 minutes") as waiting:  # the longest
        accounts.sign_in(store, "t@example.org", PASSWORD, now=at, client=STRANGER)
    assert "versuchen Sie es in 15 Minuten erneut" in waiting.value.text_in("de")
    user, _ = accounts.sign_in(
        store, "t@example.org", PASSWORD, now=at + dt.timedelta(minutes=15), client=STRANGER
    )
    assert user.email == "t@example.org"


def test_a_strangers_failures_never_lock_the_account_out_of_its_usual_client(store: Store) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW - dt.timedelta(days=3), client=OWNER)
    for client in [f"203.0.113.{n}" for n in range(40)] + [STRANGER] * 10:  # many addresses, and one
        with pytest.raises(accounts.AuthError):  # wrong, or told to wait once the account's count is full
            accounts.sign_in(store, "t@example.org", "wrong password!", now=NOW, client=client)
    user, _ = accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW, client=OWNER)
    assert user.email == "t@example.org"
    # From a client it never signed in from, the owner waits like everyone: at most PER_ACCOUNT's longest.
    with pytest.raises(accounts.ThrottledError) as waiting:
        accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW, client="192.0.2.1")
    assert waiting.value.retry_after_s <= accounts.PER_ACCOUNT.longest_wait.total_seconds()
    later = NOW + accounts.PER_ACCOUNT.longest_wait
    assert accounts.sign_in(store, "t@example.org", PASSWORD, now=later, client="192.0.2.1")[0] == user


def test_one_client_trying_many_addresses_is_slowed_and_others_are_not(store: Store) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    for n in range(accounts.PER_CLIENT.free):
        _fail(store, f"guess{n}@example.org")
    with pytest.raises(accounts.ThrottledError):
        accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW, client=STRANGER)
    with pytest.raises(accounts.ThrottledError):
        accounts.sign_in(store, "someone-else@example.org", "wrong password!", now=NOW, client=STRANGER)
    accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW, client=OWNER)


class _CountingHasher(PasswordHasher):
    """A cheap hasher that counts the passwords it checks."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.checked = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> typing.Literal[True]:
        with self._lock:
            self.checked += 1
        return super().verify(hash, password)


def test_parallel_attempts_check_no_more_passwords_than_the_limit(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    counting = _CountingHasher()
    monkeypatch.setattr(accounts, "hasher", counting)
    start = threading.Barrier(60)
    outcomes: list[str] = []

    def attempt() -> None:
        start.wait()
        try:
            accounts.sign_in(store, "t@example.org", "wrong password!", now=NOW, client=STRANGER)
        except accounts.ThrottledError:
            outcomes.append("waits")
        except accounts.AuthError:
            outcomes.append("wrong")

    threads = [threading.Thread(target=attempt) for _ in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(outcomes) == 60
    assert counting.checked == outcomes.count("wrong") == accounts.PER_CLIENT_ON_ACCOUNT.free


def test_clients_are_counted_by_ipv4_address_and_ipv6_network() -> None:
    assert accounts.client_address("192.0.2.1") == "192.0.2.1"
    assert accounts.client_address("::ffff:192.0.2.1") == "192.0.2.1"
    assert accounts.client_address("2001:db8:1:2:aaaa::1") == accounts.client_address("2001:db8:1:2:bbbb::9")
    assert accounts.client_address("2001:db8:1:2::1") != accounts.client_address("2001:db8:1:3::1")
    assert accounts.client_address(None) == "local"
    assert accounts.client_address("TestClient") == "testclient"


# Another process (another uvicorn worker) signing in with wrong passwords on the same database.
OTHER_WORKER = """
import datetime as dt, sys
from calfcoach.services import accounts
from calfcoach.store import open_store
store = open_store(sys.argv[1])
now = dt.datetime.fromisoformat(sys.argv[3])
for _ in range(int(sys.argv[2])):
    try:
        accounts.sign_in(store, "t@example.org", "wrong password!", now=now, client="203.0.113.9")
    except accounts.AuthError:
        pass
store.close()
"""


def test_wrong_passwords_in_another_process_count_here_too(store: Store, database_url: str) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    _fail(store)
    others = str(accounts.PER_CLIENT_ON_ACCOUNT.free - 1)
    subprocess.run([sys.executable, "-c", OTHER_WORKER, database_url, others, NOW.isoformat()], check=True)
    with pytest.raises(accounts.ThrottledError):
        accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW, client=STRANGER)


def test_a_successful_sign_in_clears_its_clients_count(store: Store) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    for _ in range(2):
        for _ in range(accounts.PER_CLIENT_ON_ACCOUNT.free - 1):
            _fail(store)
        accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW, client=STRANGER)  # never 5 in a row


def test_failures_are_forgotten_a_day_after_the_last_and_old_rows_pruned(store: Store) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    for _ in range(accounts.PER_CLIENT_ON_ACCOUNT.free):
        _fail(store)
    next_day = NOW + accounts.FORGET_FAILURES_AFTER
    _fail(store, "other@example.org", client="192.0.2.50", at=next_day)  # prunes what is a day old
    with store.reader() as uow:
        kept = uow._db.scalars(select(SignInThrottleRow.last_failed_at)).all()
    assert kept == [next_day] * 3  # the new attempt's three counts; the day-old ones are gone
    for _ in range(accounts.PER_CLIENT_ON_ACCOUNT.free):
        _fail(store, at=next_day)


def test_resetting_the_password_lifts_the_wait(store: Store) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    for _ in range(accounts.PER_CLIENT_ON_ACCOUNT.free):
        _fail(store)
    accounts.reset_password(store, "T@example.org", "a brand new passphrase")
    accounts.sign_in(store, "t@example.org", "a brand new passphrase", now=NOW, client=STRANGER)


def test_registering_a_taken_address_signs_its_owner_in_and_tells_nobody_else(store: Store) -> None:
    owner = accounts.register(store, "t@example.org", PASSWORD, role=Role.COACH)
    again = accounts.register(store, "T@example.org", PASSWORD, client=OWNER, now=NOW)
    assert again == owner  # the same account (a coach still), as if just registered
    with pytest.raises(accounts.AuthError) as refused:
        accounts.register(store, "t@example.org", "not the password", client=STRANGER, now=NOW)
    assert str(refused.value) == accounts.NOT_REGISTERED
    assert "t@example.org" not in str(refused.value)
    assert "exists" not in str(refused.value)


def test_registering_a_taken_address_is_no_way_round_the_throttle(store: Store) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    for _ in range(accounts.PER_CLIENT_ON_ACCOUNT.free):
        with pytest.raises(accounts.AuthError):
            accounts.register(store, "t@example.org", "a guessed password", client=STRANGER, now=NOW)
    with pytest.raises(accounts.ThrottledError):
        accounts.register(store, "t@example.org", PASSWORD, client=STRANGER, now=NOW)


class _HashWatcher(PasswordHasher):
    """A cheap hasher that checks, while it hashes, that another thread can still write (argon2: ~0.1 s)."""

    def __init__(self, store: Store) -> None:
        super().__init__(time_cost=2, memory_cost=1024, parallelism=1)
        self.store = store
        self.others_waited: list[bool] = []

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        done = threading.Event()

        def other_writer() -> None:
            with self.store.unit_of_work() as uow:
                uow.athletes.count()
                uow.commit()
            done.set()

        threading.Thread(target=other_writer, daemon=True).start()
        self.others_waited.append(not done.wait(timeout=30))  # a bound, not a measure: it is ~instant
        return super().hash(password, salt=salt)


@pytest.mark.parametrize(
    ("change", "first_account"),
    [
        (lambda store: accounts.register(store, "new@example.org", PASSWORD), False),
        (lambda store: accounts.set_up_first_account(store, "root@example.org", PASSWORD), True),
        (lambda store: accounts.reset_password(store, "a@example.org", "a brand new passphrase"), False),
        # The watcher's settings differ from the cheap ones the account was made with: a rehash.
        (lambda store: accounts.sign_in(store, "a@example.org", PASSWORD, now=NOW), False),
    ],
    ids=["register", "set up", "reset", "rehash at sign-in"],
)
def test_no_writer_waits_while_a_password_is_hashed(
    store: Store, monkeypatch: pytest.MonkeyPatch, change: Callable[[Store], object], first_account: bool
) -> None:
    if not first_account:
        accounts.register(store, "a@example.org", PASSWORD)
    watcher = _HashWatcher(store)
    monkeypatch.setattr(accounts, "hasher", watcher)
    change(store)
    assert watcher.others_waited == [False]


def test_a_new_account_keeps_the_registration_language_and_an_existing_one_its_own(store: Store) -> None:
    admin = accounts.set_up_first_account(store, "root@example.org", PASSWORD, language="de")
    assert admin.language == "de"
    made = accounts.register(store, "a@example.org", PASSWORD, now=NOW, language="de")
    assert made.language == "de"
    again = accounts.register(store, "a@example.org", PASSWORD, now=NOW, language="en")
    assert (again.id, again.language) == (made.id, "de")


def test_choosing_a_language_sets_the_accounts_and_its_profiles(store: Store) -> None:
    from calfcoach.domain.profile import Profile

    coach = accounts.register(store, "coach@example.org", PASSWORD, role=Role.COACH, now=NOW)
    assert accounts.chosen_language(store, coach) is None
    coach = accounts.choose_language(store, coach, "de")
    assert (coach.language, accounts.chosen_language(store, coach)) == ("de", "de")
    athlete = accounts.register(store, "ada@example.org", PASSWORD, now=NOW)
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(
            Profile(name="Ada", start_date=dt.date(2026, 1, 5), weekdays=frozenset({0}), language="en"),
            user_id=athlete.id,
        )
        uow.commit()
    athlete = accounts.choose_language(store, athlete, "de")
    with store.reader() as uow:
        assert uow.athletes.profile(athlete_id).language == "de"
    assert accounts.chosen_language(store, athlete) == "de"
    assert accounts.choose_language(store, athlete, None).language is None
    with store.reader() as uow:
        assert uow.athletes.profile(athlete_id).language is None


def test_a_language_it_does_not_speak_is_refused_and_nothing_changes(store: Store) -> None:
    coach = accounts.register(store, "coach@example.org", PASSWORD, role=Role.COACH, now=NOW, language="de")
    with pytest.raises(InputError, match="'xx' is not a language CalfCoach speaks: use one of en, de"):
        accounts.choose_language(store, coach, "xx")
    with pytest.raises(InputError, match="not a language"):
        accounts.register(store, "b@example.org", PASSWORD, now=NOW, language="de-AT")
    with store.reader() as uow:
        assert uow.users.by_email("b@example.org") is None
        stored = uow.users.by_email("coach@example.org")
    assert stored is not None
    assert stored.language == "de"
    with pytest.raises(InputError, match=r"no account with e-mail 'x@example\.org'"):
        accounts.choose_language_of(store, "x@example.org", "de")
