"""The demonstrations' public API: poses, an animated SVG, an animated GIF, for any exercise id."""

from __future__ import annotations

from pathlib import Path

from calfcoach.demos.body import Body
from calfcoach.demos.kinematics import Pose
from calfcoach.demos.motion import Motion, load_motion
from calfcoach.demos.scene import Scene, build_scene
from calfcoach.demos.timeline import Animator
from calfcoach.domain.errors import InputError
from calfcoach.domain.exercise import Exercise, Tempo
from calfcoach.library.catalog import load_catalog
from calfcoach.library.translations import catalog_in

SVG_FPS = 10.0
GIF_FPS = 10.0


def _exercise(exercise_id: str) -> Exercise:
    return load_catalog().get(exercise_id)


def effective_tempo(exercise_id: str, tempo: Tempo | None = None) -> Tempo | None:
    """Return the timing a demonstration uses: the tempo given, else the exercise's, else the motion's.

    A hold with no tempo (a stretch, a balance test) holds the top for the dose's `hold_s`, so the
    demonstration lasts as long as the exercise does. Cardio loops a stride and has no tempo.
    """
    exercise = _exercise(exercise_id)  # first, so an unknown id gets the library's "did you mean"
    motion = load_motion(exercise_id)
    if motion.is_gait:
        if tempo is not None:
            raise InputError(
                f"{exercise_id} is cardio: it loops a stride, a tempo does not apply",
                hint="leave out --tempo",
            )
        return None
    if tempo is not None:
        return tempo
    if exercise.tempo is not None:
        return exercise.tempo
    assert motion.tempo is not None  # a repetition motion always has a default tempo
    hold_s = exercise.default_dose.hold_s
    return motion.tempo.model_copy(update={"top_s": hold_s}) if hold_s else motion.tempo


def _highlighted(exercise: Exercise, motion: Motion, highlight: bool) -> tuple[str, ...]:
    if not highlight:
        return ()
    muscles = exercise.primary_muscles or motion.muscles
    return tuple(str(m) for m in muscles)


def scene(
    exercise_id: str,
    tempo: Tempo | None = None,
    *,
    fps: float,
    highlight: bool = True,
    language: str | None = None,
) -> Scene:
    """Build the drawing of one exercise: frames, props, parts and captions, its words in `language`."""
    exercise = _exercise(exercise_id)
    motion = load_motion(exercise_id)
    return build_scene(
        motion,
        title=catalog_in(language).get(exercise_id).name,
        tempo=effective_tempo(exercise_id, tempo),
        fps=fps,
        highlighted=_highlighted(exercise, motion, highlight),
        language=language,
    )


def frames(exercise_id: str, tempo: Tempo | None = None, fps: float = SVG_FPS) -> list[Pose]:
    """Return one loop of the exercise's figure, sampled evenly at `fps`."""
    chosen = effective_tempo(exercise_id, tempo)
    return Animator(load_motion(exercise_id), chosen, Body()).frames(fps)


def period_s(exercise_id: str, tempo: Tempo | None = None) -> float:
    """Return how long one loop of the demonstration lasts."""
    chosen = effective_tempo(exercise_id, tempo)
    return Animator(load_motion(exercise_id), chosen, Body()).period_s


def render_svg(
    exercise_id: str, tempo: Tempo | None = None, highlight: bool = True, language: str | None = None
) -> str:
    """Return a self-contained animated SVG of the exercise, its words in `language` (English when None)."""
    from calfcoach.demos.svg import render

    return render(scene(exercise_id, tempo, fps=SVG_FPS, highlight=highlight, language=language))


def render_gif(
    exercise_id: str,
    path: Path,
    tempo: Tempo | None = None,
    fps: float = GIF_FPS,
    highlight: bool = True,
    language: str | None = None,
) -> None:
    """Write an animated GIF of the exercise to `path`, its words in `language`."""
    from calfcoach.demos.raster import write_gif

    write_gif(scene(exercise_id, tempo, fps=fps, highlight=highlight, language=language), Path(path))
