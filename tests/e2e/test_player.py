"""In Chromium: what the session player says on each screen, for a walk and for strength sets.

The page is the real template and script with a session made here (no server, no sign-in): every request
is answered by the test, so the session is exactly the one described and the test takes about a second.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from calfcoach.domain.exercise import Dose
from calfcoach.domain.plan import PlannedItem, PlannedSession
from calfcoach.library.catalog import load_catalog
from calfcoach.services.render import session_view
from calfcoach.web.pages.player import STATIC, player_data
from calfcoach.web.templating import templates

pytestmark = pytest.mark.e2e
ORIGIN = "http://localhost:8765"  # localhost is a secure context, like the https site
TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}


def _session(*items: PlannedItem) -> dict[str, Any]:
    day = dt.date(2026, 11, 25)
    items = items or (
        PlannedItem(
            exercise_id="brisk-walk",
            block="walk",
            dose=Dose(duration_s=20 * 60, speed_kmh=5.0),
            reason="easy aerobic work",
        ),
        PlannedItem(
            exercise_id="calf-raise-step",
            block="strength",
            dose=Dose(sets=3, reps=12, rest_s=60),
            reason="calf strength",
        ),
        PlannedItem(
            exercise_id="single-leg-calf-raise-step",
            block="strength",
            dose=Dose(sets=2, reps=8, per_side=True),
            reason="one leg at a time",
        ),
    )
    planned = PlannedSession(
        day=day,
        program_id="p",
        phase_id="ph",
        template_id="t",
        name="Walk and raises",
        items=items,
        minutes=40,
    )
    return session_view(planned, load_catalog()).model_dump(mode="json")


def _page_html(session: dict[str, Any] | None = None) -> str:
    data = player_data(1, dt.date(2026, 11, 25), session or _session(), {"action": "continue", "reasons": []})
    return templates.get_template("player.html").render(csrf="test-csrf", user=None, data=data)


def _answer(route: Any, html: str, sent: list[dict[str, Any]] | None = None) -> None:
    path = route.request.url.removeprefix(ORIGIN).split("?")[0]
    if sent is not None and route.request.method == "PUT":
        sent.append(json.loads(route.request.post_data or "{}"))
    if path == "/player":
        route.fulfill(status=200, content_type="text/html", body=html)
    elif path.startswith("/static/"):
        file = STATIC / path.removeprefix("/static/")
        route.fulfill(
            status=200, content_type=TYPES.get(Path(path).suffix, "text/plain"), body=file.read_bytes()
        )
    elif path.startswith("/api/"):
        route.fulfill(status=200, content_type="application/json", body=json.dumps({}))
    else:  # demonstrations and anything else the page may ask for
        route.fulfill(
            status=200, content_type="image/svg+xml", body='<svg xmlns="http://www.w3.org/2000/svg"/>'
        )


def test_the_player_counts_exercises_and_each_exercises_own_sets_and_gives_a_walk_its_target(
    browser: Any,
) -> None:
    from playwright.sync_api import expect

    html = _page_html()
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    page.route(f"{ORIGIN}/**", lambda route: _answer(route, html))
    page.goto(f"{ORIGIN}/player")
    page.get_by_role("button", name="Start").click()
    position, detail = page.locator("#progress-line"), page.locator("#set-line")
    seen = []
    for step in range(8):  # 1 walk + 3 sets + 2 sets of each leg
        expect(page.locator("#stage")).to_be_visible()
        seen.append((position.inner_text(), detail.inner_text(), page.locator("#ex-name").inner_text()))
        if step:  # a set of reps is saved once a rep is counted; the walk is done without its timer
            page.locator("#rep-button").click()
        page.get_by_role("button", name="Set done", exact=True).click()
    expect(page.locator("#finish")).to_be_visible()
    assert seen == [
        ("Exercise 1 of 3", "Target pace: 12:00 min/km", "Brisk walk"),
        ("Exercise 2 of 3", "Set 1 of 3", "Calf raise on a step"),
        ("Exercise 2 of 3", "Set 2 of 3", "Calf raise on a step"),
        ("Exercise 2 of 3", "Set 3 of 3", "Calf raise on a step"),
        ("Exercise 3 of 3", "Set 1 of 2 · left leg", "Single-leg calf raise on a step"),
        ("Exercise 3 of 3", "Set 1 of 2 · right leg", "Single-leg calf raise on a step"),
        ("Exercise 3 of 3", "Set 2 of 2 · left leg", "Single-leg calf raise on a step"),
        ("Exercise 3 of 3", "Set 2 of 2 · right leg", "Single-leg calf raise on a step"),
    ]
    context.close()


def _open(
    browser: Any, html: str, sent: list[dict[str, Any]] | None = None, *, clock: bool = False, stub: str = ""
) -> Any:
    """A phone-sized page on the player; with `clock`, a paused fake clock and a recording voice; `stub`
    is more script run before the page's own."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    page.route(f"{ORIGIN}/**", lambda route: _answer(route, html, sent))
    if stub:
        page.add_init_script(stub)
    if clock:
        page.add_init_script(SPEECH_STUB)
        page.clock.install(time=START_MS / 1000)  # Playwright for Python takes seconds here
    page.goto(f"{ORIGIN}/player")
    if clock:
        page.clock.pause_at(PAUSED_MS / 1000)
    return page


