"""Repositories for web accounts: signed-in browsers, failed sign-ins, API tokens, invitations, feeds.

Every secret is kept only as its SHA-256 (the tokens are 256-bit random, so a fast hash is enough): a
stolen copy of the database signs nobody in.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any, NamedTuple

from sqlalchemy import BindParameter, ColumnElement, Integer, Row, Select, bindparam, delete, exists, select
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
    SignInFailureRow,
    UserRow,
)
from calfcoach.store.people import athlete_record
from calfcoach.store.records import Athlete, Role, User

# Columns rather than ORM entities where every request reads: a third of the time, no identity map.
USER_COLUMNS = (UserRow.id, UserRow.email, UserRow.role, UserRow.password_hash, UserRow.created_at)


def _account(row: Any) -> User | None:
    if row is None:
        return None
    return User(
        id=row.id,
        email=row.email,
        role=Role(row.role),
        password_hash=row.password_hash,
        created_at=row.created_at,
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


class SignInFailureRepository:
    """Wrong passwords at sign-in, by the SHA-256 of the normalised e-mail address, for throttling."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def recent(self, address_sha256: str, *, since: dt.datetime, limit: int) -> list[dt.datetime]:
        """Return when the newest `limit` failures after `since` happened, newest first (one indexed read)."""
        return list(
            self._db.scalars(
                select(SignInFailureRow.failed_at)
                .where(SignInFailureRow.address_sha256 == address_sha256, SignInFailureRow.failed_at > since)
                .order_by(SignInFailureRow.failed_at.desc())
                .limit(limit)
            )
        )

    def add(self, address_sha256: str, *, at: dt.datetime) -> None:
        """Count one failure."""
        self._db.add(SignInFailureRow(address_sha256=address_sha256, failed_at=at))
        self._db.flush()

    def clear(self, address_sha256: str) -> None:
        """Forget this address's failures (it signed in, or its password was reset)."""
        self._db.execute(delete(SignInFailureRow).where(SignInFailureRow.address_sha256 == address_sha256))

    def remove_older_than(self, cutoff: dt.datetime) -> None:
        """Forget failures that no longer count, of every address."""
        self._db.execute(delete(SignInFailureRow).where(SignInFailureRow.failed_at <= cutoff))


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

    def add(self, code_sha256: str, coach_user_id: int, *, now: dt.datetime, expires_at: dt.datetime) -> None:
        """Store a new invitation."""
        self._db.add(
            InvitationRow(
                code_sha256=code_sha256, coach_user_id=coach_user_id, created_at=now, expires_at=expires_at
            )
        )
        self._db.flush()

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
