"""Import recordings into a person's log and show them: shared by the CLI and the web app.

Each activity is written in its own transaction (the recording and the session it counts as), so a bad file
never loses the others and nothing is half-written. The same recording imported again (same bytes, or same
start time and device) is stored once and logged once: the session id is derived from the activity id.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Any, BinaryIO

from pydantic import ValidationError

from calfcoach.activities import (
    ActivitySummary,
    ImportOutcome,
    iter_import,
    iter_import_file,
    summarize,
    track_from_bytes,
    track_to_bytes,
)
from calfcoach.activities import metrics as m
from calfcoach.activities.classify import JOG_FROM_MPS
from calfcoach.activities.model import Activity as Recording
from calfcoach.activities.summary import MAX_SESSION_S, session_duration_s, track_splits
from calfcoach.domain.compliance import Score
from calfcoach.domain.errors import CalfCoachError, InputError, NotFoundError, figure_problem
from calfcoach.domain.log import History, PerformedSession
from calfcoach.domain.profile import Profile
from calfcoach.i18n import N_
from calfcoach.services.activity_coach import exercise_for, local_day, logged_activity, session_id
from calfcoach.services.clock import Clock
from calfcoach.services.logbook import check_session
from calfcoach.services.views import (
    ActivityCoachView,
    ActivityDetail,
    ActivityView,
    ElevationPoint,
    FileDuplicate,
    FileFailure,
    FileSkipped,
    FileWarning,
    ImportedActivity,
    ImportReportView,
    SplitView,
)
from calfcoach.store.records import Activity
from calfcoach.store.store import Store

ID_HEX_CHARS = 12  # 48 bits of the content hash: unique within one person's recordings, short to type
MIN_PREFIX = 4  # the shortest id prefix `activity` accepts
PROFILE_SAMPLES = 120  # points of the elevation profile sent for a sparkline or chart
JSON_FIELDS = (
    "id",
    "sport",
    "start_time",
    "distance_m",
    "elapsed_s",
    "moving_s",
    "elevation_gain_m",
    "elevation_loss_m",
    "avg_speed_mps",
    "gap_speed_mps",
    "points",
    "source_file",
)

Progress = Callable[[str, str], None]
"""Called once per file with its name and what became of it: imported, duplicate, failed or skipped."""


@dataclass
class ImportReport:
    """What an import did, file by file, filled in as it goes; `view()` is the answer of the API and of
    `calfcoach import --json`."""

    imported: list[ImportedActivity] = field(default_factory=list)
    duplicates: list[FileDuplicate] = field(default_factory=list)
    failed: list[FileFailure] = field(default_factory=list)
    warnings: list[FileWarning] = field(default_factory=list)
    skipped: list[FileSkipped] = field(default_factory=list)

    @property
    def processed(self) -> int:
        """How many recordings were read: imported now or found already stored."""
        return len(self.imported) + len(self.duplicates)

    def view(self) -> ImportReportView:
        return ImportReportView(
            imported=self.imported,
            duplicates=self.duplicates,
            failed=self.failed,
            warnings=self.warnings,
            skipped=self.skipped,
        )


@dataclass
class _Context:
    """The person's profile and log, loaded once per import and kept current as sessions are added."""

    athlete_id: int
    profile: Profile
    history: History
    tz: dt.tzinfo | None
    today: dt.date


def import_paths(
    store: Store,
    athlete_id: int,
    paths: Iterable[Path],
    *,
    on_progress: Progress | None = None,
    tz: dt.tzinfo | None = None,
    today: dt.date | None = None,
) -> ImportReport:
    """Import files, folders and zips (Strava exports included), streamed one file at a time.

    `tz` decides the day an activity counts for (None: the athlete's own time zone, else this machine's).
    `today` is the caller's clock's day, which decides what is in the future (None: the real today in `tz`).
    """
    return _run(store, athlete_id, iter_import(paths), on_progress=on_progress, tz=tz, today=today)


