"""Write a chart's Vega-Lite JSON to a file as PNG, SVG or JSON, chosen by the file's suffix."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from calfcoach.charts._common import fixed_width
from calfcoach.domain.errors import InputError

FORMATS = (".png", ".svg", ".json")


def render(spec: Mapping[str, Any], suffix: str, *, scale: float = 2.0) -> bytes:
    """Render the spec to the bytes of a PNG, SVG or JSON file; vl-convert is imported only here.

    A picture has no page to fill, so a chart that fills its container is drawn at the export width; the
    JSON stays as given, for a page to embed.
    """
    suffix = suffix.lower()
    if suffix == ".json":
        return (json.dumps(spec, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    spec = fixed_width(spec)
    if suffix not in FORMATS:
        raise InputError(
            f"cannot export a chart as {suffix or 'a file without a suffix'}",
            hint="use a file name ending in .png, .svg or .json",
        )
    import vl_convert as vlc

    # No base URLs are allowed: chart data is always inline, so rendering never touches the network.
    if suffix == ".png":
        png: bytes = vlc.vegalite_to_png(spec, scale=scale, allowed_base_urls=[])
        return png
    svg: str = vlc.vegalite_to_svg(spec, allowed_base_urls=[])
    return svg.encode("utf-8")


def export(spec: Mapping[str, Any], path: str | os.PathLike[str], *, scale: float = 2.0) -> Path:
    """Write the chart to `path` (.png, .svg or .json); the file appears whole or not at all."""
    target = Path(path)
    content = render(spec, target.suffix, scale=scale)
    if not target.parent.is_dir():
        raise InputError(
            f"folder {str(target.parent)!r} does not exist", hint="create it or pick another path"
        )
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        # mkstemp makes the file private; give it the mode a plainly written file would have.
        os.chmod(tmp_name, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target
