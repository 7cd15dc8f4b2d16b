// What the end-to-end tests know of the site, read from the compiled content the pages
// were built from, so that an editor's change to content/ only fails the tests about that
// change, and where the pages show it. Sentences the site composes (the comparison's status
// line, the saved copy's notice) are read with the site's wording, never rebuilt here: how
// they are composed is the app's (src/model.rs).
//
// Which pages, E2E_LANGUAGE says (playwright.config.mjs). English, the default: dist/, the
// site as shipped, its article at /blog/iop-instead-of-rehab/. Spanish (`E2E_LANGUAGE=es`):
// the fixture blog's Spanish edition below /es/ (target/dist-fixture, from
// tests/fixtures/content), its article the translation of the English one.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { FIXTURE_PORT, LANGUAGE } from '../../playwright.config.mjs';
import { fold } from './engines/reader.mjs';

export { LANGUAGE };

const SPANISH = LANGUAGE === 'es';

const json = (file) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));

/**
 * The fixture blog (tests/fixtures/content, `make dist-fixture` into target/dist-fixture,
 * served on E2E_PORT + 3), whatever the run's language; `fixtureCompiled` reads its
 * compiled content by path below content/ (`es/…` for its Spanish edition).
 */
export const FIXTURE_URL = `http://127.0.0.1:${FIXTURE_PORT}`;
export const fixtureCompiled = (path) => json(`target/dist-fixture/content/${path}`);

/** The bundle the run's pages are served from (also the faults server's: tests/e2e/fixtures.mjs). */
export const ROOT = SPANISH ? 'target/dist-fixture' : 'dist';
/** The run's home page: its language's index, which its pages link to as home. */
export const HOME = SPANISH ? '/es/' : '/';
const compiled = (path) => json(`${ROOT}/content/${HOME.slice(1)}${path}`);

/** site.json as built for the run's language: names, phone, crisis lines and every interface string. */
export const SITE = compiled('site.json');
export const TEXT = SITE.text;
/** index/1.json's posts: the newest published posts, newest first. */
export const POSTS = compiled('index/1.json').posts;
/** The offline wording, which only the build reads (site.json's `offline`; languages/es.json's in Spanish). */
export const OFFLINE = (SPANISH ? json('tests/fixtures/content/languages/es.json') : json('content/site.json')).offline;

/**
 * The article: in English, the one whose source is tests/fixtures/source.txt (the verbatim
 * reference); in Spanish, its translation, the one the English post names.
 */
const ENGLISH_SLUG = 'iop-instead-of-rehab';
export const SLUG = SPANISH
  ? fixtureCompiled(`posts/${ENGLISH_SLUG}.json`)
      .translations.find((t) => t.lang === 'es')
      .path.match(/^es\/blog\/([^/]+)\/$/)[1]
  : ENGLISH_SLUG;
export const ARTICLE = `${HOME}blog/${SLUG}/`;
export const POST = compiled(`posts/${SLUG}.json`);
export const TEL = `tel:${SITE.phone.tel}`;
/** The article's page data as its page names it, without the content hash (`es-…` in the Spanish edition). */
export const ARTICLE_DATA = `${SITE.edition ? `${SITE.edition}-` : ''}post-${SLUG}.json`;
/** A path below HOME that names no page. */
export const MISSING = `${HOME}no/such/page`;
/** Where a spec keeps its screenshots of an engine's pages (the Spanish run's apart). */
export const screenshots = (engine) => `screenshots/${SPANISH ? 'es/' : ''}${engine}`;

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

/** The fixture blog's first post with images, read from its compiled posts. */
export const PHOTO_POST = fixtureCompiled('index/1.json')
  .posts.map((summary) => fixtureCompiled(`posts/${summary.slug}.json`))
  .find((post) => JSON.stringify(post).includes('<img '));

export const ROUTES = [
  { name: 'index', path: HOME, h1: TEXT.index_title },
  { name: 'article', path: ARTICLE, h1: POST.title },
  { name: 'not-found', path: MISSING, h1: TEXT.not_found_title },
];

/**
 * Every sentence-bearing line of the source article, as a reader must find it: the
 * fixture holds one a line (a list item without its marker, a table cell). English only:
 * the Spanish article is checked against its compiled post (`expectWholeArticle`).
 */
