"""Accounts: passwords (argon2), sign-in sessions, API tokens, password resets and the first-run setup."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from calfcoach.domain.errors import CalfCoachError, InputError
from calfcoach.store.accounts import ApiToken
from calfcoach.store.records import Role, User
from calfcoach.store.store import Store

MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 1024
SESSION_DAYS = 30
TOKEN_NAME_CHARS = 100
MAX_FAILED_SIGN_INS = 5
FAILED_SIGN_IN_WINDOW = dt.timedelta(minutes=15)

# argon2id with the library's defaults (RFC 9106 "low memory" profile); tests swap in a cheaper one.
hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so a wrong address takes as long as a wrong password.
_DUMMY_HASH = hasher.hash("not a password anyone has")


class AuthError(CalfCoachError):
    """The e-mail address, password or token did not sign anyone in."""


class ThrottledError(AuthError):
    """Too many wrong passwords for one address in a short time; sign-in waits."""


class SetupDoneError(CalfCoachError):
    """The first account already exists; the setup page is closed."""


def digest(secret: str) -> str:
    """Return the SHA-256 hex digest under which a random token is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    """Return a new 256-bit random token, URL-safe."""
    return secrets.token_urlsafe(32)


def check_password(password: str) -> None:
    """Refuse a password too short or too long to be safe, saying the rule."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise InputError(
            f"the password has {len(password)} characters, fewer than {MIN_PASSWORD_CHARS}",
            where="password",
            hint="a few words make a long password that is easy to remember",
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise InputError(f"the password is longer than {MAX_PASSWORD_CHARS} characters", where="password")


def needs_setup(store: Store) -> bool:
    """Tell whether no account exists yet (the first visitor creates the admin)."""
    with store.reader() as uow:
        return uow.counts().get("users", 0) == 0


def register(store: Store, email: str, password: str, *, role: Role = Role.ATHLETE) -> User:
    """Create an account with a hashed password; an address already in use is refused."""
    check_password(password)
    if role is Role.ADMIN:
        raise InputError("nobody can register as an admin", where="role", hint="choose athlete or coach")
    password_hash = hasher.hash(password)  # ~0.1 s of CPU: before the write turn, which others wait for
    with store.unit_of_work() as uow:
        user = uow.users.add(email, role, password_hash=password_hash)
        uow.commit()
    return user


def set_up_first_account(store: Store, email: str, password: str) -> User:
    """Create the first account, an admin (who is also an athlete); refused once any account exists."""
    check_password(password)
    password_hash = hasher.hash(password)
    with store.unit_of_work() as uow:
        if uow.counts().get("users", 0):
            raise SetupDoneError("CalfCoach is already set up; sign in instead")
        user = uow.users.add(email, Role.ADMIN, password_hash=password_hash)
        uow.commit()
    return user


def _throttle(failures: list[dt.datetime], now: dt.datetime) -> None:
    """Refuse when the address already has the most failures the window allows, saying how long to wait."""
    if len(failures) < MAX_FAILED_SIGN_INS:
        return
    # `failures` is newest first and at most MAX long: the last one is the first to leave the window.
    wait_min = math.ceil((failures[-1] + FAILED_SIGN_IN_WINDOW - now).total_seconds() / 60)
    raise ThrottledError(
        f"too many wrong passwords for this address; try again in {wait_min} minutes "
        "(or ask an admin to reset the password)"
    )


def sign_in(store: Store, email: str, password: str, *, now: dt.datetime) -> tuple[User, str]:
    """Check the password and open a session; return the account and the cookie token.

    After 5 wrong passwords for one address within 15 minutes, that address waits (guessing is slowed to a
    crawl; argon2 already costs each guess tens of milliseconds of server time). The failures are rows in
    the database, so every worker and process counts the same ones: one read (with the account), and on a
    failure one write; a success clears them.
    """
    address = email.strip().lower()
    key = digest(address)
    with store.reader() as uow:
        failures = uow.sign_in_failures.recent(
            key, since=now - FAILED_SIGN_IN_WINDOW, limit=MAX_FAILED_SIGN_INS
        )
        user = uow.users.by_email(address)
    _throttle(failures, now)
    try:
        hasher.verify(user.password_hash if user and user.password_hash else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        user = None
    if user is None or user.password_hash is None:
        with store.unit_of_work() as uow:
            uow.sign_in_failures.remove_older_than(now - FAILED_SIGN_IN_WINDOW)
            uow.sign_in_failures.add(key, at=now)
            uow.commit()
        raise AuthError("wrong e-mail address or password")
    token = new_secret()
    rehashed = hasher.hash(password) if hasher.check_needs_rehash(user.password_hash) else None
    with store.unit_of_work() as uow:
        uow.logins.remove_expired(now)
        if failures:
            uow.sign_in_failures.clear(key)
        uow.logins.add(digest(token), user.id, now=now, expires_at=now + dt.timedelta(days=SESSION_DAYS))
        if rehashed is not None:
            uow.users.set_password_hash(user.id, rehashed)
        uow.commit()
    return user, token


def sign_out(store: Store, token: str) -> None:
    """Close the session of this cookie token (unknown tokens are ignored)."""
    with store.unit_of_work() as uow:
        uow.logins.remove(digest(token))
        uow.commit()


def user_for_session(store: Store, token: str, *, now: dt.datetime) -> User | None:
    """Return the account signed in with this cookie token, or None."""
    with store.lookup() as uow:
        return uow.logins.user(digest(token), now=now)


def create_api_token(store: Store, user: User, name: str, *, now: dt.datetime) -> tuple[ApiToken, str]:
    """Make a token for scripts; the token itself is shown once and only its hash is kept."""
    label = name.strip()
    if not label or len(label) > TOKEN_NAME_CHARS:
        raise InputError(
            f"a token needs a name of 1 to {TOKEN_NAME_CHARS} characters", where="name", hint="e.g. 'laptop'"
        )
    secret = f"cc_{new_secret()}"
    with store.unit_of_work() as uow:
        token = uow.api_tokens.add(user.id, label, digest(secret), now=now)
        uow.commit()
    return token, secret


def user_for_api_token(store: Store, secret: str) -> User | None:
    """Return the owner of an API token, or None."""
    with store.lookup() as uow:
        return uow.api_tokens.user(digest(secret))


def api_tokens(store: Store, user: User) -> list[ApiToken]:
    """List an account's API tokens (names and dates, never the tokens)."""
    with store.reader() as uow:
        return uow.api_tokens.of_user(user.id)


def revoke_api_token(store: Store, user: User, token_id: int) -> bool:
    """Revoke one of the account's tokens; return whether it existed."""
    with store.unit_of_work() as uow:
        found = uow.api_tokens.remove(user.id, token_id)
        uow.commit()
    return found


def reset_password(store: Store, email: str, password: str) -> User:
    """Set a new password for an account, sign it out everywhere, and lift its sign-in throttle.

    Everywhere means every browser session and every API token: whoever reset the password (an admin, or
    the person after a lost password) may be shutting out someone who had the old one, and a token made
    with it would otherwise keep working.
    """
    check_password(password)
    password_hash = hasher.hash(password)
    with store.unit_of_work() as uow:
        user = uow.users.by_email(email)
        if user is None:
            raise InputError(f"no account with e-mail {email.strip().lower()!r}", where="email")
        uow.users.set_password_hash(user.id, password_hash)
        uow.logins.remove_user(user.id)
        uow.api_tokens.remove_user(user.id)
        uow.sign_in_failures.clear(digest(user.email))  # the new password may be tried at once
        uow.commit()
    return user
