// Shared helpers for the end-to-end tests.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';

export const ARTICLE = '/blog/iop-instead-of-rehab/';
export const TEL = 'tel:+18779206583';

/** Collects console errors and uncaught page errors; assert it is empty at the end. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    // Chromium logs the document's own 404 status (the not-found page) as an error.
    const documentStatus = msg.location().url === page.url() && /status of 404/.test(msg.text());
    if (msg.type() === 'error' && !documentStatus) errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

/**
 * Before any script runs, remembers the prerendered <h1> node and notes when Trunk
 * reports the wasm started (hydration runs synchronously inside that start).
 */
export async function trackHydration(page) {
  await page.addInitScript(() => {
    document.addEventListener('readystatechange', () => {
      // 'interactive': parsed, deferred and module scripts not yet run.
      if (document.readyState === 'interactive') window.__prerenderedH1 = document.querySelector('h1');
    });
    addEventListener('TrunkApplicationStarted', () => {
      window.__hydrated = true;
    });
  });
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

/** Asserts every source line appears verbatim in the page's visible text (FAQ opened). */
export async function expectWholeArticle(page) {
  for (const details of await page.locator('details').all()) {
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  }
  const shown = norm(await page.locator('body').innerText());
  const missing = sourceLines().filter((line) => !shown.includes(norm(line)));
  expect(missing, 'lines of the source article missing from the page').toEqual([]);
}
