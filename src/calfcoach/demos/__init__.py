"""Animated demonstrations of every exercise: a 2-D figure driven by keyframes, rendered to SVG or GIF."""
