// The program comparison, in every engine: toggles, minimum, only-differences, URL state,
// any width.
import { mkdirSync } from 'node:fs';
import {
  ARTICLE,
  COLUMNS,
  COMPARISON,
  compared,
  DEFAULT_COLUMNS,
  FAQ,
  FEATURE,
  HOME,
  hiddenRows,
  INPATIENT,
  IOP,
  PHP,
  POST,
  SITE,
  COMPARISON_STATUS as STATUS,
  sameRows,
  screenshots,
  TEXT,
  toggle,
} from './content.mjs';
import { SCROLL_AT_REST } from './engines/reader.mjs';
import { expect, test } from './fixtures.mjs';

const MINIMUM = TEXT.comparison.minimum;
const ONLY_DIFFERENCES = ['.comparison-controls > button', TEXT.comparison.only_differences];
// A program's cells the reader sees (a program not selected keeps its cells, hidden).
const shownCells = (reader, program) =>
  reader.evaluate((name) => [...document.querySelectorAll('tbody td')].filter((td) => td.dataset.label === name && td.getClientRects().length).length, program);
const visibleRows = (reader) => reader.evaluate(() => [...document.querySelectorAll('tbody tr')].filter((tr) => tr.getClientRects().length).length);

test('prerendered default is the article’s table; controls come alive on hydration', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  // The loader's own signals: the app is ready and has hydrated the page.
  expect(await reader.evaluate(() => [document.documentElement.dataset.app, performance.getEntriesByName('app-hydrated').length])).toEqual(['ready', 1]);
  expect(await reader.texts(COLUMNS)).toEqual(DEFAULT_COLUMNS);
  expect(await reader.visible('[role="group"][aria-labelledby="comparison-programs-label"]')).toBe(true);
  expect(await reader.attr(toggle(INPATIENT), 'aria-pressed')).toBe('true');
  expect(await reader.attr(toggle(PHP), 'aria-pressed')).toBe('false');
  expect(await reader.text(STATUS)).toBe('');
  // Alive: a press is the app's at once, with no "getting ready" held for it.
  await reader.click(toggle(PHP));
  await expect.poll(() => reader.attr(toggle(PHP), 'aria-pressed')).toBe('true');
  expect(await reader.text(STATUS)).not.toContain(TEXT.getting_ready);
});

test('toggles add and remove programs, announce the comparison, and keep two', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  await reader.click(toggle(PHP));
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, INPATIENT, PHP, IOP]);
  expect(await shownCells(reader, PHP)).toBe(COMPARISON.rows.length);
  await expect.poll(() => reader.path()).toBe(`${ARTICLE}?compare=inpatient,php,iop`);
  await expect.poll(async () => compared(await reader.text(STATUS))).toEqual([INPATIENT, PHP, IOP]);
  expect(await reader.attr(STATUS, 'role')).toBe('status');

  await reader.click(toggle(INPATIENT));
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, PHP, IOP]);
  expect(await shownCells(reader, INPATIENT)).toBe(0);
  await expect.poll(() => reader.path()).toBe(`${ARTICLE}?compare=php,iop`);

  await reader.click(toggle(IOP));
  await expect.poll(() => reader.text(STATUS)).toContain(MINIMUM);
  expect(await reader.texts(COLUMNS)).toEqual([FEATURE, PHP, IOP]);
  expect(await reader.attr(toggle(IOP), 'aria-pressed')).toBe('true');
});

test('two presses in one go: the table and the URL end at the last, in one history entry', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  // Two presses within one task: the URL is written after the next paint, once.
  await reader.evaluate(() => {
    const buttons = document.querySelectorAll('.toggle-group button');
    buttons[1].click();
    buttons[0].click();
  });
  const pressed = () => reader.evaluate(() => [...document.querySelectorAll('.toggle-group button')].map((b) => b.getAttribute('aria-pressed')));
  await expect.poll(pressed).toEqual(['false', 'true', 'true']);
  await expect.poll(() => reader.path()).toBe(`${ARTICLE}?compare=php,iop`);
  expect(await reader.texts(COLUMNS)).toEqual([FEATURE, PHP, IOP]);
  await reader.back();
  await expect.poll(() => reader.path()).toBe(ARTICLE);
  await expect.poll(() => reader.texts(COLUMNS)).toEqual(DEFAULT_COLUMNS);
});

