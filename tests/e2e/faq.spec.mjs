// The FAQ: disclosures that work by mouse, keyboard, deep link, print and without JS.
import { test, expect } from '@playwright/test';
import { ARTICLE, TEL, gotoHydrated, trackHydration, watchErrors } from './support.mjs';

const IDS = [
  'faq-whats-the-difference-between-php-and-iop',
  'faq-can-i-work-while-attending-iop',
  'faq-what-if-i-relapse-while-in-iop',
  'faq-is-iop-covered-by-insurance',
  'faq-how-long-does-iop-last',
];
const item = (page, id) => page.locator(`#${id}`);
const answer = (page, id) => page.locator(`#${id} .faq-answer`);
const expandAll = (page) => page.locator('.faq-controls button');

test('mouse opens and closes every question and keeps the URL in step', async ({ page }) => {
  const errors = watchErrors(page);
  await gotoHydrated(page, ARTICLE);
  const historyLength = await page.evaluate(() => history.length);
  for (const id of IDS) {
    await item(page, id).locator('summary').click();
    await expect(answer(page, id)).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#${id}$`));
    await item(page, id).locator('summary').click();
    await expect(answer(page, id)).toBeHidden();
  }
  expect(await page.evaluate(() => history.length), 'no new history entries').toBe(historyLength);
  expect(errors).toEqual([]);
});

test('keyboard: Tab reaches each question; Enter and Space toggle it', async ({ page }) => {
  await gotoHydrated(page, ARTICLE);
  await expandAll(page).focus();
  for (const id of IDS) {
    await page.keyboard.press('Tab');
    await expect(item(page, id).locator('summary')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(answer(page, id)).toBeVisible();
    await page.keyboard.press('Space');
    await expect(answer(page, id)).toBeHidden();
  }
});

test('a deep link opens its question and scrolls to it, on load and on hash change', async ({ page }) => {
  await gotoHydrated(page, `${ARTICLE}#faq-how-long-does-iop-last`);
  await expect(answer(page, 'faq-how-long-does-iop-last')).toBeVisible();
  await expect(item(page, 'faq-how-long-does-iop-last')).toBeInViewport();

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => {
    location.hash = '#faq-can-i-work-while-attending-iop';
  });
  await expect(answer(page, 'faq-can-i-work-while-attending-iop')).toBeVisible();
  await expect(item(page, 'faq-can-i-work-while-attending-iop')).toBeInViewport();
});

test('expand all / collapse all reflects the state', async ({ page }) => {
  await gotoHydrated(page, ARTICLE);
  await expect(expandAll(page)).toHaveText('Expand all answers');
  await expandAll(page).click();
  for (const id of IDS) await expect(answer(page, id)).toBeVisible();
  await expect(expandAll(page)).toHaveText('Collapse all answers');
  // A plain button whose label says what it does, not a toggle with a changing name.
  expect(await expandAll(page).getAttribute('aria-pressed')).toBeNull();
  await item(page, IDS[2]).locator('summary').click();
  await expect(expandAll(page)).toHaveText('Expand all answers');
  await expandAll(page).click();
  await expandAll(page).click();
  for (const id of IDS) await expect(answer(page, id)).toBeHidden();
});

test('copy link copies the answer’s URL and confirms', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await gotoHydrated(page, ARTICLE);
  const id = 'faq-is-iop-covered-by-insurance';
  await item(page, id).locator('summary').click();
  await item(page, id).getByRole('button', { name: 'Copy link' }).click();
  await expect(item(page, id).locator('.faq-copy-status')).toHaveText('Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${baseURL}${ARTICLE}#${id}`);
});

test('the insurance answer offers a call button', async ({ page }) => {
  await page.goto(ARTICLE);
  await item(page, 'faq-is-iop-covered-by-insurance').locator('summary').click();
  const call = answer(page, 'faq-is-iop-covered-by-insurance').locator(`a.button[href="${TEL}"]`);
  await expect(call).toHaveText('Call (877)920-6583 to check your coverage');
  await expect(answer(page, 'faq-is-iop-covered-by-insurance').locator(`a[href="${TEL}"]`)).toHaveCount(2);
});

test('JavaScript off: questions still expand; JS-only controls are not shown', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ARTICLE);
  await expect(page.locator('.faq-controls')).toBeHidden();
  for (const id of IDS) {
    await item(page, id).locator('summary').click();
    await expect(answer(page, id)).toBeVisible();
  }
  await expect(page.locator('.faq-copy').first()).toBeHidden();
  await context.close();
});

test('print shows every answer', async ({ page }) => {
  await gotoHydrated(page, ARTICLE);
  await page.emulateMedia({ media: 'print' });
  for (const id of IDS) await expect(answer(page, id).locator('p').first()).toBeVisible();
  await expect(page.locator('.faq-controls')).toBeHidden();
});

test('ids are stable and unique', async ({ page }) => {
  await page.goto(ARTICLE);
  const ids = await page.locator('details.faq-item').evaluateAll((ds) => ds.map((d) => d.id));
  expect(ids).toEqual(IDS);
  const all = await page.locator('[id]').evaluateAll((els) => els.map((e) => e.id));
  expect(new Set(all).size).toBe(all.length);
});

test('closing a deep-linked answer, then following the same link again, reopens it', async ({ page }) => {
  const id = 'faq-how-long-does-iop-last';
  await gotoHydrated(page, `${ARTICLE}#${id}`);
  await expect(answer(page, id)).toBeVisible();
  await item(page, id).locator('summary').click();
  await expect(answer(page, id)).toBeHidden();
  await expect(page).not.toHaveURL(/#/);
  await page.evaluate((id) => {
    location.hash = `#${id}`;
  }, id);
  await expect(answer(page, id)).toBeVisible();
});

test('answers opened before the app takes over are known to it', async ({ page }) => {
  // Hold the wasm back so the reader can act on the prerendered page first.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await trackHydration(page);
  await page.goto(ARTICLE);
  await item(page, IDS[0]).locator('summary').click();
  await expect(answer(page, IDS[0])).toBeVisible();
  release();
  await page.waitForFunction(() => window.__hydrated === true);
  await page.waitForTimeout(200);
  // Closing it is recognised as closing: no link to it is written to the address bar.
  await item(page, IDS[0]).locator('summary').click();
  await expect(answer(page, IDS[0])).toBeHidden();
  await expect(page).not.toHaveURL(/#faq-/);
});
