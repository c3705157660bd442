"""Accounts: argon2 hashes, sign-in sessions that expire, API tokens kept only as hashes, password resets."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from collections.abc import Callable

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from calfcoach.domain.errors import InputError
from calfcoach.services import accounts
from calfcoach.store import Store
from calfcoach.store.models import ApiTokenRow, LoginSessionRow, SignInFailureRow, UserRow

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


def test_five_wrong_passwords_make_the_address_wait_15_minutes(store: Store) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    for _ in range(accounts.MAX_FAILED_SIGN_INS):
        with pytest.raises(accounts.AuthError):
            accounts.sign_in(store, "t@example.org", "wrong password!", now=NOW)
    with pytest.raises(accounts.ThrottledError, match="try again in 15 minutes"):
        accounts.sign_in(store, "T@example.org", PASSWORD, now=NOW)
    later = NOW + accounts.FAILED_SIGN_IN_WINDOW
    accounts.sign_in(store, "t@example.org", PASSWORD, now=later)


# Another process (another uvicorn worker) signing in with wrong passwords on the same database.
OTHER_WORKER = """
import datetime as dt, sys
from calfcoach.services import accounts
from calfcoach.store import open_store
store = open_store(sys.argv[1])
now = dt.datetime.fromisoformat(sys.argv[3])
for _ in range(int(sys.argv[2])):
    try:
        accounts.sign_in(store, "t@example.org", "wrong password!", now=now)
    except accounts.AuthError:
        pass
store.close()
"""


def test_wrong_passwords_in_another_process_count_here_too(store: Store, database_url: str) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    with pytest.raises(accounts.AuthError):
        accounts.sign_in(store, "t@example.org", "wrong password!", now=NOW)
    others = str(accounts.MAX_FAILED_SIGN_INS - 1)
    subprocess.run([sys.executable, "-c", OTHER_WORKER, database_url, others, NOW.isoformat()], check=True)
    with pytest.raises(accounts.ThrottledError):
        accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW + dt.timedelta(minutes=1))


def test_a_successful_sign_in_clears_the_count(store: Store) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    for _ in range(accounts.MAX_FAILED_SIGN_INS - 1):
        with pytest.raises(accounts.AuthError):
            accounts.sign_in(store, "t@example.org", "wrong password!", now=NOW)
    accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW)
    for _ in range(accounts.MAX_FAILED_SIGN_INS - 1):
        with pytest.raises(accounts.AuthError):
            accounts.sign_in(store, "t@example.org", "wrong password!", now=NOW)
    accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW)  # 4 + 4 wrong, but never 5 in a row


def test_the_wait_ends_when_the_oldest_counted_failure_leaves_the_window(store: Store) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    for minute in range(accounts.MAX_FAILED_SIGN_INS):
        with pytest.raises(accounts.AuthError):
            accounts.sign_in(
                store, "t@example.org", "wrong password!", now=NOW + dt.timedelta(minutes=minute)
            )
    fifth = NOW + dt.timedelta(minutes=accounts.MAX_FAILED_SIGN_INS - 1)
    with pytest.raises(accounts.ThrottledError, match="try again in 11 minutes"):
        accounts.sign_in(store, "t@example.org", PASSWORD, now=fifth)
    accounts.sign_in(store, "t@example.org", PASSWORD, now=NOW + accounts.FAILED_SIGN_IN_WINDOW)


def test_resetting_the_password_lifts_the_wait_and_old_failures_are_pruned(store: Store) -> None:
    accounts.register(store, "t@example.org", PASSWORD)
    accounts.register(store, "u@example.org", PASSWORD)
    for _ in range(accounts.MAX_FAILED_SIGN_INS):
        with pytest.raises(accounts.AuthError):
            accounts.sign_in(store, "t@example.org", "wrong password!", now=NOW)
    accounts.reset_password(store, "T@example.org", "a brand new passphrase")
    accounts.sign_in(store, "t@example.org", "a brand new passphrase", now=NOW)
    with pytest.raises(accounts.AuthError):
        accounts.sign_in(store, "u@example.org", "wrong password!", now=NOW)
    with pytest.raises(accounts.AuthError):
        accounts.sign_in(store, "u@example.org", "wrong password!", now=NOW + accounts.FAILED_SIGN_IN_WINDOW)
    with store.reader() as uow:
        kept = uow._db.scalars(select(SignInFailureRow.failed_at)).all()
    assert kept == [NOW + accounts.FAILED_SIGN_IN_WINDOW]  # the older one no longer counted and was removed


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
