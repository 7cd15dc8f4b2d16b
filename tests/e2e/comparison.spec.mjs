// The program comparison: toggles, minimum, only-differences, URL state, any width.
import { mkdirSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { ARTICLE, gotoHydrated, watchErrors } from './support.mjs';

const INPATIENT = 'Inpatient Rehab';
const PHP = 'Partial Hospitalization Program (PHP)';
const IOP = 'Intensive Outpatient Program (IOP)';

const columns = (page) => page.locator('.comparison thead th');
const toggle = (page, name) => page.locator('.toggle-group').getByRole('button', { name });
const onlyDifferences = (page) => page.getByRole('button', { name: 'Show only differences' });
const status = (page) => page.locator('.comparison-status');

test('prerendered default is the article’s table; controls come alive on hydration', async ({ page }) => {
  const errors = watchErrors(page);
  await gotoHydrated(page, ARTICLE);
  await expect(columns(page)).toHaveText(['Feature', INPATIENT, IOP]);
  await expect(page.getByRole('group', { name: 'Programs to compare' })).toBeVisible();
  await expect(toggle(page, INPATIENT)).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle(page, PHP)).toHaveAttribute('aria-pressed', 'false');
  await expect(toggle(page, IOP)).toBeEnabled();
  await expect(status(page)).toHaveText('');
  expect(errors).toEqual([]);
});

test('toggles add and remove programs, announce the comparison, and keep two', async ({ page }) => {
  const errors = watchErrors(page);
  await gotoHydrated(page, ARTICLE);
  await toggle(page, PHP).click();
  await expect(columns(page)).toHaveText(['Feature', INPATIENT, PHP, IOP]);
  await expect(page).toHaveURL(/\?compare=inpatient,php,iop$/);
  await expect(status(page)).toHaveText(`Comparing ${INPATIENT}, ${PHP} and ${IOP}.`);
  await expect(status(page)).toHaveAttribute('role', 'status');

  await toggle(page, INPATIENT).click();
  await expect(columns(page)).toHaveText(['Feature', PHP, IOP]);
  await expect(page).toHaveURL(/\?compare=php,iop$/);

  await toggle(page, IOP).click();
  await expect(columns(page)).toHaveText(['Feature', PHP, IOP]);
  await expect(toggle(page, IOP)).toHaveAttribute('aria-pressed', 'true');
  await expect(status(page)).toContainText('Keep at least two programs selected');
  expect(errors).toEqual([]);
});

test('only differences hides identical rows and says how many', async ({ page }) => {
  await gotoHydrated(page, `${ARTICLE}?compare=php,iop`);
  const living = page.locator('tbody tr', { hasText: 'Living arrangements' });
  await expect(living).toBeVisible();
  await expect(living.locator('.same-tag')).toHaveText('Same for all');
  await onlyDifferences(page).click();
  await expect(onlyDifferences(page)).toHaveAttribute('aria-pressed', 'true');
  await expect(living).toBeHidden();
  await expect(page.locator('tbody tr:visible')).toHaveCount(4);
  await expect(status(page)).toContainText('1 row that is the same for every selected program is hidden.');
  await expect(page).toHaveURL(/\?compare=php,iop&diff=1$/);
  // With inpatient added, every row differs again.
  await toggle(page, INPATIENT).click();
  await expect(page.locator('tbody tr:visible')).toHaveCount(5);
});

test('the URL reopens a comparison; reload and Back/Forward step through changes', async ({ page }) => {
  await gotoHydrated(page, `${ARTICLE}?compare=php,iop`);
  await expect(columns(page)).toHaveText(['Feature', PHP, IOP]);
  await toggle(page, INPATIENT).click();
  await expect(columns(page)).toHaveText(['Feature', INPATIENT, PHP, IOP]);
  await page.reload();
  await page.waitForFunction(() => window.__hydrated === true);
  await expect(columns(page)).toHaveText(['Feature', INPATIENT, PHP, IOP]);
  await page.goBack();
  await expect(columns(page)).toHaveText(['Feature', PHP, IOP]);
  await page.goForward();
  await expect(columns(page)).toHaveText(['Feature', INPATIENT, PHP, IOP]);
});

const HOSTILE = [
  '?compare=%3Cscript%3Ealert(1)%3C/script%3E',
  `?compare=${'iop,'.repeat(2500)}`,
  '?compare=unknown,nothing',
  '?compare=iop,iop',
  '?compare=php&compare=iop&diff=1&diff=0',
  '?compare=%FF%FE&diff=%E0%A4%A',
  '?compare="php",\'iop\'&diff=<b>1</b>',
  '?compare=',
];

for (const query of HOSTILE) {
  test(`hostile query ${query.slice(0, 40)} falls back safely`, async ({ page }) => {
    const errors = watchErrors(page);
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      d.dismiss();
    });
    await gotoHydrated(page, `${ARTICLE}${query}`);
    await expect(columns(page)).toHaveCount(3);
    expect(await page.locator('main script, main b').count()).toBe(0);
    expect(errors).toEqual([]);
  });
}

test('keyboard: Tab reaches every toggle; Space and Enter operate them', async ({ page }) => {
  await gotoHydrated(page, ARTICLE);
  await toggle(page, INPATIENT).focus();
  await page.keyboard.press('Tab');
  await expect(toggle(page, PHP)).toBeFocused();
  await page.keyboard.press('Space');
  await expect(toggle(page, PHP)).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(toggle(page, PHP)).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Tab');
  await expect(toggle(page, IOP)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(onlyDifferences(page)).toBeFocused();
  const outline = await onlyDifferences(page).evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  for (const button of await page.locator('.comparison button').all()) {
    const box = await button.boundingBox();
    expect(box.width).toBeGreaterThanOrEqual(24);
    expect(box.height).toBeGreaterThanOrEqual(24);
  }
});

test('no layout shift when the page hydrates', async ({ page }) => {
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => window.__shifts.push(...list.getEntries().map((e) => e.value))).observe({
      type: 'layout-shift',
      buffered: true,
    });
  });
  await gotoHydrated(page, ARTICLE);
  await page.waitForTimeout(300);
  const total = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
  expect(total).toBe(0);
});

test('JavaScript off: the article’s table, without controls that cannot work', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${ARTICLE}?compare=php,iop`);
  await expect(columns(page)).toHaveText(['Feature', INPATIENT, IOP]);
  await expect(page.locator('.comparison-controls')).toBeHidden();
  await context.close();
});

test('every width: no sideways scrolling; phones get one line per program; screenshots', async ({ browser }) => {
  mkdirSync('screenshots', { recursive: true });
  for (const width of [320, 390, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    for (const [state, query] of [
      ['default', ''],
      ['three', '?compare=inpatient,php,iop'],
      ['differences', '?compare=php,iop&diff=1'],
    ]) {
      await gotoHydrated(page, `${ARTICLE}${query}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(overflow, `${state} at ${width}px`).toBeLessThanOrEqual(0);
      const tableWidth = await page.locator('.comparison table').evaluate((t) => t.getBoundingClientRect().right);
      expect(tableWidth).toBeLessThanOrEqual(width);
      if (width < 600) {
        // Stacked: the cell names its program.
        const label = await page.locator('tbody td').first().evaluate((td) => getComputedStyle(td, '::before').content);
        expect(label).toContain(':');
      }
      if (width !== 320) {
        await page.locator('.comparison').screenshot({ path: `screenshots/comparison-${state}-${width}.png` });
      }
    }
    await context.close();
  }
});
