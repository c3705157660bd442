"""Chart specifications, defined once, rendered in the page and exported as PNG or SVG."""

from calfcoach.charts.export import export, render
from calfcoach.charts.results import HeelRaiseChart, ResultsChart
from calfcoach.charts.specs import CHARTS, CalfVolumeChart, ChartData, PainChart, WalkingSpeedChart, spec

__all__ = [
    "CHARTS",
    "CalfVolumeChart",
    "ChartData",
    "HeelRaiseChart",
    "PainChart",
    "ResultsChart",
    "WalkingSpeedChart",
    "export",
    "render",
    "spec",
]
