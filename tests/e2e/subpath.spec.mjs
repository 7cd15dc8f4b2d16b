// Sub-path deploy smoke test (project "subpath"): the bundle of `make dist-subpath`
// (PUBLIC_URL=/rehab-blog/), served under /rehab-blog/ as GitHub Pages serves a project
// site. Routes, assets and content fetches must all stay below the prefix.

import { SUBPATH } from '../../playwright.config.mjs';
import { COLUMNS, FEATURE, INPATIENT, IOP, PHP, POST, ROUTES as ROOT_ROUTES, SITE, SLUG, TEXT } from './content.mjs';
import { expect, test } from './fixtures.mjs';

const ARTICLE = `${SUBPATH}blog/${SLUG}/`;
const NOT_FOUND_H1 = TEXT.not_found_title;

// The root bundle's routes, below the prefix.
const ROUTES = ROOT_ROUTES.map((route) => ({ ...route, path: `${SUBPATH}${route.path.slice(1)}`, status: route.name === 'not-found' ? 404 : 200 }));

/** Every request the page makes, as URL paths; asserts they are all on this origin. */
function watchRequests(page, baseURL) {
  const paths = [];
  const foreign = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === new URL(baseURL).origin) paths.push(url.pathname);
    else foreign.push(request.url());
  });
  return { paths, foreign };
}

function expectAllUnderPrefix(requests) {
  expect(requests.foreign, 'requests to another origin').toEqual([]);
  expect(requests.paths.length).toBeGreaterThan(0);
  expect(
    requests.paths.filter((p) => !p.startsWith(SUBPATH)),
    `requests outside ${SUBPATH}`,
  ).toEqual([]);
}

/** Every same-site link of the page points below the prefix (in-page `#…` links stay on it). */
async function expectLinksUnderPrefix(page) {
  const hrefs = await page
    .locator('a[href]:not([href^="#"])')
    .evaluateAll((as) => as.filter((a) => a.origin === location.origin).map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(0);
  expect(
    hrefs.filter((h) => !h.startsWith(SUBPATH)),
    `links outside ${SUBPATH}`,
  ).toEqual([]);
}

for (const route of ROUTES) {
  test(`${route.name} under ${SUBPATH}: renders, hydrates, stays below the prefix`, async ({ reader, page, baseURL }) => {
    const requests = watchRequests(page, baseURL);
    const response = await reader.gotoHydrated(route.path);
    expect(response.status()).toBe(route.status);
    await expect(page.locator('h1')).toHaveText(route.h1);
    const kept = await page.evaluate(() => window.__prerenderedH1 === document.querySelector('h1'));
    expect(kept, 'the prerendered <h1> node survives hydration').toBe(true);
    await expect(page.getByRole('link', { name: SITE.name, exact: true })).toHaveAttribute('href', SUBPATH);
    await expectLinksUnderPrefix(page);
    // The stylesheet and the wasm came from below the prefix, and the stylesheet applies.
    expect(requests.paths.some((p) => p.endsWith('.wasm'))).toBe(true);
    const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => [new URL(s.href).pathname, s.cssRules.length]));
    expect(sheets.length).toBe(1);
    expect(sheets[0][0].startsWith(SUBPATH)).toBe(true);
    expect(sheets[0][1]).toBeGreaterThan(0);
    expectAllUnderPrefix(requests);
  });
}

test(`not-found under ${SUBPATH}: its home link goes to the prefix`, async ({ reader, page }) => {
  await reader.gotoHydrated(`${SUBPATH}blog/unknown-post`);
  await expect(page.locator('h1')).toHaveText(NOT_FOUND_H1);
  await expect(page.getByRole('link', { name: TEXT.not_found_home })).toHaveAttribute('href', SUBPATH);
});

test(`client-side navigation under ${SUBPATH}: index → article → index, content from ${SUBPATH}content/`, async ({ reader, page, baseURL }) => {
  const requests = watchRequests(page, baseURL);
  await reader.gotoHydrated(SUBPATH);
  // The article's title as the server's page has it (the build writes it; tests/native.rs).
  const title = await reader.servedTitle(ARTICLE);
  expect(title).toContain(POST.title);
  await page.evaluate(() => {
    window.__sameDocument = true;
  });

  const contentFetch = page.waitForRequest((r) => new URL(r.url()).pathname.endsWith(`/${SLUG}.json`));
  await page.getByRole('link', { name: POST.title }).click();
  expect(new URL((await contentFetch).url()).pathname).toBe(`${SUBPATH}content/posts/${SLUG}.json`);
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.locator('h1')).toHaveText(POST.title);
  await expect(page).toHaveTitle(title);
  await expect(page.locator('.comparison')).toBeVisible();
  await expectLinksUnderPrefix(page);

  await page.getByRole('link', { name: SITE.name, exact: true }).click();
  await expect(page).toHaveURL(SUBPATH);
  await expect(page.locator('h1')).toHaveText(TEXT.index_title);

  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  expectAllUnderPrefix(requests);
});

test(`the sub-path bundle's _headers apply below ${SUBPATH}`, async ({ reader, page, request }) => {
  for (const path of [SUBPATH, ARTICLE, `${SUBPATH}nope`]) {
    const headers = (await request.get(path)).headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
  }
  expect((await request.get(ARTICLE)).headers()['cache-control']).toBe('no-cache');
  await reader.goto(SUBPATH);
  const wasm = await page.locator('script[data-wasm]').getAttribute('data-wasm');
  expect(wasm.startsWith(SUBPATH)).toBe(true);
  const response = await request.get(wasm);
  expect(response.headers()['content-type']).toBe('application/wasm');
  expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
});

test('comparison toggles keep the URL under /rehab-blog/', async ({ reader, page }) => {
  await reader.gotoHydrated(ARTICLE);
  await page.getByRole('button', { name: PHP }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${ARTICLE}\\?compare=inpatient,php,iop$`));
  await expect(page.locator(COLUMNS)).toHaveText([FEATURE, INPATIENT, PHP, IOP]);
  await reader.reload();
  await reader.waitForApp();
  await expect(page.locator(COLUMNS)).toHaveText([FEATURE, INPATIENT, PHP, IOP]);
});

test('the service worker works for the prefix alone: its scope, and offline, the saved article', async ({ reader, page, context }) => {
  await reader.gotoHydrated(ARTICLE);
  await page.waitForFunction(() => navigator.serviceWorker.controller != null);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  expect(new URL(scope).pathname).toBe(SUBPATH);
  await page.waitForFunction(async (url) => (await caches.keys()).some((name) => name.includes(url)), new URL(SUBPATH, page.url()).href);
  await page.waitForFunction(async () => {
    for (const name of await caches.keys()) if (await (await caches.open(name)).match(location.href)) return true;
    return false;
  });
  await context.setOffline(true);
  await reader.goto(ARTICLE);
  await expect(page.locator('body > .saved-copy')).toBeVisible();
  await expect(page.locator('h1')).toHaveText(POST.title);
  await reader.goto(`${SUBPATH}page/9/`);
  await expect(page.locator('li:not([lang]) a[href="sms:988"]')).toBeVisible();
  await context.setOffline(false);
});
