// The service worker: keeps the player page, its files and the demonstrations of its session, so a session
// goes on offline after one visit. The player: network first, the cached copy when offline; other pages:
// the network, else a page saying the device is offline, with the way to the player. Static files and
// demonstrations: cached copy first.
"use strict";
// A new name whenever a cached file changes: static files are served cache first, so only a new cache (the
// old one is deleted on activate) brings a changed player.js to phones that already have the old one.
const CACHE = "calfcoach-v24";
// What any other page shows when the server cannot be reached (the installed app starts at /today).
const OFFLINE = "/static/offline.html";
const ASSETS = [
  "/static/app.css",
  "/static/app.js",
  "/static/charts.js",
  "/static/player.js",
  "/static/icon.svg",
  "/static/vendor/htmx-2.0.11.min.js",
  OFFLINE,
];
// The player page's data block (templates/player.html); its JSON cannot hold "</script>" (json_script).
const PLAYER_DATA = /<script type="application\/json" id="player-data">([\s\S]*?)<\/script>/;

// The demonstration addresses of the session on a player page ("demos" in web/pages/player.py).
function demosOf(html) {
  const found = PLAYER_DATA.exec(html);
  if (!found) return [];
  try {
    const demos = JSON.parse(found[1]).demos;
    return Array.isArray(demos) ? demos.filter((url) => typeof url === "string") : [];
  } catch {
    return [];
  }
}

// Keep a player page and fetch each of its demonstrations not kept yet. Only the signed-in player itself:
// a redirect (to the sign-in page) is not the player. The files are fetched again if missing: signing out
// deletes the cache (app.js), and the worker, already installed, does not install again.
async function keepPlayer(response) {
  if (!response.ok || response.redirected) return;
  const cache = await caches.open(CACHE);
  await cache.put("/player", response.clone());
  const demos = demosOf(await response.text());
  await Promise.all([...ASSETS, ...demos].map(async (url) => {
    if (!(await cache.match(url))) await cache.add(url).catch(() => { /* the next visit tries again */ });
  }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(ASSETS))
      .then(() => fetch("/player").then(keepPlayer).catch(() => { /* offline or signed out: kept at the next visit */ }))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || url.pathname.startsWith("/api/")) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  if (url.pathname.endsWith("/demo.svg")) {
    // Demonstrations seen once stay available offline.
    event.respondWith(
      caches.match(request).then((hit) => hit || fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })),
    );
    return;
  }
  if (request.mode === "navigate" && url.pathname === "/player") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          // The page answers at once; its demonstrations are fetched while the worker is kept alive.
          event.waitUntil(keepPlayer(response.clone()));
          return response;
        })
        .catch(() => caches.match("/player").then((hit) => hit || caches.match(OFFLINE))),
    );
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
  }
});