def import_upload(
    store: Store,
    athlete_id: int,
    upload: BinaryIO,
    filename: str,
    *,
    tz: dt.tzinfo | None = None,
    today: dt.date | None = None,
    on_progress: Progress | None = None,
) -> ImportReport:
    """Import one uploaded file object (a zip of many included), read as a stream and never whole.

    `upload` is the upload as the web server spooled it (a zip needs it seekable); the CLI's files go
    through the same reader (import_paths). Sources are named after the upload's file name.
    """
    outcomes = iter_import_file(upload, _safe_name(filename))
    return _run(store, athlete_id, outcomes, on_progress=on_progress, tz=tz, today=today)


def _safe_name(filename: str) -> str:
    """The upload's base name, as sources show it: no path, no '..', no odd characters."""
    name = re.sub(r"[^\w.\- ]", "_", PurePath(filename.replace("\\", "/")).name)[-200:]
    return name if name.strip(". ") else "upload"


def count_files(paths: Iterable[Path]) -> int:
    """Count the files an import of these paths will go through (zip members included), for a progress bar."""
    import zipfile

    total = 0
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.name.startswith(".") and path.is_dir():
                continue
            try:
                if zipfile.is_zipfile(file):
                    with zipfile.ZipFile(file) as archive:
                        names = [i.filename for i in archive.infolist() if not i.is_dir()]
                    export = "activities.csv" in names
                    total += sum(1 for n in names if not export or n.startswith("activities/"))
                    continue
            except (OSError, zipfile.BadZipFile):
                pass
            total += 1
    return total


def _run(
    store: Store,
    athlete_id: int,
    outcomes: Iterator[ImportOutcome],
    *,
    on_progress: Progress | None,
    tz: dt.tzinfo | None,
    today: dt.date | None,
) -> ImportReport:
    with store.reader() as uow:
        athlete = uow.athletes.get(athlete_id)
        if athlete is None:
            raise NotFoundError(N_("no athlete with id {id}"), id=athlete_id)
        history = uow.history(athlete_id)
    # The day a recording counts for is the day it was in the person's own zone, when they gave one.
    zone = tz if tz is not None else athlete.profile.zone
    context = _Context(athlete_id, athlete.profile, history, zone, today or Clock(zone).today())
    report = ImportReport()
    for outcome in outcomes:
        if outcome.activity is not None:
            status = _import_one(store, context, outcome.activity, report)
        elif outcome.skipped is not None:
            report.skipped.append(FileSkipped.of(outcome.source, outcome.skipped, outcome.refusal))
            status = "skipped"
        else:
            failure = (
                FileFailure(source_file=outcome.source, error=outcome.error or "unreadable")
                if outcome.refusal is None
                else FileFailure.of(outcome.source, outcome.refusal)
            )
            report.failed.append(failure)
            status = "failed"
        if on_progress is not None:
            on_progress(outcome.source, status)
    return report


def _import_one(store: Store, context: _Context, recording: Recording, report: ImportReport) -> str:
    source = recording.source
    for warning in recording.warnings:
        report.warnings.append(FileWarning(source_file=source, warning=warning))
    try:
        summary = summarize(recording)
        record = _record(summary, recording)
        session = None
        reason = _not_fed_reason(summary, context)
        if reason is None:
            session, found = logged_activity(
                summary, record.id, context.profile, context.history, context.tz, recording
            )
            if session is not None:
                check_session(session, context.today)
            if found is not None:
                # The score is kept with the recording, to be shown as it was made against that day's plan.
                record = record.model_copy(
                    update={"summary": {**record.summary, "score": found.model_dump(mode="json")}}
                )
        with store.unit_of_work() as uow:
            added = uow.activities.add(context.athlete_id, record)
            if not added.created:
                report.duplicates.append(FileDuplicate(source_file=source, id=added.id))
                return "duplicate"
            if session is not None and uow.sessions.get(context.athlete_id, session.id) is None:
                uow.sessions.add(context.athlete_id, session)
            uow.commit()
    except CalfCoachError as error:
        report.failed.append(FileFailure.of(source, error))
        return "failed"
    except ValidationError as error:
        # Pydantic's wording names model internals; say which figure of the recording is impossible.
        faulty = InputError(
            N_(
                "the recording gives {problem}; its data are probably faulty and nothing was imported (check"
                " the file, or log the session by hand)"
            ),
            where=source,
            problem=figure_problem(error),
        )
        report.failed.append(FileFailure.of(source, faulty))
        return "failed"
    if session is not None:
        context.history = History(
            sessions=(*context.history.sessions, session),
            checkins=context.history.checkins,
            tests=context.history.tests,
        )
    elif reason is not None:
        report.warnings.append(FileWarning(source_file=source, warning=reason))
    report.imported.append(ImportedActivity(**dict(activity_view(record)), coach=_coach_view(session)))
    return "imported"


