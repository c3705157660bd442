"""The notes an imported recording carries, in the reader's language.

The readers (activities/) and the import (services/activities.py) write each note in English, with its
figures in it ("3 elevation values outside -500..9000 m were left out"); the import keeps them so with the
activity, and the API and the CLI's --json give them so. Every note has one of a known set of forms: each
form here is a pattern with named fields and the catalog template that says it again, so a note stored
before this module existed reads in German too. A note that counts something has a form for one and one
for many ("1 elevation value ... was left out"), and its template both, picked by the count in the
language read; notes stored before the readers wrote real plurals say "value(s) ... were", and the patterns
take those too. A note of no known form (a future reader's, a parser's own
words) is shown as it was written, never dropped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from calfcoach.domain.errors import NotFoundError
from calfcoach.i18n import (
    DEFAULT,
    N_,
    N_plural,
    Plural,
    format_date,
    localize_decimals,
    normalize,
    translate,
    translate_plural,
)
from calfcoach.labels import english
from calfcoach.library.translations import catalog_in
from calfcoach.services.views import ActivityCoachView, ImportReportView


@dataclass(frozen=True)
class _Form:
    pattern: re.Pattern[str]
    template: str  # the catalog's message: the English text with the pattern's fields as {names}
    # A counting note's template for any count but one (`template` is then the one for one): the field `n`
    # is the count that picks the form.
    plural: str | None = None


def _form(pattern: str, template: str | Plural) -> _Form:
    if isinstance(template, Plural):
        return _Form(re.compile(pattern + r"\Z"), template.singular, template.plural)
    return _Form(re.compile(pattern + r"\Z"), template)


def _counted(one: str, many: str) -> str:
    """A pattern for a counted word in any of its forms: `one`, `many` and the "one(s)" of notes stored
    before the readers wrote real plurals."""
    return rf"(?:{re.escape(many)}|{re.escape(one)}\(s\)|{re.escape(one)})"


_N = r"(?P<n>\d+)"
_WERE = r"(?:were|was)"
_SPEED = r"(?P<speed>(?:faster than \d+ m/s)|(?:by over \d+ m per metre along))"
_VALUES = _counted("value", "values")
_POINTS = _counted("point", "points")
_POSITIONS = _counted("position", "positions")

FORMS: tuple[_Form, ...] = (
    # activities/repair.py
    _form(
        _N + " elevation " + _VALUES + r" outside (?P<low>-?\d+)\.\.(?P<high>-?\d+) m " + _WERE + " left out",
        N_plural(
            "{n} elevation value outside {low}..{high} m was left out",
            "{n} elevation values outside {low}..{high} m were left out",
        ),
    ),
    _form(
        rf"{_N} elevation {_VALUES} changing {_SPEED} \(a sensor fault, not a climb\) {_WERE} left out",
        N_plural(
            "{n} elevation value changing {speed} (a sensor fault, not a climb) was left out",
            "{n} elevation values changing {speed} (a sensor fault, not a climb) were left out",
        ),
    ),
    _form(
        r"the elevation is unusable: (?P<bad>\d+) of its (?P<total>\d+) values are outside"
        r" (?P<low>-?\d+)\.\.(?P<high>-?\d+) m or change "
        + _SPEED
        + r"; it was left out \(no climb counted\)",
        N_(
            "the elevation is unusable: {bad} of its {total} values are outside {low}..{high} m or change"
            " {speed}; it was left out (no climb counted)"
        ),
    ),
    _form(
        _N + " heart-rate " + _VALUES + r" outside (?P<low>\d+)-(?P<high>\d+) bpm " + _WERE + " left out",
        N_plural(
            "{n} heart-rate value outside {low}-{high} bpm was left out",
            "{n} heart-rate values outside {low}-{high} bpm were left out",
        ),
    ),
    _form(
        _N
        + " "
        + _POSITIONS
        + r" outside latitude -90\.\.90 or longitude -180\.\.180 "
        + _WERE
        + " left out",
        N_plural(
            "{n} position outside latitude -90..90 or longitude -180..180 was left out",
            "{n} positions outside latitude -90..90 or longitude -180..180 were left out",
        ),
    ),
    _form(
        _N
        + " "
        + _POSITIONS
        + r" at exactly \(0, 0\), a device's placeholder for no fix, "
        + _WERE
        + " left out",
        N_plural(
            "{n} position at exactly (0, 0), a device's placeholder for no fix, was left out",
            "{n} positions at exactly (0, 0), a device's placeholder for no fix, were left out",
        ),
    ),
    _form(
        _N
        + " "
        + _POINTS
        + r" in (?P<segments>\d+) "
        + _counted("track segment", "track segments")
        + " without any time "
        + _WERE
        + " kept for the distance and climb; (?:their|its) duration and pace"
        " cannot be known",
        # TRANSLATORS: {segments} is "1 track segment" or "2 track segments".
        N_plural(
            "{n} point in {segments} without any time was kept for the distance and climb; its duration and"
            " pace cannot be known",
            "{n} points in {segments} without any time were kept for the distance and climb; their duration"
            " and pace cannot be known",
        ),
    ),
    _form(
        r"only (?P<timed>\d+) of (?P<total>\d+) points have a distinct, plausible time: times ignored"
        r" \(distance and climb only\)",
        N_(
            "only {timed} of {total} points have a distinct, plausible time: times ignored (distance and"
            " climb only)"
        ),
    ),
    _form(
        _N + " " + _POINTS + " without a plausible time " + _WERE + " left out",
        N_plural(
            "{n} point without a plausible time was left out",
            "{n} points without a plausible time were left out",
        ),
    ),
    _form(
        _N + " " + _POINTS + r" over (?P<days>\d+) days from the rest " + _WERE + " left out",
        N_plural(
            "{n} point over {days} days from the rest was left out",
            "{n} points over {days} days from the rest were left out",
        ),
    ),
    _form(
        _N + " " + _POINTS + " left out because (?:their|its) time went back",
        N_plural(
            "{n} point left out because its time went back",
            "{n} points left out because their time went back",
        ),
    ),
    _form(
        _N + " " + _POINTS + " sharing a time with the one before " + _WERE + " merged into it",
        N_plural(
            "{n} point sharing a time with the one before was merged into it",
            "{n} points sharing a time with the one before were merged into it",
        ),
    ),
    _form(
        _N + " GPS " + _POSITIONS + r" jumped faster than (?P<speed>\d+) m/s and " + _WERE + " left out",
        N_plural(
            "{n} GPS position jumped faster than {speed} m/s and was left out",
            "{n} GPS positions jumped faster than {speed} m/s and were left out",
        ),
    ),
    _form(
        _N
        + " GPS "
        + _counted("jump", "jumps")
        + r" faster than (?P<speed>\d+) m/s "
        + _WERE
        + " not counted as distance",
        N_plural(
            "{n} GPS jump faster than {speed} m/s was not counted as distance",
            "{n} GPS jumps faster than {speed} m/s were not counted as distance",
        ),
    ),
    # activities/summary.py
    _form(
        r"the device's distance is already (?P<m>\d+) m at the first point, more than any step between"
        r" points: a resumed or trimmed recording, so the distance counts from the first point",
        N_(
            "the device's distance is already {m} m at the first point, more than any step between points:"
            " a resumed or trimmed recording, so the distance counts from the first point"
        ),
    ),
    # activities/xmlread.py (GPX, TCX)
    _form(
        _N + r" unreadable (?P<what>[a-z-]+) " + _VALUES + " " + _WERE + " left out",
        N_plural("{n} unreadable {what} value was left out", "{n} unreadable {what} values were left out"),
    ),
    _form(
        r"the XML is damaged at (?P<where>[^(]+) \((?P<detail>.*)\); kept what could be read before it",
        N_("the XML is damaged at {where} ({detail}); kept what could be read before it"),
    ),
    _form(
        r"the file has no track, only a planned route: read its points",
        N_("the file has no track, only a planned route: read its points"),
    ),
    # activities/registry.py
    _form(
        r"the recording has no times: distance and climb only, no duration or pace",
        N_("the recording has no times: distance and climb only, no duration or pace"),
    ),
    # activities/fit.py and fitdecode_fast.py
    _form(
        r"the device recorded no clock time \(only time since power-on\): start time unknown",
        N_("the device recorded no clock time (only time since power-on): start time unknown"),
    ),
    _form(
        r"the records carry no times: the start time and duration are the session's own totals",
        N_("the records carry no times: the start time and duration are the session's own totals"),
    ),
    _form(
        r"the session has no records: read from its totals \(start, duration, distance\) only",
        N_("the session has no records: read from its totals (start, duration, distance) only"),
    ),
    _form(
        r"the file has (?P<sessions>\d+) sessions, but its records carry no times to tell them apart: read as"
        r" one activity",
        N_(
            "the file has {sessions} sessions, but its records carry no times to tell them apart: read as one"
            " activity"
        ),
    ),
    _form(
        r"ignored (?P<n>\d+) trailing "
        + _counted("byte", "bytes")
        + r" after the FIT data \((?P<problem>[^)]*)\)",
        N_plural(
            "ignored {n} trailing byte after the FIT data ({problem})",
            "ignored {n} trailing bytes after the FIT data ({problem})",
        ),
    ),
    _form(
        r"the file is cut short \(it has (?P<has>\d+) of (?P<of>\d+) bytes\) and unreadable from byte"
        r" (?P<stop>\d+): kept the (?P<n>\d+) "
        + _counted("message", "messages")
        + " before; its CRC could not be checked",
        N_plural(
            "the file is cut short (it has {has} of {of} bytes) and unreadable from byte {stop}: kept the"
            " {n} message before; its CRC could not be checked",
            "the file is cut short (it has {has} of {of} bytes) and unreadable from byte {stop}: kept the"
            " {n} messages before; its CRC could not be checked",
        ),
    ),
    _form(
        r"ignored a chained FIT file at byte (?P<at>\d+) whose CRC does not match",
        N_("ignored a chained FIT file at byte {at} whose CRC does not match"),
    ),
    _form(
        r"chained FIT file (?P<numbers>\d+) of (?P<count>\d+) holds no records or sessions: left out",
        N_("chained FIT file {numbers} of {count} holds no records or sessions: left out"),
    ),
    _form(
        r"chained FIT files (?P<numbers>[\d, and]+) of (?P<count>\d+) hold no records or sessions: left out",
        N_("chained FIT files {numbers} of {count} hold no records or sessions: left out"),
    ),
    _form(
        r"a transition between sports \((?P<size>[^)]*)\) was left out: it is not an activity",
        N_("a transition between sports ({size}) was left out: it is not an activity"),
    ),
    _form(
        r"a transition between sports was left out: it is not an activity",
        N_("a transition between sports was left out: it is not an activity"),
    ),
    # services/activities.py: why an imported recording was not given to the coach
    _form(
        r"classified as '(?P<sport>[a-z_-]+)': stored, not counted as calf or running work",
        N_("classified as {sport}: stored, not counted as calf or running work"),
    ),
    _form(
        r"dated (?P<day>\d{4}-\d\d-\d\d), before the program's start: stored, not counted as a session",
        N_("dated {day}, before the program's start: stored, not counted as a session"),
    ),
    _form(
        r"(?P<hours>\d+\.\d) h of moving time, over the (?P<most>\d+) h one session can last: stored, not"
        r" counted as a session \(log it by hand as the sessions it was, or split the recording in the"
        r" device's app and import the parts\)",
        N_(
            "{hours} h of moving time, over the {most} h one session can last: stored, not counted as a"
            " session (log it by hand as the sessions it was, or split the recording in the device's app and"
            " import the parts)"
        ),
    ),
    # activities/batch.py: a file of an upload that holds no activity
    _form(r"not an activity file", N_("not an activity file")),
    _form(r"a zip inside a zip is not opened", N_("a zip inside a zip is not opened")),
)

# Words put into the forms above, each said in the reader's language too.
WORDS: Mapping[str, str] = {
    # what an unreadable value was (xmlread.to_floats' labels)
    "latitude": N_("latitude"),
    "longitude": N_("longitude"),
    "elevation": N_("elevation"),
    "altitude": N_("altitude"),
    "distance": N_("distance"),
    "heart-rate": N_("heart-rate"),
    "cadence": N_("cadence"),
    "time": N_("time"),
    # why bytes after a FIT file were ignored (fitdecode_fast.py)
    "an empty, cut file": N_("an empty, cut file"),
    "not a FIT header": N_("not a FIT header"),
    "a FIT header whose CRC does not match": N_("a FIT header whose CRC does not match"),
}

# A recording's sport (activities/classify.Sport) as a word: "other" alone is a pain site's "elsewhere".
SPORTS: Mapping[str, str] = {
    "walk": N_("walk"),
    "jog": N_("jog"),
    "run": N_("run"),
    "hike": N_("hike"),
    "stairs": N_("stairs"),
    "other": N_("another sport"),
}


def sport_in(sport: str, language: str | None) -> str:
    """A recording's sport code as a word in `language` (the code as words for one not known here)."""
    return translate(language, SPORTS[sport]) if sport in SPORTS else english(sport)


