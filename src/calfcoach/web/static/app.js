// Small behaviours of every page: the print button, whole pages for pages with scripts of their own, and the
// service worker (offline player).
"use strict";
// The scripts' messages in the reader's language: base.html holds the catalog's words for them (web/
// js_messages.py) in #messages; English is the text itself. Placeholders are {name}, filled from `values`.
window.say = function say(text, values) {
  let words = text;
  const block = document.getElementById("messages");
  if (block) {
    try { words = JSON.parse(block.textContent)[text] || text; } catch (e) { words = text; }
  }
  return values ? words.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole)) : words;
};
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) window.print();
});
// Signing out forgets the offline copy of the player page (it holds this person's session); sets still
// waiting in the outbox are kept, to be sent at the next sign-in.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && new URL(form.action, location.href).pathname === "/logout" && "caches" in window) {
    caches.keys().then((keys) => keys.filter((k) => k.startsWith("calfcoach-")).forEach((k) => caches.delete(k)));
  }
});
// A boosted link swaps in only the new page's body, so the scripts in its <head> would not run: Progress and
// the report showed empty chart boxes when reached by a link. A page that needs a script this one has not
// loaded is opened as a whole page instead (links only: a form's answer is swapped in as before).
document.addEventListener("htmx:beforeSwap", (event) => {
  const detail = event.detail;
  if (!detail.boosted || !detail.shouldSwap || detail.requestConfig.verb !== "get") return;
  if (typeof detail.serverResponse !== "string") return;
  const page = new DOMParser().parseFromString(detail.serverResponse, "text/html");
  const loaded = new Set(Array.from(document.scripts, (script) => script.src));
  const needed = Array.from(page.head.querySelectorAll("script[src]"), (script) => new URL(script.getAttribute("src"), location.href).href);
  if (needed.every((src) => loaded.has(src))) return;
  detail.shouldSwap = false;
  location.assign(detail.xhr.responseURL || detail.pathInfo.finalRequestPath);
});
// A boosted page keeps this document's <html>, so its lang would stay the first page's: after choosing
// another language on the account page, or signing in as someone who reads another than the browser's,
// screen readers, the charts' month names and the player's voice took the wrong one until a reload.
document.addEventListener("htmx:beforeSwap", (event) => {
  const detail = event.detail;
  if (!detail.boosted || !detail.shouldSwap || typeof detail.serverResponse !== "string") return;
  const found = /^\s*<!doctype html>\s*<html\s[^>]*\blang="([\w-]+)"/i.exec(detail.serverResponse);
  if (found) document.documentElement.lang = found[1];
});
// A time zone field left empty takes this device's zone, which is the person's in nearly every case; on
// the first page and on every page a boosted link or form answer swaps in.
function fillDeviceZones() {
  document.querySelectorAll("input[data-device-zone]").forEach((input) => {
    if (input.value) return;
    let zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { /* unknown */ }
    // Only a name the server knows (its suggestions): some browsers answer "Etc/Unknown".
    if (input.list && Array.from(input.list.options).some((option) => option.value === zone)) input.value = zone;
  });
}
fillDeviceZones();
document.addEventListener("htmx:afterSettle", fillDeviceZones);
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => { /* offline use is a bonus, never a blocker */ });
}
// A refused form comes back with its problems next to the fields: bring the form's alert into view and put
// the cursor in the first field to fix (the page would otherwise open at its top, far from a lower form).
function showFormError() {
  const alert = document.querySelector(".form-error");
  if (!alert) return;
  alert.scrollIntoView({ block: "start" });
  const field = alert.closest("form")?.querySelector("[aria-invalid='true'], fieldset[aria-describedby] input");
  if (field instanceof HTMLElement) field.focus({ preventScroll: true });
}
document.addEventListener("DOMContentLoaded", showFormError);
document.addEventListener("htmx:afterSettle", showFormError);
