"""In Chromium: the activities page says what became of each uploaded file, as the server answered it."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest

from calfcoach.activities.synthetic import hike_gpx
from calfcoach.domain import upload_limits
from tests.activities.helpers import DATA
from tests.e2e.flows import onboard, register
from tests.services.test_import_notes import faulty_gpx

pytestmark = pytest.mark.e2e


def _result(page: Any, name: str) -> Any:
    return page.locator("#upload-report .upload-result", has=page.locator("strong", has_text=name))


def test_each_file_shows_its_real_outcome_imported_already_there_or_refused(
    browser: Any, server: str, shots: Path, tmp_path: Path
) -> None:
    walk = hike_gpx(1800, start=dt.datetime.now(dt.UTC) - dt.timedelta(days=1))
    files = {
        "walk.gpx": walk,
        "walk-again.gpx": walk,  # the same recording under another name
        "broken.fit": (DATA / "fit" / "invalid" / "activity-filecrc.fit").read_bytes(),
        "no-times.gpx": (DATA / "gpx" / "Mojstrovka.gpx").read_bytes(),
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    phone = {"width": 390, "height": 844}
    context = browser.new_context(viewport=phone, device_scale_factor=1, has_touch=True)
    page = context.new_page()
    register(page, server, "eve@example.org")
    onboard(page, "Eve")
    page.goto(f"{server}/activities")
    page.locator("#files").set_input_files([str(tmp_path / name) for name in files])
    page.locator("#upload-report .upload-summary").wait_for()
    page.locator("#activity-list td", has_text=" km").wait_for()
    page.screenshot(path=shots / "upload-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=shots / "upload-1280.png", full_page=True)

    assert page.locator(".upload-summary").inner_text() == (
        "4 files: 1 imported, 1 already imported, 2 refused."
    )
    # Onboarded today, the person's program starts today: yesterday's walk is kept but not counted.
    imported = _result(page, "walk.gpx")
    assert "imported: hike" in imported.inner_text()
    assert "before the program's start: stored, not counted" in imported.inner_text()
    assert "warning" in (imported.get_attribute("class") or "")
    again = _result(page, "walk-again.gpx")
    assert again.inner_text().strip() == "walk-again.gpx: already imported: nothing added"
    broken = _result(page, "broken.fit")
    assert "refused" in broken.inner_text()
    assert "CRC" in broken.inner_text()
    assert "error" in (broken.get_attribute("class") or "")
    no_times = _result(page, "no-times.gpx")
    assert "refused" in no_times.inner_text()
    assert "start time" in no_times.inner_text()
    assert no_times.locator("li").count() == 0  # the refusal said why once
    assert page.locator("#activity-list tbody tr").count() == 1
    context.close()


def test_a_file_over_the_upload_limit_is_refused_before_it_is_sent(
    browser: Any, server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(upload_limits, "ACTIVITY_UPLOAD_BYTES", 100)  # the server runs in this process
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    register(page, server, "fay@example.org")
    onboard(page, "Fay")
    page.goto(f"{server}/activities")
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if request.method == "POST" else None)
    big = tmp_path / "long.gpx"
    big.write_bytes(b"x" * 500)
    page.locator("#files").set_input_files(str(big))
    refused = _result(page, "long.gpx")
    refused.wait_for()
    assert "refused: larger than the 100 bytes limit, not sent" in refused.inner_text()
    assert "gzip the file" in refused.inner_text()
    assert sent == []
    context.close()


def test_a_german_persons_upload_results_and_notes_are_german(
    browser: Any, server: str, shots: Path, tmp_path: Path
) -> None:
    # The results and the notes of a recording were English on the German page ('3 elevation value(s) ...'),
    # so were a refused file's reason and the imported one's date (ISO).
    yesterday = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    with zipfile.ZipFile(tmp_path / "export.zip", "w") as archive:
        archive.writestr("gang.gpx", faulty_gpx(yesterday))
        archive.writestr("notiz.txt", b"not a recording")
        archive.writestr("kaputt.fit", (DATA / "fit" / "invalid" / "activity-filecrc.fit").read_bytes())
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=1, has_touch=True
    )
    page = context.new_page()
    register(page, server, "greta@example.org")
    onboard(page, "Greta")
    page.goto(f"{server}/settings/account")
    page.locator("#language").select_option("de")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the language").click()
    page.goto(f"{server}/activities")
    assert page.locator("html").get_attribute("lang") == "de"
    page.locator("#files").set_input_files(str(tmp_path / "export.zip"))
    page.locator("#activity-list td", has_text=" km").wait_for()
    page.screenshot(path=shots / "upload-german-390.png", full_page=True)

    walk = _result(page, "export.zip").inner_text()
    assert "gang.gpx: importiert: Gehen" in walk
    assert "3 Höhenwerte außerhalb von -500 bis 9000 m wurden weggelassen" in walk
    assert "datiert auf" in walk  # yesterday, before the program's start
    assert "left out" not in walk
    assert "before the program" not in walk
    assert "notiz.txt: übersprungen: keine Aktivitätsdatei" in walk
    assert yesterday.strftime("%d.%m.%Y") in walk
    assert yesterday.date().isoformat() not in walk
    assert (
        "kaputt.fit: abgelehnt: die Prüfsumme (CRC) der FIT-Datei passt nicht zu ihrem Inhalt"
        " (die Datei ist beschädigt; kopieren Sie sie erneut vom Gerät)"
    ) in walk
    assert "does not match" not in walk
    assert "kaputt.fit: importiert" not in walk
    assert page.locator("#activity-list tbody tr").count() == 1
    context.close()


def test_a_file_the_server_finds_over_the_limit_is_refused_in_german(
    browser: Any, server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The server's 413 was shown with the API's English message and hint on the German page.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    register(page, server, "hanna@example.org")
    onboard(page, "Hanna")
    page.goto(f"{server}/settings/account")
    page.locator("#language").select_option("de")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the language").click()
    page.goto(f"{server}/activities")
    # The page was drawn with the real limit; the server now has a smaller one (it runs in this process).
    monkeypatch.setattr(upload_limits, "ACTIVITY_UPLOAD_BYTES", 100)
    monkeypatch.setattr(upload_limits, "FORM_OVERHEAD_BYTES", 0)
    big = tmp_path / "lang.gpx"
    big.write_bytes(b"x" * 5000)
    page.locator("#files").set_input_files(str(big))
    refused = _result(page, "lang.gpx")
    refused.wait_for()
    text = refused.inner_text()
    assert "abgelehnt: größer als die Grenze von 64 MB" in text
    assert "komprimieren Sie die Datei mit gzip" in text
    assert "larger than" not in text
    assert "gzip the file" not in text
    context.close()
