"""`calfcoach import` (watch and phone recordings), `calfcoach activities` and `calfcoach activity ID`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from calfcoach.cli.words import _, day, label, language, localized, number
from calfcoach.domain.units import M_PER_MILE, Units, height_number, height_text, pace_clock
from calfcoach.i18n import N_

if TYPE_CHECKING:
    from rich.table import Table

    from calfcoach.services.activities import ImportReport
    from calfcoach.store.store import Store

SPARK_CHARS = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 60


@contextmanager
def _local_athlete() -> Iterator[tuple[Store, int, Units]]:
    """Open the chosen database and find the person on this install and their units (each command here
    needs them)."""
    from calfcoach.cli.database import open_db
    from calfcoach.services.athletes import local_athlete_id, local_units

    with open_db() as store:
        yield store, local_athlete_id(store), local_units(store)


def import_files(
    paths: list[Path] = typer.Argument(
        ..., metavar="PATH...", help=N_("GPX, TCX or FIT files (gzipped too), folders, zips, Strava exports.")
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.database import after_write
        from calfcoach.cli.options import today
        from calfcoach.services.activities import import_paths

        with _local_athlete() as (store, athlete_id, units):
            if as_json:
                report = import_paths(store, athlete_id, paths, today=today())
            else:
                report = _with_progress(store, athlete_id, paths)
        if report.imported:
            after_write()
        if as_json:
            from calfcoach.cli.common import emit_json

            emit_json(report.view().model_dump(mode="json"))
        else:
            _print_report(report, units)
        if report.processed == 0:
            from calfcoach.cli.common import EXIT_BAD_INPUT

            raise typer.Exit(EXIT_BAD_INPUT)

    run()


def _with_progress(store: Store, athlete_id: int, paths: list[Path]) -> ImportReport:
    """Import with a progress bar over files on stderr (stdout stays the summary)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from calfcoach.activities.registry import is_later_part
    from calfcoach.cli.common import error_console
    from calfcoach.cli.options import today
    from calfcoach.services.activities import count_files, import_paths

    total = count_files(paths)
    with Progress(
        TextColumn(_("importing")),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=error_console(),
        transient=True,
    ) as progress:
        task = progress.add_task("", total=total or None)

        def advance(source: str, status: str) -> None:
            name = source.rsplit("/", 1)[-1]
            # The bar counts files; the second and later activities of a file (a triathlon) add none.
            step = 0 if is_later_part(source) else 1
            progress.update(task, advance=step, description=f"{status}: {name}"[:60])

        return import_paths(store, athlete_id, paths, on_progress=advance, today=today())


def _print_report(report: ImportReport, units: Units) -> None:

    from calfcoach.cli.common import console

    out = console()
    if report.imported:
        table = _table(_("counted as"), units)
        for a in report.imported:
            coach = a.coach
            counted = "-"
            if coach is not None:
                counted = (
                    f"{coach.exercise_id} ({coach.block})"
                    if coach.planned
                    else _("{exercise} (extra)", exercise=coach.exercise_id)
                )
            table.add_row(
                a.id,
                day(a.start_time.date()),
                label(a.sport),
                _distance_number(a.distance_m, units),
                _duration(a.moving_s),
                _pace(a.avg_speed_mps, units),
                localized(height_number(a.elevation_gain_m, units)),
                counted,
            )
        out.print(table)
    out.print(
        _(
            "[bold]{imported} imported[/], {duplicates} already there, {failed} failed, "
            "{skipped} skipped (not activity files)",
            imported=len(report.imported),
            duplicates=len(report.duplicates),
            failed=len(report.failed),
            skipped=len(report.skipped),
        )
    )
    for d in report.duplicates:
        out.print("  " + _("already imported as {id}: {file}", id=d.id, file=d.source_file), soft_wrap=True)
    for f in report.failed:
        out.print("  [red]" + _("failed") + f"[/]: {f.said_in(language())}", soft_wrap=True)
    from calfcoach.services.import_notes import note_in

    for w in report.warnings:
        said = note_in(w.warning, language())
        out.print("  [yellow]" + _("warning") + f"[/]: {w.source_file}: {said}", soft_wrap=True)


