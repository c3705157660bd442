"""Repositories for people: accounts (users), athletes with their profile, and which coach follows whom."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from calfcoach.domain.errors import InputError, NotFoundError
from calfcoach.domain.exercise import Equipment
from calfcoach.domain.profile import Goal, Level, Profile, Sex
from calfcoach.domain.units import LoadUnit, UnitSystem
from calfcoach.i18n import N_, SUPPORTED, is_supported
from calfcoach.store.models import ActivityRow, AthleteRow, CoachClientRow, UserRow
from calfcoach.store.records import Athlete, ClientKey, Role, User


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def profile_columns(profile: Profile) -> dict[str, Any]:
    """Return the athlete columns for a profile (sets stored as sorted lists, so output is stable)."""
    return {
        "name": profile.name,
        "start_date": profile.start_date,
        "weekdays": sorted(profile.weekdays),
        "minutes_per_session": profile.minutes_per_session,
        "equipment": sorted(e.value for e in profile.equipment),
        "level": profile.level.value,
        "goal": profile.goal.value,
        "birth_year": profile.birth_year,
        "sex": profile.sex.value,
        "weight_kg": profile.weight_kg,
        "program_id": profile.program_id,
        "units": profile.units.value,
        "load_units": None if profile.load_units is None else profile.load_units.value,
        "time_zone": profile.time_zone,
        "language": profile.language,
    }


def _profile(row: Any) -> Profile:
    return Profile(
        name=row.name,
        start_date=row.start_date,
        weekdays=frozenset(int(d) for d in row.weekdays),
        minutes_per_session=row.minutes_per_session,
        equipment=frozenset(Equipment(e) for e in row.equipment),
        level=Level(row.level),
        goal=Goal(row.goal),
        birth_year=row.birth_year,
        sex=Sex(row.sex),
        weight_kg=row.weight_kg,
        program_id=row.program_id,
        units=UnitSystem(row.units),
        load_units=None if row.load_units is None else LoadUnit(row.load_units),
        time_zone=row.time_zone,
        language=row.language,
    )


def athlete_record(row: Any) -> Athlete:
    """Build an athlete from anything with the athlete table's columns as attributes (a row or an entity)."""
    return Athlete(
        id=row.id,
        user_id=row.user_id,
        profile=_profile(row),
        revision=row.revision,
        created_at=row.created_at,
    )


def _user(row: UserRow) -> User:
    return User(
        id=row.id,
        email=row.email,
        role=Role(row.role),
        password_hash=row.password_hash,
        created_at=row.created_at,
        language=row.language,
    )


NOT_SPOKEN = N_("{language} is not a language CalfCoach speaks: use one of {languages}")


def _language(language: str | None) -> str | None:
    """Refuse a language CalfCoach does not speak: a stored code is always one of i18n.SUPPORTED."""
    if language is not None and not is_supported(language):
        raise InputError(
            NOT_SPOKEN, where="language", language=repr(language), languages=", ".join(SUPPORTED)
        )
    return language


class UserRepository:
    """Accounts. E-mail addresses are unique, compared in lower case."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(
        self,
        email: str,
        role: Role = Role.ATHLETE,
        *,
        password_hash: str | None = None,
        language: str | None = None,
    ) -> User:
        """Create an account; an e-mail address already in use is refused."""
        address = email.strip().lower()
        if "@" not in address or len(address) > 320:
            raise InputError(N_("not an e-mail address: {email}"), where="email", email=repr(email))
        if self.by_email(address) is not None:
            raise InputError(
                N_("an account with e-mail {email} already exists"), where="email", email=repr(address)
            )
        row = UserRow(
            email=address,
            role=Role(role).value,
            password_hash=password_hash,
            created_at=_now(),
            language=_language(language),
        )
        self._db.add(row)
        self._db.flush()
        return _user(row)

    def get(self, user_id: int) -> User | None:
        """Return an account by id, or None."""
        row = self._db.get(UserRow, user_id)
        return None if row is None else _user(row)

    def by_email(self, email: str) -> User | None:
        """Return the account with this e-mail address, or None."""
        row = self._db.scalars(select(UserRow).where(UserRow.email == email.strip().lower())).first()
        return None if row is None else _user(row)

    def set_password_hash(self, user_id: int, password_hash: str | None) -> None:
        """Replace an account's password hash (None: the account cannot sign in with a password)."""
        row = self._db.get(UserRow, user_id)
        if row is None:
            raise NotFoundError(N_("no account with id {id}"), id=user_id)
        row.password_hash = password_hash
        self._db.flush()

    def set_language(self, user_id: int, language: str | None) -> User:
        """Keep an account's own language (None: the browser's or the server's again); return the account."""
        row = self._db.get(UserRow, user_id)
        if row is None:
            raise NotFoundError(f"no account with id {user_id}")
        row.language = _language(language)
        self._db.flush()
        return _user(row)

    def delete(self, user_id: int) -> None:
        """Remove an account; its sign-ins, tokens, invitations, coaching links and media rows go with it
        (ON DELETE CASCADE). Its athlete is the caller's to delete first: that key only sets null."""
        self._db.execute(delete(UserRow).where(UserRow.id == user_id))

    def admins(self) -> int:
        """Return how many admin accounts there are."""
        return self._db.scalar(select(func.count(UserRow.id)).where(UserRow.role == Role.ADMIN.value)) or 0


