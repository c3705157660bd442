"""Repositories for web accounts: signed-in browsers, sign-in throttling, API tokens, invitations, feeds.

Every secret is kept only as its SHA-256 (the tokens are 256-bit random, so a fast hash is enough): a
stolen copy of the database signs nobody in.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any, NamedTuple

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Row,
    Select,
    bindparam,
    case,
    delete,
    exists,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from calfcoach.domain.base import Value
from calfcoach.store.logbook import require_athlete
from calfcoach.store.models import (
    ApiTokenRow,
    AthleteRow,
    CalendarFeedRow,
    CoachClientRow,
    InvitationRow,
    LoginSessionRow,
    PasswordResetRow,
    RegistrationMailRow,
    SignInThrottleRow,
    UserRow,
    WeeklySummaryRow,
)
from calfcoach.store.people import athlete_record
from calfcoach.store.records import Athlete, Role, User

# Columns rather than ORM entities where every request reads: a third of the time, no identity map.
USER_COLUMNS = (
    UserRow.id,
    UserRow.email,
    UserRow.role,
    UserRow.password_hash,
    UserRow.created_at,
    UserRow.language,
)


def _account(row: Any) -> User | None:
    if row is None:
        return None
    return User(
        id=row.id,
        email=row.email,
        role=Role(row.role),
        password_hash=row.password_hash,
        created_at=row.created_at,
        language=row.language,
    )


class AthleteAccess(NamedTuple):
    """An account and the athlete it asks for, read together: what every request for an athlete checks."""

    user: User
    athlete: Athlete | None  # None: no athlete has that id
    coaches_athlete: bool  # the account is that athlete's coach


_ATHLETE_FIELDS = tuple(column.key for column in AthleteRow.__table__.columns)


def _access_query(holder: Any, holder_matches: ColumnElement[bool]) -> Select[Any]:
    """The account holding a token (`holder`: api_tokens or login_sessions), the athlete, the coaching link.

    One statement with bound parameters, built once: as a Core statement on the session's connection it
    costs a quarter of the two ORM queries it replaces, and one round trip instead of two.
    """
    athlete_id: BindParameter[int] = bindparam("athlete_id", type_=Integer)
    coaches = exists().where(
        CoachClientRow.coach_user_id == UserRow.id, CoachClientRow.athlete_id == athlete_id
    )
    return (
        select(
            *USER_COLUMNS,
            *(column.label(f"athlete_{column.key}") for column in AthleteRow.__table__.columns),
            coaches.label("coaches_athlete"),
        )
        .select_from(holder)
        .join(UserRow, UserRow.id == holder.user_id)
        .outerjoin(AthleteRow, AthleteRow.id == athlete_id)
        .where(holder_matches)
    )


def _athlete_access(row: Row[Any] | None) -> AthleteAccess | None:
    if row is None:
        return None
    user = _account(row)
    assert user is not None
    values = row._mapping
    athlete = None
    if values["athlete_id"] is not None:
        athlete = athlete_record(
            SimpleNamespace(**{key: values[f"athlete_{key}"] for key in _ATHLETE_FIELDS})
        )
    return AthleteAccess(user, athlete, bool(values["coaches_athlete"]))


_TOKEN_ACCESS = _access_query(ApiTokenRow, ApiTokenRow.token_sha256 == bindparam("token_sha256"))
_SESSION_ACCESS = _access_query(
    LoginSessionRow,
    (LoginSessionRow.token_sha256 == bindparam("token_sha256"))
    & (LoginSessionRow.expires_at > bindparam("now")),
)


class ApiToken(Value):
    """An API token as listed to its owner (never the token itself)."""

    id: int
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None = None


class Invitation(Value):
    """A coach's invitation, as the coach sees it."""

    coach_user_id: int
    created_at: dt.datetime
    expires_at: dt.datetime
    used_by_athlete_id: int | None = None


