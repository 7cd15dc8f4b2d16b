// Shared helpers for the end-to-end tests.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { recordErrors } from './engines/reader.mjs';

export const ARTICLE = '/blog/iop-instead-of-rehab/';
export const TEL = 'tel:+18779206583';

/** The article's comparison, as a reader sees it: program names, column headers, toggles, status. */
export const INPATIENT = 'Inpatient Rehab';
export const PHP = 'Partial Hospitalization Program (PHP)';
export const IOP = 'Intensive Outpatient Program (IOP)';
export const COLUMNS = '.comparison thead th';
export const toggle = (name) => ['.toggle-group button', name];
export const COMPARISON_STATUS = '.comparison-status';

export const ROUTES = [
  { name: 'index', path: '/', h1: 'Rehab Blog' },
  { name: 'article', path: ARTICLE, h1: 'I Didn’t Want to Go to Rehab—So I Tried an Intensive Outpatient Program Instead' },
  { name: 'not-found', path: '/no/such/page', h1: 'We couldn’t find that page.' },
];

/** Collects console errors and uncaught page errors of a Playwright page; assert it is empty at the end. */
export const watchErrors = (page) => recordErrors(page, []);

const tracked = new WeakSet();

/**
 * Gives a Playwright page of the Chromium-only specs the cross-engine init script
 * (engines/init.js: hydration, the prerendered <h1>, CSP violations in `__csp`), once.
 */
export async function trackHydration(page) {
  if (tracked.has(page)) return;
  tracked.add(page);
  await page.addInitScript({ path: new URL('./engines/init.js', import.meta.url).pathname });
}

export async function gotoHydrated(page, path) {
  await trackHydration(page);
  const response = await page.goto(path);
  await page.waitForFunction(() => window.__hydrated === true);
  return response;
}

/** Whitespace-normalised text. */
export const norm = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * Every sentence-bearing line of the source article, as a reader must find it:
 * list markers dropped, table rows split into cells, the table's divider skipped.
 */
export function sourceLines() {
  const text = readFileSync(new URL('../fixtures/source.txt', import.meta.url), 'utf8');
  const out = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || /^[-|\s]+$/.test(line)) continue;
    if (line.includes('|')) {
      out.push(...line.split('|').map((c) => c.trim()).filter(Boolean));
    } else {
      out.push(line.replace(/^- /, ''));
    }
  }
  return out;
}

/** Opens every FAQ answer as a reader would (a click on its question), then asserts
 * every source line appears verbatim in the page's rendered text. Takes a reader
 * (engines/reader.mjs). */
export async function expectWholeArticle(reader) {
  const closed = await reader.count('details:not([open])');
  for (let i = 0; i < closed; i++) await reader.click('details:not([open]) > summary');
  expect(await reader.count('details:not([open])')).toBe(0);
  const shown = await reader.bodyText();
  const missing = sourceLines().filter((line) => !shown.includes(norm(line)));
  expect(missing, 'lines of the source article missing from the page').toEqual([]);
}