class AthleteRepository:
    """Athletes and their profiles."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, profile: Profile, *, user_id: int | None = None) -> int:
        """Store a new athlete and return their id."""
        if user_id is not None and self._db.get(UserRow, user_id) is None:
            raise NotFoundError(N_("no account with id {id}"), id=user_id)
        row = AthleteRow(user_id=user_id, created_at=_now(), **profile_columns(profile))
        self._db.add(row)
        self._db.flush()
        return row.id

    def get(self, athlete_id: int) -> Athlete | None:
        """Return an athlete, or None (columns, not an entity: every request for an athlete asks)."""
        columns = AthleteRow.__table__.columns
        row = self._db.execute(select(*columns).where(AthleteRow.id == athlete_id)).first()
        return None if row is None else athlete_record(row)

    def many(self, athlete_ids: Iterable[int]) -> dict[int, Athlete]:
        """Return these athletes by id, in one query (ids not found left out)."""
        columns = AthleteRow.__table__.columns
        rows = self._db.execute(select(*columns).where(AthleteRow.id.in_(sorted(set(athlete_ids)))))
        return {row.id: athlete_record(row) for row in rows}

    def profile(self, athlete_id: int) -> Profile:
        """Return an athlete's profile; a missing athlete is an error."""
        row = self._db.get(AthleteRow, athlete_id)
        if row is None:
            raise NotFoundError(N_("no athlete with id {id} in this database"), id=athlete_id)
        return _profile(row)

    def revision(self, athlete_id: int) -> int | None:
        """Return the athlete's revision number (raised by the database on every change), or None."""
        return self._db.scalar(select(AthleteRow.revision).where(AthleteRow.id == athlete_id))

    def update(self, athlete_id: int, profile: Profile) -> None:
        """Replace an athlete's profile."""
        row = self._db.get(AthleteRow, athlete_id)
        if row is None:
            raise NotFoundError(N_("no athlete with id {id} in this database"), id=athlete_id)
        for name, value in profile_columns(profile).items():
            setattr(row, name, value)
        self._db.flush()

    def by_user(self, user_id: int) -> Athlete | None:
        """Return the athlete linked to an account, or None."""
        row = self._db.scalars(select(AthleteRow).where(AthleteRow.user_id == user_id)).first()
        return None if row is None else athlete_record(row)

    def all(self) -> list[Athlete]:
        """Return every athlete, oldest first."""
        return [athlete_record(r) for r in self._db.scalars(select(AthleteRow).order_by(AthleteRow.id))]

    def first(self) -> Athlete | None:
        """Return the first athlete (the person, on a single-user install), or None."""
        row = self._db.scalars(select(AthleteRow).order_by(AthleteRow.id).limit(1)).first()
        return None if row is None else athlete_record(row)

    def count(self) -> int:
        """Return how many athletes there are."""
        return self._db.scalar(select(func.count(AthleteRow.id))) or 0

    def delete(self, athlete_id: int) -> bool:
        """Remove an athlete and everything recorded for them; return whether there was one."""
        found = self._db.execute(delete(AthleteRow).where(AthleteRow.id == athlete_id))
        return bool(getattr(found, "rowcount", 0))


