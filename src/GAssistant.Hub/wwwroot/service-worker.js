// The hub's service worker (issue 22): a phone that installed the hub gets the offline page in its language instead
// of the browser's error when the hub cannot be reached. Blazor Server needs its connection, so pages are never kept:
// a page is fetched from the network every time, and only when that fails (or the proxy in front of the hub says it
// is not answering: 502, 504) is the offline page shown. The worker keeps only the anonymous shell the offline page
// uses; it never touches /api/, /_blazor, /health or anything but GET, and never keeps a signed-in page.
// Its address carries the build's version (?v=…, InstallableApp.ServiceWorkerUrl): a new deploy installs a new
// worker whose cache replaces the old one.
const VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
const SHELL_CACHE = `gassistant-shell-${VERSION}`;
// The language of the last page the hub sent (its Content-Language), kept across versions.
const STATE_CACHE = 'gassistant-state';
const LANGUAGE_KEY = '/offline/last-language';
const LANGUAGES = ['ar', 'en'];
const SHELL = [
  '/app.css', '/pwa.js', '/icon.svg', '/favicon-32.png', '/icon-192.png', '/icon-512.png', '/icon-maskable-512.png',
  '/apple-touch-icon.png', ...LANGUAGES.map(language => `/offline/${language}`),
];
const UNTOUCHED = ['/api', '/_blazor', '/health'];

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    await cache.addAll(SHELL.map(path => new Request(path, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter(name => name.startsWith('gassistant-shell-') && name !== SHELL_CACHE).map(name => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin
      || UNTOUCHED.some(path => url.pathname === path || url.pathname.startsWith(`${path}/`))) {
    return;
  }

  if (request.mode === 'navigate') {
    event.respondWith(navigate(event));
  } else if (SHELL.includes(url.pathname) && !url.search) {
    event.respondWith(shell(request));
  }
});

async function navigate(event) {
  let response;
  try {
    response = await fetch(event.request);
  } catch {
    return (await offlinePage()) || Response.error();
  }

  if (response.status === 502 || response.status === 504) {
    return (await offlinePage()) || response;
  }

  const language = (response.headers.get('Content-Language') || '').slice(0, 2);
  if (LANGUAGES.includes(language)) {
    event.waitUntil(caches.open(STATE_CACHE).then(cache => cache.put(LANGUAGE_KEY, new Response(language))));
  }

  return response;
}

/** The shell from the network when it answers (so it is never stale), else as kept. */
async function shell(request) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const copy = response.clone();
      caches.open(SHELL_CACHE).then(cache => cache.put(request, copy));
    }
    return response;
  } catch {
    return (await caches.match(request, { cacheName: SHELL_CACHE })) || Response.error();
  }
}

async function offlinePage() {
  return caches.match(`/offline/${await language()}`, { cacheName: SHELL_CACHE });
}

/** The language of the last page the hub sent; else the language chosen with the switch (its cookie); else the browser's. */
async function language() {
  const kept = await (await caches.open(STATE_CACHE)).match(LANGUAGE_KEY);
  const last = kept ? await kept.text() : '';
  if (LANGUAGES.includes(last)) {
    return last;
  }

  try {
    const cookie = self.cookieStore ? await self.cookieStore.get('.AspNetCore.Culture') : null;
    const chosen = /uic=(\w\w)/.exec(decodeURIComponent((cookie && cookie.value) || ''));
    if (chosen && LANGUAGES.includes(chosen[1])) {
      return chosen[1];
    }
  } catch {
    // cookieStore is not in every browser's worker
  }

  return (self.navigator.language || '').toLowerCase().startsWith('en') ? 'en' : 'ar';
}
