// The site's service worker, `<base>sw.js` (its scope is the base path). The prerenderer
// (src/prerender/service_worker.rs) writes it minified, after a line that declares DEPLOYMENT:
//   version    a hash of the files below: the name of this deployment's cache
//   files      what install fetches: the offline page and the app's hashed files
//   languages  per language of the site, the other languages first: its pages' folder
//              (`home`); its offline page's URL (`offline`), shown for a page of that
//              folder that is not saved here; the notice on a saved copy (`savedCopy`, an
//              HTML element, `{date}` where the date goes); the date's `months` and `date`
//              format (`{month} {day}, {year}`)
//   pages      how many pages (and their data) are kept, oldest out
//   images     the folder of the posts' pictures, and how many bytes of them are kept
// Pages are network-first: a reader online always gets the current page; the saved copy
// is shown only when the network fails or is slow. Nothing else is stored, nothing sent.

/* global DEPLOYMENT */
// Every cache of this site starts with its scope, so another site on the same origin
// (another base path) keeps its own, and the retiring worker knows which to delete.
const PREFIX = `offline ${self.registration.scope} `;
const FILES = `${PREFIX}files ${DEPLOYMENT.version}`;
const PAGES = `${PREFIX}pages ${DEPLOYMENT.version}`;
const PICTURES = `${PREFIX}pictures ${DEPLOYMENT.version}`;
const PICTURES_DIR = new URL(DEPLOYMENT.images.dir, location.href).href;
// A picture's copies differ only in their width: `<name>-<width>-<hash>.<ext>`.
const COPY = /^(.*)-\d+-([0-9a-f]+\.[a-z]+)$/;
const LANGUAGES = DEPLOYMENT.languages.map((language) => ({
  ...language,
  home: new URL(language.home, location.href).href,
  offline: new URL(language.offline, location.href).href,
}));
const PRECACHED = new Set(DEPLOYMENT.files.map((file) => new URL(file, location.href).href));
// Names with a content hash (as Trunk and the prerenderer write them): never change.
const HASHED = /-[0-9a-f]{12,16}(?:_bg)?\.[a-z]+$/;
// How long a page may take before the saved copy is shown instead.
const NETWORK_WAIT_MS = 4000;
const SAVED_AT = 'X-Saved-At';
const SIZE = 'X-Size';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(FILES);
      await cache.addAll(DEPLOYMENT.files);
      // Cloudflare Pages and Netlify redirect `offline.html` to `offline`, and a redirected
      // answer cannot answer a navigation: each offline page is kept as a plain answer.
      for (const { offline } of LANGUAGES) {
        const kept = await cache.match(offline);
        if (kept?.redirected) await cache.put(offline, new Response(await kept.blob(), kept));
      }
      await self.skipWaiting();
    })(),
  );
});

// A new deployment's worker takes over the open pages (their next navigation is its),
// deletes the caches of the one before, and saves the pages open now, which were loaded
// before any worker ran.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && ![FILES, PAGES, PICTURES].includes(name)) await caches.delete(name);
      }
      await self.clients.claim();
      for (const client of await self.clients.matchAll({ type: 'window' })) {
        const url = pageKey(client.url);
        if (!LANGUAGES.some((language) => language.offline === url)) await fetch(url).then((response) => keepPage(url, response), ignore);
      }
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || !url.href.startsWith(self.registration.scope)) return;
  if (request.mode === 'navigate') event.respondWith(page(request, event));
  else if (PRECACHED.has(url.href)) event.respondWith(cacheFirst(request, FILES));
  else if (url.href.startsWith(PICTURES_DIR)) event.respondWith(picture(request));
  else if (HASHED.test(url.pathname)) event.respondWith(cacheFirst(request, PAGES));
  else if (url.pathname.endsWith('.json') && url.pathname.includes('/content/')) event.respondWith(networkFirst(request, event));
});

const ignore = () => {};

/** A page is saved under its address without query or fragment: the HTML is the same. */
function pageKey(href) {
  const url = new URL(href);
  url.search = '';
  url.hash = '';
  return url.href;
}

/** The network's answer; if it fails or is slow, the saved copy; else the offline page. */
async function page(request, event) {
  const key = pageKey(request.url);
  const network = fetch(request);
  event.waitUntil(network.then((response) => keepPage(key, response.clone()), ignore));
  const slow = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT_MS));
  try {
    const answer = await Promise.race([network, slow]);
    if (answer) return answer;
    return (await savedCopy(key)) ?? (await network);
  } catch {
    const offline = languageOf(key).offline;
    return (await savedCopy(key)) ?? (await caches.match(offline, { cacheName: FILES })) ?? Response.error();
  }
}

