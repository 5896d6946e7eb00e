// Gánh's service worker: pages she has seen open again without a network
// (network first, the copy kept only for when the network fails), the
// versioned assets from the cache, an offline page for the rest. The cart,
// checkout, sign-in, uploads, the API and every non-GET request always go
// to the network; signing out empties the cache.
"use strict";
var CACHE = "ganh-v1", OFFLINE = "/ngoai-tuyen";
var NEVER = /^\/(gio-hang|thanh-toan|dang-nhap|dang-ky|dang-xuat|khoi-phuc-mat-khau|tai-anh|api|sw\.js)/;

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (c) { return c.add(OFFLINE); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function keep(req, res) {
  var cc = res.headers.get("Cache-Control") || "";
  if (res.ok && res.type === "basic" && cc.indexOf("no-store") < 0) {
    var copy = res.clone();
    caches.open(CACHE).then(function (c) { return c.put(req, copy); });
  }
  return res;
}

self.addEventListener("fetch", function (e) {
  var req = e.request, url = new URL(req.url);
  if (url.origin !== self.location.origin) { return; }
  if (req.method === "POST" && url.pathname === "/dang-xuat") {
    // Her pages leave the phone with her session.
    e.waitUntil(caches.delete(CACHE).then(function () { return caches.open(CACHE); }).then(function (c) { return c.add(OFFLINE); }));
    return;
  }
  if (req.method !== "GET" || NEVER.test(url.pathname)) { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    e.respondWith(caches.match(req).then(function (hit) {
      return hit || fetch(req).then(function (res) { return keep(req, res); });
    }));
    return;
  }
  if (req.mode !== "navigate") { return; }
  e.respondWith(fetch(req).then(function (res) { return keep(req, res); }, function () {
    return caches.match(req).then(function (hit) { return hit || caches.match(OFFLINE); });
  }));
});