class CoachingRepository:
    """Which coach (an account) follows which athletes."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def link(self, coach_user_id: int, athlete_id: int) -> None:
        """Let a coach follow an athlete (doing it twice is harmless)."""
        coach = self._db.get(UserRow, coach_user_id)
        if coach is None:
            raise NotFoundError(N_("no account with id {id}"), id=coach_user_id)
        if coach.role not in (Role.COACH.value, Role.ADMIN.value):
            raise InputError(N_("account {email} is not a coach"), where="coach", email=coach.email)
        if self._db.get(AthleteRow, athlete_id) is None:
            raise NotFoundError(N_("no athlete with id {id} in this database"), id=athlete_id)
        if self._db.get(CoachClientRow, (coach_user_id, athlete_id)) is None:
            self._db.add(
                CoachClientRow(coach_user_id=coach_user_id, athlete_id=athlete_id, created_at=_now())
            )
            self._db.flush()

    def unlink(self, coach_user_id: int, athlete_id: int) -> bool:
        """Stop a coach following an athlete; return whether they did."""
        found = self._db.execute(
            delete(CoachClientRow).where(
                CoachClientRow.coach_user_id == coach_user_id, CoachClientRow.athlete_id == athlete_id
            )
        )
        return bool(getattr(found, "rowcount", 0))

    def clients(self, coach_user_id: int) -> list[Athlete]:
        """Return the athletes a coach follows, in the order they were added."""
        rows = self._db.scalars(
            select(AthleteRow)
            .join(CoachClientRow, CoachClientRow.athlete_id == AthleteRow.id)
            .where(CoachClientRow.coach_user_id == coach_user_id)
            .order_by(CoachClientRow.created_at, AthleteRow.id)
        )
        return [athlete_record(r) for r in rows]

    def dashboard_keys(self, coach_user_id: int) -> tuple[str | None, list[ClientKey]]:
        """The coach's own profile language (None without a profile or a choice) and each client's key, in
        the order they were added, in one statement.

        This is all a dashboard whose rows are kept reads, so it reads no profile: the clients' keys come
        from the (coach, athlete) primary key and the athletes' primary key, the latest recording from one
        entry of the (athlete, start time) index, the coach's language from the athletes' user_id index.
        """
        latest = (
            select(func.max(ActivityRow.start_time))
            .where(ActivityRow.athlete_id == AthleteRow.id)
            .scalar_subquery()
        )
        own = select(AthleteRow.language).where(AthleteRow.user_id == coach_user_id).scalar_subquery()
        rows = self._db.execute(
            select(
                AthleteRow.id,
                AthleteRow.revision,
                AthleteRow.created_at,
                AthleteRow.time_zone,
                latest,
                own,
            )
            .join(CoachClientRow, CoachClientRow.athlete_id == AthleteRow.id)
            .where(CoachClientRow.coach_user_id == coach_user_id)
            .order_by(CoachClientRow.created_at, AthleteRow.id)
        ).all()
        if rows:
            language = rows[0][5]
        else:  # no client: the page around the empty list is still in the coach's language
            language = self._db.scalar(select(AthleteRow.language).where(AthleteRow.user_id == coach_user_id))
        return language, [ClientKey(r[0], r[1], r[2], r[3], r[4]) for r in rows]

    def coaches_of(self, athlete_id: int) -> list[User]:
        """Return the coaches who follow an athlete."""
        rows = self._db.scalars(
            select(UserRow)
            .join(CoachClientRow, CoachClientRow.coach_user_id == UserRow.id)
            .where(CoachClientRow.athlete_id == athlete_id)
            .order_by(UserRow.id)
        )
        return [_user(r) for r in rows]

    def follows(self, coach_user_id: int, athlete_id: int) -> bool:
        """Tell whether a coach follows an athlete (for access checks)."""
        found = select(CoachClientRow.athlete_id).where(
            CoachClientRow.coach_user_id == coach_user_id, CoachClientRow.athlete_id == athlete_id
        )
        return self._db.execute(found).first() is not None
