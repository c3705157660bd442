"""What an athlete did and felt: sessions (saved again set by set by the player), check-ins, tests."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Response
from fastapi.concurrency import run_in_threadpool

from calfcoach.api.deps import Ctx, VisibleAthlete
from calfcoach.api.errors import error_responses
from calfcoach.domain.errors import InputError, NotFoundError
from calfcoach.domain.log import CheckIn, PerformedSession, TestResult
from calfcoach.i18n import N_
from calfcoach.services import logbook
from calfcoach.services.access import history_of
from calfcoach.services.history import history_rows
from calfcoach.services.views import HistoryRows, SessionRow
from calfcoach.store.records import Athlete

router = APIRouter(prefix="/athletes/{athlete_id}", tags=["logs"])

Logged = PerformedSession | CheckIn | TestResult


@router.get("/sessions")
def sessions(athlete: VisibleAthlete, ctx: Ctx) -> list[SessionRow]:
    """Return every logged session, newest first."""
    return _rows(ctx, athlete.id).sessions


@router.post("/sessions", status_code=201, response_model=PerformedSession, responses=error_responses(409))
async def log_session(body: PerformedSession, athlete: VisibleAthlete, ctx: Ctx) -> Response:
    """Log a new session; an id already used is refused."""
    return await _write(logbook.log_session, ctx, athlete, body, 201)


@router.put("/sessions/{session_id}", response_model=PerformedSession)
async def save_session(
    session_id: str, body: PerformedSession, athlete: VisibleAthlete, ctx: Ctx
) -> Response:
    """Store a session under its id, replacing an earlier save (safe to repeat: the player's sync)."""
    if body.id != session_id:
        raise InputError(
            N_("the body's id {body} differs from the URL's {url}"),
            where="id",
            body=repr(body.id),
            url=repr(session_id),
        )
    return await _write(logbook.save_session, ctx, athlete, body, 200)


@router.get("/sessions/{session_id}")
def session(session_id: str, athlete: VisibleAthlete, ctx: Ctx) -> PerformedSession:
    """Return one logged session."""
    with ctx.store.reader() as uow:
        found = uow.sessions.get(athlete.id, session_id)
    if found is None:
        raise NotFoundError(N_("no session with id {id}"), id=repr(session_id))
    return found


@router.get("/checkins")
def checkins(athlete: VisibleAthlete, ctx: Ctx) -> list[CheckIn]:
    """Return every morning check-in, newest first."""
    return _rows(ctx, athlete.id).checkins


@router.post("/checkins", status_code=201, response_model=CheckIn)
async def check_in(body: CheckIn, athlete: VisibleAthlete, ctx: Ctx) -> Response:
    """Log a morning check-in (pain and stiffness, 0-10); `recorded_at` is set to the server's clock."""
    moment = ctx.clock_for(athlete).now()  # in the athlete's zone: its date is their today
    stored = await run_in_threadpool(
        logbook.check_in, ctx.store, athlete.id, body, today=moment.date(), now=moment
    )
    return Response(stored.model_dump_json(), status_code=201, media_type="application/json")


@router.get("/tests")
def tests(athlete: VisibleAthlete, ctx: Ctx) -> list[TestResult]:
    """Return every test result, newest first."""
    return _rows(ctx, athlete.id).tests


@router.post("/tests", status_code=201, response_model=TestResult)
async def record_test(body: TestResult, athlete: VisibleAthlete, ctx: Ctx) -> Response:
    """Record a test result (both legs)."""
    return await _write(logbook.record_test, ctx, athlete, body, 201)


def _rows(ctx: Ctx, athlete_id: int) -> HistoryRows:
    """The athlete's history rows (sessions, check-ins and tests), newest first."""
    return history_rows(history_of(ctx.store, athlete_id))


async def _write(
    write: Callable[..., None], ctx: Ctx, athlete: Athlete, body: Logged, status: int
) -> Response:
    """Store a validated log entry in a worker thread and answer with it as JSON.

    The write endpoints are async and send only the database work to a thread: a plain `def` endpoint costs
    two hops, as FastAPI also checks its returned value in one. The answer is the body as received, already
    validated, encoded once by pydantic.
    """
    await run_in_threadpool(write, ctx.store, athlete.id, body, today=ctx.clock_for(athlete).today())
    return Response(body.model_dump_json(), status_code=status, media_type="application/json")
