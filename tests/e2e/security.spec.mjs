// Private, locked down and fault tolerant: CSP, headers, no third parties, graceful
// failure, hostile input, long sessions.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { PORT } from '../../playwright.config.mjs';
import { ARTICLE, COMPARISON, expectWholeArticle, FAQ, PHP, POST, SITE, TEXT } from './content.mjs';
import { expect, SERVE_MJS_ONLY, test } from './fixtures.mjs';

// The init script (engines/init.js) records CSP violations from the first moment of the page.
const cspViolations = (reader) => reader.evaluate(() => window.__csp);
const homeLink = (page) => page.getByRole('link', { name: SITE.name, exact: true });
const articleLink = (page) => page.getByRole('link', { name: POST.title });

/** Plays with everything interactive on the article. */
async function exercise(page) {
  await page.getByRole('button', { name: PHP }).click();
  await page.getByRole('button', { name: TEXT.comparison.only_differences }).click();
  await page.locator('.faq-controls button').click();
  await page.locator('details summary').first().click();
  await homeLink(page).click();
  await expect(page.locator('h1')).toHaveText(TEXT.index_title);
  await articleLink(page).click();
  await expect(page.locator('h1')).toHaveText(POST.title);
}

test('served with the strict CSP and security headers', async ({ request }) => {
  for (const path of ['/', ARTICLE, '/nope']) {
    const response = await request.get(path);
    const headers = response.headers();
    const html = await response.text();
    // One inline script, the loader, allowed by its hash; no other inline script (a
    // JSON-LD data block is data, never executed).
    const inline = [...html.matchAll(/<script(?![^>]*\b(src=|type="application\/ld\+json"))[^>]*>([\s\S]*?)<\/script>/g)];
    expect(inline).toHaveLength(1);
    const loaderHash = createHash('sha256').update(inline[0][2]).digest('base64');
    expect(headers['content-security-policy']).toBe(
      `default-src 'self'; script-src 'self' 'sha256-${loaderHash}' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; font-src 'self'; ` +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=(), browsing-topics=()');
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['strict-transport-security']).toContain('max-age=');
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  }
});

// The nginx project's origin is another port.
// Console errors: the reader fixture fails any test whose page logged one.
test('no CSP violation, console error, third-party request, cookie or storage anywhere', SERVE_MJS_ONLY, async ({ reader, page, context }) => {
  const origins = new Set();
  page.on('request', (r) => origins.add(new URL(r.url()).origin));
  for (const path of ['/', '/nope']) {
    await reader.gotoHydrated(path);
    expect(await cspViolations(reader)).toEqual([]);
  }
  await reader.gotoHydrated(ARTICLE);
  await exercise(page);
  expect(await cspViolations(reader)).toEqual([]);
  expect([...origins]).toEqual([`http://127.0.0.1:${PORT}`]);
  expect(await context.cookies()).toEqual([]);
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
  }));
  expect(stored).toEqual({ local: 0, session: 0, idb: 0 });
  // The one thing kept: the service worker's copies of the site's own files and pages.
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    return urls;
  });
  expect(cached.filter((url) => new URL(url).origin !== `http://127.0.0.1:${PORT}`)).toEqual([]);
});

test('links that leave the site never send a referrer', async ({ reader, page }) => {
  await reader.goto(ARTICLE);
  const external = await page.locator('a[href^="http"]').evaluateAll((as) => as.filter((a) => new URL(a.href).origin !== location.origin).map((a) => a.rel));
  expect(external.length).toBeGreaterThan(0);
  for (const rel of external) expect(rel).toBe('noopener noreferrer');
  await expect(page.locator('meta[name="referrer"]')).toHaveAttribute('content', 'no-referrer');
});

const BROKEN_SCRIPTS = {
  'wasm blocked': (page) => page.route('**/*.wasm', (r) => r.abort('blockedbyclient')),
  'wasm 404': (page) => page.route('**/*.wasm', (r) => r.fulfill({ status: 404, body: 'gone' })),
  'JavaScript glue blocked': (page) => page.route(/rehab-blog-[0-9a-f]+\.js$/, (r) => r.abort('blockedbyclient')),
  'old browser without WebAssembly': (page) =>
    page.addInitScript(() => {
      delete window.WebAssembly;
    }),
};

// The app failing to load or run is the point of these: what it logs is expected.
const FAILING = { allowErrors: /./ };

for (const [name, breakIt] of Object.entries(BROKEN_SCRIPTS)) {
  test(`${name}: the prerendered article, table and FAQ stay readable and usable`, async ({ open }) => {
    const reader = await open(FAILING);
    const { page } = reader;
    await breakIt(page);
    await reader.goto(ARTICLE);
    await page.waitForTimeout(500);
    await expect(page.locator('h1')).toHaveText(POST.title);
    await expect(page.locator('table tbody tr')).toHaveCount(COMPARISON.rows.length);
    await expectWholeArticle(reader); // opens every FAQ answer natively
    await expect(page.locator('details[open]')).toHaveCount(FAQ.length);
  });
}

test('a panic in the client logs once and leaves the page readable', async ({ open }) => {
  const reader = await open(FAILING);
  const { page } = reader;
  const panics = async () => (await reader.errors()).filter((e) => e.includes('panicked'));
  // Markup altered on its way (a proxy or extension injecting a banner): hydration
  // cannot match the DOM and the app panics.
  await page.route(`**${ARTICLE}`, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('<main id="main" tabindex="-1">', '$&<div class="injected">Injected</div>');
    await route.fulfill({ response, body });
  });
  await reader.goto(ARTICLE);
  await expect.poll(async () => (await panics()).length).toBe(1);
  await page.waitForTimeout(500);
  expect(await panics()).toHaveLength(1);
  await expect(page.locator('h1')).toHaveText(POST.title);
  await expectWholeArticle(reader);
});