class LoginSessionRepository:
    """Signed-in browsers, by the hash of their cookie token."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, token_sha256: str, user_id: int, *, now: dt.datetime, expires_at: dt.datetime) -> None:
        """Remember a new sign-in."""
        self._db.add(
            LoginSessionRow(token_sha256=token_sha256, user_id=user_id, created_at=now, expires_at=expires_at)
        )
        self._db.flush()

    def user_id(self, token_sha256: str, *, now: dt.datetime) -> int | None:
        """Return the account signed in with this token, or None when unknown or expired."""
        row = self._db.get(LoginSessionRow, token_sha256)
        if row is None or row.expires_at <= now:
            return None
        return row.user_id

    def user(self, token_sha256: str, *, now: dt.datetime) -> User | None:
        """Return the account signed in with this token (one query: every request asks), or None."""
        row = self._db.execute(
            select(*USER_COLUMNS)
            .join(LoginSessionRow, LoginSessionRow.user_id == UserRow.id)
            .where(LoginSessionRow.token_sha256 == token_sha256, LoginSessionRow.expires_at > now)
        ).first()
        return _account(row)

    def access(self, token_sha256: str, athlete_id: int, *, now: dt.datetime) -> AthleteAccess | None:
        """Return the signed-in account with the athlete it asks for (one query), or None when signed out."""
        parameters = {"token_sha256": token_sha256, "athlete_id": athlete_id, "now": now}
        return _athlete_access(self._db.connection().execute(_SESSION_ACCESS, parameters).first())

    def remove(self, token_sha256: str) -> None:
        """Sign this browser out."""
        self._db.execute(delete(LoginSessionRow).where(LoginSessionRow.token_sha256 == token_sha256))

    def remove_user(self, user_id: int) -> None:
        """Sign every browser of an account out (after a password reset)."""
        self._db.execute(delete(LoginSessionRow).where(LoginSessionRow.user_id == user_id))

    def remove_expired(self, now: dt.datetime) -> None:
        """Forget sign-ins past their expiry."""
        self._db.execute(delete(LoginSessionRow).where(LoginSessionRow.expires_at <= now))


class ThrottleCount(NamedTuple):
    """A key's failed sign-ins as read under lock: how many, the last one, the last success (if kept)."""

    failures: int
    last_failed_at: dt.datetime | None
    succeeded_at: dt.datetime | None