_SPEED_WORDS = (
    (re.compile(r"faster than (?P<v>\d+) m/s\Z"), N_("faster than {v} m/s")),
    (re.compile(r"by over (?P<v>\d+) m per metre along\Z"), N_("by over {v} m per metre along")),
)
_SIZE = re.compile(r"(?:(?P<min>\d+) min (?P<s>\d+) s)?(?:, )?(?:(?P<m>\d+) m)?\Z")


def _field(name: str, value: str, language: str) -> str:
    """A field of a note in `language`: words from WORDS, a speed, a sport, a day or a transition's size;
    figures as they are."""
    if value in WORDS:
        return translate(language, WORDS[value])
    if name == "speed":
        for pattern, template in _SPEED_WORDS:
            found = pattern.match(value)
            if found:
                return translate(language, template).format(**found.groupdict())
    if name == "size":
        found = _SIZE.match(value)
        if found:
            parts = []
            if found["min"] is not None:
                parts.append(
                    translate(language, N_("{min} min {s} s")).format(min=found["min"], s=found["s"])
                )
            if found["m"] is not None:
                parts.append(f"{found['m']} m")
            return ", ".join(parts)
    if name == "segments":
        count = int(value)
        # TRANSLATORS: it follows "in" ("5 points in 2 track segments without any time ...").
        return translate_plural(language, "{n} track segment", "{n} track segments", count).format(n=count)
    if name == "day":
        return format_date(dt.date.fromisoformat(value), language)
    if name == "sport":
        return sport_in(value, language)
    return localize_decimals(value, language)  # a figure: 9.5 h is 9,5 h in German


