import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calfcoach.domain.errors import NotFoundError
from calfcoach.domain.exercise import Category, Equipment, Exercise, KneePosition, Muscle
from calfcoach.library import catalog as catalog_module
from calfcoach.library.catalog import Catalog, equipment_label, load_catalog, packaged_folder
from calfcoach.library.files import DataFileProblems

ARTICLE_IDS = (
    "brisk-walk",
    "ankle-weight-walk",
    "toe-raise-ledge",
    "calf-raise-step",
    "single-leg-calf-raise-step",
    "bent-knee-calf-raise",
    "knee-bends",
    "seated-forward-reach-stretch",
    "step-box-raise",
    "treadmill-walk",
    "treadmill-run",
    "steady-jog",
    "uphill-walk",
    "uphill-jog",
    "stair-climber",
    "run-walk-intervals",
)
COMPANION_IDS = (
    "wall-calf-stretch-straight",
    "wall-calf-stretch-bent",
    "seated-calf-raise",
    "eccentric-heel-drop-straight",
    "eccentric-heel-drop-bent",
    "floor-calf-raise",
    "single-leg-floor-calf-raise",
    "bent-knee-floor-calf-raise",
    "toe-raise-floor",
    "stair-climb",
)
TEST_IDS = ("heel-raise-test", "knee-to-wall-test", "single-leg-balance-test")
ARTICLE_SOURCE = (
    "Source article: calf-strengthening program (gastrocnemius, soleus, walking, toe raises, calf raises, "
    "stretches, step box, running)"
)

# Compendium of Physical Activities 2011 (Ainsworth et al.): the codes the library cites, with the values
# listed in shared/EVIDENCE.md. 12010 (jog/walk combination) is from the same edition's running table.
COMPENDIUM_2011 = {
    "17190": 3.5,  # walking 2.8-3.2 mph, level, moderate pace
    "17200": 4.3,  # walking 3.5 mph, level, brisk
    "17210": 5.3,  # walking 2.9-3.5 mph, uphill, 1-5% grade
    "17211": 8.0,  # walking 2.9-3.5 mph, uphill, 6-15% grade
    "12010": 6.0,  # jog/walk combination
    "12020": 7.0,  # jogging, general
    "12030": 8.3,  # running, 5 mph
    "02065": 9.0,  # stair-treadmill ergometer, general
    "17133": 4.0,  # stair climbing, slow pace
    "17134": 8.8,  # stair climbing, fast pace
    "02022": 3.8,  # calisthenics, moderate effort
    "02024": 2.8,  # calisthenics, light effort
    "02101": 2.3,  # stretching, mild
}
# Ids that are calf raises, drops or stretches, whose knee position decides the muscle they bias.
CALF_WORK = re.compile(r"calf-raise|heel-drop|heel-raise|step-box-raise|calf-stretch")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def test_every_packaged_file_loads_with_its_file_name_as_id(catalog: Catalog) -> None:
    files = sorted(p.stem for p in packaged_folder().glob("*.yaml"))
    assert files == sorted(catalog.ids)
    assert len(files) == len(set(files)) == 29


def test_every_article_companion_and_test_exercise_is_present(catalog: Catalog) -> None:
    assert set(ARTICLE_IDS) | set(COMPANION_IDS) | set(TEST_IDS) == catalog.ids


def test_every_article_exercise_cites_the_source_article(catalog: Catalog) -> None:
    for exercise_id in ARTICLE_IDS:
        assert ARTICLE_SOURCE in catalog.get(exercise_id).sources, exercise_id


def test_straight_knee_calf_work_trains_the_gastrocnemius_and_bent_knee_the_soleus(catalog: Catalog) -> None:
    calf_work = [e for e in catalog.all() if CALF_WORK.search(e.id)]
    assert len(calf_work) >= 12
    for e in calf_work:
        if e.knee is KneePosition.STRAIGHT:
            assert Muscle.GASTROCNEMIUS in e.primary_muscles, e.id
            assert e.trains_straight_knee
        else:
            assert e.knee is KneePosition.BENT, e.id
            assert Muscle.SOLEUS in e.primary_muscles, e.id
            assert e.trains_bent_knee


