"""axe-core (vendored, tests/e2e/vendor) over every page at phone and desktop size: no serious or critical
violation; and a focus ring that can be seen on white around links, buttons and fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from calfcoach.activities.synthetic import hike_gpx
from tests.e2e.flows import PASSWORD, onboard, register
from tests.e2e.seed import seed_history

pytestmark = pytest.mark.e2e
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
FAILING = ("serious", "critical")


def axe(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return its violations."""
    # Evaluated through the DevTools protocol, not a <script> tag: the app's CSP would refuse one.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def described(url: str, violations: list[dict[str, Any]]) -> str:
    """Violations as lines a person can act on: rule, impact, what to fix, where."""
    lines = [f"{url}:"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"      at {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"      ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


class Audit:
    """Collects the serious and critical violations of each page visited; fails once, listing them all."""

    def __init__(self, shots: Path, size: str) -> None:
        self.shots = shots
        self.size = size
        self.found: list[str] = []
        self.visited: list[str] = []

    def check(self, page: Any, label: str) -> None:
        page.wait_for_load_state("networkidle")
        for chart in page.locator(".vega[data-spec]").all():
            chart.locator("svg.marks").wait_for()
        violations = [v for v in axe(page) if v["impact"] in FAILING]
        self.visited.append(label)
        if violations:
            self.found.append(described(f"{label} ({page.url})", violations))
            page.screenshot(path=self.shots / f"axe-{self.size}-{label}.png", full_page=True)

    def visit(self, page: Any, url: str, label: str) -> None:
        page.goto(url)
        self.check(page, label)


@pytest.fixture(params=sorted(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def contexts(browser: Any, size: str) -> Iterator[Any]:
    opened: list[Any] = []

    def new() -> Any:
        context = browser.new_context(viewport=SIZES[size])
        opened.append(context)
        return context

    yield new
    for context in opened:
        context.close()


def test_no_page_has_a_serious_or_critical_accessibility_violation(
    contexts: Any, server: str, shots: Path, tmp_path: Path, size: str
) -> None:
    audit = Audit(shots, size)
    visitor = contexts().new_page()
    audit.visit(visitor, f"{server}/setup", "setup")
    audit.visit(visitor, f"{server}/login", "login")
    audit.visit(visitor, f"{server}/register", "register")
    audit.visit(visitor, f"{server}/no-such-page", "not-found")
    audit.visit(visitor, f"{server}/password/forgot", "password-forgot")
    audit.visit(visitor, f"{server}/password/reset?token=used-or-made-up", "password-reset-expired")
    audit.visit(visitor, f"{server}/register/confirm?token=used-or-made-up", "registration-link-expired")

    coach = contexts().new_page()
    register(coach, server, "coach@example.org", coach=True)
    coach.wait_for_url("**/coach")
    audit.check(coach, "coach")
    coach.get_by_role("button", name="Invite a client").click()
    link = coach.locator("#invite-link").inner_text()
    audit.check(coach, "coach-invitation")

    athlete = contexts().new_page()
    audit.visit(athlete, link, "join")
    athlete.get_by_role("link", name="Create an account").click()
    athlete.wait_for_url("**/register?code=*")
    register(athlete, server, "ada@example.org", navigate=False)
    athlete.wait_for_url("**/onboarding**")
    audit.check(athlete, "onboarding")
    onboard(athlete, "Ada")
    seed_history(tmp_path / "e2e.db", "ada@example.org", today=dt.date.today())
    for path in (
        "today",
        "plan",
        "history",
        "progress",
        "log",
        "activities",
        "exercises",
        "exercises/calf-raise-step",
        "player",
        "report",
        "settings/tokens",
        "settings/account",
        "onboarding/baseline",
    ):
        audit.visit(athlete, f"{server}/{path}", path.replace("/", "-"))
    athlete.goto(f"{server}/player")
    athlete.get_by_role("button", name="Start").click()
    audit.check(athlete, "player-running")
    audit.visit(athlete, f"{server}/exercises/no-such-exercise", "exercise-not-found")
    walk = tmp_path / "walk.gpx"
    # A day earlier than today at any hour the test runs: the walk must count from a past day too (CI
    # once ran this just after midnight and the walk fell before the program's start).
    walk.write_bytes(hike_gpx(1800, start=dt.datetime.now(dt.UTC) - dt.timedelta(hours=27)))
    athlete.goto(f"{server}/activities")
    athlete.locator("#files").set_input_files(str(walk))
    athlete.locator("#upload-report .upload-result").wait_for()
    audit.check(athlete, "activities-uploaded")
    athlete.locator("#activity-list a").first.click()
    athlete.wait_for_url("**/activities/*")
    audit.check(athlete, "activity")
    audit.visit(athlete, f"{server}/coach/clients/1", "client-page-refused")

    coach.goto(f"{server}/coach")
    coach.get_by_role("link", name="Ada").first.click()
    coach.wait_for_url("**/coach/clients/*")
    audit.check(coach, "client")
    client_page = coach.url
    coach.get_by_role("link", name="Progress report").click()
    coach.wait_for_url("**/report")
    audit.check(coach, "client-report")
    coach.goto(client_page)
    coach.locator("a[href*='/activities/']").first.click()
    coach.wait_for_url("**/activities/*")
    audit.check(coach, "client-activity")

    # Signed out again: the sign-in page with a message, after a wrong password.
    visitor.goto(f"{server}/login")
    visitor.get_by_label("E-mail address").fill("ada@example.org")
    visitor.get_by_label("Password").fill(PASSWORD + "x")
    visitor.get_by_role("button", name="Sign in").click()
    audit.check(visitor, "login-refused")

    assert len(audit.visited) == 33, " ".join(audit.visited)  # every page above was reached
    assert not audit.found, "axe found serious or critical violations:\n" + "\n".join(audit.found)


# The focused element's ring and the colour behind it (the ring is drawn outside the element, over its
# parent's background): the nearest ancestor with an opaque background.
FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let behind = el.parentElement;
  while (behind && getComputedStyle(behind).backgroundColor.replace(/\\s/g, "") === "rgba(0,0,0,0)") {
    behind = behind.parentElement;
  }
  return {
    what: el.tagName.toLowerCase() + (el.type ? "[" + el.type + "]" : "") + " "
      + (el.textContent || el.id).trim().slice(0, 40),
    tag: el.tagName.toLowerCase(),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    colour: style.outlineColor,
    behind: behind ? getComputedStyle(behind).backgroundColor : "rgb(255, 255, 255)",
  };
}"""


def luminance(css: str) -> float:
    """Relative luminance (WCAG 2) of an rgb()/rgba() colour."""
    numbers = css[css.index("(") + 1 : css.index(")")].replace(",", " ").replace("/", " ").split()
    channels = [int(float(n)) / 255 for n in numbers[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_focus_ring_is_visible_on_white_and_on_the_dark_header(
    contexts: Any, server: str, shots: Path, size: str
) -> None:
    page = contexts().new_page()
    page.goto(f"{server}/login")
    seen: dict[str, dict[str, Any]] = {}
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] != "body":  # past the last control, focus leaves the page
            seen[focused["what"]] = focused
        if focused["tag"] == "button":
            page.screenshot(path=shots / f"focus-{size}.png")
    tags = {f["tag"] for f in seen.values()}
    assert {"a", "input", "button"} <= tags, seen
    weak = [
        (what, f["style"], f["width"], f["colour"], f["behind"], round(contrast(f["colour"], f["behind"]), 2))
        for what, f in seen.items()
        if f["style"] != "solid" or f["width"] < 2 or contrast(f["colour"], f["behind"]) < 3
    ]
    assert not weak, f"focus rings too faint (want solid, 2 px or more, 3:1 on what is behind): {weak}"
    backgrounds = {f["behind"] for f in seen.values()}
    assert "rgb(255, 255, 255)" in backgrounds  # the form on white
    assert len(backgrounds) >= 2  # and the dark header
