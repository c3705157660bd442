// The guided session player: tap-to-count reps, a tempo metronome (sound and vibration), a rest countdown
// computed from timestamps (right even after the tab slept), the exercise's cues, a screen wake lock.
// Cardio bouts and holds follow the server's script (data.guides, the one `calfcoach session` follows too):
// phases, spoken cues and countdown beeps, placed by the time elapsed since a stored start, so a locked
// screen, a background tab or a reload comes back at the right phase.
// Every set is kept in localStorage first and sent to the API from an outbox, so none is lost offline.
"use strict";
(function () {
  const root = document.getElementById("player");
  if (!root) return;
  const data = JSON.parse(document.getElementById("player-data").textContent);
  const session = data.session;
  const csrf = root.dataset.csrf;
  const $ = (id) => document.getElementById(id);
  const legOf = (side) => (side === "left" ? say("left leg") : say("right leg"));
  const STATE_KEY = `calfcoach.player.${data.athlete_id}.${data.day}`;
  const OUTBOX_KEY = "calfcoach.outbox";

  // ---- outbox: the latest version of each session, sent with an idempotent PUT until the server has it
  function readOutbox() {
    try { return JSON.parse(localStorage.getItem(OUTBOX_KEY) || "{}"); } catch (e) { return {}; }
  }
  function writeOutbox(box) { localStorage.setItem(OUTBOX_KEY, JSON.stringify(box)); }
  function showSync(text) { $("sync-status").textContent = text; }
  let flushing = false;
  async function flush() {
    if (flushing) return;
    flushing = true;
    try {
      const box = readOutbox();
      for (const [key, entry] of Object.entries(box)) {
        let response;
        try {
          response = await fetch(entry.url, {
            method: "PUT",
            credentials: "same-origin",
            headers: { "content-type": "application/json", "x-csrf-token": csrf, "accept-language": document.documentElement.lang || "en" },
            body: JSON.stringify(entry.body),
          });
        } catch (e) {
          showSync(say("Offline: your sets are kept on this device and will be sent when you are back online."));
          return;
        }
        if (response.ok) {
          const now = readOutbox();
          // Drop it only if no newer version was queued while this one was on its way.
          if (now[key] && JSON.stringify(now[key].body) === JSON.stringify(entry.body)) {
            delete now[key];
            writeOutbox(now);
          }
          showSync(say("All sets saved."));
        } else {
          let message = say("The server refused the session ({status}); it stays on this device.", { status: response.status });
          // `said` is the server's refusal in the page's language (the accept-language sent above).
          try { message = say("{message} (kept on this device)", { message: (await response.json()).error.said }); } catch (e) { /* keep */ }
          showSync(message);
          return;
        }
      }
    } finally {
      flushing = false;
    }
  }
  function enqueue(body) {
    const box = readOutbox();
    box[body.id] = { url: `/api/v1/athletes/${data.athlete_id}/sessions/${encodeURIComponent(body.id)}`, body: body };
    writeOutbox(box);
    flush();
  }
  window.addEventListener("online", flush);
  setInterval(flush, 15000);
  flush();

  if (!session) return;

  // ---- the steps: one per set (per side when the dose is per side), one per timed cardio bout.
  // Each step knows its exercise's place in the session and that exercise's own number of sets, so the
  // screen can say "Exercise 2 of 5 · Set 1 of 3" (a walk has no sets: it shows its time and pace instead).
  const steps = [];
  session.items.forEach((item, itemIndex) => {
    const dose = item.dose || {};
    const guide = (data.guides || {})[String(itemIndex)] || null;  // a page cached before guides: no script
    if (dose.duration_s && guide) {
      steps.push({ item, itemIndex, kind: "cardio", guide, setIndex: 0, sets: 0, side: "both", target: dose.duration_s || null });
      return;
    }
    const sets = dose.sets || 1;
    const sides = dose.per_side ? ["left", "right"] : ["both"];
    for (let s = 0; s < sets; s++) {
      sides.forEach((side) => steps.push({ item, itemIndex, kind: dose.hold_s ? "hold" : "reps", guide, setIndex: s, sets, side, target: dose.reps || dose.hold_s || null }));
    }
  });

  // "Target pace: 12:00 min/km": what a timed bout's line adds to its dose line, in the person's units (the
  // server's data.targets, by the item's place in the session); nothing when it would repeat the dose.
  function cardioTarget(itemIndex) {
    return (data.targets || {})[itemIndex] || "";
  }
  function stepLabels(step) {
    const position = say("Exercise {n} of {total}", { n: step.itemIndex + 1, total: session.items.length });
    if (step.kind === "cardio") return { position, detail: cardioTarget(step.itemIndex) };
    return { position, detail: say("Set {n} of {total}", { n: step.setIndex + 1, total: step.sets }) + (step.side !== "both" ? ` · ${legOf(step.side)}` : "") };
  }

  // ---- the state, kept on the device so a reload (or a crash) resumes where it was
  function newState() {
    const uid = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
    return { uid: `player-${uid}`, startedAt: new Date().toISOString(), index: 0, reps: 0, sets: [], cardio: [], started: false, finished: false, timer: null };
  }
  let state;
  try { state = JSON.parse(localStorage.getItem(STATE_KEY)) || newState(); } catch (e) { state = newState(); }
  function keep() { localStorage.setItem(STATE_KEY, JSON.stringify(state)); }

  function body(extra) {
    return Object.assign({
      id: state.uid,
      day: data.day,
      started_at: state.startedAt,
      program_id: session.program_id,
      phase_id: session.phase_id,
      template_id: session.template_id,
      planned_for: session.day,
      sets: state.sets,
      cardio: state.cardio,
      completed: false,
    }, extra || {});
  }

  // ---- sound, speech, vibration and the wake lock
  const MUTE_KEY = "calfcoach.player.muted";
  let muted = localStorage.getItem(MUTE_KEY) === "1";
  let audio = null;
  function beep(frequencyHz, durationS) {
    if (muted) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequencyHz;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + durationS);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + durationS);
    } catch (e) { /* no audio: the screen still shows the phase */ }
  }
  function buzz(pattern) { if (navigator.vibrate) navigator.vibrate(pattern); }
  // Show a cue and speak it, in the page's language (say() is the catalog's word for a message).
  function speak(text) {
    $("cue-text").textContent = text;
    if (muted || !("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) return;
    try {
      window.speechSynthesis.cancel();  // a new cue replaces one still being said: never a queue of stale ones
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = document.documentElement.lang || "en";
      window.speechSynthesis.speak(utterance);
    } catch (e) { /* no voice: the text is on screen */ }
  }
  function showMute() { $("mute-button").setAttribute("aria-pressed", String(muted)); }
  // One lock at most: a second request would hold the screen on after the first is let go at the end. The
  // browser lets it go itself when the tab is hidden (then `released`), so coming back asks again.
  let wakeLock = null;
  async function keepAwake() {
    if (wakeLock && !wakeLock.released) return;
    try {
      if ("wakeLock" in navigator && document.visibilityState === "visible") {
        wakeLock = navigator.wakeLock.request("screen");  // the promise at once: a call meanwhile waits for it
        wakeLock = await wakeLock;
      }
    } catch (e) { wakeLock = null; }
  }
  function letSleep() {
    const held = wakeLock;
    wakeLock = null;
    Promise.resolve(held).then((lock) => lock && lock.release()).catch(() => {});
  }
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible" && state.started && !state.finished) keepAwake(); tick(); });

  const clock = (s) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;

  // ---- a timed script (a cardio bout or a hold): where it stands is read from the clock against the
  // stored start, minus the time paused, never from counted ticks
  // A cue due longer ago than this (a locked phone, a throttled background tab) would mislead if said as
  // written ("Walk, 90 seconds" 40 s late): the player says where it is now instead.
  const LATE_S = 2;
  const secondsSaid = (s) => (s < 120
    ? (s === 1 ? say("1 second") : say("{n} seconds", { n: s }))
    : (s % 60 ? say("{m} minutes {n} seconds", { m: Math.floor(s / 60), n: s % 60 }) : say("{m} minutes", { m: Math.floor(s / 60) })));
  const timing = () => (state.timer && state.timer.index === state.index ? state.timer : null);
  function elapsedS(timer, now) {
    return ((timer.pausedAt !== null ? timer.pausedAt : now) - timer.startedAt - timer.pausedMs) / 1000;
  }
  // Seconds of the dose done (counted phases) and of running within them, `at` seconds into the script.
  function doneAt(guide, at) {
    let counted = 0;
    let running = 0;
    for (const phase of guide.phases) {
      const part = Math.min(Math.max(at - phase.start_s, 0), phase.duration_s);
      if (phase.counted) { counted += part; if (phase.running) running += part; }
    }
    return { counted, running };
  }
  function startGuide() {
    state.timer = { index: state.index, startedAt: Date.now(), pausedAt: null, pausedMs: 0, cues: 0, beeps: 0 };
    keep();
    keepAwake();
    tick();
  }
  function togglePause() {
    const timer = timing();
    const now = Date.now();
    if (timer.pausedAt === null) {
      timer.pausedAt = now;
      if ("speechSynthesis" in window) window.speechSynthesis.cancel();
    } else {
      timer.pausedMs += now - timer.pausedAt;
      timer.pausedAt = null;
    }
    keep();
    tick();
  }
  function followGuide(now) {
    const step = steps[state.index];
    const timer = timing();
    if (!step || !step.guide || !timer) return;
    const guide = step.guide;
    const at = elapsedS(timer, now);
    let cues = timer.cues;
    while (cues < guide.cues.length && guide.cues[cues].at_s <= at) cues += 1;
    if (cues > timer.cues) {
      timer.cues = cues;
      keep();
      const cue = guide.cues[cues - 1];
      const side = step.side !== "both" && cues === 1 ? (step.side === "left" ? say("Left leg. ") : say("Right leg. ")) : "";
      const now = guide.phases.find((p) => p.start_s <= at && at < p.start_s + p.duration_s);
      const late = at - cue.at_s > LATE_S && now;
      speak(late ? say("{phase}, {time} left.", { phase: now.label, time: secondsSaid(Math.ceil(now.start_s + now.duration_s - at)) }) : side + cue.text);
      buzz([300, 100, 300]);
    }
    let beeps = timer.beeps;
    while (beeps < guide.beeps_s.length && guide.beeps_s[beeps] <= at) beeps += 1;
    if (beeps > timer.beeps) {
      timer.beeps = beeps;
      keep();
      if (at - guide.beeps_s[beeps - 1] < 1) beep(880, 0.1);
    }
    if (at >= guide.total_s) { complete(step, guide.total_s); return; }
    const index = guide.phases.findIndex((p) => p.start_s <= at && at < p.start_s + p.duration_s);
    const phase = guide.phases[index];
    const next = guide.phases[index + 1];
    $("phase").textContent = phase.label + (step.side !== "both" ? ` · ${legOf(step.side)}` : "");
    $("phase").dataset.kind = phase.kind;
    $("rep-count").textContent = clock(Math.ceil(phase.start_s + phase.duration_s - at));
    document.querySelector("#rep-button .rep-label").textContent = timer.pausedAt !== null
      ? say("paused: tap to go on")
      : (next ? say("then {next} · {time} in all · ", { next: next.label, time: clock(Math.ceil(guide.total_s - at)) }) : "") + say("tap to pause");
  }

  // ---- metronome and rest: both derive what to show from timestamps, never from counting ticks
  let metronomeStart = null;
  let lastPhase = "";
  let restEndsAt = null;
  const PHASES = [["up_s", "Up", 880], ["top_s", "Hold", 660], ["down_s", "Down", 440], ["bottom_s", "Pause", 330]];
  function metronomePhase(now) {
    const tempo = steps[state.index] && steps[state.index].item.tempo;
    if (!tempo || metronomeStart === null) return null;
    const repS = PHASES.reduce((sum, [key]) => sum + (tempo[key] || 0), 0);
    if (repS <= 0) return null;
    let t = ((now - metronomeStart) / 1000) % repS;
    for (const [key, label, pitch] of PHASES) {
      const length = tempo[key] || 0;
      if (t < length) return { label, pitch, left: Math.ceil(length - t) };
      t -= length;
    }
    return null;
  }
  function tick() {
    const now = Date.now();
    const phase = metronomePhase(now);
    if (phase) {
      $("phase").textContent = `${phase.label} ${phase.left}`;
      if (phase.label !== lastPhase) { beep(phase.pitch, 0.12); buzz(40); lastPhase = phase.label; }
    } else if (metronomeStart === null && !timing()) {
      $("phase").textContent = "";
    }
    if (restEndsAt !== null) {
      const leftS = Math.max(0, Math.ceil((restEndsAt - now) / 1000));
      $("rest-left").textContent = clock(leftS);
      if (leftS === 0) { restEndsAt = null; $("rest").hidden = true; beep(990, 0.4); buzz([200, 100, 200]); }
    }
    if (state.started && !state.finished) followGuide(now);
  }
  setInterval(tick, 200);

  // ---- showing a step
  function show() {
    if (state.index >= steps.length) { finishScreen(); return; }
    const step = steps[state.index];
    const cue = data.cues[step.item.exercise_id] || {};
    $("stage").hidden = false;
    const labels = stepLabels(step);
    $("progress-line").textContent = labels.position;
    $("set-line").textContent = labels.detail;
    $("ex-name").textContent = step.item.exercise_name;
    $("ex-dose").textContent = step.item.dose_text + (step.item.tempo_text ? ` · ${say("tempo {tempo}", { tempo: step.item.tempo_text })}` : "");
    $("ex-reason").textContent = step.item.reason || "";
    $("ex-demo").src = data.demos[step.itemIndex]; // the address the service worker keeps for offline use
    $("ex-demo").alt = say("Animated demonstration: {name}", { name: step.item.exercise_name });
    const guided = Boolean(step.guide);
    // A countdown changes every second: a screen reader hears the phases and cues instead.
    $("rep-count").setAttribute("aria-live", guided ? "off" : "polite");
    $("tempo-button").hidden = !step.item.tempo || guided;
    $("minus-button").hidden = guided;
    $("mute-button").hidden = !guided && !step.item.tempo;
    $("rep-help").textContent = guided
      ? (step.kind === "cardio"
        ? say("Tap the big button to start or pause: a voice says each change. Set done ends it early and keeps the time done.")
        : say("Tap the big button to start (5 seconds to get into position) or pause. Set done ends the hold early."))
      : say("Tap once per repetition (or press Space); Set done saves the set once a rep is counted.");
    const list = $("cue-list");
    list.replaceChildren();
    for (const [title, lines] of [[say("Steps"), cue.steps || []], [say("Cues"), cue.cues || []], [say("Safety"), cue.safety || []]]) {
      if (!lines.length) continue;
      const heading = document.createElement("h2");
      heading.textContent = title;
      const ul = document.createElement("ul");
      lines.forEach((line) => { const li = document.createElement("li"); li.textContent = line; ul.append(li); });
      list.append(heading, ul);
    }
    $("cue-text").textContent = "";
    if (guided) {
      $("rep-count").textContent = clock(Math.round(step.kind === "cardio" ? step.guide.total_s : step.item.dose.hold_s));
      document.querySelector("#rep-button .rep-label").textContent = step.kind === "cardio" ? say("tap to start") : say("tap to start the hold");
      showDone();
      tick();
    } else {
      $("rep-count").textContent = String(state.reps);
      document.querySelector("#rep-button .rep-label").textContent = say("reps: tap");
      showDone();
    }
  }
  // A set of reps is saved only once a rep is counted, so no stray key or double tap saves a set of 0.
  function showDone() {
    const step = steps[state.index];
    $("done-button").disabled = Boolean(step) && step.kind === "reps" && state.reps === 0;
  }

  function countRep() {
    const step = steps[state.index];
    if (!step || !state.started || state.finished) return;
    if (step.guide) {
      if (timing()) togglePause(); else startGuide();
      return;
    }
    state.reps += 1;
    keep();
    $("rep-count").textContent = String(state.reps);
    showDone();
    buzz(20);
    if (step.target && step.kind === "reps" && state.reps === step.target) beep(990, 0.25);
  }

  // What a step adds to the saved session; `at` is how far into its script it went (null: no script).
  function record(step, at) {
    const item = step.item;
    if (step.kind === "cardio") {
      const done = doneAt(step.guide, at);
      if (done.counted < 1) return;  // stopped during the get-ready or the warm-up: nothing of the dose done
      // Speed, grade and machine level are logged as prescribed: the person followed the plan's numbers.
      const bout = { exercise_id: item.exercise_id, block: item.block, duration_s: Math.round(done.counted) };
      if (step.guide.phases.some((p) => p.running)) bout.running_s = Math.round(done.running);
      if (item.dose.speed_kmh) bout.avg_speed_kmh = item.dose.speed_kmh;
      if (item.dose.grade_pct !== undefined) bout.grade_pct = item.dose.grade_pct;
      if (item.dose.level) bout.level = item.dose.level;
      state.cardio.push(bout);
      return;
    }
    const entry = { exercise_id: item.exercise_id, block: item.block, set_index: step.setIndex, side: step.side, load_kg: item.dose.load_kg || 0 };
    if (step.kind === "hold") {
      const held = step.guide ? doneAt(step.guide, at).counted : item.dose.hold_s;
      if (held < 1) return;
      entry.hold_s = Math.round(held);
    } else {
      entry.reps = state.reps;
    }
    state.sets.push(entry);
  }

  function complete(step, at) {
    record(step, at);
    state.index += 1;
    state.reps = 0;
    state.timer = null;
    keep();
    if (state.sets.length || state.cardio.length) enqueue(body());
    metronomeStart = null;
    $("tempo-button").setAttribute("aria-pressed", "false");
    const rest = step.item.dose.rest_s;
    if (rest && state.index < steps.length) { restEndsAt = Date.now() + rest * 1000; $("rest").hidden = false; }
    show();
  }

  function setDone() {
    const step = steps[state.index];
    if (!step || $("done-button").disabled) return;
    const timer = timing();
    // Ended early: what the clock says was done. Never started: done as prescribed, without the timer.
    complete(step, step.guide ? (timer ? Math.min(elapsedS(timer, Date.now()), step.guide.total_s) : step.guide.total_s) : null);
  }

  function finishScreen() {
    $("stage").hidden = true;
    $("finish").hidden = false;
  }

  $("finish-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const number = (id) => Math.min(10, Math.max(0, Number($(id).value) || 0));
    state.finished = true;
    keep();
    if (state.sets.length || state.cardio.length) {
      const painFrom = Array.from(document.querySelectorAll('input[name="pain-from"]:checked'), (box) => box.value);
      enqueue(body({
        completed: true, pain_during: Math.round(number("pain-during")), pain_after: Math.round(number("pain-after")), rpe: number("rpe"),
        pain_site: $("pain-site").value || null, pain_from: painFrom,
      }));
    }
    localStorage.removeItem(STATE_KEY);
    letSleep();
    $("finish").hidden = true;
    $("saved").hidden = false;
  });

  // Once started, the exercise's name is the page's heading: the session's own title goes with the button.
  function hideIntro() {
    $("start-button").hidden = true;
    if ($("session-title")) $("session-title").hidden = true;
  }
  $("start-button").addEventListener("click", () => {
    hideIntro();
    state.started = true;
    keep();
    keepAwake();
    beep(660, 0.05);  // browsers only allow sound after a tap: this one unlocks it
    show();
    $("rep-button").focus();
  });
  $("rep-button").addEventListener("click", countRep);
  $("minus-button").addEventListener("click", () => {
    if (state.reps > 0) { state.reps -= 1; keep(); $("rep-count").textContent = String(state.reps); showDone(); }
  });
  // After a button moves the player on, the focus goes back to the counter: a Space pressed next counts a
  // rep (or starts the timer) instead of pressing the same button again for the next set.
  $("done-button").addEventListener("click", () => { setDone(); $("rep-button").focus(); });
  $("skip-rest").addEventListener("click", () => { restEndsAt = null; $("rest").hidden = true; $("rep-button").focus(); });
  $("skip-exercise").addEventListener("click", () => {
    const current = steps[state.index] && steps[state.index].item;
    while (state.index < steps.length && steps[state.index].item === current) state.index += 1;
    state.reps = 0;
    state.timer = null;
    keep();
    show();
    if (state.index < steps.length) $("rep-button").focus();
  });
  $("tempo-button").addEventListener("click", () => {
    const on = metronomeStart === null;
    metronomeStart = on ? Date.now() : null;
    lastPhase = "";
    $("tempo-button").setAttribute("aria-pressed", String(on));
    tick();
  });
  $("mute-button").addEventListener("click", () => {
    muted = !muted;
    localStorage.setItem(MUTE_KEY, muted ? "1" : "0");
    if (muted && "speechSynthesis" in window) window.speechSynthesis.cancel();
    showMute();
  });
  showMute();
  // Space counts a rep (or starts and pauses a timer) only where it has no job of its own: on a button,
  // a field, a link or the "How to do it" summary the browser does that element's action, once.
  document.addEventListener("keydown", (event) => {
    if (event.code !== "Space" || event.repeat) return;
    if (event.target instanceof Element && event.target.closest("button, input, select, textarea, summary, a, [contenteditable]")) return;
    event.preventDefault();
    countRep();
  });
  if (state.started && !state.finished) { hideIntro(); keepAwake(); show(); }
})();
