// The foundation: every route prerendered, hydrated cleanly, navigable, and robust.
import { mkdirSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { ARTICLE, TEL, expectWholeArticle, gotoHydrated, sourceLines, trackHydration, watchErrors } from './support.mjs';

const ROUTES = [
  { name: 'index', path: '/', h1: 'Rehab Blog' },
  { name: 'article', path: ARTICLE, h1: 'I Didn’t Want to Go to Rehab—So I Tried an Intensive Outpatient Program Instead' },
  { name: 'not-found', path: '/no/such/page', h1: 'We couldn’t find that page.' },
];

for (const route of ROUTES) {
  test(`${route.name}: hydrates the prerendered page without errors`, async ({ page }) => {
    const errors = watchErrors(page);
    await gotoHydrated(page, route.path);
    await expect(page.locator('h1')).toHaveText(route.h1);
    await expect(page.locator('h1')).toHaveCount(1);
    const kept = await page.evaluate(() => window.__prerenderedH1 === document.querySelector('h1'));
    expect(kept, 'the prerendered <h1> node survives hydration').toBe(true);
    expect(errors).toEqual([]);
  });

  test(`${route.name}: reads completely with JavaScript off`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(route.path);
    await expect(page.locator('h1')).toHaveText(route.h1);
    await expect(page.locator(`a[href="${TEL}"]`).first()).toBeVisible();
    if (route.name === 'article') await expectWholeArticle(page);
    await context.close();
  });
}

test('article: every sentence of the source, verbatim, after hydration', async ({ page }) => {
  expect(sourceLines().length).toBeGreaterThan(60);
  await gotoHydrated(page, ARTICLE);
  await expectWholeArticle(page);
});

test('article: structure a screen reader relies on', async ({ page }) => {
  await page.goto(ARTICLE);
  await expect(page.locator('h2')).toHaveCount(9);
  await expect(page.locator('blockquote')).toContainText('I’m glad you’re here.');
  await expect(page.locator('figcaption')).toHaveText('– Outpatient Client, 2023');
  const table = page.locator('table');
  await expect(table.locator('caption')).toHaveCount(1);
  await expect(table.locator('thead th[scope=col]')).toHaveText(['Feature', 'Inpatient Rehab', 'Intensive Outpatient Program (IOP)']);
  await expect(table.locator('tbody th[scope=row]')).toHaveCount(5);
  await expect(page.locator('details summary')).toHaveCount(5);
  // Every printed phone number is a tel: link, and no link is a dead '#'.
  const phoneTexts = await page.locator('a[href^="tel:"]').allInnerTexts();
  expect(phoneTexts.length).toBeGreaterThanOrEqual(3);
  const ours = await page
    .locator('a[href^="tel:"]')
    .evaluateAll((as) => as.filter((a) => a.textContent.includes('920-6583')).map((a) => a.getAttribute('href')));
  expect(ours.length).toBeGreaterThanOrEqual(3);
  for (const href of ours) expect(href).toBe(TEL);
  const bodyText = await page.locator('body').evaluate((b) => {
    // Text of the page outside tel: links: the number must never appear unlinked.
    const clone = b.cloneNode(true);
    clone.querySelectorAll('a[href^="tel:"]').forEach((a) => a.remove());
    return clone.textContent;
  });
  expect(bodyText).not.toContain('920-6583');
  expect(await page.locator('a[href="#"], a:not([href])').count()).toBe(0);
  await expect(page.getByRole('link', { name: 'Needham addiction treatment center' })).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(page.getByRole('link', { name: 'intensive outpatient program services in Boston, MA' })).toHaveCount(1);
});

test('FAQ opens natively before and after hydration', async ({ page }) => {
  await gotoHydrated(page, ARTICLE);
  const first = page.locator('details').first();
  await first.locator('summary').click();
  await expect(first).toHaveAttribute('open', '');
  await expect(first.locator('.faq-answer')).toBeVisible();
});

test('article without trailing slash redirects and hydrates', async ({ page }) => {
  const errors = watchErrors(page);
  await gotoHydrated(page, '/blog/iop-instead-of-rehab');
  expect(new URL(page.url()).pathname).toBe(ARTICLE);
  await expect(page.locator('h1')).toContainText('Intensive Outpatient');
  expect(errors).toEqual([]);
});

