"""`calfcoach mail weekly-summary`: sends once a week, says how many and never to whom."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from calfcoach.cli.main import app
from calfcoach.services import weekly_summary
from calfcoach.store import Role, open_store
from tests.services.mailbox import environment, smtp_server, text_of

runner = CliRunner()


def _coach_who_wants_it(url: str) -> None:
    with open_store(url) as store:
        with store.unit_of_work() as uow:
            coach = uow.users.add("coach@example.org", Role.COACH)
            uow.commit()
        weekly_summary.set_enabled(store, coach, True)


def test_the_summary_goes_out_once_and_the_output_names_nobody(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    _coach_who_wants_it(url)
    monkeypatch.setenv("CALFCOACH_PUBLIC_URL", "https://calfcoach.example.org/")
    with smtp_server() as (box, settings):
        env = environment(settings) | {"CALFCOACH_TODAY": "2026-01-07"}  # a Wednesday: week of 5 January
        dry = runner.invoke(app, ["--db", url, "mail", "weekly-summary", "--dry-run"], env=env)
        assert dry.exit_code == 0, dry.output
        assert "1 summaries would be sent" in dry.stdout
        assert box.messages == []
        first = runner.invoke(app, ["--db", url, "mail", "weekly-summary"], env=env)
        assert first.exit_code == 0, first.output
        assert "1 summaries sent" in first.stdout
        again = runner.invoke(app, ["--db", url, "mail", "weekly-summary"], env=env)
        assert "0 summaries sent" in again.stdout
    (mail,) = box.messages
    assert mail["To"] == "coach@example.org"
    assert "coach@example.org" not in first.output + again.output + dry.output
    assert "Week of 2026-01-05" in first.stdout
    assert "https://calfcoach.example.org/coach" in text_of(mail)


def test_without_a_mail_server_it_exits_2_and_says_what_to_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    _coach_who_wants_it(url)
    monkeypatch.delenv("CALFCOACH_SMTP_HOST", raising=False)
    result = runner.invoke(app, ["--db", url, "mail", "weekly-summary"])
    assert result.exit_code == 2
    assert "CALFCOACH_SMTP_HOST" in result.output
