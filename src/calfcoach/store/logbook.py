"""Repositories for what a person did: performed sessions with their sets, check-ins, test results, notes,
and clinicians' clearances.

They take and return domain values. Sessions are read in bulk (one query each for sessions, sets and
cardio, whatever the number of sessions), so ten years of daily history loads in one go.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import groupby
from math import copysign
from operator import itemgetter
from typing import Annotated, Any, Generic, TypeVar, get_args, get_origin

from pydantic import TypeAdapter
from sqlalchemy import ColumnElement, delete, exists, func, insert, literal, literal_column, select, union_all
from sqlalchemy.orm import Session

from calfcoach.domain.errors import ConflictError, InputError, NotFoundError
from calfcoach.domain.log import (
    CardioLog,
    CheckIn,
    Clearance,
    History,
    PerformedSession,
    RecentHistory,
    ScreeningAnswers,
    SetLog,
    TestKind,
    TestResult,
)
from calfcoach.i18n import N_
from calfcoach.store.models import (
    AthleteRow,
    Base,
    CardioLogRow,
    CheckInRow,
    ClearanceRow,
    NoteRow,
    PerformedSessionRow,
    ScreeningRow,
    SetLogRow,
    TestResultRow,
)
from calfcoach.store.records import ClearanceRecord, Note

_SET_FIELDS = ("exercise_id", "block", "set_index", "side", "reps", "hold_s", "load_kg", "rpe")
_SET_COLUMNS = (SetLogRow.session_id, *(getattr(SetLogRow, name) for name in _SET_FIELDS))
_CARDIO_FIELDS = (
    "exercise_id",
    "block",
    "duration_s",
    "distance_m",
    "avg_speed_kmh",
    "grade_pct",
    "level",
    "floors",
    "avg_hr_bpm",
    "running_s",
    "activity_id",
    "plan_verdict",
    "plan_reason",
    "plan_why",
)
_CARDIO_COLUMNS = (CardioLogRow.session_id, *(getattr(CardioLogRow, name) for name in _CARDIO_FIELDS))
_SESSION_FIELDS = (
    "id", "day", "started_at", "started_offset_s", "program_id", "phase_id", "template_id",
    "planned_for", "completed", "rpe", "pain_during", "pain_after", "pain_from", "pain_site", "notes",
)  # fmt: skip
_SESSION_COLUMNS = (
    PerformedSessionRow.id,
    PerformedSessionRow.uid,
    *(getattr(PerformedSessionRow, name) for name in _SESSION_FIELDS[1:]),
)
_SESSIONS = TypeAdapter(list[PerformedSession])
_CHECKIN_FIELDS = ("day", "morning_pain", "stiffness", "symptoms", "notes", "recorded_at")
_CHECKIN_COLUMNS = tuple(getattr(CheckInRow, name) for name in _CHECKIN_FIELDS)
_CHECKINS = TypeAdapter(list[CheckIn])
_TEST_FIELDS = ("day", "kind", "left", "right", "eyes_closed", "notes")
_TEST_COLUMNS = (
    TestResultRow.day,
    TestResultRow.kind,
    TestResultRow.left_value,
    TestResultRow.right_value,
    TestResultRow.eyes_closed,
    TestResultRow.notes,
)
_TESTS = TypeAdapter(list[TestResult])
# A check-in that reported a symptom. The 0 is written into the SQL, not bound: PostgreSQL then matches the
# condition to the partial index of such check-ins (revision 0018) in every plan, generic ones included.
REPORTED_SYMPTOM = func.json_array_length(CheckInRow.symptoms) > literal_column("0")

LogT = TypeVar("LogT", SetLog, CardioLog)
_FIRST = itemgetter(0)


def _holds_float(annotation: Any) -> bool:
    """Whether a field's type is float or a union with float (Annotated constraints looked through)."""
    if get_origin(annotation) is Annotated:
        return _holds_float(get_args(annotation)[0])
    return annotation is float or any(_holds_float(a) for a in get_args(annotation))


