"""The demonstrations' words in a person's language: the motion files' captions, the phase and muscle words.

A motion file's captions (its label, each phase's cue, a gait sequence's cues and the cues that hold
throughout) are data, written in English in the file; their translations live beside them, one file per
language (`demos/texts/<lang>.yaml`), mapping each English caption to its translation, so two exercises
that share a caption share its words. A caption missing from the file is shown in English. The words the
drawing adds itself (the phase names, the muscles, the timing) are catalog messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources

import yaml

from calfcoach.demos.motion import Motion
from calfcoach.domain.errors import DataFileError
from calfcoach.i18n import DEFAULT, N_, normalize, translate

_PACKAGE = "calfcoach.demos"

PHASE_WORDS: Mapping[str, str] = {
    "up": N_("up"),
    "top": N_("top"),
    "down": N_("down"),
    "bottom": N_("bottom"),
    "walk": N_("walk"),
    "run": N_("run"),
}
"""The word shown (in capitals) before each caption: the tempo's phases and the gaits of the motion files."""

MUSCLE_WORDS: Mapping[str, str] = {  # the same words as the pages' (web/labels.py)
    "gastrocnemius": N_("gastrocnemius"),
    "soleus": N_("soleus"),
    "tibialis_anterior": N_("tibialis anterior"),
}
"""The muscles a demonstration colours, as its key names them."""


@cache
def captions(language: str | None) -> Mapping[str, str]:
    """Every translated caption of a language, by its English text (none for English or a language without a
    file)."""
    code = normalize(language)
    if code == DEFAULT:
        return {}
    path = resources.files(_PACKAGE) / "texts" / f"{code}.yaml"
    if not path.is_file():
        return {}
    where = f"demos/texts/{code}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {exc}", where=where) from exc
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise DataFileError("must map each English caption to its translation, as text", where=where)
    return data


def motion_captions(motion: Motion) -> tuple[str, ...]:
    """The captions a motion file writes, in its order (for the completeness check)."""
    texts = [motion.label, *(p.cue for p in motion.phases), *(s.cue for s in motion.sequence), *motion.cues]
    return tuple(dict.fromkeys(t for t in texts if t))


def motion_in(motion: Motion, language: str | None) -> Motion:
    """The motion with its captions in `language` (the same motion for English)."""
    said = captions(language)
    if not said:
        return motion

    def say(text: str) -> str:
        return said.get(text, text) if text else text

    return motion.model_copy(
        update={
            "label": say(motion.label),
            "phases": tuple(p.model_copy(update={"cue": say(p.cue)}) for p in motion.phases),
            "sequence": tuple(s.model_copy(update={"cue": say(s.cue)}) for s in motion.sequence),
            "cues": tuple(say(c) for c in motion.cues),
        }
    )


def phase_word(phase: str, language: str | None) -> str:
    """The word for a phase or gait ('up', 'walk') in `language`."""
    return translate(language, PHASE_WORDS.get(phase, phase))


def muscle_word(muscle: str, language: str | None) -> str:
    """A muscle's name ('tibialis anterior') in `language`."""
    return translate(language, MUSCLE_WORDS.get(muscle, muscle.replace("_", " ")))
