import pytest

from calfcoach.demos.api import effective_tempo, frames, period_s
from calfcoach.demos.motion import load_motion, motion_ids
from calfcoach.domain.errors import InputError, NotFoundError
from calfcoach.domain.exercise import Tempo
from calfcoach.library.catalog import load_catalog

CATALOG = load_catalog()


def test_every_exercise_in_the_catalog_has_a_demonstration() -> None:
    assert set(CATALOG.ids) <= set(motion_ids())


def test_every_demonstration_belongs_to_an_exercise_in_the_catalog() -> None:
    assert set(motion_ids()) <= set(CATALOG.ids)


@pytest.mark.parametrize("exercise_id", sorted(CATALOG.ids))
def test_a_demonstration_moves_the_way_its_exercise_is_done(exercise_id: str) -> None:
    exercise, motion = CATALOG.get(exercise_id), load_motion(exercise_id)
    assert motion.is_gait == exercise.default_dose.is_cardio
    # The muscles the motion file names for the picture are ones the exercise trains.
    trained = {*exercise.primary_muscles, *exercise.secondary_muscles}
    assert set(motion.muscles) & trained


@pytest.mark.parametrize("exercise_id", [e.id for e in CATALOG.all() if e.tempo is not None])
def test_the_demonstration_is_timed_by_the_exercises_own_tempo(exercise_id: str) -> None:
    tempo = CATALOG.get(exercise_id).tempo
    assert tempo is not None
    assert period_s(exercise_id) == pytest.approx(tempo.rep_s)


def test_a_stretch_without_a_tempo_holds_as_long_as_its_dose() -> None:
    stretch = CATALOG.get("wall-calf-stretch-straight")
    assert stretch.tempo is None
    assert stretch.default_dose.hold_s is not None
    tempo = effective_tempo("wall-calf-stretch-straight")
    assert tempo is not None
    assert tempo.top_s == stretch.default_dose.hold_s


def test_a_tempo_given_overrides_the_exercises() -> None:
    tempo = Tempo(up_s=2, top_s=1, down_s=3, bottom_s=0)
    assert period_s("calf-raise-step", tempo) == 6
    assert len(frames("calf-raise-step", tempo, fps=5)) == 30


def test_cardio_refuses_a_tempo_with_a_clear_message() -> None:
    with pytest.raises(InputError, match="cardio"):
        effective_tempo("brisk-walk", Tempo(up_s=1, down_s=1))


def test_an_unknown_exercise_suggests_the_closest_id() -> None:
    with pytest.raises(NotFoundError, match="calf-raise-step"):
        frames("calf-raise-stpe")
