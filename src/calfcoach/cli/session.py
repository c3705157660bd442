"""`calfcoach session`: a guided session in the terminal, saved after every set so nothing is lost."""

from __future__ import annotations

import typer

from calfcoach.cli.options import finite
from calfcoach.i18n import N_


def session(
    auto: bool = typer.Option(
        False,
        "--auto",
        help=N_("Do every step as prescribed without keys or prompts (for scripts and tests)."),
    ),
    beat_s: float | None = typer.Option(
        None,
        "--beat-s",
        parser=finite(low=0),
        help=N_("Real seconds per tempo second (default 1; 0 with --auto: no waiting)."),
    ),
    bell: bool = typer.Option(
        True,
        "--bell/--no-bell",
        help=N_("Ring the terminal bell on each beat, each interval cue and the last seconds of each phase."),
    ),
    rpe: float | None = typer.Option(
        None, "--rpe", parser=finite(), help=N_("How hard it was, 0-10 (asked at the end if not given).")
    ),
    pain_during: int | None = typer.Option(None, "--pain-during", help=N_("Worst pain during, 0-10.")),
    pain_after: int | None = typer.Option(None, "--pain-after", help=N_("Pain right after, 0-10.")),
    new: bool = typer.Option(
        False, "--new", help=N_("Start over instead of going on with today's stopped session.")
    ),
    as_json: bool = typer.Option(False, "--json", help=N_("Print the saved session as JSON at the end.")),
) -> None:
    from calfcoach.cli.common import handles_errors

    @handles_errors
    def run() -> None:
        from calfcoach.cli.common import console, error_console
        from calfcoach.cli.database import open_db
        from calfcoach.cli.options import now
        from calfcoach.cli.player import Felt, Player
        from calfcoach.services import session_runner as runner
        from calfcoach.services.athletes import local_units

        moment = now()
        felt = Felt(rpe=rpe, pain_during=pain_during, pain_after=pain_after)
        felt.check()
        with open_db() as store:
            from calfcoach.i18n import from_environment

            athlete_id, planned = runner.session_today(store, moment.date(), from_environment())
            from calfcoach.cli.words import language
            from calfcoach.library.translations import catalog_in

            units = local_units(store)
            # The exercises' names, cues and spoken script in the person's language (read just now).
            spoken = language()
            steps = runner.steps_of(planned, catalog_in(spoken), units, spoken)
            stopped = None if new else runner.stopped_session(store, athlete_id, planned, moment.date())
            if stopped is not None:
                recorder = runner.SessionRecorder.resuming(store, athlete_id, planned, stopped)
                steps = runner.remaining(steps, stopped)
                done = len(stopped.sets) + len(stopped.cardio)
                out = error_console() if as_json else console()
                from calfcoach.cli.words import _

                out.print(
                    _(
                        "Going on with the session stopped earlier ({done} done; --new starts over).",
                        done=done,
                    )
                )
            else:
                recorder = runner.SessionRecorder(
                    store, athlete_id, planned, today=moment.date(), started_at=moment.replace(microsecond=0)
                )
            player = Player(
                recorder,
                steps,
                beat_s=beat_s if beat_s is not None else (0.0 if auto else 1.0),
                interactive=not auto,
                bell=bell and not auto,
                to_stderr=as_json,
                units=units,
            )
            saved = player.play(planned.name, felt)
        from calfcoach.cli.database import after_write

        after_write()
        if as_json:
            from calfcoach.cli.common import emit_json
            from calfcoach.services.history import session_summary

            emit_json(None if saved is None else session_summary(saved).model_dump(mode="json"))

    run()


def register(app: typer.Typer) -> None:
    app.command(
        "session",
        help=N_(
            "Do today's session step by step: cues, rep counters, tempo beats, timed intervals and "
            "holds, rests.\n\nKeys: p pause/resume, s skip this step, q stop (what was done is kept). "
            "Every set is saved as soon\nas it is done; run it again the same day to go on where it "
            "stopped."
        ),
    )(session)
