/* Firstline service worker (web host only; registered by src-renderer/host/register-sw.ts).
 * Lets an agent reload the page while the desk server is down:
 *  - navigations: network first, falling back to the cached /index.html (the app shell);
 *  - same-origin GET /assets/… (hashed, immutable): cache first, cached on first use;
 *  - other same-origin GETs (icons, locales): network first, cached copy when offline;
 *  - /api/… and anything not GET or not same-origin: never touched.
 * Plain JavaScript, copied as-is by Vite to the root of the web build.
 */
/* global self, caches */
const SHELL = 'firstline-shell-v1';
const ASSETS = 'firstline-assets-v1';
const KEEP = [SHELL, ASSETS];
const MAX_ASSETS = 300;

/** Caches the app shell and every asset it references, so the very first offline reload works
 * (the page that registered us loaded its scripts before we were in control). */
const precache = async () => {
  const res = await fetch(new Request('/index.html', { cache: 'reload' }));
  if (!res.ok) return;
  const html = await res.clone().text();
  await (await caches.open(SHELL)).put('/index.html', res);
  const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]))];
  const cache = await caches.open(ASSETS);
  await Promise.all(assets.map((a) => cache.add(a)));
};

self.addEventListener('install', (event) => {
  event.waitUntil(
    precache()
      .catch(() => undefined) // the server may be down at install time; the first navigation fills it
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('firstline-') && !KEEP.includes(k)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const trim = async (cache) => {
  const keys = await cache.keys();
  // keys() lists in insertion order: drop the oldest beyond the cap (old hashed bundles).
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_ASSETS)).map((k) => cache.delete(k)));
};

const navigate = async (request) => {
  try {
    const res = await fetch(request);
    const type = res.headers.get('content-type') || '';
    if (res.ok && type.includes('text/html')) {
      const cache = await caches.open(SHELL);
      await cache.put('/index.html', res.clone());
    }
    return res;
  } catch (e) {
    const cached = await caches.match('/index.html', { cacheName: SHELL });
    if (cached) return cached;
    throw e;
  }
};

const cacheFirst = async (request) => {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === 'basic') {
    await cache.put(request, res.clone());
    await trim(cache);
  }
  return res;
};

const networkFirst = async (request) => {
  const cache = await caches.open(ASSETS);
  try {
    const res = await fetch(request);
    if (res.ok && res.type === 'basic') await cache.put(request, res.clone());
    return res;
  } catch (e) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw e;
  }
};

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  if (url.pathname === '/sw.js') return;
  if (request.mode === 'navigate') return event.respondWith(navigate(request));
  if (url.pathname.startsWith('/assets/')) return event.respondWith(cacheFirst(request));
  return event.respondWith(networkFirst(request));
});
