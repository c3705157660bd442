"""docs/api.md names every route of the API (a new route without documentation fails here)."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

DOCS = Path(__file__).parents[2] / "docs" / "api.md"


def test_every_api_route_is_in_docs_api_md(client: TestClient) -> None:
    documented = DOCS.read_text(encoding="utf-8")
    paths = client.get("/openapi.json").json()["paths"]
    missing = []
    for path in paths:
        short = path.removeprefix("/api/v1")
        # The docs write every id placeholder as {id} or its own name.
        pattern = re.escape(short).replace(r"\{athlete_id\}", r"\{(athlete_)?id\}")
        pattern = re.sub(r"\\\{(\w+)\\\}", lambda m: r"\{(" + m.group(1) + r"|id)\}", pattern)
        if not re.search(pattern + r"[`?, ]", documented):
            missing.append(path)
    assert missing == []
