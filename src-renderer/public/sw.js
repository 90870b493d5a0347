/* Firstline service worker (registered by src-renderer/host/register-sw.ts).
 * Lets an agent reload the page while the desk server is down:
 *  - navigations: network first, falling back to the cached page: /engine.html for the phone
 *    engine's page (Electron's engine window), /index.html (the app shell) for every other path;
 *  - same-origin GET /assets/… (hashed, immutable): cache first, cached on first use;
 *  - other same-origin GETs (icons, locales): network first, cached copy when offline;
 *  - /api/… and anything not GET or not same-origin: never touched.
 * Both pages and every asset they reference are cached at install, so the very first offline
 * reload works, and a page that runs the phone engine itself (the browser host without its
 * engine frame) can load the engine's code offline.
 * Plain JavaScript, copied as-is by Vite to the root of the web build.
 */
/* global self, caches */
const SHELL = 'firstline-shell-v2';
const ASSETS = 'firstline-assets-v1';
const KEEP = [SHELL, ASSETS];
const MAX_ASSETS = 300;

/** The page a navigation to `pathname` is cached as and falls back to. */
const pageOf = (pathname) => (pathname === '/engine.html' ? '/engine.html' : '/index.html');
const PAGES = ['/index.html', '/engine.html'];

/** Caches both pages and every asset they reference, so the very first offline reload works
 * (the page that registered us loaded its scripts before we were in control). */
const precache = async () => {
  const shell = await caches.open(SHELL);
  const assets = new Set();
  for (const page of PAGES) {
    const res = await fetch(new Request(page, { cache: 'reload' }));
    if (!res.ok) continue;
    const html = await res.clone().text();
    await shell.put(page, res);
    for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) assets.add(m[1]);
  }
  const cache = await caches.open(ASSETS);
  await Promise.all([...assets].map((a) => cache.add(a)));
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
  const page = pageOf(new URL(request.url).pathname);
  try {
    const res = await fetch(request);
    const type = res.headers.get('content-type') || '';
    if (res.ok && type.includes('text/html')) {
      const cache = await caches.open(SHELL);
      await cache.put(page, res.clone());
    }
    return res;
  } catch (e) {
    const cached = await caches.match(page, { cacheName: SHELL });
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