def activities(
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.services.activities import list_activities

        with _local_athlete() as (store, athlete_id, units):
            found = [a.model_dump(mode="json") for a in list_activities(store, athlete_id)]
        if as_json:
            from calfcoach.cli.common import emit_json

            emit_json(found)
            return
        _print_list(found, units)

    run()


def _print_list(found: list[dict[str, Any]], units: Units) -> None:

    from calfcoach.cli.common import console

    out = console()
    if not found:
        out.print(_("No activities yet: `calfcoach import PATH` reads GPX, TCX and FIT files."))
        return
    table = _table(_("file"), units)
    for a in found:
        table.add_row(
            a["id"],
            day(a["start_time"][:10]),
            label(a["sport"]),
            _distance_number(a["distance_m"], units),
            _duration(a["moving_s"]),
            _pace(a["avg_speed_mps"], units),
            localized(height_number(a["elevation_gain_m"] or 0, units)),
            a["source_file"].replace("\\", "/").rsplit("/", 1)[-1],
        )
    out.print(table)


def activity(
    activity_id: str = typer.Argument(..., metavar="ID", help=N_("An id from `calfcoach activities`.")),
    as_json: bool = typer.Option(False, "--json", help=N_("Machine-readable output (docs/cli.md).")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.services.activities import activity_detail

        with _local_athlete() as (store, athlete_id, units):
            # The JSON stays in SI with kilometre splits; the printed table in the person's units.
            split_m = M_PER_MILE if units.imperial and not as_json else 1000.0
            found = activity_detail(store, athlete_id, activity_id.strip(), split_m=split_m)
            detail = found.model_dump(mode="json")
        if as_json:
            from calfcoach.cli.common import emit_json

            emit_json(detail)
            return
        _print_detail(detail, units)

    run()


def _print_detail(d: dict[str, Any], units: Units) -> None:
    from rich.table import Table

    from calfcoach.cli.common import console

    out = console()
    s = d["summary"]
    up, down = d["elevation_gain_m"] or 0, d["elevation_loss_m"] or 0
    # The start in UTC, its day as the CLI writes dates (ISO 8601 in English, 01.03.2027 in German).
    when = f"{day(d['start_time'][:10])} {d['start_time'][11:16]}"
    out.print(_("[bold]{id}[/] {sport} on {when} UTC", id=d["id"], sport=label(d["sport"]), when=when))
    pace_unit = units.pace_unit
    facts = [
        (_("file"), d["source_file"]),
        (_("device"), d["device"] or "-"),
        (_("distance"), f"{_distance_number(d['distance_m'], units)} {units.distance_unit}"),
        (
            _("time"),
            _(
                "{moving} moving, {elapsed} elapsed",
                moving=_duration(d["moving_s"]),
                elapsed=_duration(d["elapsed_s"]),
            ),
        ),
        (
            _("pace"),
            _(
                "{pace} {unit}, grade-adjusted {gap} {unit}",
                pace=_pace(d["avg_speed_mps"], units),
                gap=_pace(d["gap_speed_mps"], units),
                unit=pace_unit,
            ),
        ),
        (_("climb"), localized(f"+{height_text(up, units)} / -{height_text(down, units)}")),
    ]
    if s.get("avg_uphill_grade_pct") is not None:
        facts.append((_("uphill grade"), _("{grade}% average", grade=number(s["avg_uphill_grade_pct"], 1))))
    if s.get("avg_hr_bpm") is not None:
        heart = _(
            "{average} bpm average, {top} max", average=f"{s['avg_hr_bpm']:.0f}", top=f"{s['max_hr_bpm']:.0f}"
        )
        facts.append((_("heart rate"), heart))
    if s.get("energy_kcal_per_kg") is not None:
        facts.append((_("energy"), _("{energy} kcal/kg (ACSM)", energy=number(s["energy_kcal_per_kg"], 1))))
    coach = d["coach"]
    if coach is not None:
        how = (
            _("the planned {block} block", block=coach["block"])
            if coach["planned"]
            else _("an extra session")
        )
        counted = _(
            "{exercise} on {day}, {how}", exercise=coach["exercise_id"], day=day(coach["day"]), how=how
        )
        facts.append((_("counted as"), counted))
    for name, value in facts:
        out.print(f"  {name:>13}  {value}", soft_wrap=True)
    profile = [p["elevation_m"] for p in d["elevation_profile"]]
    if profile:
        span = localized(f"{height_number(min(profile), units)}-{height_text(max(profile), units)}")
        elevation = _("elevation")
        out.print(f"  {elevation:>13}  {sparkline(profile)}  {span}", soft_wrap=True)
    if d["splits"]:
        pace, height = units.pace_unit, units.height_unit
        length = _("distance ft") if units.imperial else _("distance m")
        headings = [
            units.distance_unit,
            length,
            _("time"),
            _("pace {unit}", unit=pace),
            _("GAP {unit}", unit=pace),
            _("up {unit}", unit=height),
        ]
        headings += [_("down {unit}", unit=height), _("HR")]
        table = Table(*headings, title=_("Splits"))
        for split in d["splits"]:
            hr = split.get("avg_hr_bpm")
            table.add_row(
                str(split["index"]),
                localized(height_number(split["distance_m"], units)),
                _duration(split["duration_s"]),
                pace_clock(split["pace_s_per_km"], units),
                pace_clock(split.get("gap_pace_s_per_km"), units),
                localized(height_number(split["elevation_gain_m"], units)),
                localized(height_number(split["elevation_loss_m"], units)),
                f"{hr:.0f}" if hr is not None else "-",
            )
        out.print(table)
    if d.get("score") is not None:
        out.print(_score_table(d["score"], units))
        why = d["score"].get("why")
        out.print(f"  {_said(why, units) if why else d['score']['reason']}", soft_wrap=True)
    for warning in s.get("warnings", []):
        out.print("  [yellow]" + _("warning") + f"[/]: {warning}", soft_wrap=True)


VERDICT_WORDS = {
    "as-prescribed": N_("done as prescribed"),
    "partly": N_("partly as prescribed"),
    "far-off": N_("far off"),
}
STEP_VERDICTS = {"done": N_("done"), "partly": N_("partly"), "missed": N_("missed")}
STEP_STYLE = {"done": "green", "partly": "yellow", "missed": "red"}


def _said(message: dict[str, Any], units: Units) -> str:
    """A score's message (a step's note, its reason; as the view's JSON holds it) in the CLI's language."""
    from calfcoach.domain.messages import Message
    from calfcoach.services.render import said

    return said(Message.model_validate(message), units, language())


def _score_table(score: dict[str, Any], units: Units) -> Table:
    """The planned steps beside what the recording shows: planned, done, speed, verdict."""
    from rich.table import Table

    from calfcoach.domain.units import speed_number

    def speed(kmh: float) -> str:
        return number(speed_number(kmh, units), 1)

    overall = VERDICT_WORDS.get(score["verdict"])
    table = Table(
        _("step"), _("planned"), _("done"), _("speed {unit}", unit=units.speed_unit),
        _("target {unit}", unit=units.speed_unit), _("verdict"),
        title=_("Against the plan: {verdict}", verdict=_(overall) if overall else score["verdict"]),
    )  # fmt: skip
    for step in score["steps"]:
        low, high = step.get("speed_low_kmh"), step.get("speed_high_kmh")
        target = (
            f"{speed(low)}-{speed(high)}"
            if low is not None and high is not None
            else (_("run") if step["running"] else _("walk"))
        )
        done_at = step.get("speed_kmh")
        word = STEP_VERDICTS.get(step["verdict"])
        # The notes as messages, in the reader's language; a score kept before they existed has only the
        # English note.
        notes = ", ".join(_said(n, units) for n in step.get("notes") or ()) or step["note"]
        verdict = (_(word) if word else step["verdict"]) + (f": {notes}" if notes else "")
        table.add_row(
            step["name"],
            _duration(step["planned_s"]),
            _duration(step["done_s"]),
            speed(done_at) if done_at is not None else "-",
            target,
            f"[{STEP_STYLE.get(step['verdict'], 'white')}]{verdict}[/]",
        )
    return table


def _table(last: str, units: Units) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    pace = _("pace{unit}", unit=units.pace_unit)
    up = _("up {unit}", unit=units.height_unit)
    for name in ("id", _("date UTC"), _("sport"), units.distance_unit, _("moving"), pace, up):
        table.add_column(name, no_wrap=True)
    table.add_column(last, overflow="fold", min_width=12)
    return table


def sparkline(values: list[float], width: int = SPARK_WIDTH) -> str:
    """Draw values as one line of at most `width` block characters, lowest to highest."""
    if len(values) > width:
        values = [values[round(i * (len(values) - 1) / (width - 1))] for i in range(width)]
    low, high = min(values), max(values)
    if high - low < 1e-9:
        return SPARK_CHARS[0] * len(values)
    top = len(SPARK_CHARS) - 1
    return "".join(SPARK_CHARS[round((v - low) / (high - low) * top)] for v in values)


def _duration(seconds: float | None) -> str:
    from calfcoach.services.units import clock

    return clock(seconds)


def _pace(speed_mps: float | None, units: Units) -> str:
    return pace_clock(1000.0 / speed_mps if speed_mps else None, units)


def _distance_number(metres: float, units: Units) -> str:
    """A distance without its unit, for a column or a line that names it: 5.21 (km), 3.24 (mi)."""
    return number(metres / (M_PER_MILE if units.imperial else 1000.0), 2)


def register(app: typer.Typer) -> None:
    app.command(
        "import",
        help=N_(
            "Import walks, runs, hikes and stair sessions; each counts toward that day's planned session."
        ),
    )(import_files)
    app.command("activities", help=N_("List imported activities, oldest first."))(activities)
    app.command(
        "activity",
        help=N_("Show one activity: summary, kilometre (or mile) splits and an elevation sparkline."),
    )(activity)
