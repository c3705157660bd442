"""Readers for watch and phone recordings into numpy tracks, and the metrics over them (pure).

Public API: read_activities, read_activity, iter_import, iter_import_file, summarize, to_cardio_log,
track_to_bytes / track_from_bytes (see docs/activities.md).
"""

from calfcoach.activities.batch import ImportOutcome, iter_import, iter_import_file
from calfcoach.activities.classify import Sport
from calfcoach.activities.model import Activity, ActivityError, Totals, Track
from calfcoach.activities.registry import READERS, read_activities, read_activity
from calfcoach.activities.serialize import track_from_bytes, track_to_bytes
from calfcoach.activities.summary import ActivitySummary, summarize, to_cardio_log

__all__ = [
    "READERS",
    "Activity",
    "ActivityError",
    "ActivitySummary",
    "ImportOutcome",
    "Sport",
    "Totals",
    "Track",
    "iter_import",
    "iter_import_file",
    "read_activities",
    "read_activity",
    "summarize",
    "to_cardio_log",
    "track_from_bytes",
    "track_to_bytes",
]