def note_in(note: str, language: str | None) -> str:
    """An import's note (a warning or a reason, in the English it was stored in) in `language`.

    A note of no known form is given back as written: its words are the reader's, and English beats
    nothing.
    """
    code = normalize(language)
    if code == DEFAULT:
        return note
    for form in FORMS:
        found = form.pattern.match(note)
        if found:
            fields = {name: _field(name, value, code) for name, value in found.groupdict().items()}
            if form.plural is None:
                return translate(code, form.template).format(**fields)
            return translate_plural(code, form.template, form.plural, int(found["n"])).format(**fields)
    return note


def day_in(day: dt.date, language: str | None) -> str:
    """A recording's day as the reader writes dates: ISO 8601 in English (the app's English dates, as the
    CLI writes them), the locale's form otherwise (01.03.2027)."""
    return day.isoformat() if normalize(language) == DEFAULT else format_date(day, language)


_DEVICE = re.compile(r"(?P<maker>.+) product (?P<number>\d+)\Z")


def device_in(device: str, language: str | None) -> str:
    """A FIT file's device, 'garmin product 1967' (its maker and the product number it gave), in
    `language`."""
    found = _DEVICE.match(device)
    if found is None or normalize(language) == DEFAULT:
        return device
    return translate(language, N_("{maker} product {number}")).format(**found.groupdict())


