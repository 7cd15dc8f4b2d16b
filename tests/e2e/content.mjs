// What the end-to-end tests know of the site, read from the compiled content in dist/
// (what the pages were built from), so that an editor's change to content/ only fails the
// tests about that change, and where the pages show it. Sentences the site composes (the
// comparison's status line, the saved copy's notice) are read with site.json's wording,
// never rebuilt here: how they are composed is the app's (src/model.rs).
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { FIXTURE_PORT } from '../../playwright.config.mjs';
import { fold } from './engines/reader.mjs';

const compiled = (path) => JSON.parse(readFileSync(new URL(`../../dist/content/${path}`, import.meta.url), 'utf8'));

/** content/site.json as built: names, phone, crisis lines and every interface string. */
export const SITE = compiled('site.json');
export const TEXT = SITE.text;
/** content/index/1.json's posts: the newest published posts, newest first. */
export const POSTS = compiled('index/1.json').posts;
/** The offline wording, which only the build reads (content/site.json's `offline`). */
export const OFFLINE = JSON.parse(readFileSync(new URL('../../content/site.json', import.meta.url), 'utf8')).offline;

/** The article whose source is tests/fixtures/source.txt (the verbatim reference). */
export const SLUG = 'iop-instead-of-rehab';
export const ARTICLE = `/blog/${SLUG}/`;
export const POST = compiled(`posts/${SLUG}.json`);
export const TEL = `tel:${SITE.phone.tel}`;

/** Compiled inline HTML (site.json's crisis lines) as a reader gets it, parsed in the reader's page: each line's text and its links' `href` and text. */
export const asShown = (reader, htmls) =>
  reader.evaluate(
    (htmls) =>
      htmls.map((html) => {
        const line = document.createElement('template');
        line.innerHTML = html;
        const links = [...line.content.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), text: a.textContent }));
        return { text: line.content.textContent, links };
      }),
    htmls,
  );

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
export const FEATURE = COMPARISON.feature_heading;
/** The column headers of the article's own table: the feature heading and the default programs. */
export const DEFAULT_COLUMNS = [FEATURE, ...COMPARISON.programs.filter((p) => p.default).map((p) => p.name)];
/** A row's cell for the program `id` (a row's values are [program id, cell] pairs). */
const cell = (row, id) => row.values.find(([program]) => program === id)?.[1];
/** Rows whose value is the same for every one of the programs `ids`. */
export const sameRows = (ids) => COMPARISON.rows.filter((row) => ids.every((id) => cell(row, id) === cell(row, ids[0])));
// The columns the table shows: a program not selected keeps its column, hidden.
export const COLUMNS = '.comparison thead th:not([hidden])';
export const toggle = (name) => ['.toggle-group button', name];
export const COMPARISON_STATUS = '.comparison-status';

/**
 * Where `text` says the sentence `template` (site.json's wording, `{name}` where the site
 * fills something in, `{n}` a number): the values filled in, by name, or null when it does
 * not say it. `whole` asks for the sentence to be all of `text`.
 */
export function said(template, text, { whole = false } = {}) {
  const names = [];
  const pattern = template
    .split(/\{(\w+)\}/)
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(part);
      return part === 'n' ? '(\\d+)' : '(.+?)';
    })
    .join('');
  const match = new RegExp(whole ? `^${pattern}$` : pattern).exec(text);
  return match && Object.fromEntries(names.map((name, i) => [name, match[i + 1]]));
}

/**
 * The programs a comparison status line says are compared, in the order it names them
 * ("A, B and C"), when that is all it says (its `comparing` sentence); null otherwise.
 */
export function compared(status) {
  const { comparing, and } = TEXT.comparison;
  const programs = said(comparing, status, { whole: true })?.programs;
  if (programs == null) return null;
  const last = programs.lastIndexOf(` ${and} `);
  if (last < 0) return [programs];
  return [...programs.slice(0, last).split(', '), programs.slice(last + and.length + 2)];
}

/** How many rows a comparison status line says are hidden (`hidden_one`, `hidden_many`), or null. */
export function hiddenRows(status) {
  const { hidden_one: one, hidden_many: many } = TEXT.comparison;
  if (status.includes(one)) return 1;
  const n = said(many, status)?.n;
  return n == null ? null : Number(n);
}

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
 * Every sentence-bearing line of the source article, as a reader must find it: the
 * fixture holds one a line (a list item without its marker, a table cell).
 */
export const SOURCE_LINES = readFileSync(new URL('../fixtures/source.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);

/**
 * Opens every FAQ answer as a reader would (a click on its question), then asserts every
 * line of the source appears verbatim in the page's rendered text.
 */
export async function expectWholeArticle(reader) {
  const closed = await reader.count('details:not([open])');
  for (let i = 0; i < closed; i++) await reader.click('details:not([open]) > summary');
  expect(await reader.count('details:not([open])')).toBe(0);
  const shown = await reader.bodyText();
  const missing = SOURCE_LINES.filter((line) => !shown.includes(fold(line)));
  expect(missing, 'lines of the source article missing from the page').toEqual([]);
}