def test_bent_knee_work_cites_the_gradual_shift_found_by_hebert_losier_2012(catalog: Catalog) -> None:
    for e in catalog.by_knee(KneePosition.BENT):
        if CALF_WORK.search(e.id):
            assert any("Hébert-Losier" in s and "2012" in s for s in e.sources), e.id


def test_every_pain_threshold_cites_the_silbernagel_pain_monitoring_model(catalog: Catalog) -> None:
    with_threshold = [e for e in catalog.all() if any("5 out of 10" in line for line in e.safety)]
    assert len(with_threshold) >= 8
    for e in with_threshold:
        assert any("Silbernagel" in s and "2007" in s for s in e.sources), e.id


def test_every_strength_exercise_has_a_tempo(catalog: Catalog) -> None:
    for e in catalog.by_category(Category.STRENGTH):
        assert e.tempo is not None, e.id
        assert e.default_dose.reps is not None, e.id


def test_step_box_raise_follows_the_article(catalog: Catalog) -> None:
    e = catalog.get("step-box-raise")
    assert (e.default_dose.reps, e.default_dose.reps_max) == (12, 15)
    assert e.tempo is not None
    assert e.tempo.down_s > e.tempo.up_s
    cues = " ".join(e.cues).lower()
    assert "lower slowly into a deep stretch" in cues
    assert "heels never touch the ground" in cues
    assert e.equipment == (Equipment.STEP_BOX,)


def test_the_articles_own_cues_are_quoted(catalog: Catalog) -> None:
    for exercise_id in ("calf-raise-step", "single-leg-calf-raise-step", "floor-calf-raise"):
        cues = " ".join(catalog.get(exercise_id).cues).lower()
        assert "body upright" in cues, exercise_id
        assert "rise as high as you can" in cues, exercise_id
    for exercise_id in ("uphill-walk", "uphill-jog"):
        assert "don't push yourself" in " ".join(catalog.get(exercise_id).cues), exercise_id
    assert "raise the toes as far as they go" in " ".join(catalog.get("toe-raise-ledge").cues).lower()


def test_eccentric_drops_follow_alfredson_1998(catalog: Catalog) -> None:
    for exercise_id in ("eccentric-heel-drop-straight", "eccentric-heel-drop-bent"):
        e = catalog.get(exercise_id)
        assert (e.default_dose.sets, e.default_dose.reps, e.default_dose.per_side) == (3, 15, True)
        assert e.tempo is not None
        assert (e.tempo.up_s, e.tempo.down_s) == (1, 3)
        assert any("Alfredson" in s and "1998" in s and "3 × 15" in s for s in e.sources)


def test_heavy_calf_work_is_hard_and_light_work_is_not(catalog: Catalog) -> None:
    hard = {e.id for e in catalog.all() if e.hard}
    assert {
        "single-leg-calf-raise-step",
        "single-leg-floor-calf-raise",
        "eccentric-heel-drop-straight",
        "eccentric-heel-drop-bent",
    } <= hard
    assert not {"calf-raise-step", "floor-calf-raise", "brisk-walk", "seated-forward-reach-stretch"} & hard


def test_exactly_the_jogs_runs_and_run_walks_are_running(catalog: Catalog) -> None:
    running = {e.id for e in catalog.all() if e.running}
    assert running == {"treadmill-run", "steady-jog", "uphill-jog", "run-walk-intervals"}


def test_met_values_match_the_compendium_2011_codes_they_cite(catalog: Catalog) -> None:
    for e in catalog.all():
        assert e.met_source, e.id
        if e.met is None:
            assert "no code" in e.met_source.lower(), e.id
            continue
        codes = re.findall(r"code (\d{5})", e.met_source)
        assert codes, e.id
        assert COMPENDIUM_2011[codes[0]] == e.met, e.id
        assert "2011" in e.met_source, e.id