test('a press right before following a link does not follow the reader to the next page', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  await reader.evaluate((name) => {
    document.querySelectorAll('.toggle-group button')[1].click();
    [...document.querySelectorAll('header a')].find((a) => a.textContent.trim() === name).click();
  }, SITE.name);
  await expect.poll(() => reader.path()).toBe(HOME);
  await expect.poll(() => reader.text('h1')).toBe(TEXT.index_title);
  await reader.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  expect(await reader.path()).toBe(HOME);
});

test('a repeated warning is announced again', async ({ reader }) => {
  await reader.gotoHydrated(`${ARTICLE}?compare=php,iop`);
  // Screen readers announce a live region when its content changes: the same sentence
  // twice must still be a change.
  await reader.watchChanges(STATUS);
  await reader.click(toggle(IOP));
  await expect.poll(() => reader.text(STATUS)).toContain(MINIMUM);
  const first = await reader.changes();
  expect(first).toBeGreaterThan(0);
  await reader.click(toggle(IOP));
  await expect.poll(() => reader.changes()).toBeGreaterThan(first);
  await expect.poll(() => reader.text(STATUS)).toContain(MINIMUM);
});

test('only differences hides identical rows and says how many', async ({ reader }) => {
  await reader.gotoHydrated(`${ARTICLE}?compare=php,iop`);
  const same = sameRows(['php', 'iop']);
  expect(same.length, 'the article has a row PHP and IOP share').toBeGreaterThan(0);
  const sameRow = ['tbody tr', same[0].feature];
  expect(await reader.visible(sameRow)).toBe(true);
  const tags = await reader.evaluate(() => [...document.querySelectorAll('tbody tr')].map((tr) => tr.querySelector('.same-tag')?.textContent ?? null));
  expect(tags).toEqual(COMPARISON.rows.map((row) => (same.includes(row) ? TEXT.comparison.same : null)));
  await reader.click(ONLY_DIFFERENCES);
  await expect.poll(() => reader.attr(ONLY_DIFFERENCES, 'aria-pressed')).toBe('true');
  await expect.poll(() => reader.visible(sameRow)).toBe(false);
  expect(await visibleRows(reader)).toBe(COMPARISON.rows.length - same.length);
  await expect.poll(async () => hiddenRows(await reader.text(STATUS))).toBe(same.length);
  await expect.poll(() => reader.path()).toBe(`${ARTICLE}?compare=php,iop&diff=1`);
  // With inpatient added, only the rows all three share stay hidden.
  await reader.click(toggle(INPATIENT));
  await expect.poll(() => visibleRows(reader)).toBe(COMPARISON.rows.length - sameRows(['inpatient', 'php', 'iop']).length);
});

test('the URL reopens a comparison; reload and Back/Forward step through changes', async ({ reader }) => {
  await reader.gotoHydrated(`${ARTICLE}?compare=php,iop`);
  expect(await reader.texts(COLUMNS)).toEqual([FEATURE, PHP, IOP]);
  await reader.click(toggle(INPATIENT));
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, INPATIENT, PHP, IOP]);
  // The URL follows the table once that frame is painted.
  await expect.poll(() => reader.path()).toBe(`${ARTICLE}?compare=inpatient,php,iop`);
  await reader.reload();
  await reader.waitForApp();
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, INPATIENT, PHP, IOP]);
  await reader.back();
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, PHP, IOP]);
  await reader.forward();
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, INPATIENT, PHP, IOP]);
});

test('a comparison stays with its URL: following links to the article shows the article’s table', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  await reader.click(toggle(PHP));
  await reader.click(ONLY_DIFFERENCES);
  await expect.poll(() => reader.path()).toBe(`${ARTICLE}?compare=inpatient,php,iop&diff=1`);
  await reader.click(['header a', SITE.name]);
  await expect.poll(() => reader.path()).toBe(HOME);
  await reader.click(['a', POST.title]);
  await expect.poll(() => reader.text('h1')).toBe(POST.title);
  expect(await reader.path()).toBe(ARTICLE);
  await expect.poll(() => reader.texts(COLUMNS)).toEqual(DEFAULT_COLUMNS);
  expect(await reader.attr(toggle(PHP), 'aria-pressed')).toBe('false');
  expect(await reader.attr(ONLY_DIFFERENCES, 'aria-pressed')).toBe('false');
});