def _not_fed_reason(summary: ActivitySummary, context: _Context) -> str | None:
    """Why an activity is stored but not given to the coach, or None when it is."""
    if exercise_for(summary) is None:
        return f"classified as {summary.sport.value!r}: stored, not counted as calf or running work"
    if summary.start_time is None:
        return None  # _record refuses it first
    day = local_day(summary.start_time, context.tz)
    if day < context.profile.start_date:
        return f"dated {day.isoformat()}, before the program's start: stored, not counted as a session"
    duration = session_duration_s(summary)
    if duration > MAX_SESSION_S:
        return (
            f"{duration / 3600:.1f} h of moving time, over the {MAX_SESSION_S / 3600:.0f} h one session can"
            " last: stored, not counted as a session (log it by hand as the sessions it was, or split the"
            " recording in the device's app and import the parts)"
        )
    return None


def _coach_view(session: PerformedSession | None) -> ActivityCoachView | None:
    """The session an activity was logged as, if any."""
    if session is None:
        return None
    log = session.cardio[0]
    return ActivityCoachView(
        session_id=session.id,
        day=session.day,
        exercise_id=log.exercise_id,
        block=log.block,
        planned=session.planned_for is not None,
        speed_kmh=log.avg_speed_kmh,
        grade_pct=log.grade_pct,
    )


def _record(summary: ActivitySummary, recording: Recording) -> Activity:
    """The store's record of an activity; a recording with no absolute start time is refused."""
    if summary.start_time is None:
        raise InputError(
            N_(
                "the recording has no absolute start time (no clock times, or a device clock never set), "
                "so the day it was done is unknown; nothing was imported"
            ),
            where=recording.source,
            hint=N_("export it again from the watch or app with times, or log the session by hand"),
        )
    return Activity(
        id=summary.content_sha256[:ID_HEX_CHARS],
        sport=summary.sport.value,
        start_time=summary.start_time,
        distance_m=summary.distance_m,
        elapsed_s=summary.elapsed_s,
        moving_s=summary.moving_s,
        elevation_gain_m=summary.elevation_gain_m,
        elevation_loss_m=summary.elevation_loss_m,
        avg_speed_mps=summary.avg_speed_mps,
        gap_speed_mps=summary.gap_speed_mps,
        points=summary.points,
        source_file=summary.source_file[-500:],
        content_sha256=summary.content_sha256,
        device=(summary.device or "")[:200],
        track=track_to_bytes(recording.track),
        summary=_finite_json(summary.as_json()),
    )


