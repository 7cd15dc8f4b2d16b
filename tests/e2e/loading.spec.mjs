// When the app loads, in every engine: never before the page has loaded (the first paint
// is the script-free page's), and a press on a control before it is ready is never lost.
import {
  ARTICLE,
  ARTICLE_DATA,
  COLUMNS,
  compared,
  DEFAULT_COLUMNS,
  FAQ,
  FEATURE,
  INPATIENT,
  IOP,
  PHP,
  COMPARISON_STATUS as STATUS,
  TEXT,
  toggle,
} from './content.mjs';
import { expect, test } from './fixtures.mjs';

const GETTING_READY = TEXT.getting_ready;

/** When each of the app's files started loading, against the page's load event (ms). */
const appRequests = (reader) =>
  reader.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation');
    const app = performance
      .getEntriesByType('resource')
      .filter((e) => /_bg\.wasm$|\/rehab-blog-[0-9a-f]+\.js$|\/_data\//.test(e.name))
      .map((e) => ({ file: e.name.replace(/.*\//, ''), start: e.startTime }));
    // An engine without paint timing has no entry: then `load` is the bound.
    const paint = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    return { loadStart: nav.loadEventStart, paint, app };
  });

test('nothing of the app is fetched before the page has loaded and its first paint is shown', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  const { loadStart, paint, app } = await appRequests(reader);
  expect(loadStart).toBeGreaterThan(0);
  expect(app.map((r) => r.file.replace(/-[0-9a-f]{8,16}(?=[._])/, '')).sort()).toEqual([ARTICLE_DATA, 'rehab-blog.js', 'rehab-blog_bg.wasm']);
  for (const request of app) expect(request.start, request.file).toBeGreaterThanOrEqual(Math.max(loadStart, paint));
  expect(await reader.count('link[rel="preload"], link[rel="modulepreload"][href$="_bg.wasm"]')).toBe(0);
});

test('a press before the app is ready is kept, said and applied once it is', async ({ open, faults }) => {
  const release = faults.hold(/_bg\.wasm$/);
  const reader = await open({ baseURL: faults.url });
  await reader.goto(ARTICLE);
  await reader.waitFor(() => document.readyState === 'complete');
  await reader.click(toggle(PHP));
  await expect.poll(() => reader.text(STATUS)).toBe(GETTING_READY);
  // A second press, on another control, is kept too, in order.
  await reader.click(toggle(INPATIENT));
  expect(await reader.text(STATUS)).toBe(GETTING_READY);
  expect(await reader.texts(COLUMNS)).toEqual(DEFAULT_COLUMNS);
  expect(await reader.app()).toBe('loading');

  release();
  await reader.waitForApp();
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, PHP, IOP]);
  await expect.poll(() => reader.path()).toBe(`${ARTICLE}?compare=php,iop`);
  await expect.poll(async () => compared(await reader.text(STATUS))).toEqual([PHP, IOP]);
  expect(await reader.app()).toBe('ready');
  // And the controls work as usual from then on.
  await reader.click(toggle(INPATIENT));
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, INPATIENT, PHP, IOP]);
});

test('presses between the hydration tasks are kept and applied once each', async ({ open, faults }) => {
  const release = faults.hold(/_bg\.wasm$/);
  const reader = await open({ baseURL: faults.url });
  await reader.goto(ARTICLE);
  await reader.waitFor(() => document.readyState === 'complete');
  // Right after the first hydration task: the comparison and the FAQ are not hydrated yet.
  await reader.evaluate(
    ([toggleName, expandAll]) => {
      window.__betweenHydrationTasks = () => {
        window.__pressedWhile = {
          hydrating: performance.getEntriesByName('app-hydrating').length,
          hydrated: performance.getEntriesByName('app-hydrated').length,
        };
        [...document.querySelectorAll('.toggle-group button')].find((b) => b.textContent.includes(toggleName)).click();
        document.querySelector(expandAll).click();
      };
    },
    [PHP, '.faq-controls button'],
  );
  release();
  await reader.waitForApp();
  expect(await reader.evaluate(() => window.__pressedWhile)).toEqual({ hydrating: 1, hydrated: 0 });
  // Once each: a second application would take PHP away again and close every answer.
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, INPATIENT, PHP, IOP]);
  await expect.poll(() => reader.path()).toBe(`${ARTICLE}?compare=inpatient,php,iop`);
  await expect.poll(() => reader.count('details[open]')).toBe(FAQ.length);
  expect(await reader.text('.faq-controls button')).toBe(TEXT.faq.collapse_all);
});

test('if the app cannot load, its controls go away and the page stays whole', async ({ open, faults }) => {
  faults.fail(/_bg\.wasm$/, { status: 404, body: 'gone' });
  const reader = await open({ baseURL: faults.url, allowErrors: /wasm|WebAssembly|404|Not Found|fetch|integrity|load/i });
  await reader.goto(ARTICLE);
  await expect.poll(() => reader.app()).toBe('failed');
  expect(await reader.visible('.comparison-controls')).toBe(false);
  expect(await reader.visible('.faq-controls')).toBe(false);
  expect(await reader.text(STATUS)).toBe('');
  expect(await reader.texts(COLUMNS)).toEqual(DEFAULT_COLUMNS);
  expect(await reader.count('details summary')).toBe(FAQ.length);
});

// The idle timer cannot be told apart from the other triggers without stubbing it, which
// takes a per-test script only Playwright's readers (Chromium, Firefox) can add.
test.describe('without an idle moment', () => {
  test.skip(({ engine }) => engine === 'webkit', 'per-test init scripts are Playwright only');

  /** A reader whose browser never reports idle time. */
  async function neverIdle(open) {
    const reader = await open();
    await reader.page.addInitScript(() => {
      window.requestIdleCallback = () => 0;
    });
    await reader.goto(ARTICLE);
    await reader.waitFor(() => document.readyState === 'complete');
    await reader.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1500)));
    return reader;
  }

  test('the app waits until the reader reaches for a control', async ({ open }) => {
    const reader = await neverIdle(open);
    expect((await appRequests(reader)).app).toEqual([]);
    await reader.press('Tab'); // the skip link
    await reader.waitForApp();
  });

  test('or until the comparison comes near the screen', async ({ open }) => {
    const reader = await neverIdle(open);
    expect((await appRequests(reader)).app).toEqual([]);
    await reader.evaluate(() => document.querySelector('.comparison').scrollIntoView());
    await reader.waitForApp();
  });
});
