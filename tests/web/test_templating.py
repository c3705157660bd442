"""The main menu: each account sees the links to the pages it can use, and those pages still answer."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from calfcoach.store.records import Role, User
from calfcoach.web.templating import ATHLETE_LINKS, navigation
from tests.api.conftest import Person, other_client, sign_up

TRAINING = [link.href for link in ATHLETE_LINKS]
EVERYONE = ["/exercises", "/settings/account"]


def _account(role: Role) -> User:
    return User(id=1, email="x@example.org", role=role, created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


def _menu(page: str) -> list[str]:
    found = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S)
    assert found, "the page has no main menu"
    return re.findall(r'<a href="([^"]+)"', found.group(1))


@pytest.mark.parametrize(
    ("role", "has_profile", "expected"),
    [
        (Role.ATHLETE, True, [*TRAINING, *EVERYONE]),
        (Role.ATHLETE, False, ["/onboarding", *EVERYONE]),
        (Role.COACH, False, ["/coach", *EVERYONE]),
        (Role.COACH, True, [*TRAINING, "/coach", *EVERYONE]),
        (Role.ADMIN, True, [*TRAINING, "/coach", *EVERYONE]),
        (Role.ADMIN, False, ["/onboarding", "/coach", *EVERYONE]),
    ],
)
def test_each_role_gets_the_links_it_can_use(role: Role, has_profile: bool, expected: list[str]) -> None:
    assert [link.href for link in navigation(_account(role), has_profile=has_profile)] == expected


def test_a_visitor_gets_the_library_and_the_ways_in() -> None:
    assert [link.href for link in navigation(None, has_profile=False)] == [
        "/exercises",
        "/login",
        "/register",
    ]


def test_a_coach_without_an_athlete_profile_sees_no_training_links_and_those_pages_still_redirect(
    client: TestClient,
) -> None:
    coach = sign_up(client, "coach@example.org", role="coach", onboard=False)
    for path in ("/coach", "/exercises", "/settings/tokens"):
        answer = coach.client.get(path)
        assert answer.status_code == 200, path
        assert _menu(answer.text) == ["/coach", *EVERYONE], path
    for path in TRAINING:
        answer = coach.client.get(path, follow_redirects=False)
        assert (answer.status_code, answer.headers["location"]) == (303, "/onboarding"), path


def test_a_coach_who_also_trains_sees_both_menus(client: TestClient) -> None:
    coach = sign_up(client, "coach@example.org", role="coach", onboard=True)
    assert _menu(coach.client.get("/coach").text) == [*TRAINING, "/coach", *EVERYONE]
    assert _menu(coach.client.get("/today").text) == [*TRAINING, "/coach", *EVERYONE]


def test_an_athlete_sees_no_clients_link_and_the_dashboard_still_refuses(ada: Person) -> None:
    assert _menu(ada.client.get("/today").text) == [*TRAINING, *EVERYONE]
    assert ada.client.get("/coach").status_code == 403


def test_an_athlete_before_onboarding_is_offered_the_onboarding(client: TestClient) -> None:
    newcomer = sign_up(other_client(client), "new@example.org", onboard=False)
    assert _menu(newcomer.client.get("/settings/tokens").text) == ["/onboarding", *EVERYONE]


@pytest.mark.parametrize(("lang", "said"), [("en", "up 1 s, hold 1 s, down 2 s"), ("de", "1 s hoch")])
def test_a_tempo_never_breaks_between_a_number_and_its_unit(lang: str, said: str) -> None:
    """Regression: on a 390 px phone Today's tempo read "down 2" on one line and "s" on the next."""
    from calfcoach.web.templating import templates

    drawn = templates.env.from_string("{{ t|tempo }}").render(
        t={"up_s": 1, "top_s": 1, "down_s": 2}, lang=lang
    )
    assert said.replace(" s", "\u00a0s") in drawn
    assert not re.search(r"\d s\b", drawn)
