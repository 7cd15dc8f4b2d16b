// The app taking a prerendered page over (src/takeover.rs and src/prerender/loader.js), in
// every engine: a link to an answer shows it open from the first paint, a page left while
// the app loads neither logs an error nor stays half-started when it comes back, and a
// reload right after a press keeps it.
import { ARTICLE, COLUMNS, DEFAULT_COLUMNS, FAQ, FEATURE, HOME, INPATIENT, IOP, PHP, TEXT, toggle } from './content.mjs';
import { expect, test } from './fixtures.mjs';

/** An answer below the first screen, linked to directly. */
const ANSWER = FAQ[FAQ.length - 1];
const ANSWER_TEXT = `#${ANSWER.id} .faq-answer .prose`;

test('a link to an answer shows it open from the first paint, before the app has loaded', async ({ open, faults }) => {
  const release = faults.hold(/_bg\.wasm$/);
  const reader = await open({ baseURL: faults.url });
  await reader.goto(`${ARTICLE}#${ANSWER.id}`);
  await reader.waitFor(() => document.readyState === 'complete');
  expect(await reader.evaluate(() => window.__closedTargetFrames)).toBe(0);
  expect(await reader.visible(ANSWER_TEXT)).toBe(true);
  expect(await reader.app()).not.toBe('ready');
  release();
  await reader.waitForApp();
  expect(await reader.visible(ANSWER_TEXT)).toBe(true);
  expect(await reader.count('details[open]')).toBe(1);
});

test('a link to an answer shows it open without JavaScript', async ({ open }) => {
  const reader = await open({ javaScript: false });
  await reader.goto(`${ARTICLE}#${ANSWER.id}`);
  // WebKit may match `:target` only once it has scrolled to the fragment, a moment after
  // the load event its driver waits for.
  await expect.poll(() => reader.visible(ANSWER_TEXT)).toBe(true);
  // The others stay closed.
  expect(await reader.visible(`#${FAQ[0].id} .faq-answer .prose`)).toBe(false);
});

test('leaving while the app loads logs no error, and coming back starts it again', async ({ open, faults }) => {
  const release = faults.hold(/_bg\.wasm$/);
  const reader = await open({ baseURL: faults.url });
  await reader.goto(ARTICLE);
  await reader.waitFor(() => document.readyState === 'complete');
  // A press starts the app at once, and is kept while the wasm is held back.
  await reader.click(toggle(PHP));
  await expect.poll(() => reader.text('.comparison-status')).toBe(TEXT.getting_ready);
  await reader.click(`.site-header a[href="${HOME}"]`);
  await reader.waitFor((path) => location.pathname !== path, ARTICLE);
  // Back, from the back-forward cache where the engine keeps one: the app starts afresh;
  // the press made before leaving is forgotten, as on any page left.
  await reader.back();
  await reader.waitFor((path) => location.pathname === path, ARTICLE);
  release();
  await reader.waitForApp();
  expect(await reader.text('.comparison-status')).not.toContain(TEXT.getting_ready);
  expect(await reader.texts(COLUMNS)).toEqual(DEFAULT_COLUMNS);
  await reader.click(toggle(PHP));
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, INPATIENT, PHP, IOP]);
});

test('a reload right after a press keeps the press', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  // The press and the reload in one task: before any frame is painted.
  await reader.evaluate((name) => {
    window.__beforeReload = true;
    [...document.querySelectorAll('.toggle-group button')].find((b) => b.textContent.includes(name)).click();
    location.reload();
  }, PHP);
  // Asked while the page is being replaced: an answer lost with the old page is a no.
  const reloaded = () => reader.evaluate(() => document.readyState === 'complete' && !window.__beforeReload).catch(() => false);
  await expect.poll(reloaded).toBe(true);
  expect(await reader.path()).toBe(`${ARTICLE}?compare=inpatient,php,iop`);
  await reader.waitForApp();
  await expect.poll(() => reader.texts(COLUMNS)).toEqual([FEATURE, INPATIENT, PHP, IOP]);
});
