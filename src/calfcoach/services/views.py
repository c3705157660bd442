"""The read models: one typed shape per thing the shells show (the API's answers, `--json`, the pages).

The services build these; the API names them as `response_model`, so /openapi.json describes every answer,
and docs/cli.md's JSON sections are printed from their schemas. Each refuses unknown fields: a service that
adds a key without adding it here fails its tests instead of sending an undocumented field.

This module imports pydantic and the domain only (no store, no ORM), so the CLI can read a kept answer
with it without paying for SQLAlchemy at start-up.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, PrivateAttr, RootModel, StrictBool

from calfcoach.domain.compliance import Score
from calfcoach.domain.errors import CalfCoachError
from calfcoach.domain.exercise import Exercise, Tempo
from calfcoach.domain.log import CheckIn, Clearance, PerformedSession, TestResult
from calfcoach.domain.profile import Profile
from calfcoach.domain.screening import ScreeningOutcome

# A JSON object whose keys are not fixed by a model, kept as such where that is what it is: a dose as given
# (only the fields it sets), a reason's figures (by message), the Vega-Lite charts, and an activity's
# summary (its metrics by name, docs/activities.md).
JsonObject = dict[str, Any]


class ReadModel(BaseModel):
    """A read model: immutable once built, and strict about fields (see the module's docstring)."""

    # Built on first use: the CLI imports this module on paths that use only a few of the models.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# --- safety -------------------------------------------------------------------------------------------


class FlagView(ReadModel):
    """An open red flag or referral: where it was raised, since when, and what to do."""

    id: str
    level: str
    source: str
    since: dt.date
    advice: str


class SafetyBlock(ReadModel):
    """May the athlete train: `mode` is train, caution, relative_rest or stop, with the open flags."""

    mode: str
    stop: bool
    refer: bool
    caution: bool
    advice: list[str]
    flags: list[FlagView]
    cleared_on: dt.date | None


class FlaggedQuestion(ReadModel):
    id: str
    advice: str
    level: str


class ScreeningSummary(ReadModel):
    clear: bool
    urgent: bool
    flagged: list[FlaggedQuestion]


class Rescreened(ReadModel):
    """A screening taken again: its advice for each "yes", and what is open now."""

    screening: ScreeningSummary
    safety: SafetyBlock


class ClearanceRecorded(ReadModel):
    """A clearance as stored (with `recorded_at`, the server's clock) and what is still open."""

    clearance: Clearance
    safety: SafetyBlock


class CheckedIn(ReadModel):
    """`calfcoach checkin --json`: the check-in as stored, the pain rule's verdict, and what is open."""

    day: dt.date
    morning_pain: int
    stiffness: int
    symptoms: list[str]
    pain: PainView
    safety: SafetyBlock


# --- self-tests ------------------------------------------------------------------------------------------


class ProtocolView(ReadModel):
    """How to do a test: purpose, setup, steps, when to stop, what to record (assess/protocols)."""

    kind: str
    name: str
    purpose: str
    unit: str
    value_label: str
    equipment: list[str]
    setup: list[str]
    steps: list[str]
    stop_when: list[str]
    record: list[str]
    safety: list[str]


class GateCheck(ReadModel):
    name: str
    met: bool
    detail: str


class RunningGateView(ReadModel):
    """The readiness gate before running: each check, and what to do while it is not met."""

    ready: bool
    checks: list[GateCheck]
    reasons: list[str]


class TestTaken(ReadModel):
    """A test result as stored, explained (symmetry, norms) and the running gate it leaves."""

    __test__ = False  # not a pytest class

    result: TestResult
    unit: str
    lsi_pct: float | None
    weaker_side: Literal["left", "right"] | None
    summary: list[str]
    running_gate: RunningGateView


# --- the library -----------------------------------------------------------------------------------------


class ExerciseList(ReadModel):
    """`calfcoach exercises --json`: the exercises the filters chose, by id, each as in its file."""

    count: int
    exercises: list[Exercise]


class ResolvedExercise(ReadModel):
    """The exercise to do when equipment is missing (the same one when nothing is), and why it was swapped."""

    id: str
    name: str
    reason: str | None


class ExerciseShown(ReadModel):
    """`calfcoach exercises ID --json`: the exercise as in its file; `resolved` only with `--equipment`."""

    exercise: Exercise
    resolved: ResolvedExercise | None


# --- sessions as planned: today, the plan, the calendar -----------------------------------------------


class Ref(ReadModel):
    """Something named: a program, a phase, an athlete."""

    id: str
    name: str


class AthleteRef(ReadModel):
    id: int
    name: str


class SessionItemView(ReadModel):
    """One exercise of a prescribed session, with its dose and tempo in words and the reason for them."""

    exercise_id: str
    exercise_name: str
    block: str
    dose: JsonObject  # only the fields the dose sets: {"sets": 3, "reps": 15}, {"duration_s": 1200, ...}
    dose_text: str
    tempo: Tempo | None
    tempo_text: str | None
    reason: str
    # The reason as data, for clients that write it themselves: its code and each figure's stored (SI)
    # value, kind and unit (docs/reasons.md).
    reason_data: JsonObject = {}
    note: str


class SessionView(ReadModel):
    """A prescribed session on a day."""

    day: dt.date
    weekday: str
    program_id: str
    phase_id: str
    template_id: str
    name: str
    minutes: float
    hard: bool
    mode: str
    notes: list[str]
    items: list[SessionItemView]
    # A walk, run or stairs a watch can follow: workouts/{day}.fit in the API has it (docs/workouts.md).
    watch_workout: bool = False


class PhaseView(ReadModel):
    id: str
    name: str
    goal: str
    since: dt.date
    week: int


class NextPhaseView(ReadModel):
    """The next phase and its gate: what is met and what is still missing."""

    id: str
    name: str
    ready: bool
    met: list[str]
    missing: list[str]


class CompletionView(ReadModel):
    """For a program with an end: when it ends and, once it has, the retest and the programs that follow."""

    ends_on: dt.date
    complete: bool
    retest: list[str]
    next_programs: list[Ref]
    advice: str


class PainView(ReadModel):
    """What pain monitoring says: progress, hold, reduce or rest, and why."""

    action: str
    reasons: list[str]
    # The exercises of the session shown with it whose dose the pain lowered or held (Today says the reason
    # once, here, instead of under each of them).
    exercises: list[str] = []


class DoneView(ReadModel):
    """A session logged on the day Today is for: what it was and what was done."""

    id: str
    name: str
    template_id: str
    exercises: list[str]
    sets: int
    reps: int
    cardio_min: float
    completed: bool
    pain_during: int
    pain_after: int


class TodayView(ReadModel):
    """What to do today: the session with its reasons (or the next one), the phase, pain and safety.

    `session` is what is still to do today: None once the day's planned session is logged (`done` says what
    was logged), on a rest day, or while training is stopped. `start` says which session the player offers:
    "today" (the session), "next" (the next one, done today instead, offered only when nothing is planned or
    done today) or None.
    """

    day: dt.date
    safety: SafetyBlock
    program: Ref
    phase: PhaseView
    next_phase: NextPhaseView | None
    completion: CompletionView | None
    pain: PainView
    session: SessionView | None
    next_session: SessionView | None
    done_today: list[str]
    done: list[DoneView]
    start: Literal["today", "next"] | None
    disclaimer: str


class LocalTodayView(TodayView):
    """`calfcoach today --json`: today's answer with the athlete it is for, and the language of its texts
    (the athlete's, else the machine's locale)."""

    athlete: AthleteRef
    language: str


class PlanView(ReadModel):
    program_id: str
    notes: list[str]
    sessions: list[SessionView]


class CalendarDay(ReadModel):
    day: dt.date
    today: bool
    done: bool
    session: SessionView | None


class CalendarView(ReadModel):
    """The plan from this week's Monday: weeks of seven days, each with its session or none."""

    program_id: str
    notes: list[str]
    weeks: list[list[CalendarDay]]


class FeedLink(ReadModel):
    """A private iCalendar subscription address."""

    url: str


# --- what was done: history, charts, the report -------------------------------------------------------


class SessionRow(PerformedSession):
    """A logged session in full, with its exercises' names and totals (history pages, the API, the report)."""

    model_config = ConfigDict(defer_build=True)

    exercises: tuple[str, ...]
    reps: int
    holds: int
    cardio_min: float


class SessionSummary(ReadModel):
    """A logged session in a line's worth of numbers (`calfcoach history --json`)."""

    id: str
    day: dt.date
    program_id: str
    phase_id: str
    template_id: str
    completed: bool
    sets: int
    reps: int
    cardio_min: float
    distance_m: int
    exercises: list[str]
    rpe: float | None
    pain_during: int
    pain_after: int
    pain_from: list[str]
    pain_site: str | None
    notes: str


class Totals(ReadModel):
    sessions: int
    sets: int
    checkins: int
    tests: int


class HistoryView(ReadModel):
    """`calfcoach history --json`: newest first."""

    athlete: AthleteRef
    totals: Totals
    sessions: list[SessionSummary]
    checkins: list[CheckIn]
    tests: list[TestResult]


class HistoryRows(ReadModel):
    """Sessions in full, check-ins and tests, newest first (the web pages and the API)."""

    sessions: list[SessionRow]
    checkins: list[CheckIn]
    tests: list[TestResult]


class Charts(RootModel[dict[str, JsonObject]]):
    """The progress charts by name (heel-raise, calf-volume, pain, walking-speed): Vega-Lite specs."""


class ReportTest(TestResult):
    """A latest test result with what its norms say."""

    model_config = ConfigDict(defer_build=True)

    summary: tuple[str, ...]


class ReportView(ReadModel):
    """The printable progress report for a physiotherapist."""

    day: dt.date
    name: str
    program: Ref
    start_date: dt.date
    sessions_total: int
    sessions_28_days: int
    max_pain_28_days: int | None
    pain: PainView
    tests: list[ReportTest]
    sessions: list[SessionRow]
    charts: dict[str, JsonObject]
    disclaimer: str


# --- activities ---------------------------------------------------------------------------------------


class ActivityCoachView(ReadModel):
    """The session an activity counted as."""

    session_id: str
    day: dt.date
    exercise_id: str
    block: str | None
    planned: bool
    speed_kmh: float | None
    grade_pct: float | None


class ActivityView(ReadModel):
    """An imported activity without its track; times in ISO 8601 UTC."""

    id: str
    sport: str
    start_time: dt.datetime
    distance_m: float
    elapsed_s: float
    moving_s: float
    elevation_gain_m: float | None
    elevation_loss_m: float | None
    avg_speed_mps: float | None
    gap_speed_mps: float | None
    points: int
    source_file: str
    device: str
    name: str | None


class ImportedActivity(ActivityView):
    coach: ActivityCoachView | None
    # In the athlete's language, for the upload page (the codes above stay as they were).
    sport_name: str | None = None
    exercise_name: str | None = None
    day: str | None = None  # the day it started, as the athlete's language writes a date


class ElevationPoint(ReadModel):
    distance_m: float
    elevation_m: float


class SplitView(ReadModel):
    """One kilometre of an activity (the last one may be shorter); its time includes stops."""

    index: int
    distance_m: float
    duration_s: float
    pace_s_per_km: float
    gap_pace_s_per_km: float | None  # grade-adjusted (Minetti 2002)
    elevation_gain_m: float
    elevation_loss_m: float
    avg_hr_bpm: float | None


class ActivityDetail(ActivityView):
    """One activity: the whole summary, kilometre splits, an elevation profile, its session, and its
    score against the planned item it counted for (None when it counted for none, or was imported before
    recordings were scored)."""

    summary: JsonObject
    splits: list[SplitView]
    elevation_profile: list[ElevationPoint]
    coach: ActivityCoachView | None
    score: Score | None = None


class FileDuplicate(ReadModel):
    source_file: str
    id: str


class FileFailure(ReadModel):
    source_file: str
    error: str  # English, as the API and the logs say it
    said: str | None = None  # the same in the athlete's language (services/import_notes.py)
    # The error the English was written from, to say it again in a person's language (not in the JSON).
    _refusal: CalfCoachError | None = PrivateAttr(default=None)

    @classmethod
    def of(cls, source_file: str, refusal: CalfCoachError) -> FileFailure:
        """The failure of a file refused with `refusal`: its English text, and the error kept to be said."""
        made = cls(source_file=source_file, error=str(refusal))
        made._refusal = refusal
        return made

    def said_in(self, language: str | None) -> str:
        """What went wrong in `language`: the refusal's own words, else the English as it was written."""
        return self.error if self._refusal is None else self._refusal.text_in(language)


class FileWarning(ReadModel):
    source_file: str
    warning: str  # English, as the readers write it
    said: str | None = None  # the same in the athlete's language (services/import_notes.py)


class FileSkipped(ReadModel):
    source_file: str
    reason: str  # English
    said: str | None = None  # in the athlete's language
    # A part of a file that is not an activity: the error the reason was written from (not in the JSON).
    _refusal: CalfCoachError | None = PrivateAttr(default=None)

    @classmethod
    def of(cls, source_file: str, reason: str, refusal: CalfCoachError | None) -> FileSkipped:
        """A skip with its English reason and, when the reason is a refusal, the error to say it again."""
        made = cls(source_file=source_file, reason=reason)
        made._refusal = refusal
        return made

    def refusal_in(self, language: str | None) -> str | None:
        """The reason in `language` when it was written from an error (None: a note of a known form)."""
        return None if self._refusal is None else self._refusal.text_in(language)


class ImportReportView(ReadModel):
    """What an import did, file by file."""

    imported: list[ImportedActivity]
    duplicates: list[FileDuplicate]
    failed: list[FileFailure]
    warnings: list[FileWarning]
    skipped: list[FileSkipped]


# --- accounts, coaching, media ------------------------------------------------------------------------


class UserView(ReadModel):
    """An account as the API shows it (never its password hash)."""

    id: int
    email: str
    role: Literal["athlete", "coach", "admin"]
    created_at: dt.datetime
    # The account's own language ("en", "de"); an athlete profile's comes first. None: not chosen, so
    # pages follow the browser and e-mails the server.
    language: str | None = None


class SignedIn(ReadModel):
    """A sign-in: the account, and the CSRF token to send as `X-CSRF-Token` with every change."""

    user: UserView
    csrf_token: str


class TokenView(ReadModel):
    """An API token as listed to its owner (never the token itself)."""

    id: int
    name: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None


class NewToken(TokenView):
    """A new API token: `token` is shown in this answer only."""

    token: str


class Me(ReadModel):
    user: UserView
    athlete_id: int | None


class Onboarded(ReadModel):
    """A new athlete profile: its id and the screening's advice for each "yes"."""

    athlete_id: int
    screening: ScreeningOutcome


class ProfileView(ReadModel):
    id: int
    profile: Profile


class ScreeningAdvice(ReadModel):
    """What to do about one "yes" of the screening; `urgent`: see a doctor before any exercise."""

    id: str
    advice: str
    urgent: bool


class SignUpScreening(ReadModel):
    clear: bool
    urgent: bool
    flagged: list[ScreeningAdvice]


class BaselineView(ReadModel):
    """The baseline heel-rise test explained, line by line."""

    summary: list[str]


class SignedUp(ReadModel):
    """`calfcoach init --json`: the new profile, the screening's advice, the baseline test if one was done."""

    athlete_id: int
    profile: Profile
    screening: SignUpScreening
    baseline: BaselineView | None


class ProfileChanged(ReadModel):
    """`calfcoach init --update --json`: the profile as now stored."""

    athlete_id: int
    profile: Profile


class ProgramSummary(ReadModel):
    id: str
    name: str
    kind: str
    summary: str


class InvitationView(ReadModel):
    """An invitation code and the link that redeems it; when it was addressed to someone, whether the
    e-mail went out (`sent`) and, if not, why (`not_sent`: the link still works, to pass on by hand)."""

    code: str
    url: str
    email: str | None = None
    sent: bool = False
    not_sent: str | None = None


class WeeklySummarySetting(ReadModel):
    """Whether a coach gets the weekly summary of their clients by e-mail (also the body that switches it:
    strict, so 1 or "yes" is refused rather than read as true)."""

    enabled: StrictBool


class RegistrationPending(ReadModel):
    """A registration on a server that sends e-mail: check the mailbox of `email` (a confirmation link, or,
    for an address with an account, a notice to its owner)."""

    email: str
    status: str = "check your e-mail"


class CoachRef(ReadModel):
    id: int
    email: str


class InvitationAccepted(ReadModel):
    coach: CoachRef
    athlete_id: int


class ProgramAssigned(ReadModel):
    athlete_id: int
    program_id: str


class ClientClearance(ReadModel):
    """The latest clearance a client recorded: the day, who cleared them, their note."""

    day: dt.date
    by: str
    note: str


class ClientRow(ReadModel):
    """A coach's client: adherence, pain flags, safety and the last things done."""

    athlete_id: int
    name: str
    program_id: str
    adherence: float | None
    pain_action: str
    pain_flags: list[str]
    pain_flag_above: int
    safety: SafetyBlock
    latest_clearance: ClientClearance | None
    last_session: dt.date | None
    last_activity: dt.date | None


class MediaView(ReadModel):
    """A coach's media for an exercise: a link (`url`) or a file served at `file_url`."""

    id: int
    owner_user_id: int
    exercise_id: str
    kind: Literal["file", "link"]
    title: str
    url: str | None
    content_type: str | None
    size_bytes: int | None
    created_at: dt.datetime
    file_url: str | None


# --- moving data in and out -----------------------------------------------------------------------------


class Exported(ReadModel):
    """What `export` wrote: the file (JSON) or the folder of tables (CSV), and how many of each record."""

    format: Literal["json", "csv"]
    path: str
    files: list[str]
    counts: dict[str, int]


class Imported(ReadModel):
    """What `import-data` stored: the athlete it went into, the records stored, those already there."""

    athlete_id: int
    counts: dict[str, int]
    duplicates: dict[str, int]


class CalendarWritten(ReadModel):
    """The iCalendar file `calendar` wrote and how many sessions (all-day events) it holds."""

    path: str
    events: int


class WorkoutWritten(ReadModel):
    """The FIT workout `workout` wrote for a day: its minutes, and what was left out (strength, stretches)."""

    files: list[str]
    minutes: float
    left_out: list[str]


class WeekWritten(ReadModel):
    """The FIT workouts `workout --week` wrote: one file per session with cardio (or the zip holding them)."""

    files: list[str]


class DemoWritten(ReadModel):
    """The demonstration `demo` wrote: the exercise, the file, its format, one loop's seconds, its size."""

    exercise: str
    path: str
    format: Literal["svg", "gif"]
    loop_s: float
    bytes: int


class DoctorReport(ReadModel):
    """What `doctor` found: where the database is, its schema revision against this CalfCoach's newest
    (`head`), problems found, rows per table, the file's size (SQLite; null for PostgreSQL), all well."""

    backend: str
    location: str
    revision: str | None
    head: str
    problems: list[str]
    counts: dict[str, int]
    size_bytes: int | None
    ok: bool


class ProgramListed(ReadModel):
    """A shipped program as `program list --json` lists it: its phases by id, in order."""

    id: str
    name: str
    kind: str
    phases: list[str]


# --- the shapes in words, for docs/cli.md ----------------------------------------------------------------


def outline(model: type[BaseModel]) -> str:
    """The JSON shape of a model and of every model inside it, one field a line, as docs/cli.md shows it.

    Types are written as JSON has them (string, integer, number, boolean, null, date, date-time), lists as
    [T], maps as {string: T}, choices as A | B, and a model inside by its name, outlined below it.
    """
    schema = model.model_json_schema(mode="serialization", ref_template="{model}")
    named = {model.__name__: schema, **schema.get("$defs", {})}
    lines: list[str] = []
    for name, found in named.items():
        if "properties" not in found:
            continue  # an enum or a map: written where it is used
        lines.append(f"{name} {{")
        fields = list(found["properties"].items())
        for index, (field, spec) in enumerate(fields):
            comma = "," if index < len(fields) - 1 else ""
            lines.append(f'  "{field}": {_written(spec, named)}{comma}')
        lines.append("}")
    return "\n".join(lines)


def _written(spec: dict[str, Any], named: dict[str, dict[str, Any]]) -> str:
    if "$ref" in spec:
        target = named.get(spec["$ref"], {})
        return spec["$ref"] if "properties" in target else _written(target, named)
    if "anyOf" in spec:
        return " | ".join(_written(choice, named) for choice in spec["anyOf"])
    if "enum" in spec:
        return " | ".join(f'"{value}"' for value in spec["enum"])
    kind = spec.get("type")
    if kind == "array":
        return f"[{_written(spec.get('items', {}), named)}]"
    if kind == "object":
        values = spec.get("additionalProperties")
        return f"{{string: {_written(values, named)}}}" if isinstance(values, dict) and values else "{...}"
    if kind == "string" and spec.get("format") in ("date", "date-time"):
        return str(spec["format"])
    return str(kind) if kind else "any"
