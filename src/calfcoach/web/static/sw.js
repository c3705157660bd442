// The service worker: keeps the player page and its files so a session goes on offline.
// Pages: network first, the cached copy when offline. Static files: cached copy first.
"use strict";
// A new name whenever a cached file changes: static files are served cache first, so only a new cache (the
// old one is deleted on activate) brings a changed player.js to phones that already have the old one.
const CACHE = "calfcoach-v4";
const ASSETS = ["/player", "/static/app.css", "/static/app.js", "/static/player.js", "/static/vendor/htmx-2.0.11.min.js"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()));
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
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put("/player", copy));
          }
          return response;
        })
        .catch(() => caches.match("/player")),
    );
  }
});
