// The service worker: precaches every file of the build and serves them, so that the app works
// offline, in this tab and in new ones. scripts/post-build.mjs writes it into the build with two
// constants in front of this text:
//   VERSION   a hash over the list below: a new build gives a new cache name
//   PRECACHE  every file of the build (but this one): { url, sha256, bytes }, relative to the scope
//
// Files are keyed on their contents (SHA-256), not on their names (trunk hashes names before
// wasm-opt runs): a download whose contents do not match the build is refused, and a file that did
// not change between two builds is copied from the old cache instead of downloaded again. The new
// cache takes over only when complete; then the old caches are deleted.

const PREFIX = 'article-structurer-';
const CACHE = `${PREFIX}${VERSION}`;
const HASH_HEADER = 'X-Content-SHA256';

const scoped = (url) => new URL(url, self.registration.scope).href;

async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A cached copy of `entry` from an older build's cache, if one has the same contents. */
async function fromOldCaches(entry, url) {
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX) || name === CACHE) continue;
    const hit = await (await caches.open(name)).match(url);
    if (hit && hit.headers.get(HASH_HEADER) === entry.sha256) return hit;
  }
  return null;
}

async function download(entry, url) {
  const response = await fetch(url, { cache: 'reload', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`precache: ${url}: HTTP ${response.status}`);
  const body = await response.arrayBuffer();
  const got = await sha256(body);
  if (got !== entry.sha256) {
    throw new Error(`precache: ${url} does not match this build (sha256 ${got}, expected ${entry.sha256})`);
  }
  const headers = new Headers(response.headers);
  headers.set(HASH_HEADER, entry.sha256);
  return new Response(body, { status: 200, statusText: 'OK', headers });
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    try {
      await Promise.all(PRECACHE.map(async (entry) => {
        const url = scoped(entry.url);
        const cached = await cache.match(url);
        if (cached && cached.headers.get(HASH_HEADER) === entry.sha256) return;
        await cache.put(url, (await fromOldCaches(entry, url)) ?? (await download(entry, url)));
      }));
    } catch (error) {
      // An incomplete cache never serves: the old worker (if any) stays in charge.
      await caches.delete(CACHE);
      throw error;
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// The page itself (the scope's root) is index.html; every other precached file is served by its
// path, ignoring any query string. Anything else goes to the network as usual.
const PATHS = new Map(PRECACHE.map((entry) => [new URL(scoped(entry.url)).pathname, entry.url]));
const ROOT = new URL(self.registration.scope).pathname;
if (PATHS.has(`${ROOT}index.html`)) PATHS.set(ROOT, 'index.html');

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const file = PATHS.get(url.pathname);
  if (file === undefined) return;
  event.respondWith((async () => {
    const cached = await caches.match(scoped(file), { cacheName: CACHE });
    return cached ?? fetch(request);
  })());
});
