// The guided session player: tap-to-count reps, a tempo metronome (sound and vibration), a rest countdown
// computed from timestamps (right even after the tab slept), the exercise's cues, a screen wake lock.
// Every set is kept in localStorage first and sent to the API from an outbox, so none is lost offline.
"use strict";
(function () {
  const root = document.getElementById("player");
  if (!root) return;
  const data = JSON.parse(document.getElementById("player-data").textContent);
  const session = data.session;
  const csrf = root.dataset.csrf;
  const $ = (id) => document.getElementById(id);
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
            headers: { "content-type": "application/json", "x-csrf-token": csrf },
            body: JSON.stringify(entry.body),
          });
        } catch (e) {
          showSync("Offline: your sets are kept on this device and will be sent when you are back online.");
          return;
        }
        if (response.ok) {
          const now = readOutbox();
          // Drop it only if no newer version was queued while this one was on its way.
          if (now[key] && JSON.stringify(now[key].body) === JSON.stringify(entry.body)) {
            delete now[key];
            writeOutbox(now);
          }
          showSync("All sets saved.");
        } else {
          let message = `The server refused the session (${response.status}); it stays on this device.`;
          try { message = (await response.json()).error.message + " (kept on this device)"; } catch (e) { /* keep */ }
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
    const cue = data.cues[item.exercise_id] || {};
    const timed = dose.duration_s || cue.category === "cardio";
    if (timed) {
      steps.push({ item, itemIndex, kind: "cardio", setIndex: 0, sets: 0, side: "both", target: dose.duration_s || null });
      return;
    }
    const sets = dose.sets || 1;
    const sides = dose.per_side ? ["left", "right"] : ["both"];
    for (let s = 0; s < sets; s++) {
      sides.forEach((side) => steps.push({ item, itemIndex, kind: dose.hold_s ? "hold" : "reps", setIndex: s, sets, side, target: dose.reps || dose.hold_s || null }));
    }
  });

  // "20 min at 5.0 km/h (12:00 min/km)": what a timed bout asks for, from the prescribed dose.
  function cardioTarget(item) {
    const dose = item.dose || {};
    const parts = [];
    if (dose.duration_s) parts.push(`${Math.round(dose.duration_s / 6) / 10} min`);
    if (dose.run_s && dose.walk_s) parts.push(`run ${dose.run_s} s / walk ${dose.walk_s} s`);
    if (dose.speed_kmh) {
      const secondsPerKm = Math.round(3600 / dose.speed_kmh);
      parts.push(`at ${dose.speed_kmh.toFixed(1)} km/h (${Math.floor(secondsPerKm / 60)}:${String(secondsPerKm % 60).padStart(2, "0")} min/km)`);
    }
    if (dose.grade_pct) parts.push(`${dose.grade_pct}% grade`);
    if (dose.level) parts.push(`level ${dose.level}`);
    return parts.length ? `Target: ${parts.join(" ")}` : `Target: ${item.dose_text || "as planned"}`;
  }
  function stepLabels(step) {
    const position = `Exercise ${step.itemIndex + 1} of ${session.items.length}`;
    if (step.kind === "cardio") return { position, detail: cardioTarget(step.item) };
    return { position, detail: `Set ${step.setIndex + 1} of ${step.sets}` + (step.side !== "both" ? ` · ${step.side} leg` : "") };
  }

  // ---- the state, kept on the device so a reload (or a crash) resumes where it was
  function newState() {
    const uid = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
    return { uid: `player-${uid}`, startedAt: new Date().toISOString(), index: 0, reps: 0, sets: [], cardio: [], started: false, finished: false };
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

  // ---- sound, vibration and the wake lock
  let audio = null;
  function beep(frequencyHz, durationS) {
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
  let wakeLock = null;
  async function keepAwake() {
    try { if ("wakeLock" in navigator && document.visibilityState === "visible") wakeLock = await navigator.wakeLock.request("screen"); } catch (e) { wakeLock = null; }
  }
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible" && !state.finished) keepAwake(); tick(); });

  // ---- metronome and rest: both derive what to show from timestamps, never from counting ticks
  let metronomeStart = null;
  let lastPhase = "";
  let restEndsAt = null;
  let cardioStart = null;
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
    } else if (metronomeStart === null) {
      $("phase").textContent = "";
    }
    if (restEndsAt !== null) {
      const leftS = Math.max(0, Math.ceil((restEndsAt - now) / 1000));
      $("rest-left").textContent = `${Math.floor(leftS / 60)}:${String(leftS % 60).padStart(2, "0")}`;
      if (leftS === 0) { restEndsAt = null; $("rest").hidden = true; beep(990, 0.4); buzz([200, 100, 200]); }
    }
    if (cardioStart !== null) {
      const s = Math.floor((now - cardioStart) / 1000);
      $("rep-count").textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
    }
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
    $("ex-dose").textContent = step.item.dose_text + (step.item.tempo_text ? ` · tempo ${step.item.tempo_text}` : "");
    $("ex-reason").textContent = step.item.reason || "";
    $("ex-demo").src = data.demos[step.itemIndex]; // the address the service worker keeps for offline use
    $("ex-demo").alt = `Animated demonstration: ${step.item.exercise_name}`;
    $("tempo-button").hidden = !step.item.tempo || step.kind === "cardio";
    $("minus-button").hidden = step.kind === "cardio";
    $("rep-help").textContent = step.kind === "cardio"
      ? "Tap to start the timer; tap Set done when you finish."
      : "Tap once per repetition (or press Space).";
    const list = $("cue-list");
    list.replaceChildren();
    for (const [title, lines] of [["Steps", cue.steps || []], ["Cues", cue.cues || []], ["Safety", cue.safety || []]]) {
      if (!lines.length) continue;
      const heading = document.createElement("h2");
      heading.textContent = title;
      const ul = document.createElement("ul");
      lines.forEach((line) => { const li = document.createElement("li"); li.textContent = line; ul.append(li); });
      list.append(heading, ul);
    }
    cardioStart = null;
    if (step.kind === "cardio") {
      $("rep-count").textContent = "0:00";
      document.querySelector("#rep-button .rep-label").textContent = "tap to start the timer";
    } else {
      $("rep-count").textContent = String(state.reps);
      document.querySelector("#rep-button .rep-label").textContent = step.kind === "hold" ? "holds: tap" : "reps: tap";
    }
  }

  function countRep() {
    const step = steps[state.index];
    if (!step) return;
    if (step.kind === "cardio") {
      if (cardioStart === null) { cardioStart = Date.now(); document.querySelector("#rep-button .rep-label").textContent = "timer running"; }
      return;
    }
    state.reps += 1;
    keep();
    $("rep-count").textContent = String(state.reps);
    buzz(20);
    if (step.target && step.kind === "reps" && state.reps === step.target) beep(990, 0.25);
  }

  function setDone() {
    const step = steps[state.index];
    if (!step) return;
    const item = step.item;
    if (step.kind === "cardio") {
      const durationS = cardioStart !== null ? Math.max(1, (Date.now() - cardioStart) / 1000) : (step.target || 60);
      // Speed, grade and machine level are logged as prescribed: the person followed the plan's numbers.
      const bout = { exercise_id: item.exercise_id, block: item.block, duration_s: Math.round(durationS) };
      if (item.dose.speed_kmh) bout.avg_speed_kmh = item.dose.speed_kmh;
      if (item.dose.grade_pct !== undefined) bout.grade_pct = item.dose.grade_pct;
      if (item.dose.level) bout.level = item.dose.level;
      state.cardio.push(bout);
    } else {
      const entry = { exercise_id: item.exercise_id, block: item.block, set_index: step.setIndex, side: step.side, load_kg: item.dose.load_kg || 0 };
      if (step.kind === "hold") entry.hold_s = item.dose.hold_s; else entry.reps = state.reps;
      state.sets.push(entry);
    }
    state.index += 1;
    state.reps = 0;
    keep();
    enqueue(body());
    metronomeStart = null;
    $("tempo-button").setAttribute("aria-pressed", "false");
    const rest = item.dose.rest_s;
    if (rest && state.index < steps.length) { restEndsAt = Date.now() + rest * 1000; $("rest").hidden = false; tick(); }
    show();
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
    if (wakeLock) wakeLock.release().catch(() => {});
    $("finish").hidden = true;
    $("saved").hidden = false;
  });

  $("start-button").addEventListener("click", () => {
    $("start-button").hidden = true;
    state.started = true;
    keep();
    keepAwake();
    beep(660, 0.05);  // browsers only allow sound after a tap: this one unlocks it
    show();
  });
  $("rep-button").addEventListener("click", countRep);
  $("minus-button").addEventListener("click", () => {
    if (state.reps > 0) { state.reps -= 1; keep(); $("rep-count").textContent = String(state.reps); }
  });
  $("done-button").addEventListener("click", setDone);
  $("skip-rest").addEventListener("click", () => { restEndsAt = null; $("rest").hidden = true; });
  $("skip-exercise").addEventListener("click", () => {
    const current = steps[state.index] && steps[state.index].item;
    while (state.index < steps.length && steps[state.index].item === current) state.index += 1;
    state.reps = 0;
    keep();
    show();
  });
  $("tempo-button").addEventListener("click", () => {
    const on = metronomeStart === null;
    metronomeStart = on ? Date.now() : null;
    lastPhase = "";
    $("tempo-button").setAttribute("aria-pressed", String(on));
    tick();
  });
  document.addEventListener("keydown", (event) => {
    if (event.code === "Space" && !(event.target instanceof HTMLInputElement || event.target instanceof HTMLButtonElement || event.target instanceof HTMLTextAreaElement)) {
      event.preventDefault();
      countRep();
    }
  });
  if (state.started && !state.finished) { $("start-button").hidden = true; keepAwake(); show(); }
})();
