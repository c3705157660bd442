"""Animated demonstrations of every exercise: a 2-D figure driven by keyframes, rendered to SVG or GIF.

The entry points are in `calfcoach.demos.api`: `render_svg`, `render_gif` and `frames`.
"""
