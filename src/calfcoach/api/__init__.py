"""FastAPI JSON routes under /api/v1 and authentication."""
