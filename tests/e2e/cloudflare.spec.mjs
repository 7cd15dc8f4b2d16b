// dist/ on Cloudflare Pages' own runtime (project "cloudflare": workerd through wrangler's
// `pages dev`, tools/wrangler.mjs), which applies dist/_headers as the edge does: every
// file with its headers and caching, missing paths answered with the not-found page, the
// slash added by a redirect, and a reader's article taken over by the app there.
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { CLOUDFLARE_PORT } from '../../playwright.config.mjs';
import { ARTICLE, HOME, OFFLINE, PHP, TEXT, toggle } from './content.mjs';
import { expect, test } from './fixtures.mjs';
import { DIST, expectedHeaders, expectSecurityHeaders, files, get as getFrom, TYPES } from './served.mjs';

const get = (path) => getFrom(CLOUDFLARE_PORT, path, { 'accept-encoding': 'br, gzip' });
// The edge's own type for scripts, which browsers take alike.
const EDGE_TYPES = { ...TYPES, '.js': 'application/javascript', '.json': 'application/json' };

test('every file of dist/: its bytes, type, compression, Cache-Control and security headers as in _headers', async () => {
  const served = files(DIST).filter((f) => f !== '_headers');
  expect(served.length).toBeGreaterThan(10);
  const caching = { immutable: 0, revalidated: 0 };
  for (const file of served) {
    // The edge serves a page at its address without `index.html` or `.html` (and redirects
    // there from the file's name).
    const url = `/${file.replace(/(^|\/)index\.html$/, '$1').replace(/\.html$/, '')}`;
    {
      const { status, headers, body } = await get(url);
      expect(status, url).toBe(200);
      expect(body.equals(readFileSync(join(DIST, file))), `body of ${url}`).toBe(true);
      const ext = extname(file);
      if (EDGE_TYPES[ext]) expect(headers['content-type'], url).toBe(EDGE_TYPES[ext]);
      if (EDGE_TYPES[ext] && body.length > 1024) expect(headers['content-encoding'], `${url} is compressed`).toMatch(/^(br|gzip)$/);
      expectSecurityHeaders(headers, url);
      const cache = expectedHeaders(url)['cache-control'];
      expect(cache, `_headers has a Cache-Control for ${url}`).toBeTruthy();
      expect(headers['cache-control'], url).toBe(cache);
      caching[cache.includes('immutable') ? 'immutable' : 'revalidated'] += 1;
    }
  }
  // The wasm, its glue, the stylesheet, the icon and one hydration-data file per page.
  expect(caching.immutable).toBeGreaterThanOrEqual(7);
  expect(caching.revalidated).toBeGreaterThanOrEqual(6);
});

test('missing paths, and the _headers file itself, get the not-found page with status 404, uncached, with every security header', async () => {
  const notFound = readFileSync(join(DIST, '404.html'));
  for (const path of ['/nope', '/blog/unknown-post/', '/blog/iop-instead-of-rehab/extra', '/_headers', '/rehab-blog-0123456789abcdef.js', '/content/']) {
    const { status, headers, body } = await get(path);
    expect(status, path).toBe(404);
    expect(body.equals(notFound), `${path} shows 404.html`).toBe(true);
    expect(body.toString(), path).toContain(TEXT.not_found_title);
    expect(headers['content-type'], path).toBe('text/html; charset=utf-8');
    // The edge's own rule for a 404: never stored.
    expect(headers['cache-control'], path).toBe('no-store');
    expectSecurityHeaders(headers, path);
  }
});

test('a page without its slash redirects permanently to the slash form, the query kept', async () => {
  for (const [path, location] of [
    ['/blog/iop-instead-of-rehab', '/blog/iop-instead-of-rehab/'],
    ['/blog/iop-instead-of-rehab?compare=php,iop', '/blog/iop-instead-of-rehab/?compare=php,iop'],
  ]) {
    const { status, headers } = await get(path);
    expect(status, path).toBe(308);
    expect(headers.location, path).toBe(location);
  }
});

test('a reader on the edge: the article is taken over by the app and a comparison toggle works, with no error or CSP violation', async ({ open }) => {
  // Every reader fails its test on any console error, a CSP violation included.
  const reader = await open({ baseURL: `http://127.0.0.1:${CLOUDFLARE_PORT}` });
  await reader.gotoHydrated(ARTICLE);
  expect(await reader.evaluate(() => document.documentElement.dataset.app)).toBe('ready');
  await reader.click(toggle(PHP));
  await expect.poll(() => reader.attr(toggle(PHP), 'aria-pressed')).toBe('true');
});

test('offline on the edge: a page never read shows the offline page, which the edge serves at its address without .html', async ({ open }) => {
  const reader = await open({ baseURL: `http://127.0.0.1:${CLOUDFLARE_PORT}` });
  await reader.gotoHydrated(HOME);
  await reader.waitFor(() => navigator.serviceWorker?.controller != null, null, 'the worker controls the page');
  // The worker's install fetched the offline page through the edge's redirect (`/offline.html`
  // → `/offline`); a redirected answer cannot answer a navigation.
  await reader.page.context().setOffline(true);
  await reader.goto(ARTICLE).catch(() => {});
  await expect.poll(() => reader.text('h1').catch(() => null)).toBe(OFFLINE.title);
  expect(await reader.path()).toBe(ARTICLE);
});
