"""One routes module per concept; `router` gathers them under /api/v1."""
