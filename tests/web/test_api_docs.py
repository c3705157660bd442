"""/docs is served by the app from vendored files, under a CSP that allows no inline or third-party script."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_the_docs_page_loads_only_files_the_app_serves(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy  # no 'unsafe-inline', no 'unsafe-eval', no other origin
    assert "<script>" not in page.text
    files = re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)
    assert any("swagger-ui-bundle" in f for f in files)
    for path in files:
        assert client.get(path).status_code == 200, path


def test_redoc_is_not_offered_half_working(client: TestClient) -> None:
    assert client.get("/redoc").status_code == 404
