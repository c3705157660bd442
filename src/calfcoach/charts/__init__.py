"""Chart specifications, defined once, rendered in the page and exported as PNG or SVG."""

from calfcoach.charts.export import export, render
from calfcoach.charts.specs import (
    CHARTS,
    CalfVolumeChart,
    ChartData,
    HeelRaiseChart,
    PainChart,
    WalkingSpeedChart,
    spec,
)

__all__ = [
    "CHARTS",
    "CalfVolumeChart",
    "ChartData",
    "HeelRaiseChart",
    "PainChart",
    "WalkingSpeedChart",
    "export",
    "render",
    "spec",
]
