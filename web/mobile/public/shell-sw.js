// The service worker of both mobile apps, served as /portal/sw.js and /field/sw.js (the app is the
// first part of the worker's own path, and the worker's scope): the app shell works offline after
// the first visit. On install it keeps the shell page and every asset the shell names (entry
// script, preloaded chunks, styles: the first page load happens before the worker controls the
// page, so waiting for those requests would leave them out), plus the icon and manifest. Hashed
// assets (/m-assets/, shared by both apps) are served from the cache, and any other one (a lazy
// chunk) is cached on first use; an app may also send the assets it has loaded
// ({ type: 'cache', urls }). Pages go to the network first (a new shell and its assets are kept)
// and fall back to the kept shell. The API is never cached here: the apps keep their reads and
// queue their writes in IndexedDB.
const APP = self.location.pathname.split('/')[1]; // 'portal' | 'field'
const CACHE = `wangge-${APP}-v3`;
const SHELL = `/${APP}/`;
const FILES = [`/${APP}/icon.svg`, `/${APP}/manifest.webmanifest`];

/** The /m-assets/ URLs a shell page names (script src, modulepreload and stylesheet hrefs). */
function assetsOf(html) {
  const urls = new Set();
  const re = /(?:src|href)="(\/m-assets\/[^"]+)"/g;
  let m;
  while ((m = re.exec(html))) urls.add(m[1]);
  return [...urls];
}

/** Keeps the shell and everything it names; missing assets are fetched, kept ones reused. */
async function keepShell(cache, res) {
  const html = await res.clone().text();
  await cache.put(SHELL, res);
  await Promise.all(
    assetsOf(html).map(async (u) => {
      if (await cache.match(u)) return;
      const r = await fetch(u, { credentials: 'same-origin' });
      if (r.ok) await cache.put(u, r);
    }),
  );
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then(async (c) => {
        const res = await fetch(SHELL, { cache: 'no-store', credentials: 'same-origin' });
        if (!res.ok) throw new Error(`shell ${res.status}`);
        await keepShell(c, res);
        await Promise.all(FILES.map((f) => c.add(f).catch(() => undefined)));
      })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith(`wangge-${APP}-`) && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// The page names what it loaded (performance entries): keep any that is not kept yet.
self.addEventListener('message', (event) => {
  const d = event.data;
  if (!d || d.type !== 'cache' || !Array.isArray(d.urls)) return;
  event.waitUntil(
    caches.open(CACHE).then((c) =>
      Promise.all(
        d.urls
          .filter(
            (u) =>
              typeof u === 'string' && new URL(u, self.location.origin).pathname.startsWith('/m-assets/'),
          )
          .map(async (u) => {
            const path = new URL(u, self.location.origin).pathname;
            if (await c.match(path)) return;
            const r = await fetch(path, { credentials: 'same-origin' }).catch(() => null);
            if (r && r.ok) await c.put(path, r);
          }),
      ),
    ),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/m-assets/')) {
    event.respondWith(
      caches.open(CACHE).then(async (c) => {
        const hit = await c.match(url.pathname);
        if (hit) return hit;
        const res = await fetch(event.request);
        if (res.ok) await c.put(url.pathname, res.clone());
        return res;
      }),
    );
    return;
  }
  if (FILES.includes(url.pathname)) {
    event.respondWith(
      fetch(event.request)
        .then(async (res) => {
          if (res.ok) await caches.open(CACHE).then((c) => c.put(url.pathname, res.clone()));
          return res;
        })
        .catch(async () => (await caches.match(url.pathname)) ?? Response.error()),
    );
    return;
  }
  if (event.request.mode === 'navigate' && url.pathname.startsWith(`/${APP}`)) {
    event.respondWith(
      fetch(event.request)
        .then(async (res) => {
          if (res.ok) {
            const copy = res.clone();
            event.waitUntil(
              caches
                .open(CACHE)
                .then((c) => keepShell(c, copy))
                .catch(() => undefined),
            );
          }
          return res;
        })
        .catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    );
  }
});
