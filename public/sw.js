// Mentora's service worker: keeps the app shell available offline and upgrades it file by file.
//
// `cargo xtask build` fills PRECACHE with every file of the shell, its revision (the first 10 hex
// digits of its SHA-256) and its full SHA-256. Hashed assets (/assets/name-HASH.ext) are cached
// under their URL; index.html and the manifest under URL?rev=HASH. On install only entries missing
// from the cache are fetched, so an upgrade downloads only what changed (the wasm and JS as deltas
// against the installed version where the server has one: server/src/deltas.rs); each fetched
// file's SHA-256 is checked before it is cached, and a mismatch fails the install, so the old
// version stays active. On activate entries no longer listed are deleted. Nothing here touches
// IndexedDB or localStorage: an upgrade never loses the user's data.
'use strict';

const PRECACHE = /*PRECACHE*/[];
const VERSION = '/*VERSION*/';
const CACHE = 'mentora-shell';

const cacheKey = (entry) => (entry.url.startsWith('/assets/') ? entry.url : `${entry.url}?rev=${entry.rev}`);
const wanted = new Set(PRECACHE.map((entry) => new URL(cacheKey(entry), self.location.origin).href));
const byUrl = new Map(PRECACHE.map((entry) => [entry.url, cacheKey(entry)]));
const shellKey = byUrl.get('/index.html');
const hex = (digest) => Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const entry of PRECACHE) {
      const key = cacheKey(entry);
      if (await cache.match(key)) continue;
      const response = await fetch(entry.url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`precache ${entry.url}: HTTP ${response.status}`);
      const copy = response.clone();
      const sha256 = hex(await crypto.subtle.digest('SHA-256', await response.arrayBuffer()));
      if (sha256 !== entry.sha256) throw new Error(`precache ${entry.url}: SHA-256 ${sha256}, expected ${entry.sha256}`);
      await cache.put(key, copy);
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const request of await cache.keys()) {
      if (!wanted.has(request.url)) await cache.delete(request);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(fromCacheOrNetwork(shellKey, request));
    return;
  }
  const key = byUrl.get(url.pathname);
  if (key) event.respondWith(fromCacheOrNetwork(key, request));
});

async function fromCacheOrNetwork(key, request) {
  const cached = key && (await caches.match(key, { cacheName: CACHE }));
  return cached || fetch(request);
}

self.addEventListener('message', (event) => {
  if (event.data === 'version') event.source?.postMessage({ version: VERSION });
});
