// Shared helpers for the end-to-end tests. The site's wording and the article's structure
// are read from the compiled content in dist/ (what the pages were built from), so an
// editor's change to content/ only fails the tests about that change.
import { readFileSync } from 'node:fs';
import { test as base, expect } from '@playwright/test';
import { FIXTURE_PORT } from '../../playwright.config.mjs';
import { HYDRATED, recordErrors, withInitScript } from './engines/reader.mjs';

const compiled = (path) => JSON.parse(readFileSync(new URL(`../../dist/content/${path}`, import.meta.url), 'utf8'));

/** content/site.json as built: names, phone, crisis lines and every interface string. */
export const SITE = compiled('site.json');
export const TEXT = SITE.text;
/** content/index/1.json's posts: the newest published posts, newest first. */
export const POSTS = compiled('index/1.json').posts;

/** The article whose source is tests/fixtures/source.txt (the verbatim reference). */
export const SLUG = 'iop-instead-of-rehab';
export const ARTICLE = `/blog/${SLUG}/`;
export const POST = compiled(`posts/${SLUG}.json`);
export const TEL = `tel:${SITE.phone.tel}`;

const blocks = POST.sections.flatMap((s) => s.blocks);
/** The article's sections with a heading: one <h2> and one table-of-contents entry each. */
export const SECTIONS = POST.sections.filter((s) => s.heading).map((s) => s.heading);
export const COMPARISON = blocks.find((b) => b.type === 'comparison');
export const FAQ = blocks.find((b) => b.type === 'faq').items;

/** The article's comparison, as a reader sees it: program names, column headers, toggles, status. */
const program = (id) => COMPARISON.programs.find((p) => p.id === id).name;
export const INPATIENT = program('inpatient');
export const PHP = program('php');
export const IOP = program('iop');
/** The column headers of the article's own table: the feature heading and the default programs. */
export const DEFAULT_COLUMNS = [COMPARISON.feature_heading, ...COMPARISON.programs.filter((p) => p.default).map((p) => p.name)];
/** Rows whose value is the same for every one of the programs `ids`. */
/** A row's cell for the program `id` (a row's values are [program id, cell] pairs). */
const cell = (row, id) => row.values.find(([program]) => program === id)?.[1];
export const sameRows = (ids) => COMPARISON.rows.filter((row) => ids.every((id) => cell(row, id) === cell(row, ids[0])));
export const FEATURE = COMPARISON.feature_heading;
/** The status line's sentence for the programs compared (as ComparisonText::comparing_sentence). */
export const comparing = (...names) =>
  TEXT.comparison.comparing.replace('{programs}', names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} ${TEXT.comparison.and} ${names.at(-1)}`);
// The columns the table shows: a program not selected keeps its column, hidden.
export const COLUMNS = '.comparison thead th:not([hidden])';
export const toggle = (name) => ['.toggle-group button', name];
export const COMPARISON_STATUS = '.comparison-status';

/**
 * The fixture blog (tests/fixtures/content, `make dist-fixture` into target/dist-fixture,
 * served on E2E_PORT + 3) and its first post with images, read from its compiled posts.
 */
export const FIXTURE_URL = `http://127.0.0.1:${FIXTURE_PORT}`;
const fixtureCompiled = (path) => JSON.parse(readFileSync(new URL(`../../target/dist-fixture/content/${path}`, import.meta.url), 'utf8'));
export const PHOTO_POST = fixtureCompiled('index/1.json')
  .posts.map((summary) => fixtureCompiled(`posts/${summary.slug}.json`))
  .find((post) => JSON.stringify(post).includes('<img '));

export const ROUTES = [
  { name: 'index', path: '/', h1: TEXT.index_title },
  { name: 'article', path: ARTICLE, h1: POST.title },
  { name: 'not-found', path: '/no/such/page', h1: TEXT.not_found_title },
];

/**
 * Playwright's test for the Chromium-only specs, which drive a raw `page`: every context
 * gets the same init script as a reader's (engines/reader.mjs), the one way it is added.
 */
export const test = base.extend({
  context: async ({ context }, use) => {
    await withInitScript(context);
    await use(context);
  },
});
export { expect };

/** A browser context of its own (viewport, colour scheme…), with the init script. */
export async function newContext(browser, options) {
  return withInitScript(await browser.newContext(options));
}

/**
 * The tag of tests tied to tools/serve.mjs (its origin, its answers to raw paths, its
 * fault injection), which the nginx project leaves out (playwright.config.mjs).
 */
export const SERVE_MJS_ONLY = { tag: '@serve-mjs-only' };

/** Collects console errors and uncaught page errors of a Playwright page; assert it is empty at the end. */
export const watchErrors = (page) => recordErrors(page, []);

/** Opens `path` and waits until the app has taken over the page (as a reader's gotoHydrated). */
export async function gotoHydrated(page, path) {
  const response = await page.goto(path);
  await page.waitForFunction(HYDRATED);
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
      out.push(
        ...line
          .split('|')
          .map((c) => c.trim())
          .filter(Boolean),
      );
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

/** Records what the page asks the clipboard to hold, and lets the browser's answer through. */
export function spyOnClipboard(reader) {
  return reader.evaluate(() => {
    window.__copied = [];
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text) => {
      window.__copied.push(text);
      return write(text);
    };
  });
}
