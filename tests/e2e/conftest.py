"""End-to-end fixtures: the app under uvicorn in a thread on a free port, Debian's Chromium via Playwright.

Without /usr/bin/chromium (apt-get install chromium) every e2e test skips, saying so.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from calfcoach.services import accounts
from calfcoach.store import open_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Screenshots land here for a person to look at (CALFCOACH_SCREENSHOTS, else the test's temporary folder).
SCREENSHOTS_ENV = "CALFCOACH_SCREENSHOTS"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the app on a fresh SQLite file in a uvicorn thread; yield its base URL."""
    import uvicorn

    from calfcoach.web.app import create_app

    monkeypatch.setattr(accounts, "hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    store = open_store(f"sqlite:///{tmp_path / 'e2e.db'}")
    port = _free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium headless; skip with the reason when it is not installed."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed: apt-get install -y --no-install-recommends chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Return the folder for screenshots."""
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