class SignInThrottleRepository:
    """Counts of failed sign-ins by key (SHA-256 digests the accounts service makes), for throttling."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def lock(self, keys: dict[str, str | None]) -> dict[str, ThrottleCount]:
        """Read the counts of these keys (key -> its account's digest, or None), each locked until commit.

        A missing key is created at 0. One statement a key, in the keys' order, so two attempts that share
        keys queue on the first of them and never lock in opposite orders: an upsert whose no-op update
        takes the row lock on PostgreSQL; SQLite's write transaction (BEGIN IMMEDIATE) is already alone.
        """
        insert = postgresql_insert if self._db.get_bind().dialect.name == "postgresql" else sqlite_insert
        row_type = SignInThrottleRow
        found: dict[str, ThrottleCount] = {}
        for key in sorted(keys):
            new = insert(row_type).values(key_sha256=key, account_sha256=keys[key], failures=0)
            statement = new.on_conflict_do_update(
                index_elements=[row_type.key_sha256], set_={"key_sha256": new.excluded.key_sha256}
            ).returning(row_type.failures, row_type.last_failed_at, row_type.succeeded_at)
            row = self._db.execute(statement).one()
            found[key] = ThrottleCount(row.failures, row.last_failed_at, row.succeeded_at)
        return found

    def set_failures(self, key: str, failures: int, *, last_failed_at: dt.datetime | None) -> None:
        """Set a key's count (and when its last failure was)."""
        self._db.execute(
            update(SignInThrottleRow)
            .where(SignInThrottleRow.key_sha256 == key)
            .values(failures=failures, last_failed_at=last_failed_at)
        )

    def succeeded(self, key: str, *, at: dt.datetime) -> None:
        """Clear a client-and-account key's count and remember the success (the client is a usual one)."""
        self._db.execute(
            update(SignInThrottleRow)
            .where(SignInThrottleRow.key_sha256 == key)
            .values(failures=0, last_failed_at=None, succeeded_at=at)
        )

    def take_back(self, keys: tuple[str, ...]) -> None:
        """Take one failure back from each of these keys' counts (an attempt counted ahead succeeded)."""
        if not keys:
            return
        failures = SignInThrottleRow.failures
        self._db.execute(
            update(SignInThrottleRow)
            .where(SignInThrottleRow.key_sha256.in_(keys))
            .values(failures=case((failures > 0, failures - 1), else_=0))
        )

    def clear_account(self, account_sha256: str) -> None:
        """Forget every count of an account, and which clients it signed in from (its password was reset)."""
        self._db.execute(delete(SignInThrottleRow).where(SignInThrottleRow.account_sha256 == account_sha256))

    def prune(self, *, failed_before: dt.datetime, succeeded_before: dt.datetime) -> None:
        """Forget keys whose last failure was at or before `failed_before`, with no success after
        `succeeded_before`: counts that no longer count, and clients no longer usual ones."""
        last_failure = SignInThrottleRow.last_failed_at
        success = SignInThrottleRow.succeeded_at
        self._db.execute(
            delete(SignInThrottleRow).where(
                or_(last_failure.is_(None), last_failure <= failed_before),
                or_(success.is_(None), success <= succeeded_before),
            )
        )


class PasswordResetRepository:
    """Password-reset links, by the hash of their token."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, token_sha256: str, user_id: int, *, now: dt.datetime, expires_at: dt.datetime) -> None:
        """Remember a link just sent."""
        self._db.add(
            PasswordResetRow(
                token_sha256=token_sha256, user_id=user_id, created_at=now, expires_at=expires_at
            )
        )
        self._db.flush()

    def latest_sent(self, user_id: int) -> dt.datetime | None:
        """When the account's last link was sent (to send no more than one every few minutes)."""
        return self._db.scalar(
            select(PasswordResetRow.created_at)
            .where(PasswordResetRow.user_id == user_id)
            .order_by(PasswordResetRow.created_at.desc())
            .limit(1)
        )

    def take(self, token_sha256: str, *, now: dt.datetime) -> int | None:
        """Use a link: its account when it is known, unused and not expired, marked used; else None."""
        row = self._db.get(PasswordResetRow, token_sha256, with_for_update=True)
        if row is None or row.used_at is not None or row.expires_at <= now:
            return None
        row.used_at = now
        self._db.flush()
        return row.user_id

    def is_usable(self, token_sha256: str, *, now: dt.datetime) -> bool:
        """Whether a link would still work (to show its form, or say at once that it no longer does)."""
        row = self._db.get(PasswordResetRow, token_sha256)
        return row is not None and row.used_at is None and row.expires_at > now

    def remove_user(self, user_id: int) -> None:
        """Forget every link of an account (its password was set: older links must not work any more)."""
        self._db.execute(delete(PasswordResetRow).where(PasswordResetRow.user_id == user_id))


class ApiTokenRepository:
    """API tokens of accounts."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, user_id: int, name: str, token_sha256: str, *, now: dt.datetime) -> ApiToken:
        """Store a new token's hash."""
        row = ApiTokenRow(user_id=user_id, name=name, token_sha256=token_sha256, created_at=now)
        self._db.add(row)
        self._db.flush()
        return ApiToken(id=row.id, name=row.name, created_at=row.created_at)

    def user_id(self, token_sha256: str, *, now: dt.datetime | None = None) -> int | None:
        """Return the owner of a token, or None; with `now`, record the use."""
        row = self._db.scalars(select(ApiTokenRow).where(ApiTokenRow.token_sha256 == token_sha256)).first()
        if row is None:
            return None
        if now is not None:
            row.last_used_at = now
        return row.user_id

    def user(self, token_sha256: str) -> User | None:
        """Return the owner of a token (one query: every script request asks), or None."""
        row = self._db.execute(
            select(*USER_COLUMNS)
            .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
            .where(ApiTokenRow.token_sha256 == token_sha256)
        ).first()
        return _account(row)

    def access(self, token_sha256: str, athlete_id: int) -> AthleteAccess | None:
        """Return a token's owner with the athlete it asks for (one query), or None for an unknown token."""
        parameters = {"token_sha256": token_sha256, "athlete_id": athlete_id}
        return _athlete_access(self._db.connection().execute(_TOKEN_ACCESS, parameters).first())

    def remove_user(self, user_id: int) -> None:
        """Revoke every token of an account (after a password reset)."""
        self._db.execute(delete(ApiTokenRow).where(ApiTokenRow.user_id == user_id))

    def of_user(self, user_id: int) -> list[ApiToken]:
        """Return an account's tokens, oldest first."""
        rows = self._db.scalars(
            select(ApiTokenRow).where(ApiTokenRow.user_id == user_id).order_by(ApiTokenRow.id)
        )
        return [
            ApiToken(id=r.id, name=r.name, created_at=r.created_at, last_used_at=r.last_used_at) for r in rows
        ]

    def remove(self, user_id: int, token_id: int) -> bool:
        """Revoke one of the account's tokens; return whether it existed."""
        found = self._db.execute(
            delete(ApiTokenRow).where(ApiTokenRow.user_id == user_id, ApiTokenRow.id == token_id)
        )
        return bool(getattr(found, "rowcount", 0))


class InvitationRepository:
    """Coach invitations, by the hash of their code."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(
        self,
        code_sha256: str,
        coach_user_id: int,
        *,
        now: dt.datetime,
        expires_at: dt.datetime,
        emailed: bool = False,
    ) -> None:
        """Store a new invitation (`emailed`: it goes out by e-mail now)."""
        self._db.add(
            InvitationRow(
                code_sha256=code_sha256,
                coach_user_id=coach_user_id,
                created_at=now,
                expires_at=expires_at,
                emailed_at=now if emailed else None,
            )
        )
        self._db.flush()

    def emailed_since(self, coach_user_id: int, since: dt.datetime) -> int:
        """How many of a coach's invitations went out by e-mail after `since`."""
        return (
            self._db.scalar(
                select(func.count())
                .select_from(InvitationRow)
                .where(InvitationRow.coach_user_id == coach_user_id, InvitationRow.emailed_at > since)
            )
            or 0
        )

    def get(self, code_sha256: str) -> Invitation | None:
        """Return an invitation, or None."""
        row = self._db.get(InvitationRow, code_sha256)
        if row is None:
            return None
        return Invitation(
            coach_user_id=row.coach_user_id,
            created_at=row.created_at,
            expires_at=row.expires_at,
            used_by_athlete_id=row.used_by_athlete_id,
        )

    def use(self, code_sha256: str, athlete_id: int, *, now: dt.datetime) -> None:
        """Mark an invitation as redeemed by an athlete."""
        row = self._db.get(InvitationRow, code_sha256)
        if row is not None:
            row.used_by_athlete_id = athlete_id
            row.used_at = now
            self._db.flush()


class CalendarFeedRepository:
    """The private calendar subscription of each athlete (one token each; a new one replaces it)."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def replace(self, athlete_id: int, token_sha256: str, *, now: dt.datetime) -> None:
        """Give the athlete a new feed token; the old URL stops working."""
        require_athlete(self._db, athlete_id)
        self._db.execute(delete(CalendarFeedRow).where(CalendarFeedRow.athlete_id == athlete_id))
        self._db.add(CalendarFeedRow(athlete_id=athlete_id, token_sha256=token_sha256, created_at=now))
        self._db.flush()

    def athlete_id(self, token_sha256: str) -> int | None:
        """Return whose feed this token opens, or None."""
        row = self._db.scalars(
            select(CalendarFeedRow).where(CalendarFeedRow.token_sha256 == token_sha256)
        ).first()
        return None if row is None else row.athlete_id

    def exists(self, athlete_id: int) -> bool:
        """Tell whether the athlete has a feed."""
        return self._db.get(CalendarFeedRow, athlete_id) is not None


class WeeklySummaryRepository:
    """Which coaches get the weekly summary by e-mail, and the last week each was sent for."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def is_enabled(self, coach_user_id: int) -> bool:
        """Whether the coach switched the summary on."""
        row = self._db.get(WeeklySummaryRow, coach_user_id)
        return row is not None and row.enabled

    def set_enabled(self, coach_user_id: int, enabled: bool) -> None:
        """Switch the summary on or off (the last week sent is kept: no second mail for it after a toggle)."""
        row = self._db.get(WeeklySummaryRow, coach_user_id)
        if row is None:
            self._db.add(WeeklySummaryRow(coach_user_id=coach_user_id, enabled=enabled, last_week=None))
        else:
            row.enabled = enabled
        self._db.flush()

    def due(self, week: dt.date) -> list[int]:
        """The coaches who switched the summary on and were not yet sent the one of `week` (its Monday)."""
        rows = self._db.scalars(
            select(WeeklySummaryRow.coach_user_id)
            .where(
                WeeklySummaryRow.enabled,
                or_(WeeklySummaryRow.last_week.is_(None), WeeklySummaryRow.last_week < week),
            )
            .order_by(WeeklySummaryRow.coach_user_id)
        )
        return list(rows)

    def claim(self, coach_user_id: int, week: dt.date) -> bool:
        """Mark the week's summary as sent to the coach; False when it already was (another run took it).

        One conditional UPDATE: of two runs at once, only one sees its row change.
        """
        done = self._db.execute(
            update(WeeklySummaryRow)
            .where(
                WeeklySummaryRow.coach_user_id == coach_user_id,
                WeeklySummaryRow.enabled,
                or_(WeeklySummaryRow.last_week.is_(None), WeeklySummaryRow.last_week < week),
            )
            .values(last_week=week)
        )
        return bool(getattr(done, "rowcount", 0))

    def release(self, coach_user_id: int, week: dt.date, previous: dt.date | None) -> None:
        """Give a claimed week back (its mail could not be sent): the next run tries again."""
        self._db.execute(
            update(WeeklySummaryRow)
            .where(WeeklySummaryRow.coach_user_id == coach_user_id, WeeklySummaryRow.last_week == week)
            .values(last_week=previous)
        )

    def last_week(self, coach_user_id: int) -> dt.date | None:
        """The Monday of the last week the coach was sent a summary for."""
        row = self._db.get(WeeklySummaryRow, coach_user_id)
        return None if row is None else row.last_week


class PendingRegistration(NamedTuple):
    """A registration waiting for its confirmation link: the account to make when it is opened."""

    email: str
    role: Role
    password_hash: str
    language: str | None = None  # the registration page's, for the new account


class RegistrationMailRepository:
    """E-mails sent to addresses people registered with, by the hash of the link's token."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(
        self,
        token_sha256: str,
        email: str,
        role: Role,
        password_hash: str | None,
        *,
        now: dt.datetime,
        expires_at: dt.datetime,
        language: str | None = None,
    ) -> None:
        """Remember a mail just sent: a confirmation (`password_hash` set) or a notice (None). Expired ones
        are forgotten on the way."""
        self._db.execute(delete(RegistrationMailRow).where(RegistrationMailRow.expires_at <= now))
        self._db.add(
            RegistrationMailRow(
                token_sha256=token_sha256,
                email=email,
                role=role.value,
                password_hash=password_hash,
                created_at=now,
                expires_at=expires_at,
                language=language,
            )
        )
        self._db.flush()

    def latest_sent(self, email: str) -> dt.datetime | None:
        """When the last registration mail went to this address."""
        return self._db.scalar(
            select(func.max(RegistrationMailRow.created_at)).where(RegistrationMailRow.email == email)
        )

    def take(self, token_sha256: str, *, now: dt.datetime) -> PendingRegistration | None:
        """Use a confirmation link: its registration when known, unexpired and not a notice; every mail to
        that address is then forgotten (a second link does not make a second account)."""
        row = self._db.get(RegistrationMailRow, token_sha256, with_for_update=True)
        if row is None or row.password_hash is None or row.expires_at <= now:
            return None
        found = PendingRegistration(row.email, Role(row.role), row.password_hash, row.language)
        self.remove_email(row.email)
        return found

    def remove(self, token_sha256: str) -> None:
        """Forget one mail (it could not be sent)."""
        self._db.execute(delete(RegistrationMailRow).where(RegistrationMailRow.token_sha256 == token_sha256))

    def remove_email(self, email: str) -> None:
        """Forget every mail to this address."""
        self._db.execute(delete(RegistrationMailRow).where(RegistrationMailRow.email == email))
