// Small behaviours of every page: the print button and the service worker (offline player).
"use strict";
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
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => { /* offline use is a bonus, never a blocker */ });
}