class _LogReader(Generic[LogT]):
    """Turns log rows into validated values, validating each distinct row once and sharing its frozen value.

    Years of daily training repeat the same sets (exercise, block, set, side, reps, load, effort) day after
    day, so far fewer rows are distinct than there are sets. Each value is what validating its own row
    gives, so the result equals validating every row; only equal values are the same object, which frozen
    values allow.
    """

    def __init__(self, model: type[LogT], fields: tuple[str, ...]) -> None:
        self._fields = fields
        self._adapter: TypeAdapter[list[LogT]] = TypeAdapter(list[model])  # type: ignore[valid-type]
        floats = [i for i, name in enumerate(fields) if _holds_float(model.model_fields[name].annotation)]
        if len(floats) < 2:  # itemgetter of one index returns the value, not a tuple
            raise TypeError(f"{model.__name__} needs at least two float fields for this reader")
        self._floats = itemgetter(*floats)

    def by_session(self, rows: Iterable[Sequence[Any]]) -> dict[int, tuple[LogT, ...]]:
        """Group rows (session id, then the fields, ordered by session and position) into sessions' logs."""
        distinct: dict[Hashable, int] = {}
        unique: list[Sequence[Any]] = []
        groups: dict[int, list[int]] = {}
        pick_floats = self._floats
        for session_id, found in groupby(rows, _FIRST):
            group = groups[session_id] = []
            for row in found:
                values = row[1:]
                floats = pick_floats(values)
                # 0.0 == -0.0 and both hash alike: a key with a zero float also carries the zeros' signs.
                key = (
                    (values, tuple([copysign(1.0, f) for f in floats if f == 0.0]))
                    if 0.0 in floats
                    else values
                )
                index = distinct.get(key)
                if index is None:
                    index = distinct[key] = len(unique)
                    unique.append(values)
                group.append(index)
        made = self._adapter.validate_python([dict(zip(self._fields, v, strict=True)) for v in unique])
        return {session_id: tuple(map(made.__getitem__, found)) for session_id, found in groups.items()}


_SET_READER = _LogReader(SetLog, _SET_FIELDS)
_SESSION_TABLE = Base.metadata.tables[PerformedSessionRow.__tablename__]
_SET_TABLE = Base.metadata.tables[SetLogRow.__tablename__]
_CARDIO_TABLE = Base.metadata.tables[CardioLogRow.__tablename__]
_CARDIO_READER = _LogReader(CardioLog, _CARDIO_FIELDS)


def _cardio_values(log: CardioLog) -> dict[str, Any]:
    """A cardio log's columns: its fields, the reason's message as JSON text (one hashable cell to read)."""
    values = log.model_dump()
    values["plan_why"] = None if log.plan_why is None else log.plan_why.model_dump_json()
    return values


def require_athlete(db: Session, athlete_id: int) -> None:
    """Fail clearly when an athlete does not exist, before anything is written for them."""
    if db.scalar(select(AthleteRow.id).where(AthleteRow.id == athlete_id)) is None:
        raise NotFoundError(N_("no athlete with id {id} in this database"), id=athlete_id)


def _local(instant: dt.datetime | None, offset_s: int | None) -> dt.datetime | None:
    if instant is None or offset_s is None:
        return instant
    return instant.astimezone(dt.timezone(dt.timedelta(seconds=offset_s)))


def local_time(instant: dt.datetime, offset_s: int | None) -> dt.datetime:
    """A stored UTC instant back in the UTC offset it was recorded in (UTC when none was kept)."""
    return instant if offset_s is None else instant.astimezone(dt.timezone(dt.timedelta(seconds=offset_s)))


def offset_seconds(instant: dt.datetime | None) -> int | None:
    """The UTC offset of an aware instant in seconds, to store beside it (None for None)."""
    offset = None if instant is None else instant.utcoffset()
    return None if offset is None else int(offset.total_seconds())


def _session_row(athlete_id: int, session: PerformedSession) -> dict[str, Any]:
    return {
        "athlete_id": athlete_id,
        "uid": session.id,
        "day": session.day,
        "started_at": session.started_at,
        "started_offset_s": offset_seconds(session.started_at),
        "program_id": session.program_id,
        "phase_id": session.phase_id,
        "template_id": session.template_id,
        "planned_for": session.planned_for,
        "completed": session.completed,
        "rpe": session.rpe,
        "pain_during": session.pain_during,
        "pain_after": session.pain_after,
        "pain_from": list(session.pain_from),
        "pain_site": None if session.pain_site is None else session.pain_site.value,
        "notes": session.notes,
    }