export const SOURCE_LINES = readFileSync(new URL('../fixtures/source.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);

/**
 * The article as its author wrote it, to count what it prints (the phone number): the
 * source in English; in Spanish, the compiled translation (every string of its post).
 */
export const ARTICLE_SOURCE = SPANISH ? JSON.stringify(POST) : SOURCE_LINES.join('\n');

/**
 * Passages the structure test finds by their words, as the article writes them: a line of
 * its quote, the quote's attribution, and the text of its link to the services page.
 */
export const PASSAGES = SPANISH
  ? {
      quote: 'Me alegra que estés aquí',
      caption: '– Cliente del programa ambulatorio, 2023',
      services: 'servicios de programa ambulatorio intensivo en Boston, MA',
    }
  : { quote: 'I’m glad you’re here.', caption: '– Outpatient Client, 2023', services: 'intensive outpatient program services in Boston, MA' };

/**
 * In the page: the text of compiled HTML, parsed as the page parses it, unfolded: of each
 * piece whole, or, with `blocks`, of each of its paragraphs, list items and captions (the
 * whole piece when it has none).
 */
function parsedTexts({ htmls, blocks }) {
  return htmls.flatMap((html) => {
    const parsed = document.createElement('template');
    parsed.innerHTML = html;
    const found = blocks ? [...parsed.content.querySelectorAll('p, li, figcaption')] : [];
    return found.length ? found.map((block) => block.textContent) : [parsed.content.textContent];
  });
}

/**
 * The compiled post's texts a reader sees on the article with every answer open and the
 * comparison as the article has it (its default programs): title, byline, headings, every
 * block of prose, the table's caption, headers and cells, every FAQ question, answer and
 * call button, the disclaimer.
 */
const POST_HTML = [
  POST.title,
  `${TEXT.reviewed_by} ${POST.reviewer}`,
  ...POST.sections.filter((s) => s.heading).map((s) => s.heading.text),
  ...blocks.flatMap((block) => {
    if (block.type === 'prose') return [block.html];
    if (block.type === 'faq') return block.items.flatMap((item) => [item.question, item.answer, ...(item.call ? [item.call] : [])]);
    const shown = block.programs.filter((p) => p.default);
    return [
      block.caption,
      block.feature_heading,
      ...shown.map((p) => p.name),
      ...block.rows.flatMap((row) => [row.feature, ...shown.map((p) => cell(row, p.id))]),
    ];
  }),
  POST.disclaimer,
];

/**
 * Opens every FAQ answer as a reader would (a click on its question), then asserts the
 * whole article is in the page's rendered text: every text of the compiled post (every
 * cell of the comparison in the table, a program not shown by default included) and, in
 * English, every line of the source verbatim.
 */
export async function expectWholeArticle(reader) {
  const closed = await reader.count('details:not([open])');
  for (let i = 0; i < closed; i++) await reader.click('details:not([open]) > summary');
  expect(await reader.count('details:not([open])')).toBe(0);
  const shown = await reader.bodyText();
  const texts = (await reader.evaluate(parsedTexts, { htmls: POST_HTML, blocks: true })).map(fold);
  expect(texts.length, 'texts of the compiled post').toBeGreaterThan(60);
  const missing = texts.filter((text) => !shown.includes(text));
  expect(missing, 'texts of the compiled post missing from the page').toEqual([]);
  // The cells of a program not shown are in the table too, hidden.
  const ids = COMPARISON.programs.map((p) => p.id);
  const cells = (await reader.evaluate(parsedTexts, { htmls: COMPARISON.rows.flatMap((row) => ids.map((id) => cell(row, id))) })).map(fold);
  const table = await reader.evaluate(() =>
    [...document.querySelectorAll('.comparison tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
  );
  expect(
    table.map((row) => row.map(fold)),
    'every cell of the comparison, in the programs’ order',
  ).toEqual(COMPARISON.rows.map((_, i) => cells.slice(i * ids.length, (i + 1) * ids.length)));
  if (SPANISH) return;
  expect(SOURCE_LINES.length).toBeGreaterThan(60);
  const unsourced = SOURCE_LINES.filter((line) => !shown.includes(fold(line)));
  expect(unsourced, 'lines of the source article missing from the page').toEqual([]);
}
