"""The messages the pages' scripts write (static/*.js call `say("...")`), marked for the catalogs.

base.html hands each page the reader's words for them (#messages); a test checks that every `say()` of
the scripts is listed here. Placeholders are {name}, filled in by the script.
"""

from __future__ import annotations

from calfcoach import i18n
from calfcoach.i18n import N_

JS_MESSAGES: tuple[str, ...] = (
    N_("left leg"),
    N_("right leg"),
    N_("Offline: your sets are kept on this device and will be sent when you are back online."),
    N_("All sets saved."),
    N_("The server refused the session ({status}); it stays on this device."),
    N_("{message} (kept on this device)"),
    N_("Exercise {n} of {total}"),
    N_("Set {n} of {total}"),
    N_("Left leg. "),
    N_("Right leg. "),
    N_("paused: tap to go on"),
    N_("then {next} · {time} in all · "),
    N_("tap to pause"),
    N_("tempo {tempo}"),
    N_("Animated demonstration: {name}"),
    N_(
        "Tap the big button to start or pause: a voice says each change. "
        "Set done ends it early and keeps the time done."
    ),
    N_(
        "Tap the big button to start (5 seconds to get into position) or pause. Set done ends the hold early."
    ),
    N_("Tap once per repetition (or press Space); Set done saves the set once a rep is counted."),
    N_("1 second"),
    N_("{n} seconds"),
    N_("{m} minutes {n} seconds"),
    N_("{m} minutes"),
    N_("{phase}, {time} left."),
    N_("tap to start"),
    N_("tap to start the hold"),
    N_("reps: tap"),
    N_("Steps"),
    N_("Cues"),
    N_("Safety"),
    N_("imported: {sport}, {km} km, {minutes} min, {day}"),
    N_("; counted as the planned {what}"),
    N_("; logged as an extra {what}"),
    N_("already imported: nothing added"),
    N_("refused: {why}"),
    N_("skipped: {why}"),
    N_("{n} imported"),
    N_("{n} already imported"),
    N_("{n} refused"),
    N_("{n} skipped"),
    N_("open its page"),
    N_("no recording found in it, nothing imported"),
    N_("refused: larger than the {limit} limit, not sent"),
    N_("refused: larger than the {limit} limit"),
    N_("Reading {file}…"),
    N_("the server answered {status}"),
    N_("not sent: no connection to the server"),
    N_("try again when you are online"),
    N_("Sending {file} ({n} of {total})…"),
    N_("Sending {file}…"),
    N_("{n} files: {tally}."),
    N_("nothing found in them"),
    N_("could not load {file}"),
    N_("Save this chart as an image"),
    N_("This chart could not be drawn: {why}"),
    N_("The charts could not be drawn: {why}"),
)


def js_catalog(language: str | None) -> dict[str, str]:
    """The scripts' messages in `language`, by their English text (empty for English: the text is the one)."""
    if i18n.normalize(language) == i18n.DEFAULT:
        return {}
    return {message: i18n.translate(language, message) for message in JS_MESSAGES}
