"""In Chromium: the Account page offers the download, then deletes the account after DELETE + password."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.flows import PASSWORD, onboard, register

pytestmark = pytest.mark.e2e
SIZES = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 800}}


@pytest.mark.parametrize("size", ["390", "1280"])
def test_a_person_downloads_their_data_then_deletes_their_account(
    browser: Any, server: str, shots: Path, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size], device_scale_factor=1, accept_downloads=True)
    page = context.new_page()
    register(page, server, f"leaving-{size}@example.org")
    onboard(page, "Lea")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    page.wait_for_url("**/settings/account")
    page.screenshot(path=str(shots / f"account-{size}.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data (JSON)").click()
    saved = download.value
    assert saved.suggested_filename == "calfcoach-export.json"
    document = json.loads(Path(saved.path()).read_text(encoding="utf-8"))
    assert document["profile"]["name"] == "Lea"
    assert page.url.endswith("/settings/account")  # a download, the page stays

    page.get_by_label("Type DELETE to confirm").fill("DELETE")
    page.get_by_label("Your password").fill("not my password at all")
    page.get_by_role("button", name="Delete my account and all my data").click()
    message = page.locator("#delete-password-error")
    message.wait_for()
    assert "not the password of your account" in message.inner_text()
    assert page.get_by_label("Type DELETE to confirm").input_value() == "DELETE"
    page.screenshot(path=str(shots / f"account-wrong-password-{size}.png"), full_page=True)

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and all my data").click()
    page.get_by_role("heading", name="Your account is deleted").wait_for()
    page.screenshot(path=str(shots / f"account-deleted-{size}.png"), full_page=True)
    page.goto(f"{server}/today")
    assert "/login" in page.url or "/setup" in page.url
    context.close()


@pytest.mark.parametrize("size", ["390", "1280"])
def test_a_coach_is_told_their_clients_keep_their_own_data(
    browser: Any, server: str, shots: Path, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size], device_scale_factor=1)
    page = context.new_page()
    register(page, server, f"coach-{size}@example.org", coach=True)
    # Registered once the dashboard shows: going on sooner, a busy machine reached the account page before
    # the account existed and was sent to the first-run setup.
    page.wait_for_url("**/coach")
    page.goto(f"{server}/settings/account")
    assert page.get_by_role("link", name="Download my data (JSON)").count() == 0
    assert page.get_by_text("You have no training profile").is_visible()
    page.screenshot(path=str(shots / f"account-coach-{size}.png"), full_page=True)
    context.close()
