"""The unit of work: one transaction, with every repository on it. Nothing is written unless it commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from calfcoach.domain.log import History, RecentHistory
from calfcoach.store.accounts import (
    ApiTokenRepository,
    CalendarFeedRepository,
    InvitationRepository,
    LoginSessionRepository,
    PasswordResetRepository,
    RegistrationMailRepository,
    SignInThrottleRepository,
    WeeklySummaryRepository,
)
from calfcoach.store.engine import busy_as_store_error
from calfcoach.store.errors import StoreError
from calfcoach.store.logbook import (
    CheckInRepository,
    ClearanceRepository,
    NoteRepository,
    SessionRepository,
    TestResultRepository,
    load_history,
    load_recent_history,
    recent_histories,
    red_flag_history,
    red_flag_reported,
)
from calfcoach.store.media import ExerciseMediaRepository
from calfcoach.store.models import Base
from calfcoach.store.people import AthleteRepository, CoachingRepository, UserRepository
from calfcoach.store.plans import PlanRepository
from calfcoach.store.replays import PhaseCheckpointRepository
from calfcoach.store.screenings import ScreeningRepository
from calfcoach.store.tracks import ActivityRepository


class UnitOfWork:
    """Repositories sharing one transaction. Leaving the `with` block without `commit()` writes nothing."""

    def __init__(self, db: Session, *, location: str, writable: bool) -> None:
        self._db = db
        self._location = location
        self._writable = writable
        self.users = UserRepository(db)
        self.athletes = AthleteRepository(db)
        self.coaching = CoachingRepository(db)
        self.plans = PlanRepository(db)
        self.sessions = SessionRepository(db)
        self.checkins = CheckInRepository(db)
        self.tests = TestResultRepository(db)
        self.notes = NoteRepository(db)
        self.activities = ActivityRepository(db)
        self.screenings = ScreeningRepository(db)
        self.clearances = ClearanceRepository(db)
        self.logins = LoginSessionRepository(db)
        self.password_resets = PasswordResetRepository(db)
        self.sign_in_throttle = SignInThrottleRepository(db)
        self.api_tokens = ApiTokenRepository(db)
        self.invitations = InvitationRepository(db)
        self.weekly_summaries = WeeklySummaryRepository(db)
        self.registration_mails = RegistrationMailRepository(db)
        self.calendar_feeds = CalendarFeedRepository(db)
        self.media = ExerciseMediaRepository(db)
        self.phase_checkpoints = PhaseCheckpointRepository(db)

    def history(self, athlete_id: int, since: dt.date | None = None) -> History:
        """Return the athlete's History: sessions and check-ins from `since` on (all if None), and every test,
        screening, clearance and check-in that reported a symptom (store/logbook.py, load_history)."""
        return load_history(self._db, athlete_id, since)

    def recent_history(
        self, athlete_id: int, horizon: dt.date, completed_from: dt.date | None
    ) -> RecentHistory:
        """Return the athlete's history from `horizon` on, with what is known of the days before it
        (store/logbook.py, load_recent_history): what a cold "today" reads."""
        return load_recent_history(self._db, athlete_id, horizon, completed_from)

    def recent_histories(self, since: Mapping[int, dt.date]) -> dict[int, History]:
        """Return many athletes' recent histories (athlete id -> first day) in four queries, without tests
        or the sessions' logs (store/logbook.py, recent_histories): what a coach's dashboard reads."""
        return recent_histories(self._db, since)

    def red_flag_reported(self, athlete_id: int) -> bool:
        """Return whether a screening or check-in ever reported a red flag (one small query)."""
        return red_flag_reported(self._db, athlete_id)

    def red_flag_history(self, athlete_id: int) -> History:
        """Return only what red flags are read from: screenings, clearances, check-ins with a symptom."""
        return red_flag_history(self._db, athlete_id)

    def counts(self) -> dict[str, int]:
        """Return the number of rows in every table, by table name."""
        return {
            name: self._db.scalar(select(func.count()).select_from(table)) or 0
            for name, table in sorted(Base.metadata.tables.items())
        }

    def commit(self) -> None:
        """Make everything done in this unit of work permanent, at once."""
        if not self._writable:
            raise StoreError("this unit of work is read-only; open store.unit_of_work() to write")
        with busy_as_store_error(self._location):
            self._db.commit()

    def rollback(self) -> None:
        """Forget everything done since the last commit."""
        self._db.rollback()
