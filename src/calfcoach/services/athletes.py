"""Sign-up and the person behind a command: create an athlete with screening, find the local athlete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from calfcoach.domain.errors import InputError, NotFoundError
from calfcoach.domain.profile import Profile
from calfcoach.domain.screening import Questionnaire, ScreeningOutcome, screen
from calfcoach.domain.units import Units
from calfcoach.i18n import N_
from calfcoach.library.programs import get_program
from calfcoach.library.screening import load_questionnaire
from calfcoach.store.records import Athlete
from calfcoach.store.store import Store
from calfcoach.store.uow import UnitOfWork

ENV_ATHLETE = "CALFCOACH_ATHLETE"


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
    outcome = screen(questionnaire(), answers)  # ScreeningRefused: an InputError
    with store.unit_of_work() as uow:
        athlete_id = uow.athletes.add(profile, user_id=user_id)
        uow.screenings.add(athlete_id, outcome, taken_at=now)
        uow.commit()
    return athlete_id, outcome


@dataclass(frozen=True)
class AthleteEntry:
    """One athlete as a person picks among several: the id, the name and the account's e-mail if any."""

    id: int
    name: str
    email: str | None

    def label(self) -> str:
        return f"{self.id} {self.name}" + (f" <{self.email}>" if self.email else "")


@dataclass
class AthleteChoice:
    """Who the personal commands act for when a database (e.g. one shared with a server) holds several.

    `wanted` is an id, a name or an account's e-mail as the person gave it; `ask` asks the person when
    nothing was given (None where nobody can answer); `chosen` keeps the answer, so a command asks once.
    """

    wanted: str | None = None
    ask: Callable[[list[AthleteEntry]], int] | None = None
    chosen: int | None = None
    asked: bool = False
    language: str | None = (
        None  # the chosen athlete's language once read (None: not chosen): the CLI speaks it
    )


_choice: ContextVar[AthleteChoice | None] = ContextVar("athlete_choice", default=None)


def act_for(choice: AthleteChoice | None) -> None:
    """Set who `local_athlete` answers for from now on in this context (None: the only athlete)."""
    _choice.set(choice)


def local_athlete(uow: UnitOfWork) -> Athlete:
    """The athlete a personal command acts for: the one chosen, else the only one; a clear error otherwise.

    Before `calfcoach init` that is an error saying so; with several athletes and none chosen, the person
    is asked, or (when nobody can answer) told how to choose, rather than the first one being taken.
    """
    choice = _choice.get() or AthleteChoice()
    if choice.chosen is None:
        choice.chosen = _resolve(uow, choice)
    found = uow.athletes.get(choice.chosen)
    if found is None:
        raise NotFoundError(N_("no athlete with id {id} in this database"), id=choice.chosen)
    choice.language = found.profile.language
    return found


def _resolve(uow: UnitOfWork, choice: AthleteChoice) -> int:
    if choice.wanted is not None and choice.wanted.strip():
        return _match(uow, choice.wanted.strip())
    count = uow.athletes.count()
    if count == 0:
        raise NotSetUpError(N_("no profile yet in this database; run `calfcoach init` first"))
    if count == 1:
        only = uow.athletes.first()
        assert only is not None  # counted just now, in the same transaction
        return only.id
    entries = athlete_entries(uow)
    if choice.ask is None:
        raise InputError(
            N_("this database holds {count} athletes ({names}) and none was chosen; nothing was done"),
            where="athlete",
            hint=N_("say which with --athlete ID|NAME|EMAIL or {variable}"),
            count=count,
            names="; ".join(e.label() for e in entries[:10]) + ("; ..." if count > 10 else ""),
            variable=ENV_ATHLETE,
        )
    choice.asked = True
    return choice.ask(entries)


def athlete_entries(uow: UnitOfWork) -> list[AthleteEntry]:
    """Every athlete of the database as a person picks among them, oldest first."""
    out = []
    for athlete in uow.athletes.all():
        user = None if athlete.user_id is None else uow.users.get(athlete.user_id)
        out.append(AthleteEntry(athlete.id, athlete.profile.name, None if user is None else user.email))
    return out


def _match(uow: UnitOfWork, wanted: str) -> int:
    """The athlete an id, a name (any case) or an account's e-mail names; an error says who there is."""
    if wanted.isdigit():
        found = uow.athletes.get(int(wanted))
        if found is not None:
            return found.id
    elif "@" in wanted:
        user = uow.users.by_email(wanted)
        athlete = None if user is None else uow.athletes.by_user(user.id)
        if athlete is not None:
            return athlete.id
    else:
        named = [e for e in athlete_entries(uow) if e.name.casefold() == wanted.casefold()]
        if len(named) == 1:
            return named[0].id
        if named:
            raise InputError(
                N_("{count} athletes are called {name}: {names}"),
                where="athlete",
                hint=N_("give the id or the e-mail instead"),
                count=len(named),
                name=repr(wanted),
                names="; ".join(e.label() for e in named),
            )
    entries = athlete_entries(uow)
    known = "; ".join(e.label() for e in entries[:10]) + ("; ..." if len(entries) > 10 else "")
    raise InputError(
        N_("no athlete {name} in this database"),
        where="athlete",
        hint=N_("give an id, a name or an e-mail of: {known}")
        if entries
        else N_("run `calfcoach init` first"),
        name=repr(wanted),
        known=known,
    )


def local_athlete_id(store: Store) -> int:
    """The id of the personal database's athlete, read in its own short transaction."""
    with store.reader() as uow:
        return local_athlete(uow).id


def local_units(store: Store) -> Units:
    """The units the personal database's athlete reads and types figures in."""
    with store.reader() as uow:
        return local_athlete(uow).profile.preferred_units


def update_profile(store: Store, athlete_id: int, profile: Profile) -> None:
    get_program(profile.program_id)
    with store.unit_of_work() as uow:
        uow.athletes.update(athlete_id, profile)
        uow.commit()