class SessionRepository:
    """Performed sessions of an athlete, each with its set logs and cardio logs."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, athlete_id: int, session: PerformedSession) -> None:
        """Store a new session; a session id already stored for this athlete is refused."""
        self.add_many(athlete_id, [session])

    def add_many(self, athlete_id: int, sessions: Sequence[PerformedSession]) -> None:
        """Store many new sessions with a handful of bulk statements."""
        if not sessions:
            return
        uids = [s.id for s in sessions]
        if len(set(uids)) != len(uids):
            duplicates = sorted({u for u in uids if uids.count(u) > 1})
            raise InputError(
                N_("session id {id} appears more than once"), where="sessions", id=repr(duplicates[0])
            )
        taken = self._existing(athlete_id, uids)
        if taken:
            raise ConflictError(
                N_("a session with id {id} is already stored"),
                where="sessions",
                hint=N_("use a new id, or save() to replace it"),
                id=repr(taken[0]),
            )
        # Core statements on the session's connection: the ORM's bulk-insert machinery cost more than
        # the database's work for the few rows a logged session has.
        result = self._db.connection().execute(
            insert(_SESSION_TABLE).returning(
                _SESSION_TABLE.c.id, _SESSION_TABLE.c.uid, sort_by_parameter_order=True
            ),
            [_session_row(athlete_id, s) for s in sessions],
        )
        ids = {uid: row_id for row_id, uid in result}
        self._insert_logs([(ids[s.id], s) for s in sessions])

    def save(self, athlete_id: int, session: PerformedSession) -> None:
        """Store a session, replacing the one with the same id (a session saved again as it goes on)."""
        self.delete(athlete_id, session.id)
        self.add(athlete_id, session)

    def delete(self, athlete_id: int, uid: str) -> bool:
        """Remove a session and its logs; return whether there was one."""
        found = self._db.execute(
            delete(PerformedSessionRow).where(
                PerformedSessionRow.athlete_id == athlete_id, PerformedSessionRow.uid == uid
            )
        )
        return bool(getattr(found, "rowcount", 0))

    def get(self, athlete_id: int, uid: str) -> PerformedSession | None:
        """Return one session by its id, or None."""
        found = self._load(PerformedSessionRow.athlete_id == athlete_id, PerformedSessionRow.uid == uid)
        return found[0] if found else None

    def between(self, athlete_id: int, first: dt.date, last: dt.date) -> list[PerformedSession]:
        """Return the sessions done from `first` to `last` (both included), oldest first."""
        return self._load(
            PerformedSessionRow.athlete_id == athlete_id,
            PerformedSessionRow.day >= first,
            PerformedSessionRow.day <= last,
        )

    def since(self, athlete_id: int, first: dt.date | None = None) -> list[PerformedSession]:
        """Return every session from `first` on (or all of them), oldest first."""
        conditions = [PerformedSessionRow.athlete_id == athlete_id]
        if first is not None:
            conditions.append(PerformedSessionRow.day >= first)
        return self._load(*conditions)

    def latest(self, athlete_id: int) -> PerformedSession | None:
        """Return the most recent session, or None."""
        newest = self._db.execute(
            select(PerformedSessionRow.id)
            .where(PerformedSessionRow.athlete_id == athlete_id)
            .order_by(PerformedSessionRow.day.desc(), PerformedSessionRow.id.desc())
            .limit(1)
        ).scalar()
        return None if newest is None else self._load(PerformedSessionRow.id == newest)[0]

    def recent(self, since: Mapping[int, dt.date]) -> dict[int, list[PerformedSession]]:
        """Each athlete's sessions from their own first day on (`since`: athlete id -> day), oldest first,
        without their set and cardio logs (for what reads only a session's day, kind, effort and pain).

        One query for all of them, reading the sessions asked for through the (athlete, day) index.
        """
        if not since:
            return {}
        found: dict[int, list[PerformedSession]] = {athlete_id: [] for athlete_id in since}
        for athlete_id, session in self._load_with_athletes(
            PerformedSessionRow.athlete_id.in_(sorted(since)),
            PerformedSessionRow.day >= min(since.values()),
            with_logs=False,
        ):
            if session.day >= since[athlete_id]:
                found[athlete_id].append(session)
        return found

    def latest_days(self, athlete_ids: Iterable[int]) -> dict[int, dt.date]:
        """The day of each athlete's most recent session (athletes without one left out), in one query.

        A subquery per athlete, so each reads one entry of the (athlete, day) index, not the whole history.
        """
        latest = (
            select(func.max(PerformedSessionRow.day))
            .where(PerformedSessionRow.athlete_id == AthleteRow.id)
            .scalar_subquery()
        )
        rows = self._db.execute(select(AthleteRow.id, latest).where(AthleteRow.id.in_(sorted(athlete_ids))))
        return {athlete_id: day for athlete_id, day in rows if day is not None}

    def count(self, athlete_id: int) -> int:
        """Return how many sessions the athlete has."""
        return self._db.scalar(select(func.count()).where(PerformedSessionRow.athlete_id == athlete_id)) or 0

    def count_sets(self, athlete_id: int) -> int:
        """Return how many set logs the athlete's sessions hold."""
        return (
            self._db.scalar(
                select(func.count(SetLogRow.id))
                .join(PerformedSessionRow, SetLogRow.session_id == PerformedSessionRow.id)
                .where(PerformedSessionRow.athlete_id == athlete_id)
            )
            or 0
        )

    def _existing(self, athlete_id: int, uids: list[str]) -> list[str]:
        """Return the ids already stored; a missing athlete is NotFoundError (one query per 500 ids)."""
        taken: list[str] = []
        for start in range(0, len(uids), 500):  # stay under every backend's bound-parameter limit
            chunk = uids[start : start + 500]
            rows = (
                self._db.connection()
                .execute(
                    select(AthleteRow.id, PerformedSessionRow.uid)
                    .outerjoin(
                        PerformedSessionRow,
                        (PerformedSessionRow.athlete_id == AthleteRow.id)
                        & PerformedSessionRow.uid.in_(chunk),
                    )
                    .where(AthleteRow.id == athlete_id)
                )
                .all()
            )
            if not rows:
                raise NotFoundError(N_("no athlete with id {id} in this database"), id=athlete_id)
            taken += [uid for _, uid in rows if uid is not None]
        return sorted(taken)

    def _insert_logs(self, stored: Iterable[tuple[int, PerformedSession]]) -> None:
        sets: list[dict[str, Any]] = []
        cardio: list[dict[str, Any]] = []
        for row_id, session in stored:
            sets += [
                {"session_id": row_id, "position": i, **s.model_dump(), "side": s.side.value}
                for i, s in enumerate(session.sets)
            ]
            cardio += [
                {"session_id": row_id, "position": i, **_cardio_values(c)}
                for i, c in enumerate(session.cardio)
            ]
        connection = self._db.connection()
        if sets:
            connection.execute(insert(_SET_TABLE), sets)
        if cardio:
            connection.execute(insert(_CARDIO_TABLE), cardio)

    def _load(self, *where: ColumnElement[bool]) -> list[PerformedSession]:
        return [session for _, session in self._load_with_athletes(*where)]

    def _load_with_athletes(
        self, *where: ColumnElement[bool], with_logs: bool = True
    ) -> list[tuple[int, PerformedSession]]:
        # Three bulk queries of Core rows whatever the number of sessions (no ORM identity map). Each distinct
        # log row is validated once (_LogReader); the sessions are validated in one call, their logs, already
        # values, passing through as they are.
        chosen = select(PerformedSessionRow.id).where(*where).scalar_subquery()
        connection = self._db.connection()
        sets: dict[int, tuple[SetLog, ...]] = {}
        cardio: dict[int, tuple[CardioLog, ...]] = {}
        if with_logs:
            sets = _SET_READER.by_session(
                connection.execute(
                    select(*_SET_COLUMNS)
                    .where(SetLogRow.session_id.in_(chosen))
                    .order_by(SetLogRow.session_id, SetLogRow.position)
                ).all()
            )
            cardio = _CARDIO_READER.by_session(
                connection.execute(
                    select(*_CARDIO_COLUMNS)
                    .where(CardioLogRow.session_id.in_(chosen))
                    .order_by(CardioLogRow.session_id, CardioLogRow.position)
                ).all()
            )
        athletes = []
        sessions = []
        for row in connection.execute(
            select(PerformedSessionRow.athlete_id, *_SESSION_COLUMNS)
            .where(*where)
            .order_by(PerformedSessionRow.day, PerformedSessionRow.id)
        ).all():
            found = dict(zip(_SESSION_FIELDS, row[2:], strict=True))
            found["started_at"] = _local(found["started_at"], found.pop("started_offset_s"))
            found["sets"] = sets.get(row[1], ())
            found["cardio"] = cardio.get(row[1], ())
            athletes.append(row[0])
            sessions.append(found)
        return list(zip(athletes, _SESSIONS.validate_python(sessions), strict=True))


class CheckInRepository:
    """Next-morning check-ins."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, athlete_id: int, checkin: CheckIn) -> None:
        """Store a check-in."""
        require_athlete(self._db, athlete_id)
        row = {"athlete_id": athlete_id, **checkin.model_dump(), "symptoms": list(checkin.symptoms)}
        self._db.execute(insert(CheckInRow), [row])

    def since(self, athlete_id: int, first: dt.date | None = None) -> list[CheckIn]:
        """Return the check-ins from `first` on (or all), oldest first."""
        query = select(*_CHECKIN_COLUMNS).where(CheckInRow.athlete_id == athlete_id)
        if first is not None:
            query = query.where(CheckInRow.day >= first)
        return _checkins(self._db.execute(query.order_by(CheckInRow.day, CheckInRow.id)).all())

    def latest(self, athlete_id: int) -> CheckIn | None:
        """Return the most recent check-in, or None."""
        rows = self._db.execute(
            select(*_CHECKIN_COLUMNS)
            .where(CheckInRow.athlete_id == athlete_id)
            .order_by(CheckInRow.day.desc(), CheckInRow.id.desc())
            .limit(1)
        ).all()
        return next(iter(_checkins(rows)), None)


def _checkins_for_history(db: Session, athlete_id: int, since: dt.date | None) -> list[CheckIn]:
    """The check-ins from `since` on, and any earlier one that reported a symptom, oldest first.

    A symptom (a red flag) stays open until a clinician's clearance, however long ago it was reported, so
    a history read from `since` must still hold it; such check-ins are few.
    """
    if since is None:
        query = select(*_CHECKIN_COLUMNS).where(CheckInRow.athlete_id == athlete_id)
        return _checkins(db.execute(query.order_by(CheckInRow.day, CheckInRow.id)).all())
    return recent_checkins(db, {athlete_id: since})[athlete_id]


def recent_checkins(db: Session, since: Mapping[int, dt.date]) -> dict[int, list[CheckIn]]:
    """Each athlete's check-ins from their own first day on (`since`: athlete id -> day), and every earlier
    one that reported a symptom, oldest first.

    Two parts, so that each reads only rows it returns: the recent ones through the (athlete, day) index,
    the earlier flagged ones through the partial index of check-ins with a symptom (revision 0018). One
    query with "recent OR flagged" had to read every check-in of the athlete, years of them.
    """
    if not since:
        return {}
    ids, first = sorted(since), min(since.values())
    columns = (CheckInRow.athlete_id, CheckInRow.id, *_CHECKIN_COLUMNS)
    recent = select(*columns).where(CheckInRow.athlete_id.in_(ids), CheckInRow.day >= first)
    flagged = select(*columns).where(CheckInRow.athlete_id.in_(ids), CheckInRow.day < first, REPORTED_SYMPTOM)
    rows = sorted(db.execute(recent.union_all(flagged)).all(), key=lambda r: (r.day, r.id))
    kept: dict[int, list[Sequence[Any]]] = {athlete_id: [] for athlete_id in ids}
    for row in rows:
        if row.day >= since[row.athlete_id] or row.symptoms:
            kept[row.athlete_id].append(row[2:])
    return {athlete_id: _checkins(found) for athlete_id, found in kept.items()}


def _checkins(rows: Iterable[Sequence[Any]]) -> list[CheckIn]:
    return _CHECKINS.validate_python([dict(zip(_CHECKIN_FIELDS, row, strict=True)) for row in rows])


def _tests(rows: Iterable[Sequence[Any]]) -> list[TestResult]:
    return _TESTS.validate_python([dict(zip(_TEST_FIELDS, row, strict=True)) for row in rows])


class TestResultRepository:
    """Results of the heel-raise, knee-to-wall, balance and hop tests."""

    __test__ = False  # not a pytest class

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, athlete_id: int, result: TestResult) -> None:
        """Store a test result."""
        require_athlete(self._db, athlete_id)
        self._db.add(
            TestResultRow(
                athlete_id=athlete_id,
                day=result.day,
                kind=result.kind.value,
                left_value=result.left,
                right_value=result.right,
                eyes_closed=result.eyes_closed,
                notes=result.notes,
            )
        )
        self._db.flush()

    def since(
        self, athlete_id: int, first: dt.date | None = None, *, kind: TestKind | None = None
    ) -> list[TestResult]:
        """Return the results from `first` on (or all), of one kind or all kinds, oldest first."""
        query = select(*_TEST_COLUMNS).where(TestResultRow.athlete_id == athlete_id)
        if first is not None:
            query = query.where(TestResultRow.day >= first)
        if kind is not None:
            query = query.where(TestResultRow.kind == kind.value)
        return _tests(self._db.execute(query.order_by(TestResultRow.day, TestResultRow.id)).all())

    def latest(self, athlete_id: int, kind: TestKind) -> TestResult | None:
        """Return the most recent result of a kind, or None."""
        rows = self._db.execute(
            select(*_TEST_COLUMNS)
            .where(TestResultRow.athlete_id == athlete_id, TestResultRow.kind == kind.value)
            .order_by(TestResultRow.day.desc(), TestResultRow.id.desc())
            .limit(1)
        ).all()
        return next(iter(_tests(rows)), None)


class NoteRepository:
    """Free-text notes on a day."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, athlete_id: int, note: Note) -> None:
        """Store a note."""
        require_athlete(self._db, athlete_id)
        self._db.execute(insert(NoteRow), [{"athlete_id": athlete_id, **note.model_dump()}])

    def since(self, athlete_id: int, first: dt.date | None = None) -> list[Note]:
        """Return the notes from `first` on (or all), oldest first."""
        query = select(NoteRow).where(NoteRow.athlete_id == athlete_id)
        if first is not None:
            query = query.where(NoteRow.day >= first)
        return [
            Note(day=r.day, text=r.text, created_at=r.created_at)
            for r in self._db.scalars(query.order_by(NoteRow.day, NoteRow.id))
        ]


class ClearanceRepository:
    """A person's records that a clinician saw them and cleared them to train."""

    def __init__(self, db: Session) -> None:
        self._db = db

    def add(self, athlete_id: int, clearance: Clearance, *, recorded_at: dt.datetime) -> None:
        """Store a clearance, with the instant it was recorded (the writer's clock, not the value's)."""
        values = clearance.model_dump(exclude={"recorded_at"})
        self.add_record(athlete_id, ClearanceRecord(**values, recorded_at=recorded_at))

    def add_record(self, athlete_id: int, record: ClearanceRecord) -> None:
        """Store a clearance as exported (import)."""
        require_athlete(self._db, athlete_id)
        self._db.execute(insert(ClearanceRow), [{"athlete_id": athlete_id, **record.model_dump()}])

    def all(self, athlete_id: int) -> list[Clearance]:
        """Return every clearance of the athlete, oldest first."""
        return [record.clearance for record in self.records(athlete_id)]

    def records(self, athlete_id: int) -> list[ClearanceRecord]:
        """Return every clearance with the instant it was recorded, oldest first."""
        rows = self._db.execute(
            select(ClearanceRow.day, ClearanceRow.by, ClearanceRow.note, ClearanceRow.recorded_at)
            .where(ClearanceRow.athlete_id == athlete_id)
            .order_by(ClearanceRow.day, ClearanceRow.id)
        ).all()
        return [ClearanceRecord(day=r.day, by=r.by, note=r.note, recorded_at=r.recorded_at) for r in rows]


def screening_answers(db: Session, athlete_id: int) -> list[ScreeningAnswers]:
    """Every screening of the athlete as the engine reads it: the day and instant it was taken, the "yes" ids.

    The day is the date where it was taken (its stored UTC offset; UTC for screenings stored before offsets
    were kept): a screening taken on an evening west of Greenwich is already the next day in UTC, and a
    flag raised "tomorrow" would not stop today's session.
    """
    return _screenings_of(db, [athlete_id])[athlete_id]


def _screenings_of(db: Session, athlete_ids: Sequence[int]) -> dict[int, list[ScreeningAnswers]]:
    rows = db.execute(
        select(
            ScreeningRow.athlete_id, ScreeningRow.taken_at, ScreeningRow.taken_offset_s, ScreeningRow.flagged
        )
        .where(ScreeningRow.athlete_id.in_(athlete_ids))
        .order_by(ScreeningRow.taken_at, ScreeningRow.id)
    ).all()
    found: dict[int, list[ScreeningAnswers]] = {athlete_id: [] for athlete_id in athlete_ids}
    for athlete_id, taken_at, offset, flagged in rows:
        local = local_time(taken_at, offset)
        found[athlete_id].append(ScreeningAnswers(day=local.date(), flagged=tuple(flagged), taken_at=local))
    return found


def red_flag_reported(db: Session, athlete_id: int) -> bool:
    """Whether any screening or check-in of the athlete ever answered a red-flag question "yes": one
    statement through the partial index of flagged check-ins and the screenings' athlete index. Without
    one, no flag can be open, whatever the clearances say."""
    screened = func.json_array_length(ScreeningRow.flagged) > literal_column("0")
    return bool(
        db.scalar(
            select(
                exists().where(CheckInRow.athlete_id == athlete_id, REPORTED_SYMPTOM)
                | exists().where(ScreeningRow.athlete_id == athlete_id, screened)
            )
        )
    )


def red_flag_history(db: Session, athlete_id: int) -> History:
    """Only what red flags are read from: every screening, clearance and check-in that reported a symptom.

    Three small queries, for the check that refuses training while an urgent flag is open.
    """
    flagged = select(*_CHECKIN_COLUMNS).where(CheckInRow.athlete_id == athlete_id, REPORTED_SYMPTOM)
    return History(
        checkins=tuple(_checkins(db.execute(flagged.order_by(CheckInRow.day, CheckInRow.id)).all())),
        screenings=tuple(screening_answers(db, athlete_id)),
        clearances=tuple(_clearances(db, athlete_id)),
    )


def _clearances(db: Session, athlete_id: int) -> list[Clearance]:
    return _clearances_of(db, [athlete_id])[athlete_id]


def _clearances_of(db: Session, athlete_ids: Sequence[int]) -> dict[int, list[Clearance]]:
    rows = db.execute(
        select(
            ClearanceRow.athlete_id,
            ClearanceRow.day,
            ClearanceRow.by,
            ClearanceRow.note,
            ClearanceRow.recorded_at,
        )
        .where(ClearanceRow.athlete_id.in_(athlete_ids))
        .order_by(ClearanceRow.day, ClearanceRow.id)
    ).all()
    found: dict[int, list[Clearance]] = {athlete_id: [] for athlete_id in athlete_ids}
    for r in rows:
        found[r.athlete_id].append(Clearance(day=r.day, by=r.by, note=r.note, recorded_at=r.recorded_at))
    return found


def load_history(db: Session, athlete_id: int, since: dt.date | None = None) -> History:
    """Return what the coach reads, oldest first: sessions and check-ins from `since` on, and every test,
    screening and clearance.

    Tests are few and the coach needs the latest baseline even when it is older than `since`. Screenings,
    clearances and check-ins that reported a symptom are few too, and a red flag raised long ago (at
    sign-up, say) stays open until a clearance closes it, so they are read whatever `since` says.
    """
    return History(
        sessions=tuple(SessionRepository(db).since(athlete_id, since)),
        checkins=tuple(_checkins_for_history(db, athlete_id, since)),
        tests=tuple(TestResultRepository(db).since(athlete_id)),
        screenings=tuple(screening_answers(db, athlete_id)),
        clearances=tuple(_clearances(db, athlete_id)),
    )


def load_recent_history(
    db: Session, athlete_id: int, horizon: dt.date, completed_from: dt.date | None
) -> RecentHistory:
    """What a cold "today" reads: the history from `horizon` on, and what the engine may need of the days
    before it, each found through an index (domain/log.py, RecentHistory).

    Sessions (with their logs), check-ins and tests from `horizon` on; every check-in that reported a
    symptom, screening and clearance; whether any session, check-in or test is older; the exercises logged
    before `horizon`, in the order they first appeared; the sessions completed from `completed_from` (the
    phase's start) up to `horizon`. Nine statements, and the rows they return do not grow with the years
    before `horizon`.
    """
    before = PerformedSessionRow.day < horizon
    mine = PerformedSessionRow.athlete_id == athlete_id
    completed: Any = literal(0)
    if completed_from is not None and completed_from < horizon:
        completed = (
            select(func.count())
            .where(mine, PerformedSessionRow.day >= completed_from, before, PerformedSessionRow.completed)
            .scalar_subquery()
        )
    earlier = db.execute(
        select(
            exists().where(mine, before),
            exists().where(CheckInRow.athlete_id == athlete_id, CheckInRow.day < horizon),
            exists().where(TestResultRow.athlete_id == athlete_id, TestResultRow.day < horizon),
            completed,
        )
    ).one()
    return RecentHistory(
        sessions=tuple(SessionRepository(db).since(athlete_id, horizon)),
        checkins=tuple(_checkins_for_history(db, athlete_id, horizon)),
        tests=tuple(TestResultRepository(db).since(athlete_id, horizon)),
        screenings=tuple(screening_answers(db, athlete_id)),
        clearances=tuple(_clearances(db, athlete_id)),
        horizon=horizon,
        earlier_sessions=bool(earlier[0]),
        earlier_checkins=bool(earlier[1]),
        earlier_tests=bool(earlier[2]),
        earlier_exercise_ids=_exercises_before(db, athlete_id, horizon) if earlier[0] else (),
        completed_from=completed_from,
        completed_earlier=int(earlier[3] or 0),
    )


def _exercises_before(db: Session, athlete_id: int, horizon: dt.date) -> tuple[str, ...]:
    """The exercises of the athlete's sessions before `horizon`, in the order a History lists them (their
    first session: by day, then by row id), each once."""

    def logged(table: type[SetLogRow] | type[CardioLogRow]) -> Any:
        # Each join starts from the athlete's sessions before the horizon (the (athlete, day) index) and
        # reaches their logs by session: a union of the log tables first would be joined whole.
        return (
            select(table.exercise_id, PerformedSessionRow.day, PerformedSessionRow.id)
            .join(PerformedSessionRow, PerformedSessionRow.id == table.session_id)
            .where(PerformedSessionRow.athlete_id == athlete_id, PerformedSessionRow.day < horizon)
        )

    done = union_all(logged(SetLogRow), logged(CardioLogRow)).cte()
    first = (
        select(done.c.exercise_id, func.min(done.c.day).label("day")).group_by(done.c.exercise_id).subquery()
    )
    rows = db.execute(
        select(done.c.exercise_id, done.c.day, func.min(done.c.id).label("id"))
        .join(first, (first.c.exercise_id == done.c.exercise_id) & (first.c.day == done.c.day))
        .group_by(done.c.exercise_id, done.c.day)
    ).all()
    return tuple(r.exercise_id for r in sorted(rows, key=lambda r: (r.day, r.id, r.exercise_id)))


def recent_histories(db: Session, since: Mapping[int, dt.date]) -> dict[int, History]:
    """For many athletes at once (`since`: athlete id -> their first day), what pain and safety are read
    from: sessions and check-ins from that day on, every screening and clearance, and every earlier
    check-in that reported a symptom, as `load_history` reads them, but without tests and without the
    sessions' set and cardio logs.

    Four queries whatever the number of athletes (a coach's dashboard), each reading through an index only
    the rows it returns, so the cost grows with the clients and the days asked for, not with years of
    history. Neither pain nor safety reads tests (which grow with history) or the logs of a session.
    """
    ids = sorted(since)
    sessions = SessionRepository(db).recent(since)
    checkins = recent_checkins(db, since)
    screenings = _screenings_of(db, ids)
    clearances = _clearances_of(db, ids)
    return {
        athlete_id: History(
            sessions=tuple(sessions[athlete_id]),
            checkins=tuple(checkins[athlete_id]),
            screenings=tuple(screenings[athlete_id]),
            clearances=tuple(clearances[athlete_id]),
        )
        for athlete_id in ids
    }
