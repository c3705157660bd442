"""Readers for watch and phone recordings into numpy tracks, and the metrics over them (pure)."""