def _finite_json(value: Any) -> Any:
    """Replace NaN and infinities by None: JSON (and PostgreSQL's jsonb) has no such numbers."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite_json(v) for v in value]
    return value


def activity_view(record: Activity) -> ActivityView:
    """One activity without its track (docs/cli.md): its times in UTC."""
    fields = {name: getattr(record, name) for name in JSON_FIELDS}
    fields["start_time"] = record.start_time.astimezone(dt.UTC)
    return ActivityView(**fields, device=record.device, name=record.summary.get("name"))


def list_activities(store: Store, athlete_id: int) -> list[ActivityView]:
    """Every activity of the person, oldest first, without tracks."""
    with store.reader() as uow:
        return [activity_view(a) for a in uow.activities.since(athlete_id)]


def activity_detail(
    store: Store, athlete_id: int, activity_id: str, *, split_m: float = 1000.0
) -> ActivityDetail:
    """One activity: its summary, kilometre (or `split_m`) splits, an elevation profile and the session it
    counted as.

    The id may be shortened to a unique prefix of at least MIN_PREFIX characters, as people type it.
    """
    record, session = load_activity(store, athlete_id, activity_id)
    return detail_of(record, session, split_m=split_m)


def load_activity(
    store: Store, athlete_id: int, activity_id: str
) -> tuple[Activity, PerformedSession | None]:
    """The stored activity (by its id or a unique prefix of it) and the session it was logged as, if any."""
    with store.reader() as uow:
        record = uow.activities.get(athlete_id, activity_id)
        if record is None and len(activity_id) >= MIN_PREFIX:
            found = [a.id for a in uow.activities.since(athlete_id) if a.id.startswith(activity_id)]
            if len(found) > 1:
                raise InputError(
                    N_("{text} is the start of {count} activity ids ({ids})"),
                    where="ID",
                    hint=N_("type more of the id"),
                    text=repr(activity_id),
                    count=len(found),
                    ids=", ".join(found[:5]),
                )
            record = uow.activities.get(athlete_id, found[0]) if found else None
        if record is None:
            raise NotFoundError(
                N_("no activity with id {id}; `calfcoach activities` lists them"), id=repr(activity_id)
            )
        return record, uow.sessions.get(athlete_id, session_id(record.id))


def detail_of(
    record: Activity, session: PerformedSession | None, *, split_m: float = 1000.0
) -> ActivityDetail:
    """The detail of a stored activity; the splits (per km, or `split_m`) are measured again from its track
    (see `splits_of`)."""
    return ActivityDetail(
        **dict(activity_view(record)),
        summary={k: v for k, v in record.summary.items() if k != "score"},
        splits=[SplitView(**_finite_json(asdict(split))) for split in splits_of(record, split_m)],
        elevation_profile=elevation_profile(record.track),
        coach=_coach_view(session),
        score=score_of(record),
    )


def score_of(record: Activity) -> Score | None:
    """The score kept with the recording at its import (see _import_one), if it was scored."""
    kept = record.summary.get("score")
    return Score.model_validate(kept) if isinstance(kept, dict) else None


def splits_of(record: Activity, split_m: float = 1000.0) -> tuple[m.Split, ...]:
    """The kilometre (or mile: `split_m`) splits with grade-adjusted pace, measured from the stored track.

    Measured at each reading, so an activity imported before splits carried a grade-adjusted pace has one.
    """
    if not record.track:
        return ()
    running = record.avg_speed_mps is not None and record.avg_speed_mps >= JOG_FROM_MPS
    device_m = record.summary.get("device_distance_m")
    return track_splits(
        track_from_bytes(record.track),
        device_distance_m=device_m if isinstance(device_m, int | float) else None,
        running=running,
        split_m=split_m,
    )


def elevation_profile(track_bytes: bytes, samples: int = PROFILE_SAMPLES) -> list[ElevationPoint]:
    """Smoothed elevation against distance, evenly resampled to at most `samples` points."""
    import numpy as np

    if not track_bytes:
        return []
    track = track_from_bytes(track_bytes)
    if len(track) < 2 or not track.has_elevation:
        return []
    distance = m.cumulative_distance_m(track)
    elevation = m.smoothed_elevation_m(track)
    ok = np.isfinite(distance) & np.isfinite(elevation)
    if ok.sum() < 2 or float(distance[ok][-1]) <= 0:
        return []
    grid = np.linspace(float(distance[ok][0]), float(distance[ok][-1]), min(samples, int(ok.sum())))
    values = np.interp(grid, distance[ok], elevation[ok])
    return [
        ElevationPoint(distance_m=round(float(d), 1), elevation_m=round(float(e), 1))
        for d, e in zip(grid, values, strict=True)
    ]
