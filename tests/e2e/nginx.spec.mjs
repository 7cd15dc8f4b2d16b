// deploy/nginx.conf against the built dist/ (project "nginx"): every file is served
// with the headers dist/_headers gives it, compressed, with the right type; missing
// paths get the not-found page; directory redirects are relative.

import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { NGINX_FIXTURE_PORT, NGINX_PORT } from '../../playwright.config.mjs';
import { parseHeadersFile } from '../../tools/serve.mjs';
import { ARTICLE, SLUG, TEXT } from './content.mjs';
import { expect, test } from './fixtures.mjs';
import { DIST, expectedHeaders, expectSecurityHeaders, files, get as getFrom, SECURITY, TYPES } from './served.mjs';

/** A raw GET to nginx, so the path and the encoding are exactly as written. */
const get = (path, headers = undefined, port = NGINX_PORT) => getFrom(port, path, headers);

const served = files(DIST).filter((f) => f !== '_headers');

test('dist/_headers names the security headers nginx must send', () => {
  expect(Object.keys(SECURITY)).toEqual([
    'Content-Security-Policy',
    'X-Content-Type-Options',
    'Referrer-Policy',
    'Permissions-Policy',
    'Cross-Origin-Opener-Policy',
    'Strict-Transport-Security',
  ]);
  expect(SECURITY['Content-Security-Policy']).toContain("frame-ancestors 'none'");
});

test('every file of dist/: its bytes, type, compression, Cache-Control and security headers as in _headers', async () => {
  expect(served.length).toBeGreaterThan(10);
  const caching = { immutable: 0, revalidated: 0 };
  for (const file of served) {
    const urls = [`/${file}`];
    if (file.endsWith('index.html')) urls.push(`/${file.slice(0, -'index.html'.length)}`);
    for (const url of urls) {
      const { status, headers, body } = await get(url);
      expect(status, url).toBe(200);
      expect(body.equals(readFileSync(join(DIST, file))), `body of ${url}`).toBe(true);
      const ext = extname(file);
      if (TYPES[ext]) expect(headers['content-type'], url).toBe(TYPES[ext]);
      if (TYPES[ext] && body.length > 1024) expect(headers['content-encoding'], `${url} is compressed`).toBe('gzip');
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

test('hashed assets are immutable, HTML and content JSON revalidate', async () => {
  const wasm = served.find((f) => /_bg\.wasm$/.test(f));
  const data = served.find((f) => f.startsWith('_data/'));
  for (const file of [wasm, data, served.find((f) => /\.css$/.test(f)), served.find((f) => /\.svg$/.test(f))]) {
    expect((await get(`/${file}`)).headers['cache-control'], file).toBe('public, max-age=31536000, immutable');
  }
  for (const path of ['/', ARTICLE, '/content/site.json', '/content/index/1.json', `/content/posts/${SLUG}.json`]) {
    expect((await get(path)).headers['cache-control'], path).toBe('no-cache');
  }
});

test("the fixture blog's images: their bytes, type, immutable caching and security headers as in its _headers", async () => {
  const fixture = 'target/dist-fixture';
  const rules = parseHeadersFile(readFileSync(join(fixture, '_headers'), 'utf8'));
  const images = files(fixture).filter((f) => f.startsWith('images/'));
  expect(images.length, 'the fixture post has photos').toBeGreaterThan(1);
  const types = { '.jpg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };
  for (const file of images) {
    const url = `/${file}`;
    const { status, headers, body } = await get(url, undefined, NGINX_FIXTURE_PORT);
    expect(status, url).toBe(200);
    expect(body.equals(readFileSync(join(fixture, file))), `body of ${url}`).toBe(true);
    expect(headers['content-type'], url).toBe(types[extname(file)]);
    expectSecurityHeaders(headers, url);
    const cache = rules.filter((r) => r.pattern.test(url)).flatMap((r) => r.headers.filter(([k]) => k === 'Cache-Control'));
    expect(cache, url).toEqual([['Cache-Control', 'public, max-age=31536000, immutable']]);
    expect(headers['cache-control'], url).toBe(cache[0][1]);
  }
});

test('missing paths, and the _headers file itself, get the not-found page with status 404 and every header', async () => {
  const notFound = readFileSync(join(DIST, '404.html'));
  for (const path of [
    '/nope',
    '/blog/unknown-post',
    '/blog/unknown-post/',
    '/blog/iop-instead-of-rehab/extra',
    '/blog//iop-instead-of-rehab/',
    '/blog/iop-instead-of-rehab//',
    '/_headers',
    '/rehab-blog-0123456789abcdef.js',
    '/_data/x-0123456789abcdef.json',
    '/content/',
  ]) {
    const { status, headers, body } = await get(path);
    expect(status, path).toBe(404);
    expect(body.equals(notFound), `${path} shows 404.html`).toBe(true);
    expect(headers['content-type'], path).toBe('text/html; charset=utf-8');
    expect(headers['cache-control'], path).toBe('no-cache');
    expectSecurityHeaders(headers, path);
  }
});

test('a directory without its slash redirects, relatively, to the slash form', async () => {
  for (const [path, location] of [
    ['/blog/iop-instead-of-rehab', '/blog/iop-instead-of-rehab/'],
    ['/blog/iop-instead-of-rehab?compare=php,iop', '/blog/iop-instead-of-rehab/?compare=php,iop'],
    ['/content', '/content/'],
  ]) {
    const { status, headers } = await get(path);
    expect(status, path).toBe(301);
    expect(headers.location, path).toBe(location);
  }
});

test('hostile paths get the not-found page (404) or are refused (400), never a file outside dist', async () => {
  // The paths of security.spec.mjs's raw-path test, which runs against tools/serve.mjs
  // only. nginx refuses what it cannot parse (`..` above the root, %00, bad escapes)
  // with 400 before any location applies; everything else is the not-found page.
  const refused = ['/blog/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/blog/..%2f..%2fCargo.toml', '/blog/iop-instead-of-rehab%00', '/blog/%00/', '/%ZZ'];
  const notFound = ['/blog/unknown-slug/', `/${'a'.repeat(5000)}`, '//blog//iop-instead-of-rehab/', '/blog/iop-instead-of-rehab//', '/blog/%3Cscript%3E/'];
  for (const path of [...refused, ...notFound]) {
    const { status, body } = await get(path);
    expect(status, path).toBe(refused.includes(path) ? 400 : 404);
    const text = body.toString();
    if (status === 404) expect(text, path).toContain(TEXT.not_found_title);
    expect(text, path).not.toMatch(/root:|\[package\]/);
  }
});