# The speed band of each walking or running code (mph), so a file cannot pair a dose with the wrong row.
SPEED_BANDS_MPH = {"17190": (2.8, 3.2), "17200": (3.4, 3.6), "17210": (2.9, 3.5), "12030": (4.9, 5.1)}
KMH_PER_MPH = 1.609344


def test_each_default_speed_lies_in_the_band_of_the_compendium_code_it_cites(catalog: Catalog) -> None:
    checked = 0
    for e in catalog.all():
        codes = re.findall(r"code (\d{5})", e.met_source or "")
        if e.default_dose.speed_kmh is None or not codes or codes[0] not in SPEED_BANDS_MPH:
            continue
        low, high = SPEED_BANDS_MPH[codes[0]]
        assert low <= e.default_dose.speed_kmh / KMH_PER_MPH <= high, e.id
        checked += 1
    assert checked == 5


def test_calf_and_toe_raises_say_the_compendium_has_no_code_for_them(catalog: Catalog) -> None:
    for e in catalog.by_category(Category.STRENGTH):
        if "raise" in e.id or "heel-drop" in e.id:
            assert e.met_source is not None
            assert "has no code" in e.met_source, e.id
            assert "approximation" in e.met_source, e.id


def test_substitutes_follow_the_order_of_preference(catalog: Catalog) -> None:
    def uses(exercise_id: str) -> list[str]:
        return [s.use for s in catalog.get(exercise_id).substitutes]

    assert uses("calf-raise-step") == ["floor-calf-raise"]
    assert uses("single-leg-calf-raise-step") == ["single-leg-floor-calf-raise"]
    assert uses("bent-knee-calf-raise") == ["bent-knee-floor-calf-raise"]
    assert uses("toe-raise-ledge") == ["toe-raise-floor"]
    assert uses("treadmill-walk") == ["brisk-walk"]
    assert uses("treadmill-run") == ["steady-jog"]
    assert uses("uphill-walk") == ["treadmill-walk", "stair-climb", "stair-climber"]
    assert uses("ankle-weight-walk") == ["brisk-walk"]
    assert uses("step-box-raise") == ["calf-raise-step"]


def test_an_exercise_is_kept_when_its_equipment_is_there(catalog: Catalog) -> None:
    exercise, reason = catalog.resolve_for_equipment("calf-raise-step", frozenset({Equipment.STEP}))
    assert exercise.id == "calf-raise-step"
    assert reason is None


def test_no_hill_becomes_a_treadmill_walk_then_stairs(catalog: Catalog) -> None:
    walk, reason = catalog.resolve_for_equipment("uphill-walk", frozenset({Equipment.TREADMILL}))
    assert walk.id == "treadmill-walk"
    assert str(reason) == "no hill: Treadmill walk instead of Uphill walk"
    stairs, reason = catalog.resolve_for_equipment("uphill-walk", frozenset({Equipment.STAIRS}))
    assert stairs.id == "stair-climb"
    assert str(reason) == "no hill: Stair climb instead of Uphill walk"


def test_substitutes_are_followed_recursively(catalog: Catalog) -> None:
    exercise, reason = catalog.resolve_for_equipment("step-box-raise", frozenset())
    assert exercise.id == "floor-calf-raise"
    assert reason is not None
    assert "no step box and no step" in str(reason)


def test_a_test_without_its_equipment_is_not_swapped_for_another_exercise(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError, match="'knee-to-wall-test' needs: wall"):
        catalog.resolve_for_equipment("knee-to-wall-test", frozenset())


@settings(max_examples=300, deadline=None)
@given(
    exercise_id=st.sampled_from(sorted(load_catalog().ids)),
    available=st.frozensets(st.sampled_from(list(Equipment))),
)
def test_substitutes_resolve_for_any_equipment(exercise_id: str, available: frozenset[Equipment]) -> None:
    catalog = load_catalog()
    start = catalog.get(exercise_id)
    try:
        exercise, reason = catalog.resolve_for_equipment(exercise_id, available)
    except NotFoundError:
        assert start.category is Category.TEST
        assert not set(start.equipment) <= available
        return
    assert set(exercise.equipment) <= available
    assert (reason is None) == (exercise is start)
    if reason is not None:
        for missing in set(start.equipment) - available:
            if any(s.when_missing is missing for s in start.substitutes):
                assert f"no {equipment_label(missing)}" in str(reason)


