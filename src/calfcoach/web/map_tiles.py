"""Map tiles under an activity's route: off unless a tile server is named, and then with its attribution.

CALFCOACH_MAP_TILES is a URL template with {z}, {x} and {y} (e.g. https://tile.example.org/{z}/{x}/{y}.png);
CALFCOACH_MAP_ATTRIBUTION the credit its licence asks for, shown under every map (required with tiles).
The page's Content-Security-Policy then allows images from that one origin, and nothing else is loaded.
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass

from calfcoach.charts.track import TilePlace
from calfcoach.domain.errors import InputError
from calfcoach.i18n import N_

ENV_MAP_TILES = "CALFCOACH_MAP_TILES"
ENV_MAP_ATTRIBUTION = "CALFCOACH_MAP_ATTRIBUTION"
# A template of the hint: its fields are the variables' names, the tile address's braces doubled.
_EXAMPLE = N_(
    "for example {tiles}=https://tile.example.org/{{z}}/{{x}}/{{y}}.png and "
    "{attribution}='© the map's contributors'; unset {tiles} to draw the route alone"
)
_NAMES = {"tiles": ENV_MAP_TILES, "attribution": ENV_MAP_ATTRIBUTION}


@dataclass(frozen=True)
class MapTiles:
    """A tile server: its URL template, the credit shown with its tiles, and its origin (for the CSP)."""

    template: str
    attribution: str
    origin: str

    def url(self, tile: TilePlace) -> str:
        """The address of one tile."""
        return (
            self.template.replace("{z}", str(tile.z)).replace("{x}", str(tile.x)).replace("{y}", str(tile.y))
        )


def map_tiles(template: str, attribution: str) -> MapTiles | None:
    """Check the settings; None when no template is given (tiles off). An InputError says what is wrong."""
    text = template.strip()
    if not text:
        return None
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username is not None:
        raise InputError(
            N_("the map tile address {text} is not an http:// or https:// address with a host name"),
            where=ENV_MAP_TILES,
            hint=_EXAMPLE,
            text=repr(text),
            **_NAMES,
        )
    missing = [part for part in ("{z}", "{x}", "{y}") if part not in text]
    if missing:
        raise InputError(
            N_("the map tile address {text} lacks {missing} (a tile's zoom, column and row)"),
            where=ENV_MAP_TILES,
            hint=_EXAMPLE,
            text=repr(text),
            missing=", ".join(missing),
            **_NAMES,
        )
    if not attribution.strip():
        raise InputError(
            N_("map tiles need their attribution: tile servers' licences ask for a credit under every map"),
            where=ENV_MAP_ATTRIBUTION,
            hint=_EXAMPLE,
            **_NAMES,
        )
    return MapTiles(text, attribution.strip(), f"{parts.scheme}://{parts.netloc}")


def map_tiles_from_environment() -> MapTiles | None:
    """The tile server the environment names, or None."""
    return map_tiles(os.environ.get(ENV_MAP_TILES, ""), os.environ.get(ENV_MAP_ATTRIBUTION, ""))
