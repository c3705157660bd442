// Activity upload: drag and drop or pick files. Each file is sent on its own with a progress bar, and the
// report says what the server really did with it, from the answer's lists (imported with their warnings,
// already imported, refused, skipped): a 2xx status only means the file arrived.
"use strict";
(function () {
  const zone = document.getElementById("upload");
  if (!zone) return;
  const bar = document.getElementById("upload-progress");
  const now = document.getElementById("upload-now");
  const report = document.getElementById("upload-report");
  const maxBytes = Number(zone.dataset.maxBytes) || Infinity;
  let batch = [];  // every outcome of the files picked together, for the summary above them

  function node(tag, text, className) {
    const made = document.createElement(tag);
    if (text) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  function words(id) { return id.replace(/-/g, " "); }

  // An error as the server words it names its file first ("walk.gpx: ..."): the report already does.
  function unprefixed(text, source) {
    return text.startsWith(`${source}: `) ? text.slice(source.length + 2) : text;
  }

  function importedText(item) {
    const km = (item.distance_m / 1000).toLocaleString(document.documentElement.lang || "en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const minutes = Math.round(item.elapsed_s / 60);
    let text = say("imported: {sport}, {km} km, {minutes} min, {day}", { sport: item.sport_name || item.sport, km, minutes, day: item.day || item.start_time.slice(0, 10) });
    if (item.coach) {
      const what = item.exercise_name || words(item.coach.exercise_id);
      text += item.coach.planned ? say("; counted as the planned {what}", { what }) : say("; logged as an extra {what}", { what });
    }
    return text;
  }

  // One entry per recording the file gave (a zip or a multisport file gives several), in the server's words.
  function entries(answer) {
    const warnings = new Map();
    for (const w of answer.warnings || []) {
      if (!warnings.has(w.source_file)) warnings.set(w.source_file, []);
      warnings.get(w.source_file).push(w.said || w.warning);  // said: in the athlete's language
    }
    const notes = (source) => warnings.get(source) || [];
    return [
      ...(answer.imported || []).map((i) => ({ source: i.source_file, kind: "imported", text: importedText(i), notes: notes(i.source_file), href: `/activities/${encodeURIComponent(i.id)}` })),
      ...(answer.duplicates || []).map((d) => ({ source: d.source_file, kind: "duplicate", text: say("already imported: nothing added"), notes: [] })),
      // A refused recording's warnings only restate why: the refusal says it once (said: in the athlete's
      // language).
      ...(answer.failed || []).map((f) => ({ source: f.source_file, kind: "failed", text: say("refused: {why}", { why: unprefixed(f.said || f.error, f.source_file) }), notes: [] })),
      ...(answer.skipped || []).map((s) => ({ source: s.source_file, kind: "skipped", text: say("skipped: {why}", { why: s.said || s.reason }), notes: [] })),
    ];
  }

  function tally(list) {
    const of = (kind) => list.filter((e) => e.kind === kind).length;
    const parts = [];
    if (of("imported")) parts.push(say("{n} imported", { n: of("imported") }));
    if (of("duplicate")) parts.push(say("{n} already imported", { n: of("duplicate") }));
    if (of("failed")) parts.push(say("{n} refused", { n: of("failed") }));
    if (of("skipped")) parts.push(say("{n} skipped", { n: of("skipped") }));
    return parts.join(", ");
  }

  // done: all imported cleanly; notice: nothing new but nothing wrong; warning: a mix or warnings; error: nothing usable.
  function severity(list) {
    const has = (kind) => list.some((e) => e.kind === kind);
    if (!list.length) return "warning";
    if (has("failed") && !has("imported") && !has("duplicate")) return "error";
    if (has("failed") || list.some((e) => e.notes.length)) return "warning";
    if (has("imported")) return "done";
    return has("duplicate") ? "notice" : "warning";
  }

  function refused(fileName, summary, hint) {
    batch.push({ kind: "failed" });
    show(fileName, "error", summary, [], hint);
  }

  // A link to an imported activity's page, after the words that describe it.
  function pageLink(href) {
    const link = node("a", say("open its page"));
    link.href = href;
    return link;
  }

  function show(fileName, className, summary, items, hint, href) {
    const block = node("div", null, `upload-result ${className}`);
    const line = node("p");
    line.append(node("strong", fileName), `: ${summary}`);
    if (href) line.append(" (", pageLink(href), ")");
    block.append(line);
    if (hint) block.append(node("p", hint, "help"));
    if (items.length) {
      const list = node("ul");
      for (const item of items) {
        const li = node("li", item.label ? `${item.label}: ${item.text}` : item.text);
        if (item.href) li.append(" (", pageLink(item.href), ")");
        if (item.notes.length) {
          const notes = node("ul");
          for (const note of item.notes) notes.append(node("li", unprefixed(note, item.source)));
          li.append(notes);
        }
        list.append(li);
      }
      block.append(list);
    }
    report.append(block);
  }

  function showAnswer(file, answer) {
    const list = entries(answer);
    batch.push(...list);
    // Entries are named inside the upload: "walk.fit" in export.zip, "#2" of a multisport file.
    for (const e of list) {
      e.label = e.source === file.name ? "" : e.source.startsWith(`${file.name}!`) ? e.source.slice(file.name.length + 1) : e.source.startsWith(`${file.name}#`) ? e.source.slice(file.name.length) : e.source;
    }
    if (!list.length) {
      show(file.name, "warning", say("no recording found in it, nothing imported"), []);
    } else if (list.length === 1 && !list[0].label) {
      const only = list[0];
      show(file.name, severity(list), only.text, only.notes.map((n) => ({ label: "", text: n, notes: [], source: only.source })), undefined, only.href);
    } else {
      show(file.name, severity(list), tally(list), list);
    }
  }

  function send(file) {
    return new Promise((resolve) => {
      if (file.size > maxBytes) {
        refused(file.name, say("refused: larger than the {limit} limit, not sent", { limit: zone.dataset.maxText }), zone.dataset.maxHint);
        resolve();
        return;
      }
      const request = new XMLHttpRequest();
      const form = new FormData();
      form.append("file", file);
      request.open("POST", zone.dataset.url);
      request.setRequestHeader("x-csrf-token", zone.dataset.csrf);
      request.upload.onprogress = (event) => { if (event.lengthComputable) bar.value = (100 * event.loaded) / event.total; };
      request.upload.onload = () => { now.textContent = say("Reading {file}…", { file: file.name }); };
      request.onload = () => {
        let answer = null;
        try { answer = JSON.parse(request.responseText); } catch (e) { /* not JSON: said below */ }
        if (request.status >= 200 && request.status < 300 && answer) {
          showAnswer(file, answer);
        } else {
          const error = (answer && answer.error) || {};
          // The API's message is English (clients read its code): a file over the limit is said in the page's words.
          if (error.code === "too_large") {
            refused(file.name, say("refused: larger than the {limit} limit", { limit: zone.dataset.maxText }), zone.dataset.maxHint);
          } else {
            refused(file.name, say("refused: {why}", { why: error.message || say("the server answered {status}", { status: request.status }) }), error.hint);
          }
        }
        resolve();
      };
      request.onerror = () => { refused(file.name, say("not sent: no connection to the server"), say("try again when you are online")); resolve(); };
      request.send(form);
    });
  }

  async function upload(picked) {
    const files = Array.from(picked);
    if (!files.length) return;
    report.replaceChildren();
    batch = [];
    bar.hidden = false;
    for (const [index, file] of files.entries()) {
      bar.value = 0;
      now.textContent = files.length > 1 ? say("Sending {file} ({n} of {total})…", { file: file.name, n: index + 1, total: files.length }) : say("Sending {file}…", { file: file.name });
      await send(file);
    }
    bar.hidden = true;
    now.textContent = "";
    if (files.length > 1) report.prepend(node("p", say("{n} files: {tally}.", { n: files.length, tally: tally(batch) || say("nothing found in them") }), "upload-summary"));
    if (window.htmx) htmx.ajax("GET", location.pathname, { target: "#activity-list", select: "#activity-list", swap: "outerHTML" });
  }
  const input = document.getElementById("files");
  // Cleared once read, so picking the same file again (after fixing it) sends it again.
  input.addEventListener("change", () => { const files = Array.from(input.files); input.value = ""; upload(files); });
  zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => { event.preventDefault(); zone.classList.remove("over"); upload(event.dataTransfer.files); });
})();