def test_every_non_test_exercise_can_be_done_with_no_equipment(catalog: Catalog) -> None:
    for e in catalog.all():
        if e.category is not Category.TEST:
            exercise, _ = catalog.resolve_for_equipment(e.id, frozenset())
            assert exercise.equipment == (), e.id


def test_an_unknown_id_suggests_the_closest(catalog: Catalog) -> None:
    with pytest.raises(NotFoundError, match="did you mean 'calf-raise-step'"):
        catalog.get("calf-rasie-step")


def test_queries_by_muscle_knee_and_equipment(catalog: Catalog) -> None:
    soleus = {e.id for e in catalog.by_muscle(Muscle.SOLEUS)}
    assert {"bent-knee-calf-raise", "seated-calf-raise", "knee-bends"} <= soleus
    shins = {e.id for e in catalog.by_muscle(Muscle.TIBIALIS_ANTERIOR)}
    assert shins == {"toe-raise-ledge", "toe-raise-floor"}
    assert "brisk-walk" in {e.id for e in catalog.by_muscle(Muscle.TIBIALIS_ANTERIOR, primary_only=False)}
    assert all(e.knee is KneePosition.BENT for e in catalog.by_knee(KneePosition.BENT))
    assert all(not e.equipment for e in catalog.doable_with(frozenset()))
    assert "calf-raise-step" in {e.id for e in catalog.doable_with(frozenset({Equipment.STEP}))}


def test_every_link_says_when_in_plain_words(catalog: Catalog) -> None:
    for e in catalog.all():
        for link in (*e.progressions, *e.regressions):
            assert link.when.strip(), e.id
            assert link.exercise in catalog, e.id


def test_the_catalogue_is_cached_until_a_file_changes(tmp_path: Path) -> None:
    folder = tmp_path / "exercises"
    shutil.copytree(packaged_folder(), folder)
    first = load_catalog(folder)
    assert load_catalog(folder) is first
    path = folder / "brisk-walk.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Brisk walk", "name: Quick walk"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = load_catalog(folder)
    assert second is not first
    assert second.get("brisk-walk").name == "Quick walk"


