// The service worker: keeps the page's files and every routine opened, so that the page opens and a
// whole session runs with no connection. Online, everything is fetched fresh (the server asks for
// revalidation, so unchanged files cost a 304) and the copy kept is updated; offline, or when the
// network keeps the page waiting, the kept copy answers. The page's version (a hash of its files)
// names the cache of its files: a deploy installs a worker that keeps the new set and drops the old.
// Nothing personal is kept here: figures and events stay out of it (the page keeps its own, per
// person, in IndexedDB). It also shows reminders pushed by insights-service; a tap opens the week.

const VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
const SHELL = 'sukha-shell-' + VERSION;
const CATALOGUE = 'sukha-catalogue';
/** How long a slow network may keep the page waiting before a kept copy answers. */
const NETWORK_WAIT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const shell = await (await fetch('/shell.json', { cache: 'no-cache' })).json();
    const cache = await caches.open(SHELL);
    await cache.addAll(shell.files.map((f) => new Request(f, { cache: 'no-cache' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith('sukha-shell-') && n !== SHELL).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

const CATALOGUE_PATH = /^\/v1\/(routines|poses|programmes)(\/|$)/;
const SHELL_PATH = /^\/(index\.html|manifest\.json|shell\.json|page\/config|js\/.+|css\/.+|icons\/.+)$/;

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (CATALOGUE_PATH.test(url.pathname)) {
    event.respondWith(networkFirst(event, CATALOGUE, request));
  } else if (url.origin === self.location.origin && request.mode === 'navigate') {
    // Every address of the page is the same document; the kept copy is '/'.
    event.respondWith(networkFirst(event, SHELL, '/'));
  } else if (url.origin === self.location.origin && SHELL_PATH.test(url.pathname)) {
    event.respondWith(networkFirst(event, SHELL, url.pathname));
  }
  // Anything else (a person's figures, events sent): straight to the network, never kept here.
});

async function networkFirst(event, cacheName, key) {
  const cache = await caches.open(cacheName);
  const fromNetwork = fetch(event.request).then((response) => {
    if (response.ok) event.waitUntil(cache.put(key, response.clone()));
    return response;
  });
  // A slow network: the kept copy answers after a while, the fresh one still updates the cache. A quick answer
  // clears the wait, so that no timer outlives its request.
  let timer;
  const slow = new Promise((resolve) => { timer = setTimeout(resolve, NETWORK_WAIT_MS); }).then(() => cache.match(key));
  try {
    return await Promise.race([fromNetwork, slow.then((kept) => kept || fromNetwork)]);
  } catch (e) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

// A reminder (Web Push, decrypted by the browser): shown as a notification; its text says nothing of the person's health.
self.addEventListener('push', (event) => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { /* not ours to read: a plain reminder */ }
  event.waitUntil(self.registration.showNotification(data.title || 'Time to practise', {
    body: data.body || "Today's session is ready when you are.",
    tag: data.tag || 'sukha-reminder',
    icon: '/icons/icon-192.png',
    data: { url: sameOrigin(data.url) },
  }));
});

// A tap opens today's session: the page already open comes forward on the week, else a new one opens there.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = sameOrigin(event.notification.data && event.notification.data.url);
  event.waitUntil((async () => {
    const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const page = open.find((c) => new URL(c.url).origin === self.location.origin);
    if (page) {
      await page.focus();
      return page.navigate(url).catch(() => page);
    }
    return self.clients.openWindow(url);
  })());
});

/** Only an address of this page: a payload never sends a person elsewhere. */
function sameOrigin(url) {
  try {
    const u = new URL(url || '/#/week', self.location.origin);
    return u.origin === self.location.origin ? u.href : self.location.origin + '/#/week';
  } catch (e) {
    return self.location.origin + '/#/week';
  }
}