/** Keeps a page as it was served, with the time it was saved, the data it hydrates with, and its pictures. */
async function keepPage(key, response) {
  // Not found pages, redirects and errors are not worth keeping.
  if (response.status !== 200 || response.redirected || response.type !== 'basic') return;
  const html = await response.text();
  const headers = { 'Content-Type': response.headers.get('Content-Type'), [SAVED_AT]: new Date().toISOString() };
  await keep(key, new Response(html, { headers }));
  const data = /\sdata-page-data="([^"]+)"/.exec(html);
  if (data) {
    const url = new URL(data[1], key).href;
    const cache = await caches.open(PAGES);
    if (!(await cache.match(url))) await fetch(url).then((data) => data.ok && keep(url, data), ignore);
  }
  for (const copy of smallestCopies(html, key)) {
    if (!(await caches.match(copy, { cacheName: PICTURES }))) await fetch(copy).then((answer) => keepPicture(copy, answer), ignore);
  }
}

/** The smallest copy of each picture of a page (its `srcset`): what a saved copy shows offline. */
function smallestCopies(html, page) {
  const copies = [];
  for (const [, srcset] of html.matchAll(/<img\s[^>]*?\bsrcset="([^"]+)"/g)) {
    const offered = srcset.split(',').map((candidate) => {
      const [address, width] = candidate.trim().split(/\s+/);
      return { address, width: Number.parseInt(width, 10) };
    });
    offered.sort((a, b) => a.width - b.width);
    if (offered.length) copies.push(new URL(offered[0].address, page).href);
  }
  return copies;
}

/** A picture: the copy asked for, kept once fetched; offline, any copy of it that was kept. */
async function picture(request) {
  const cached = await caches.match(request, { cacheName: PICTURES });
  if (cached) return cached;
  try {
    const answer = await fetch(request);
    await keepPicture(request.url, answer.clone());
    return answer;
  } catch (error) {
    const cache = await caches.open(PICTURES);
    const wanted = COPY.exec(request.url);
    for (const kept of await cache.keys()) {
      const other = COPY.exec(kept.url);
      if (wanted && other && other[1] === wanted[1] && other[2] === wanted[2]) return cache.match(kept);
    }
    throw error;
  }
}

/** Keeps a copy of a picture, dropping the oldest ones beyond the byte limit. */
async function keepPicture(url, answer) {
  if (!answer.ok || answer.type !== 'basic') return;
  const bytes = await answer.arrayBuffer();
  if (bytes.byteLength > DEPLOYMENT.images.bytes) return;
  const cache = await caches.open(PICTURES);
  await cache.put(url, new Response(bytes, { headers: { 'Content-Type': answer.headers.get('Content-Type'), [SIZE]: bytes.byteLength } }));
  // Newest last: the oldest go first.
  const kept = [];
  for (const request of await cache.keys()) kept.push({ request, size: Number((await cache.match(request)).headers.get(SIZE)) });
  let total = kept.reduce((sum, { size }) => sum + size, 0);
  for (const { request, size } of kept) {
    if (total <= DEPLOYMENT.images.bytes) break;
    await cache.delete(request);
    total -= size;
  }
}

/** Puts an answer in the pages' cache as the newest entry, and drops the oldest beyond the limit. */
async function keep(key, response) {
  const cache = await caches.open(PAGES);
  await cache.delete(key);
  await cache.put(key, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - DEPLOYMENT.pages))) await cache.delete(old);
}

/** The language whose folder holds the page at `url` (the default language's is the base, listed last). */
function languageOf(url) {
  return LANGUAGES.find((language) => url.startsWith(language.home)) ?? LANGUAGES[LANGUAGES.length - 1];
}

/** The saved copy of a page, with a notice at the top saying so and when it was saved, in the page's language. */
async function savedCopy(key) {
  const saved = await caches.match(key, { cacheName: PAGES });
  if (!saved) return undefined;
  const at = new Date(saved.headers.get(SAVED_AT));
  const language = languageOf(key);
  const notice = language.savedCopy.replace('{date}', `<time datetime="${at.toISOString()}">${savedDate(at, language)}</time>`);
  // Before the app's root element, which hydration walks (src/takeover.rs).
  const html = (await saved.text()).replace(/<body[^>]*>/, (body) => `${body}${notice}`);
  return new Response(html, { headers: { 'Content-Type': saved.headers.get('Content-Type') } });
}

/** "December 2, 2026, 9:41", in the language's words and the device's time. */
function savedDate(at, language) {
  const time = `${at.getHours()}:${String(at.getMinutes()).padStart(2, '0')}`;
  const date = language.date.replace('{month}', language.months[at.getMonth()]).replace('{day}', at.getDate()).replace('{year}', at.getFullYear());
  return `${date}, ${time}`;
}

async function cacheFirst(request, cacheName) {
  const cached = await caches.match(request, { cacheName });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    await (cacheName === PAGES ? keep(request.url, copy) : caches.open(cacheName).then((cache) => cache.put(request, copy)));
  }
  return response;
}

/** Content a page fetches (a post's JSON): the network's, else the copy kept when it was read. */
async function networkFirst(request, event) {
  try {
    const response = await fetch(request);
    if (response.ok) event.waitUntil(keep(request.url, response.clone()));
    return response;
  } catch (error) {
    const saved = await caches.match(request.url, { cacheName: PAGES });
    if (saved) return saved;
    throw error;
  }
}