def test_the_packaged_catalogue_is_read_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The web app asks on every request; the packaged files change only with an upgrade."""
    first = load_catalog()

    def no_listing(folder: Path) -> tuple[tuple[str, int, int], ...]:
        raise AssertionError(f"listed {folder} again")

    monkeypatch.setattr(catalog_module, "_signature", no_listing)
    assert load_catalog() is first


# Broken folders: each problem names the file and the field, and they all come together.


def _broken_folder(tmp_path: Path, **edits: tuple[str, str]) -> Path:
    folder = tmp_path / "exercises"
    shutil.copytree(packaged_folder(), folder)
    for stem, (old, new) in edits.items():
        path = folder / f"{stem.replace('_', '-')}.yaml"
        text = path.read_text(encoding="utf-8")
        assert old in str(text), (stem, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DataFileProblems) as error:
        load_catalog(folder)
    return [p.render() for p in error.value.problems]


def test_a_broken_substitute_link_names_file_field_line_and_suggestion(tmp_path: Path) -> None:
    folder = _broken_folder(tmp_path, calf_raise_step=("use: floor-calf-raise", "use: flor-calf-raise"))
    [problem] = _problems(folder)
    text = (folder / "calf-raise-step.yaml").read_text(encoding="utf-8").splitlines()
    line = text.index("    use: flor-calf-raise") + 1
    assert problem == (
        f"{folder / 'calf-raise-step.yaml'}:{line} substitutes[0].use: exercise 'flor-calf-raise' is not in "
        "the library (did you mean 'floor-calf-raise'?)"
    )


def test_a_broken_progression_link_is_named(tmp_path: Path) -> None:
    folder = _broken_folder(tmp_path, brisk_walk=("exercise: uphill-walk", "exercise: hill-walk"))
    [problem] = _problems(folder)
    assert "brisk-walk.yaml" in problem
    assert "progressions[1].exercise" in problem
    assert "did you mean 'uphill-walk'?" in problem


def test_a_substitution_loop_is_refused(tmp_path: Path) -> None:
    folder = _broken_folder(
        tmp_path,
        stair_climb=(
            "  - when_missing: stairs\n    use: treadmill-walk",
            "  - when_missing: stairs\n    use: stair-climber",
        ),
    )
    [problem] = _problems(folder)
    assert "substitutes form a loop: stair-climb -> stair-climber -> stair-climb" in problem


def test_a_substitute_that_needs_the_missing_equipment_is_refused(tmp_path: Path) -> None:
    folder = _broken_folder(tmp_path, calf_raise_step=("use: floor-calf-raise", "use: toe-raise-ledge"))
    [problem] = _problems(folder)
    assert "'toe-raise-ledge' also needs 'step'" in problem


def test_a_substitute_for_equipment_the_exercise_does_not_use_is_refused(tmp_path: Path) -> None:
    folder = _broken_folder(tmp_path, calf_raise_step=("when_missing: step", "when_missing: treadmill"))
    [problem] = _problems(folder)
    assert "substitutes[0].when_missing: 'calf-raise-step' does not use 'treadmill'" in problem


def test_a_file_named_differently_from_its_id_is_refused(tmp_path: Path) -> None:
    folder = _broken_folder(tmp_path)
    (folder / "brisk-walk.yaml").rename(folder / "walk.yaml")
    problems = _problems(folder)
    assert any("walk.yaml:2 id: id 'brisk-walk' differs from the file name" in p for p in problems)


def test_all_problems_in_the_folder_are_reported_together(tmp_path: Path) -> None:
    folder = _broken_folder(
        tmp_path,
        calf_raise_step=("  reps: 15\n", "  reps: -1\n"),
        seated_calf_raise=("knee: bent", "knee: bnet"),
        treadmill_walk=("use: brisk-walk", "use: brisk-wlak"),
    )
    (folder / "notes.yml").write_text("id: x\n", encoding="utf-8")
    problems = _problems(folder)
    assert len(problems) == 4
    joined = "\n".join(problems)
    assert "calf-raise-step.yaml" in joined
    assert "default_dose.reps" in joined
    assert "seated-calf-raise.yaml" in joined
    assert "did you mean 'bent'?" in joined
    assert "treadmill-walk.yaml" in joined
    assert "did you mean 'brisk-walk'?" in joined
    assert "notes.yml" in joined


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataFileProblems, match="holds no exercise files"):
        load_catalog(tmp_path)


def test_a_catalogue_can_be_built_from_exercises_in_memory(catalog: Catalog) -> None:
    walk = catalog.get("brisk-walk")
    alone = Catalog([walk.model_copy(update={"progressions": ()})])
    assert alone.ids == {"brisk-walk"}
    with pytest.raises(DataFileProblems, match="exercise 'ankle-weight-walk' is not in the library"):
        Catalog([walk])


def test_an_exercise_type_round_trips_through_json(catalog: Catalog) -> None:
    for e in catalog.all():
        assert Exercise.model_validate(e.model_dump(mode="json")) == e


def test_docs_describe_every_field_and_list_every_exercise(catalog: Catalog) -> None:
    from calfcoach.domain.exercise import Dose, Tempo

    docs = (Path(__file__).parents[2] / "docs" / "exercises.md").read_text(encoding="utf-8")
    for field in (*Exercise.model_fields, *Dose.model_fields, *Tempo.model_fields):
        assert f"`{field}`" in docs, field
    for exercise_id in catalog.ids:
        assert f"| `{exercise_id}`" in docs, exercise_id