test('unknown paths get the not-found page with status 404', async ({ page, request }) => {
  for (const path of ['/nope', '/blog/unknown-post', '/blog/iop-instead-of-rehab/extra', '/blog//iop-instead-of-rehab/']) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect(await response.text()).toContain('We couldn’t find that page.');
  }
  const errors = watchErrors(page);
  await gotoHydrated(page, '/blog/unknown-post');
  await expect(page.locator('h1')).toHaveText('We couldn’t find that page.');
  await expect(page.getByRole('link', { name: 'Go to the Rehab Blog home page' })).toHaveAttribute('href', '/');
  expect(errors).toEqual([]);
});

test('client-side navigation: index → article → not found → index, no reload', async ({ page }) => {
  const errors = watchErrors(page);
  await gotoHydrated(page, '/');
  await page.evaluate(() => {
    window.__sameDocument = true;
  });
  await page.getByRole('link', { name: /I Didn’t Want to Go to Rehab/ }).click();
  await expect(page).toHaveURL(ARTICLE);
  await expect(page.locator('h1')).toContainText('Intensive Outpatient Program Instead');
  await expect(page).toHaveTitle(/I Didn’t Want to Go to Rehab.* \| Rehab Blog/);
  // Focus moves to the new content, as after a full page load.
  await expect(page.locator('main')).toBeFocused();
  await expectWholeArticle(page);

  // A link to a page that does not exist, as an old bookmark in content would be.
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '/blog/removed-post/';
    a.textContent = 'old link';
    a.id = 'old-link';
    document.querySelector('main').prepend(a);
  });
  await page.locator('#old-link').click();
  await expect(page.locator('h1')).toHaveText('We couldn’t find that page.');

  await page.getByRole('link', { name: 'Go to the Rehab Blog home page' }).click();
  await expect(page).toHaveURL('/');
  await expect(page.locator('h1')).toHaveText('Rehab Blog');

  await page.goBack();
  await expect(page.locator('h1')).toHaveText('We couldn’t find that page.');
  await page.goBack();
  await expect(page.locator('h1')).toContainText('Intensive Outpatient Program Instead');
  expect(await page.evaluate(() => window.__sameDocument)).toBe(true);
  expect(errors).toEqual([]);
});

const FAILURES = {
  'network error': (route) => route.abort('internetdisconnected'),
  'server error': (route) => route.fulfill({ status: 500, body: 'oops' }),
  'malformed JSON': (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"slug": "iop' }),
  'wrong shape': (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"slug": 42}' }),
};

for (const [name, fail] of Object.entries(FAILURES)) {
  test(`content fetch fails (${name}): polite error, phone, retry recovers`, async ({ page }) => {
    await gotoHydrated(page, '/');
    await page.route('**/content/posts/*.json', fail);
    await page.getByRole('link', { name: /I Didn’t Want to Go to Rehab/ }).click();
    const error = page.locator('.load-error');
    await expect(error).toBeVisible();
    await expect(error.locator('[role="status"]')).toContainText('Your connection may have dropped.');
    await expect(error.locator(`a[href="${TEL}"]`)).toBeVisible();

    await page.unroute('**/content/posts/*.json');
    await error.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('h1')).toContainText('Intensive Outpatient Program Instead');
    await expect(page.locator('.load-error')).toHaveCount(0);
  });
}

test('screenshots of every route at 390 and 1280 px', async ({ browser }) => {
  mkdirSync('screenshots', { recursive: true });
  for (const width of [390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const route of ROUTES) {
      await trackHydration(page);
      await page.goto(route.path);
      await page.waitForFunction(() => window.__hydrated === true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(overflow, `${route.name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `screenshots/${route.name}-${width}.png`, fullPage: true });
    }
    await context.close();
  }
});

test('no horizontal scrolling at 320 px on any route', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  for (const route of ROUTES) {
    await page.goto(route.path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow, route.name).toBeLessThanOrEqual(0);
  }
  await context.close();
});