test('missing hydration data: the app stops, the page stays readable', async ({ open }) => {
  const reader = await open(FAILING);
  const { page } = reader;
  await page.route('**/_data/*.json', (r) => r.fulfill({ status: 404, body: '' }));
  await reader.goto(ARTICLE);
  await page.waitForTimeout(1000);
  await expect(page.locator('h1')).toHaveText(POST.title);
  await expectWholeArticle(reader);
});

/** A raw HTTP GET, so the path reaches the server exactly as written. */
function rawGet(path) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: PORT, path }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      })
      .on('error', reject);
  });
}

const HOSTILE_PATHS = [
  '/blog/unknown-slug/',
  '/blog/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/blog/..%2f..%2fCargo.toml',
  '/blog/iop-instead-of-rehab%00',
  '/blog/%00/',
  `/${'a'.repeat(5000)}`,
  '//blog//iop-instead-of-rehab/',
  '/blog/iop-instead-of-rehab//',
  '/%ZZ',
];

// Raw paths sent to PORT; nginx's answers are in nginx.spec.mjs.
test('hostile paths get the not-found page with status 404, never a file outside dist', SERVE_MJS_ONLY, async () => {
  for (const path of HOSTILE_PATHS) {
    const { status, body } = await rawGet(path);
    expect(status, path).toBe(404);
    expect(body, path).toContain(TEXT.not_found_title);
  }
});

// serve.mjs answers `%00` in a path with the not-found page; nginx refuses it with 400.
test('hostile paths hydrate the not-found page without errors', SERVE_MJS_ONLY, async ({ reader }) => {
  for (const path of ['/blog/unknown-slug/', '/blog/iop-instead-of-rehab%00', `/${'a'.repeat(3000)}`, '/blog/%3Cscript%3E/']) {
    const response = await reader.gotoHydrated(path);
    expect(response.status(), path).toBe(404);
    expect(await reader.text('h1')).toBe(TEXT.not_found_title);
  }
});

const HOSTILE_QUERIES = [
  '?q=%3Cscript%3Ealert(1)%3C/script%3E#%3Cimg%20src=x%20onerror=alert(1)%3E',
  `?compare=${'x'.repeat(10_000)}&diff=${'1'.repeat(10_000)}`,
  '?compare=php&compare=iop&compare=inpatient&diff=1&diff=1',
  '?compare=%FF%FE%FD&diff=%C0%AF#%E0%A4%A',
  "?compare=\"><svg/onload=alert(1)>&diff='1'",
  '#faq-%22%3E%3Cimg%20src=x%3E',
];

for (const query of HOSTILE_QUERIES) {
  // A dialog is an error of the reader's.
  test(`hostile query or hash ${query.slice(0, 30)}… is ignored safely`, async ({ reader, page }) => {
    for (const path of ['/', ARTICLE]) {
      await reader.gotoHydrated(`${path}${query}`);
      expect(await page.locator('body img, body svg:not([aria-hidden]), body script').count()).toBe(0);
      const html = await page.locator('body').innerHTML();
      expect(html).not.toContain('onerror');
      expect(html).not.toContain('onload');
      expect(await cspViolations(reader)).toEqual([]);
    }
  });
}

test('1,000 interactions grow the JS heap by less than 1 MB and log no error', async ({ reader, page }) => {
  test.setTimeout(240_000);
  await reader.gotoHydrated(ARTICLE);
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };
  // Warm up every path once so lazily created structures are not counted as growth.
  await exercise(page);
  const before = await heap();

  // What the page did, counted by the page: the PHP toggle's pressed state flipping, and
  // the FAQ answer opening and closing (a new article view after each navigation too).
  await page.evaluate(
    ([name, question]) => {
      window.__did = { pressed: 0, toggled: 0 };
      new MutationObserver((records) => {
        for (const r of records) if (r.target.textContent.includes(name) && r.oldValue !== r.target.getAttribute('aria-pressed')) window.__did.pressed++;
      }).observe(document.documentElement, { subtree: true, attributeFilter: ['aria-pressed'], attributeOldValue: true });
      document.addEventListener('toggle', (e) => e.target.querySelector?.('summary')?.textContent.includes(question) && window.__did.toggled++, true);
    },
    [PHP, FAQ[1].question],
  );
  const php = page.getByRole('button', { name: PHP });
  const summary = page.locator('details summary').nth(1);
  const rounds = 100;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < 4; i++) await php.click(); // table toggles
    for (let i = 0; i < 4; i++) await summary.click(); // FAQ toggles
    await homeLink(page).click();
    await expect(page.locator('h1')).toHaveText(TEXT.index_title);
    await articleLink(page).click();
    await expect(page.locator('.comparison')).toBeVisible();
  }
  await expect.poll(() => page.evaluate(() => window.__did)).toEqual({ pressed: 4 * rounds, toggled: 4 * rounds });
  const growth = (await heap()) - before;
  console.log(`JS heap growth after ${10 * rounds} interactions: ${(growth / 1024).toFixed(1)} KiB`);
  expect(growth).toBeLessThan(1024 * 1024);
});