def report_in(report: ImportReportView, language: str | None) -> ImportReportView:
    """An import's answer with each note, skip, refusal, sport, exercise and day also said in `language`:
    `said` next to a warning's, a skip's or a failure's English; `sport_name`, `exercise_name` and `day` next
    to an imported recording's codes and time. Nothing already there changes: a client reading the English
    keeps working."""
    catalog = catalog_in(language)

    def exercise(coach: ActivityCoachView | None) -> str | None:
        if coach is None:
            return None
        # An exercise not in the packaged library has no name here: the page writes its id as words.
        with contextlib.suppress(NotFoundError):
            name = catalog.get(coach.exercise_id).name
            # It stands inside a sentence ("logged as an extra steady jog"): English lowercases it there,
            # German keeps its nouns' capitals (as charts/results.py does).
            return name[:1].lower() + name[1:] if normalize(language) == DEFAULT else name
        return None

    return report.model_copy(
        update={
            "warnings": [
                w.model_copy(update={"said": note_in(w.warning, language)}) for w in report.warnings
            ],
            "skipped": [
                s.model_copy(update={"said": s.refusal_in(language) or note_in(s.reason, language)})
                for s in report.skipped
            ],
            "failed": [f.model_copy(update={"said": f.said_in(language)}) for f in report.failed],
            "imported": [
                i.model_copy(
                    update={
                        "sport_name": sport_in(i.sport, language),
                        "exercise_name": exercise(i.coach),
                        "day": day_in(i.start_time.date(), language),
                    }
                )
                for i in report.imported
            ],
        }
    )