test('Back from a comparison change to a URL with an FAQ link keeps the table in view', async ({ reader }) => {
  const faq = FAQ.at(-1).id;
  await reader.gotoHydrated(`${ARTICLE}#${faq}`);
  await expect.poll(() => reader.inViewport(`#${faq}`)).toBe(true);
  // The browser's jump to the answer is smooth: the reader scrolls up once it is over.
  await reader.waitFor(SCROLL_AT_REST);
  await reader.evaluate(() => document.querySelector('.comparison').scrollIntoView({ block: 'start', behavior: 'instant' }));
  await reader.click(toggle(PHP));
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, INPATIENT, PHP, IOP]);
  // The FAQ link the reader arrived by is dropped once they use the table.
  await expect.poll(() => reader.path()).toBe(`${ARTICLE}?compare=inpatient,php,iop`);
  await reader.back();
  await expect.poll(() => reader.texts(COLUMNS)).toEqual(DEFAULT_COLUMNS);
  expect(await reader.path()).toBe(ARTICLE);
  // Give a scroll (smooth or not) time to happen before judging that none did.
  await reader.evaluate(() => new Promise((resolve) => setTimeout(resolve, 700)));
  expect(await reader.inViewport('.comparison table')).toBe(true);
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
  test(`hostile query ${query.slice(0, 40)} falls back safely`, async ({ reader }) => {
    await reader.gotoHydrated(`${ARTICLE}${query}`);
    expect(await reader.texts(COLUMNS)).toEqual(DEFAULT_COLUMNS);
    expect(await reader.count('main script, main b')).toBe(0);
  });
}

test('keyboard: Tab reaches every toggle; Space and Enter operate them', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  await reader.focus(toggle(INPATIENT));
  await reader.press('Tab');
  expect(await reader.focused(toggle(PHP))).toBe(true);
  await reader.press('Space');
  await expect.poll(() => reader.attr(toggle(PHP), 'aria-pressed')).toBe('true');
  await reader.press('Enter');
  await expect.poll(() => reader.attr(toggle(PHP), 'aria-pressed')).toBe('false');
  await reader.press('Tab');
  expect(await reader.focused(toggle(IOP))).toBe(true);
  await reader.press('Tab');
  expect(await reader.focused(ONLY_DIFFERENCES)).toBe(true);
  expect(await reader.evaluate(() => getComputedStyle(document.activeElement).outlineStyle)).not.toBe('none');
  const sizes = await reader.evaluate(() =>
    [...document.querySelectorAll('.comparison button')].map((b) => b.getBoundingClientRect()).map((r) => [r.width, r.height]),
  );
  for (const [width, height] of sizes) {
    expect(width).toBeGreaterThanOrEqual(24);
    expect(height).toBeGreaterThanOrEqual(24);
  }
});

test.describe(() => {
  test.skip(({ engine }) => engine !== 'chromium', 'layout-shift entries are a Chromium API');
  test('no layout shift when the page hydrates', async ({ open }) => {
    const reader = await open();
    await reader.page.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => window.__shifts.push(...list.getEntries().map((e) => e.value))).observe({
        type: 'layout-shift',
        buffered: true,
      });
    });
    await reader.gotoHydrated(ARTICLE);
    await reader.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    const total = await reader.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
    expect(total).toBe(0);
  });
});

test('JavaScript off: the article’s table, without controls that cannot work', async ({ open }) => {
  const reader = await open({ javaScript: false });
  await reader.goto(`${ARTICLE}?compare=php,iop`);
  expect(await reader.texts(COLUMNS)).toEqual(DEFAULT_COLUMNS);
  expect(await shownCells(reader, PHP)).toBe(0);
  expect(await shownCells(reader, IOP)).toBe(COMPARISON.rows.length);
  expect(await reader.visible('.comparison-controls')).toBe(false);
});

for (const width of [320, 390, 1280]) {
  test(`at ${width} px: no sideways scrolling; phones get one line per program; screenshots`, async ({ open, engine }) => {
    mkdirSync(screenshots(engine), { recursive: true });
    const reader = await open({ width, height: 800 });
    for (const [state, query] of [
      ['default', ''],
      ['three', '?compare=inpatient,php,iop'],
      ['differences', '?compare=php,iop&diff=1'],
    ]) {
      await reader.gotoHydrated(`${ARTICLE}${query}`);
      expect(await reader.overflow(), `${state} at ${width}px`).toBeLessThanOrEqual(0);
      expect((await reader.box('.comparison table')).right).toBeLessThanOrEqual(width);
      if (width < 600) {
        // Stacked: the cell names its program.
        const label = await reader.evaluate(() => getComputedStyle(document.querySelector('tbody td:not([hidden])'), '::before').content);
        expect(label).toContain(':');
      }
      await reader.evaluate(() => document.querySelector('.comparison').scrollIntoView({ block: 'start', behavior: 'instant' }));
      await reader.screenshot(`${screenshots(engine)}/comparison-${state}-${width}.png`);
    }
  });
}
