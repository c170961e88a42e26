// Service worker of /portal/: the app shell works offline. Hashed assets (/m-assets/) are cached on
// first use and served from the cache; pages are fetched from the network and fall back to the
// cached shell; the API is never cached (offline writes are queued by the app in IndexedDB).
const CACHE = 'wangge-portal-v1';
const SHELL = '/portal/';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((c) => c.add(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('wangge-portal-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/m-assets/')) {
    event.respondWith(
      caches.open(CACHE).then(async (c) => {
        const hit = await c.match(event.request);
        if (hit) return hit;
        const res = await fetch(event.request);
        if (res.ok) await c.put(event.request, res.clone());
        return res;
      }),
    );
    return;
  }
  if (event.request.mode === 'navigate' && url.pathname.startsWith('/portal')) {
    event.respondWith(
      fetch(event.request)
        .then(async (res) => {
          if (res.ok) await caches.open(CACHE).then((c) => c.put(SHELL, res.clone()));
          return res;
        })
        .catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    );
  }
});
