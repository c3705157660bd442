"""The REST API's documentation page works offline, under the app's CSP: no CDN, no inline script."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


def test_the_docs_page_lists_the_operations_with_no_csp_violation(
    browser: Any, server: str, shots: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{server}/docs")
    # A known operation: its path and its summary (the docstring of the route).
    page.get_by_text("/api/v1/athletes/{athlete_id}/today", exact=True).first.wait_for()
    assert page.locator(".opblock").count() > 20
    page.screenshot(path=shots / "api-docs-1280.png")
    assert problems == []
    context.close()


def test_the_docs_page_asks_nothing_of_another_origin(browser: Any, server: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    response = page.goto(f"{server}/docs")
    page.locator(".opblock").first.wait_for()
    html = response.text()
    origin = urlsplit(server).netloc
    assert [u for u in requested if urlsplit(u).netloc not in (origin, "")] == []
    # Nor does the page name one (a link or script written in the HTML).
    assert re.findall(r"(?:src|href)=\"(https?:)?//", html) == []
    assert "<script>" not in html
    context.close()
