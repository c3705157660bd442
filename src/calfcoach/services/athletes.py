"""Sign-up and the person behind a command: create an athlete with screening, find the local athlete."""

from __future__ import annotations

import datetime as dt

from calfcoach.domain.errors import InputError, NotFoundError
from calfcoach.domain.profile import Profile
from calfcoach.domain.screening import Questionnaire, ScreeningOutcome, screen
from calfcoach.library.programs import get_program
from calfcoach.library.screening import load_questionnaire
from calfcoach.store.records import Athlete
from calfcoach.store.store import Store
from calfcoach.store.uow import UnitOfWork


class NotSetUpError(NotFoundError):
    """No athlete exists yet in this database."""


def questionnaire() -> Questionnaire:
    """The sign-up screening questions (library/screening.yaml)."""
    return load_questionnaire()


def create_athlete(
    store: Store,
    profile: Profile,
    answers: dict[str, bool],
    *,
    now: dt.datetime,
    user_id: int | None = None,
) -> tuple[int, ScreeningOutcome]:
    """Screen, then store the athlete in one transaction; refuse an unknown program before writing."""
    get_program(profile.program_id)
    try:
        outcome = screen(questionnaire(), answers)
    except ValueError as error:
        raise InputError(str(error), where="screening", hint="answer every question yes or no") from None
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(profile, user_id=user_id)
        uow.screenings.add(athlete_id, outcome, taken_at=now)
        uow.commit()
    return athlete_id, outcome


def local_athlete(uow: UnitOfWork) -> Athlete:
    """The one athlete of a personal database (the first one); a clear error before `calfcoach init`."""
    found = uow.athletes.first()
    if found is None:
        raise NotSetUpError("no profile yet in this database; run `calfcoach init` first")
    return found


def local_athlete_id(store: Store) -> int:
    """The id of the personal database's athlete, read in its own short transaction."""
    with store.reader() as uow:
        return local_athlete(uow).id


def update_profile(store: Store, athlete_id: int, profile: Profile) -> None:
    get_program(profile.program_id)
    with store.unit_of_work() as uow:
        uow.athletes.update(athlete_id, profile)
        uow.commit()
