"""`calfcoach admin reset-password`: a new password from a prompt or stdin; unknown addresses exit 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from calfcoach.cli.main import app
from calfcoach.services import accounts
from calfcoach.store import Role, open_store

runner = CliRunner()
NEW = "a brand new passphrase"


def test_the_password_is_reset_from_stdin(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url) as store:
        accounts.register(store, "a@example.org", "correct horse battery")
    result = runner.invoke(
        app, ["admin", "reset-password", "a@example.org", "--password-stdin", "--db", url], input=NEW + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "New password set for a@example.org" in result.stdout
    with open_store(url) as store:
        import datetime as dt

        accounts.sign_in(store, "a@example.org", NEW, now=dt.datetime.now(dt.UTC))


def test_an_unknown_address_exits_2_with_a_message(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    result = runner.invoke(
        app, ["admin", "reset-password", "x@example.org", "--password-stdin", "--db", url], input=NEW + "\n"
    )
    assert result.exit_code == 2
    assert "no account with e-mail 'x@example.org'" in result.output


def test_a_short_password_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url) as store:
        accounts.register(store, "a@example.org", "correct horse battery")
    result = runner.invoke(
        app, ["admin", "reset-password", "a@example.org", "--password-stdin", "--db", url], input="short\n"
    )
    assert result.exit_code == 2
    assert "fewer than 10" in result.output


def test_a_reset_signs_the_account_out_everywhere_api_tokens_included(tmp_path: Path) -> None:
    import datetime as dt

    url = f"sqlite:///{tmp_path / 'c.db'}"
    now = dt.datetime.now(dt.UTC)
    with open_store(url) as store:
        user = accounts.register(store, "a@example.org", "correct horse battery")
        _, session = accounts.sign_in(store, "a@example.org", "correct horse battery", now=now)
        _, secret = accounts.create_api_token(store, user, "script", now=now)
    result = runner.invoke(
        app, ["admin", "reset-password", "a@example.org", "--password-stdin", "--db", url], input=NEW + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "API token" in result.stdout
    with open_store(url) as store:
        assert accounts.user_for_session(store, session, now=now) is None
        assert accounts.user_for_api_token(store, secret) is None


def _ada_with_a_profile(url: str) -> None:
    from tests.store import builders

    with open_store(url) as store:
        user = accounts.register(store, "ada@example.org", "correct horse battery")
        with store.unit_of_work() as uow:
            athlete = uow.athletes.add(builders.profile("Ada"), user_id=user.id)
            uow.sessions.add(athlete, builders.session("s-1"))
            uow.commit()


def test_delete_account_says_what_goes_and_deletes_nothing_when_not_confirmed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    _ada_with_a_profile(url)
    result = runner.invoke(app, ["admin", "delete-account", "ada@example.org", "--db", url], input="n\n")
    assert result.exit_code == 1
    assert "the athlete 'Ada' with all their records" in result.stdout
    assert "Nothing was deleted." in result.stdout
    with open_store(url) as store, store.reader() as uow:
        assert uow.users.by_email("ada@example.org") is not None


def test_delete_account_with_yes_deletes_the_account_and_its_records(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    _ada_with_a_profile(url)
    result = runner.invoke(app, ["admin", "delete-account", "ada@example.org", "--yes", "--db", url])
    assert result.exit_code == 0, result.output
    assert "Deleted ada@example.org" in result.stdout
    with open_store(url) as store, store.reader() as uow:
        assert uow.users.by_email("ada@example.org") is None
        assert {k: n for k, n in uow.counts().items() if n and k != "alembic_version"} == {}


def test_delete_account_refuses_the_only_admin(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url) as store:
        accounts.set_up_first_account(store, "admin@example.org", "correct horse battery")
    result = runner.invoke(app, ["admin", "delete-account", "admin@example.org", "--yes", "--db", url])
    assert result.exit_code == 2
    assert "only admin account" in result.output


def test_delete_account_counts_a_coachs_one_client_in_the_singular(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    _ada_with_a_profile(url)
    with open_store(url) as store:
        coach = accounts.register(store, "coach@example.org", "correct horse battery", role=Role.COACH)
        with store.unit_of_work() as uow:
            (ada,) = [a.id for a in uow.athletes.all()]
            uow.coaching.link(coach.id, ada)
            uow.commit()
    result = runner.invoke(app, ["admin", "delete-account", "coach@example.org", "--db", url], input="n\n")
    assert result.exit_code == 1
    assert "the link to 1 client, whose own data stays" in result.stdout


def test_an_accounts_language_is_set_and_cleared(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url) as store:
        accounts.register(store, "coach@example.org", "correct horse battery", role=Role.COACH)
    result = runner.invoke(app, ["admin", "set-language", "coach@example.org", "de", "--db", url])
    assert result.exit_code == 0, result.output
    assert "coach@example.org reads CalfCoach in Deutsch." in result.stdout
    with open_store(url) as store, store.reader() as uow:
        stored = uow.users.by_email("coach@example.org")
        assert stored is not None
        assert stored.language == "de"
    result = runner.invoke(app, ["admin", "set-language", "coach@example.org", "auto", "--db", url])
    assert "in the browser's or the server's language" in result.stdout
    with open_store(url) as store, store.reader() as uow:
        stored = uow.users.by_email("coach@example.org")
        assert stored is not None
        assert stored.language is None


def test_a_language_it_does_not_speak_or_an_unknown_account_exits_2(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    with open_store(url) as store:
        accounts.register(store, "coach@example.org", "correct horse battery")
    refused = runner.invoke(app, ["admin", "set-language", "coach@example.org", "fr", "--db", url])
    assert refused.exit_code == 2
    assert "'fr' is not a language CalfCoach speaks: use one of en, de" in refused.output
    unknown = runner.invoke(app, ["admin", "set-language", "x@example.org", "de", "--db", url])
    assert unknown.exit_code == 2
    assert "no account with e-mail 'x@example.org'" in unknown.output
