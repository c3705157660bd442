"""Turn a track into bytes and back, for the store (a numpy .npz archive: no pickle, no code)."""

from __future__ import annotations

import io
import zipfile

import numpy as np

from calfcoach.activities.model import ActivityError, Track
from calfcoach.i18n import N_

_COLUMNS = ("time_s", "lat_deg", "lon_deg", "elevation_m", "distance_m", "hr_bpm", "cadence_rpm", "segment")
FORMAT_VERSION = 1


def track_to_bytes(track: Track) -> bytes:
    """Serialise a track: one array per column, plus the format version."""
    buffer = io.BytesIO()
    arrays = {name: getattr(track, name) for name in _COLUMNS}
    np.savez(buffer, version=np.array([FORMAT_VERSION]), **arrays)
    return buffer.getvalue()


def track_from_bytes(data: bytes) -> Track:
    """Read a track written by track_to_bytes; pickled objects are refused."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            version = int(archive["version"][0])
            if version != FORMAT_VERSION:
                raise ActivityError(
                    N_("stored track format {version} is not known (expected {known})"),
                    version=version,
                    known=FORMAT_VERSION,
                )
            columns = {name: archive[name] for name in _COLUMNS}
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise ActivityError(
            N_("the stored track cannot be read ({problem})"),
            hint=N_("import the file again"),
            problem=str(exc),
        ) from None
    return Track(
        **{
            name: np.asarray(values, dtype=np.float64)
            for name, values in columns.items()
            if name != "segment"
        },
        segment=np.asarray(columns["segment"], dtype=np.int64),
    )