START_MS = 1_795_000_000_000  # a fixed moment, so every time in these tests is the same on every run
# The clock runs from START_MS while the page loads, then stops here: a minute later, so that even a slow
# load on a busy machine ends before it (pausing at a moment already past is an error).
PAUSED_MS = START_MS + 60_000
# Every utterance with the page's (fake) time it was asked for: what a person would hear, and when.
SPEECH_STUB = """
window.__said = [];
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  speak(utterance) { window.__said.push({ text: utterance.text, at: Date.now() }); },
  cancel() {}, pause() {}, resume() {}, getVoices() { return []; }, speaking: false, pending: false,
} });
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


def _sent(page: Any, sent: list[dict[str, Any]], key: str, count: int) -> list[dict[str, Any]]:
    """The `key` list of the latest session the page sent, once it holds `count` entries: the page sends
    it with fetch, which may reach the test a moment after the click or the clock step that caused it."""
    for _ in range(100):
        if sent and len(sent[-1][key]) >= count:
            break
        page.wait_for_timeout(50)  # real time: lets the page's request reach the route handler
    entries: list[dict[str, Any]] = sent[-1][key] if sent else []
    return entries


def _no_serious_violation(page: Any) -> None:
    from tests.e2e.test_accessibility import FAILING, axe, described

    violations = [v for v in axe(page) if v["impact"] in FAILING]
    assert not violations, described("the player", violations)


def _said(page: Any, since_ms: int) -> list[tuple[float, str]]:
    return [(round((u["at"] - since_ms) / 1000, 1), u["text"]) for u in page.evaluate("window.__said")]


def test_space_after_set_done_counts_a_rep_of_the_next_set_instead_of_saving_it_empty(browser: Any) -> None:
    from playwright.sync_api import expect

    raises = PlannedItem(
        exercise_id="calf-raise-step", block="strength", dose=Dose(sets=3, reps=12), reason="calf strength"
    )
    sent: list[dict[str, Any]] = []
    page = _open(browser, _page_html(_session(raises)), sent)
    page.get_by_role("button", name="Start").click()
    page.keyboard.press("Space")  # the counter has the focus: Space counts
    page.keyboard.press("Space")
    expect(page.locator("#rep-count")).to_have_text("2")
    page.get_by_role("button", name="Set done", exact=True).click()
    expect(page.locator("#set-line")).to_have_text("Set 2 of 3")
    page.keyboard.press("Space")  # the hint says "or press Space": a rep of set 2, not set 2 saved empty
    expect(page.locator("#set-line")).to_have_text("Set 2 of 3")
    expect(page.locator("#rep-count")).to_have_text("1")
    # Enter on the focused "Set done" saves the set once; with no rep counted yet it cannot be pressed.
    page.get_by_role("button", name="Set done", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("#set-line")).to_have_text("Set 3 of 3")
    expect(page.get_by_role("button", name="Set done", exact=True)).to_be_disabled()
    page.keyboard.press("Space")
    expect(page.locator("#set-line")).to_have_text("Set 3 of 3")
    expect(page.locator("#rep-count")).to_have_text("1")
    assert [s["reps"] for s in _sent(page, sent, "sets", 2)] == [2, 1]
    _no_serious_violation(page)
    page.context.close()


def test_a_run_walk_session_is_spoken_phase_by_phase_on_time_and_the_time_run_is_saved(
    browser: Any, shots: Path
) -> None:
    from playwright.sync_api import expect

    intervals = PlannedItem(
        exercise_id="run-walk-intervals",
        block="run",
        dose=Dose(duration_s=1200, run_s=60, walk_s=90, warmup_s=300),
        reason="week 1 of the walk-to-run stage",
    )
    sent: list[dict[str, Any]] = []
    page = _open(browser, _page_html(_session(intervals)), sent, clock=True)
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#rep-count")).to_have_text("25:10")  # 10 s to get ready, 5 min warm-up, 20 min
    tapped = PAUSED_MS
    page.locator("#rep-button").click()
    page.clock.run_for(312_000)
    expect(page.locator("#phase")).to_have_text("Run 1 of 8")
    expect(page.locator("#cue-text")).to_have_text("Run 1 of 8, 1 minute.")
    page.screenshot(path=str(shots / "player-interval-390.png"))
    page.clock.run_for(1_200_000)
    said = _said(page, tapped)
    runs = [310 + 150 * k for k in range(8)]
    expected = [
        (0, "Get ready: Run-walk intervals. Starting in 10 seconds."),
        (10, "Warm-up: brisk walk, 5 minutes."),
    ]
    for number, at in enumerate(runs, start=1):
        expected.append((at, f"Run {number} of 8, 1 minute." + (" Halfway." if at == 910 else "")))
        expected.append((at + 60, "Walk, 90 seconds."))
    expected.append((1510, "Done: 20 minutes, 8 runs. Well done."))
    assert [text for _, text in said] == [text for _, text in expected]
    for (heard_at, text), (due_at, _) in zip(said, expected, strict=True):
        assert due_at <= heard_at <= due_at + 0.25, text  # said within a tick of its second
    expect(page.locator("#finish")).to_be_visible()
    assert _sent(page, sent, "cardio", 1) == [
        {"exercise_id": "run-walk-intervals", "block": "run", "duration_s": 1200, "running_s": 480}
    ]
    page.context.close()


def test_a_paused_or_sleeping_interval_picks_up_at_the_right_phase_and_keeps_only_what_was_done(
    browser: Any,
) -> None:
    from playwright.sync_api import expect

    walk_jog = PlannedItem(
        exercise_id="run-walk-intervals",
        block="run",
        dose=Dose(duration_s=600, run_s=60, walk_s=60),
        reason="run/walk",
    )
    sent: list[dict[str, Any]] = []
    page = _open(browser, _page_html(_session(walk_jog)), sent, clock=True)
    page.get_by_role("button", name="Start").click()
    tapped = PAUSED_MS
    page.locator("#rep-button").click()
    page.clock.run_for(30_000)  # 20 s into run 1
    page.locator("#rep-button").click()  # pause for two minutes
    expect(page.locator(".rep-label")).to_have_text("paused: tap to go on")
    page.clock.run_for(120_000)
    expect(page.locator("#phase")).to_have_text("Run 1 of 5")
    page.locator("#rep-button").click()
    # The screen locks: no timer runs for 200 s, then the page wakes once.
    page.clock.fast_forward(200_000)
    page.clock.run_for(400)
    # 230 s into the script (the pause does not count): 10 s to get ready, run, walk, run, 40 s of walk 2.
    expect(page.locator("#phase")).to_have_text("Walk 2 of 5")
    expect(page.locator("#rep-count")).to_have_text("0:20")
    # "Walk, 1 minute." said 40 s late would mislead: where it stands is said instead, at once.
    expect(page.locator("#cue-text")).to_have_text("Walk 2 of 5, 20 seconds left.")
    said = _said(page, tapped)
    assert [text for _, text in said] == [
        "Get ready: Run-walk intervals. Starting in 10 seconds.",
        "Run 1 of 5, 1 minute.",
        "Walk 2 of 5, 20 seconds left.",
    ]
    assert 350 <= said[-1][0] <= 350.5  # 120 s paused + 230 s of script
    page.clock.run_for(20_000)  # the next cue is said on time again: 250 s of script, 370 s after the tap
    heard_at, text = _said(page, tapped)[-1]
    assert text == "Run 3 of 5, 1 minute."
    assert 370 <= heard_at <= 370.25
    page.get_by_role("button", name="Set done", exact=True).click()  # stop early: 240 s of the dose done
    page.clock.run_for(400)
    assert _sent(page, sent, "cardio", 1) == [
        {"exercise_id": "run-walk-intervals", "block": "run", "duration_s": 240, "running_s": 120}
    ]
    page.context.close()


def test_a_stretch_is_counted_down_each_side_with_a_cue_at_its_end(browser: Any) -> None:
    from playwright.sync_api import expect

    stretch = PlannedItem(
        exercise_id="wall-calf-stretch-straight",
        block="stretch",
        dose=Dose(sets=1, hold_s=30, per_side=True, rest_s=10),
        reason="stretch after the exercises",
    )
    sent: list[dict[str, Any]] = []
    page = _open(browser, _page_html(_session(stretch)), sent, clock=True)
    page.get_by_role("button", name="Start").click()
    tapped = PAUSED_MS
    page.locator("#rep-button").click()
    page.clock.run_for(20_000)
    expect(page.locator("#phase")).to_have_text("Hold · left leg")
    expect(page.locator("#rep-count")).to_have_text("0:15")
    page.clock.run_for(16_000)
    expect(page.locator("#set-line")).to_have_text("Set 1 of 1 · right leg")  # moved on by itself
    expect(page.locator("#rest")).to_be_visible()
    assert _said(page, tapped) == [
        (0, "Left leg. Get into position: Wall calf stretch, straight knee."),
        (5, "Hold, 30 seconds."),
        (35, "Release."),
    ]
    assert _sent(page, sent, "sets", 1) == [
        {
            "exercise_id": "wall-calf-stretch-straight",
            "block": "stretch",
            "set_index": 0,
            "side": "left",
            "load_kg": 0,
            "hold_s": 30,
        }
    ]
    page.context.close()


def test_a_reload_in_the_middle_of_an_interval_comes_back_at_the_same_second(browser: Any) -> None:
    from playwright.sync_api import expect

    walk_jog = PlannedItem(
        exercise_id="run-walk-intervals",
        block="run",
        dose=Dose(duration_s=600, run_s=60, walk_s=60),
        reason="run/walk",
    )
    page = _open(browser, _page_html(_session(walk_jog)), clock=True)
    page.get_by_role("button", name="Start").click()
    page.locator("#rep-button").click()
    page.clock.run_for(100_000)  # 10 s to get ready, run 1, 30 s of walk 1
    expect(page.locator("#phase")).to_have_text("Walk 1 of 5")
    page.reload()
    page.clock.run_for(400)
    expect(page.locator("#stage")).to_be_visible()
    expect(page.locator("#phase")).to_have_text("Walk 1 of 5")
    expect(page.locator("#rep-count")).to_have_text("0:30")
    page.clock.run_for(30_000)
    expect(page.locator("#phase")).to_have_text("Run 2 of 5")
    page.clock.resume()  # axe waits on timers of its own
    _no_serious_violation(page)
    page.context.close()


# The phone's other senses, recorded with the page's (fake) time: each vibration, each tone of the beeper
# (an oscillator started), and each screen wake lock taken and whether it was let go.
BODY_STUB = """
window.__buzzed = [];
window.__tones = [];
window.__locks = [];
navigator.vibrate = (pattern) => { window.__buzzed.push({ pattern, at: Date.now() }); return true; };
Object.defineProperty(navigator, "wakeLock", { configurable: true, value: {
  async request(type) {
    const lock = { type, released: false, async release() { this.released = true; }, addEventListener() {} };
    window.__locks.push(lock);
    return lock;
  },
} });
window.AudioContext = function () { this.currentTime = 0; this.destination = {}; };
window.AudioContext.prototype.createOscillator = function () {
  const tone = { frequency: { value: 0 }, connect(next) { return next; }, stop() {},
    start() { window.__tones.push({ hz: tone.frequency.value, at: Date.now() }); } };
  return tone;
};
window.AudioContext.prototype.createGain = function () {
  return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect(next) { return next; } };
};
"""


def test_an_interval_buzzes_on_each_cue_beeps_its_last_seconds_and_lets_the_screen_sleep_after(
    browser: Any,
) -> None:
    """Regression: Start and the interval's timer each took a wake lock and only the last was let go, so
    the screen stayed on after the session was saved; coming back to the tab before Start took one too."""
    from playwright.sync_api import expect

    from calfcoach.coach.guide import guide_for

    dose = Dose(duration_s=300, run_s=60, walk_s=90)
    intervals = PlannedItem(exercise_id="run-walk-intervals", block="run", dose=dose, reason="run/walk")
    guide = guide_for(dose, load_catalog().get("run-walk-intervals"))
    assert guide is not None
    page = _open(browser, _page_html(_session(intervals)), clock=True, stub=BODY_STUB)
    tapped = PAUSED_MS
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")  # back to the tab, not started
    assert page.evaluate("window.__locks.length") == 0
    page.get_by_role("button", name="Start").click()
    page.locator("#rep-button").click()
    page.clock.run_for(guide.total_s * 1000 + 1000)
    expect(page.locator("#finish")).to_be_visible()

    def seconds(name: str) -> list[float]:
        return [round((e["at"] - tapped) / 1000, 2) for e in page.evaluate(name)]

    buzzed = seconds("window.__buzzed.filter(b => Array.isArray(b.pattern))")  # a cue's pattern
    assert len(buzzed) == len(guide.cues)
    for heard_at, cue in zip(buzzed, guide.cues, strict=True):
        assert cue.at_s <= heard_at <= cue.at_s + 0.25, cue.text
    tones = seconds("window.__tones.filter(t => t.hz === 880)")  # the last seconds' beep
    assert len(tones) == len(guide.beeps_s) == 25  # 5 phases × 5 s
    for heard_at, due in zip(tones, guide.beeps_s, strict=True):
        assert due <= heard_at <= due + 0.25
    assert page.evaluate("window.__locks.filter(l => !l.released).length") == 1  # held while it ran
    page.get_by_role("button", name="Save and finish").click()
    expect(page.locator("#saved")).to_be_visible()
    assert page.evaluate("window.__locks.filter(l => !l.released).length") == 0
    page.context.close()
