"""Accounts: passwords (argon2), sign-in sessions, API tokens, password resets and the first-run setup."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import math
import secrets
from dataclasses import dataclass
from typing import NamedTuple

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from calfcoach.domain.errors import CalfCoachError, InputError, Said
from calfcoach.i18n import N_, translate_plural
from calfcoach.store.accounts import ApiToken, ThrottleCount
from calfcoach.store.records import Role, User
from calfcoach.store.store import Store
from calfcoach.store.uow import UnitOfWork

MIN_PASSWORD_CHARS = 10
MAX_PASSWORD_CHARS = 1024
SESSION_DAYS = 30
TOKEN_NAME_CHARS = 100


@dataclass(frozen=True)
class Limit:
    """How many failed sign-ins a count allows before each further attempt waits, and how long.

    After `free` failures the next attempt waits `first_wait` after the last failure, and every further
    failure doubles the wait, up to `longest_wait`: a back-off, never a lock-out.
    """

    free: int
    first_wait: dt.timedelta
    longest_wait: dt.timedelta

    def wait(self, count: ThrottleCount, now: dt.datetime) -> dt.timedelta:
        """Return how long an attempt must still wait under this count (zero: it may go ahead)."""
        last = count.last_failed_at
        if last is None or count.failures < self.free or now - last >= FORGET_FAILURES_AFTER:
            return dt.timedelta(0)
        doublings: int = min(count.failures - self.free, 30)
        delay = min(self.longest_wait, self.first_wait * (1 << doublings))
        return max(dt.timedelta(0), last + delay - now)


# One client guessing the password of one account: 5 tries, then 1 s, 2 s, 4 s ... up to 15 minutes apart.
PER_CLIENT_ON_ACCOUNT = Limit(5, dt.timedelta(seconds=1), dt.timedelta(minutes=15))
# One client trying many accounts (or many addresses): 20 tries, then the same back-off.
PER_CLIENT = Limit(20, dt.timedelta(seconds=1), dt.timedelta(minutes=15))
# Everyone together on one account, except its usual clients: a slow global back-off, at most a minute,
# so that a stranger's failures from many addresses cost its owner on a new device a minute, not a lock.
PER_ACCOUNT = Limit(20, dt.timedelta(seconds=1), dt.timedelta(minutes=1))
FORGET_FAILURES_AFTER = dt.timedelta(hours=24)  # a count without a failure for this long starts again
USUAL_CLIENT_FOR = dt.timedelta(days=90)  # a client the account signed in from, for this long after

# argon2id with the library's defaults (RFC 9106 "low memory" profile); tests swap in a cheaper one.
hasher = PasswordHasher()
# Verified against when the e-mail is unknown, so a wrong address takes as long as a wrong password.
_DUMMY_HASH = hasher.hash("not a password anyone has")


class AuthError(CalfCoachError):
    """The e-mail address, password or token did not sign anyone in."""


class ThrottledError(AuthError):
    """Too many failed sign-ins from this client or on this account lately; the attempt must wait."""

    def __init__(self, message: str, *, retry_after_s: int, **fields: object) -> None:
        super().__init__(message, **fields)
        self.retry_after_s = retry_after_s


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
            N_("the password has {count} characters, fewer than {least}"),
            where="password",
            hint=N_("a few words make a long password that is easy to remember"),
            count=len(password),
            least=MIN_PASSWORD_CHARS,
        )
    if len(password) > MAX_PASSWORD_CHARS:
        raise InputError(
            N_("the password is longer than {most} characters"), where="password", most=MAX_PASSWORD_CHARS
        )


def needs_setup(store: Store) -> bool:
    """Tell whether no account exists yet (the first visitor creates the admin)."""
    with store.reader() as uow:
        return uow.counts().get("users", 0) == 0


NOT_REGISTERED = N_(
    "no new account was made with this e-mail address and password; if you already have an account, "
    "sign in with its password (an admin can reset a forgotten one)"
)


def register(
    store: Store,
    email: str,
    password: str,
    *,
    role: Role = Role.ATHLETE,
    client: str | None = None,
    now: dt.datetime | None = None,
    language: str | None = None,
) -> User:
    """Create an account with a hashed password, and return it.

    A new account keeps `language` (the registration page's) as its own; an existing one keeps its own.

    An address that already has an account is not refused by name, which would tell anyone whose address
    is registered: the attempt is a sign-in instead, counted and throttled like one. The right password
    returns that account (the person forgot they had one; the answer is the same as for a new account);
    any other gets NOT_REGISTERED. `client` is the requester's address (None: a local caller).
    """
    check_password(password)
    if role is Role.ADMIN:
        raise InputError(
            N_("nobody can register as an admin"), where="role", hint=N_("choose athlete or coach")
        )
    password_hash = hasher.hash(password)  # ~0.1 s of CPU: before the write turn, which others wait for
    with store.unit_of_work() as uow:
        if uow.users.by_email(email) is None:
            user = uow.users.add(email, role, password_hash=password_hash, language=language)
            uow.commit()
            return user
    at = now or dt.datetime.now(dt.UTC)
    checked = _checked_password(store, email, password, client=client, now=at)
    if checked is None:
        raise AuthError(NOT_REGISTERED)
    user, attempt = checked
    with store.unit_of_work() as uow:
        _attempt_succeeded(uow, attempt, now=at)
        uow.commit()
    return user


def set_up_first_account(store: Store, email: str, password: str, *, language: str | None = None) -> User:
    """Create the first account, an admin (who is also an athlete); refused once any account exists.

    `language` (the setup page's) becomes the account's own."""
    check_password(password)
    password_hash = hasher.hash(password)
    with store.unit_of_work() as uow:
        if uow.counts().get("users", 0):
            raise SetupDoneError(N_("CalfCoach is already set up; sign in instead"))
        user = uow.users.add(email, Role.ADMIN, password_hash=password_hash, language=language)
        uow.commit()
    return user


def chosen_language(store: Store, user: User) -> str | None:
    """The language this person chose: their athlete profile's, else their account's; None: never chosen
    (the caller falls back on the browser's or the server's)."""
    with store.reader() as uow:
        athlete = uow.athletes.by_user(user.id)
    if athlete is not None and athlete.profile.language:
        return athlete.profile.language
    return user.language


def choose_language(store: Store, user: User, language: str | None) -> User:
    """Keep the language a person reads CalfCoach in (None: the browser's or the server's again).

    It is the account's, and their athlete profile's too when they have one: one person, one choice (the
    profile's comes first, so changing only the account's would change nothing an athlete reads).
    A language CalfCoach does not speak is an InputError on `language`, and nothing changes.
    """
    with store.unit_of_work() as uow:
        changed = uow.users.set_language(user.id, language)
        athlete = uow.athletes.by_user(user.id)
        if athlete is not None:
            uow.athletes.update(athlete.id, athlete.profile.model_copy(update={"language": language}))
        uow.commit()
    return changed


def choose_language_of(store: Store, email: str, language: str | None) -> User:
    """`choose_language` for the account of `email` (an administrator's command); unknown: an InputError."""
    with store.reader() as uow:
        user = uow.users.by_email(email)
    if user is None:
        raise InputError(
            N_("no account with e-mail {email}"), where="email", email=repr(email.strip().lower())
        )
    return choose_language(store, user, language)


def client_address(host: str | None) -> str:
    """Return the client as its sign-ins are counted: an IPv4 address, or an IPv6 address's /64 network.

    A /64 is what one home or phone gets; counting its addresses one by one would let one client try
    from billions. None (a local caller: the CLI, tests) is one client, "local".
    """
    if not host:
        return "local"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host.lower()
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class _Attempt(NamedTuple):
    """The counts one sign-in attempt was counted in: its client on the account, and the others."""

    client_on_account: str
    others: tuple[str, ...]


def _count_attempt(uow: UnitOfWork, client: str, address: str, now: dt.datetime) -> _Attempt:
    """Count a sign-in attempt as failed before its password is checked, or refuse it if it must wait.

    Counting first, under the rows' locks, is what makes parallel attempts take turns: 60 at once on one
    account from one client check 5 passwords, and the rest wait. A success takes its count back.
    """
    account = digest(f"account\n{address}")
    client_on_account = digest(f"client-account\n{client}\n{address}")
    by_client = digest(f"client\n{client}")
    counts = uow.sign_in_throttle.lock({client_on_account: account, by_client: None, account: account})
    last_success = counts[client_on_account].succeeded_at
    limits = {client_on_account: PER_CLIENT_ON_ACCOUNT}
    # The account's usual clients are not held back by what others do: a stranger cannot lock them out.
    if last_success is None or now - last_success >= USUAL_CLIENT_FOR:
        limits |= {by_client: PER_CLIENT, account: PER_ACCOUNT}
    wait = max(limit.wait(counts[key], now) for key, limit in limits.items())
    if wait > dt.timedelta(0):
        seconds = math.ceil(wait.total_seconds())
        raise ThrottledError(
            N_("too many failed sign-ins; try again in {wait} (an admin can reset a forgotten password)"),
            retry_after_s=seconds,
            wait=_duration(seconds),
        )
    for key in limits:
        count = counts[key]
        fresh = count.last_failed_at is not None and now - count.last_failed_at < FORGET_FAILURES_AFTER
        uow.sign_in_throttle.set_failures(key, (count.failures if fresh else 0) + 1, last_failed_at=now)
    return _Attempt(client_on_account, tuple(key for key in limits if key != client_on_account))


def _attempt_succeeded(uow: UnitOfWork, attempt: _Attempt, *, now: dt.datetime) -> None:
    """Take back what a successful attempt was counted as, and mark its client as a usual one."""
    uow.sign_in_throttle.succeeded(attempt.client_on_account, at=now)
    uow.sign_in_throttle.take_back(attempt.others)


def _duration(seconds: int) -> Said:
    """A wait in whole seconds under a minute, else in whole minutes, in the reader's language."""
    if seconds < 60:
        return Said(
            lambda language: translate_plural(language, "{n} second", "{n} seconds", seconds).format(
                n=seconds
            )
        )
    minutes = math.ceil(seconds / 60)
    return Said(
        lambda language: translate_plural(language, "{n} minute", "{n} minutes", minutes).format(n=minutes)
    )


def _checked_password(
    store: Store, email: str, password: str, *, client: str | None, now: dt.datetime
) -> tuple[User, _Attempt] | None:
    """Count the attempt (ThrottledError if it must wait), then check the password: the account, or None."""
    address = email.strip().lower()
    with store.unit_of_work() as uow:
        attempt = _count_attempt(uow, client_address(client), address, now)
        user = uow.users.by_email(address)
        uow.commit()
    try:
        hasher.verify(user.password_hash if user and user.password_hash else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        user = None
    if user is None or user.password_hash is None:
        with store.unit_of_work() as uow:  # its own transaction: it holds no count's lock
            uow.sign_in_throttle.prune(
                failed_before=now - FORGET_FAILURES_AFTER, succeeded_before=now - USUAL_CLIENT_FOR
            )
            uow.commit()
        return None
    return user, attempt


def sign_in(
    store: Store, email: str, password: str, *, now: dt.datetime, client: str | None = None
) -> tuple[User, str]:
    """Check the password and open a session; return the account and the cookie token.

    Failed attempts are counted per client (its IP address; `client_address`), per client on the account
    and per account, in the database so every worker and process counts the same ones; each count makes
    attempts wait longer and longer once it passes its limit (PER_CLIENT_ON_ACCOUNT, PER_CLIENT,
    PER_ACCOUNT). The per-account count does not hold back a client the account signed in from within
    USUAL_CLIENT_FOR. Costs a write before the password is checked and one after (the session, or on a
    failure the pruning of counts past FORGET_FAILURES_AFTER).
    """
    checked = _checked_password(store, email, password, client=client, now=now)
    if checked is None:
        raise AuthError(N_("wrong e-mail address or password"))
    user, attempt = checked
    assert user.password_hash is not None  # _checked_password returns only accounts with a password
    token = new_secret()
    rehashed = hasher.hash(password) if hasher.check_needs_rehash(user.password_hash) else None
    with store.unit_of_work() as uow:
        uow.logins.remove_expired(now)
        _attempt_succeeded(uow, attempt, now=now)
        uow.logins.add(digest(token), user.id, now=now, expires_at=now + dt.timedelta(days=SESSION_DAYS))
        if rehashed is not None:
            uow.users.set_password_hash(user.id, rehashed)
        uow.commit()
    return user, token


def confirm_password(
    store: Store, user: User, password: str, *, now: dt.datetime, client: str | None
) -> None:
    """Check the signed-in account's password again before something that cannot be undone.

    Counted and throttled like a sign-in, so a browser left signed in cannot be used to guess it.
    """
    checked = _checked_password(store, user.email, password, client=client, now=now)
    if checked is None or checked[0].id != user.id:
        raise InputError(N_("this is not the password of your account"), where="password")
    with store.unit_of_work() as uow:
        _attempt_succeeded(uow, checked[1], now=now)
        uow.commit()


def forget_sign_in_counts(uow: UnitOfWork, email: str) -> None:
    """Forget the failed sign-ins counted on an account, and the clients it signed in from."""
    uow.sign_in_throttle.clear_account(digest(f"account\n{email.strip().lower()}"))


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
            N_("a token needs a name of 1 to {most} characters"),
            where="name",
            hint=N_("e.g. 'laptop'"),
            most=TOKEN_NAME_CHARS,
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
            raise InputError(
                N_("no account with e-mail {email}"), where="email", email=repr(email.strip().lower())
            )
        set_password_in(uow, user, password_hash)
        uow.commit()
    return user


def set_password_in(uow: UnitOfWork, user: User, password_hash: str) -> None:
    """Set an account's password hash and sign it out everywhere: sessions, API tokens, reset links."""
    uow.users.set_password_hash(user.id, password_hash)
    uow.logins.remove_user(user.id)
    uow.api_tokens.remove_user(user.id)
    uow.password_resets.remove_user(user.id)
    # The new password may be tried at once, and no client is a usual one of the old password any more.
    forget_sign_in_counts(uow, user.email)
