// The FAQ, in every engine: disclosures that work by mouse, keyboard, deep link, print
// and without JavaScript.
import { ARTICLE, FAQ, TEL, TEXT } from './content.mjs';
import { SCROLL_AT_REST } from './engines/reader.mjs';
import { expect, test } from './fixtures.mjs';

const IDS = FAQ.map((item) => item.id);
// The answer with a call button (the article's insurance question).
const CALLING = FAQ.find((item) => item.call);
const INSURANCE = CALLING.id;
const LAST = IDS.at(-1);
const summary = (id) => `#${id} > summary`;
const answer = (id) => `#${id} .faq-answer`;
const EXPAND_ALL = '.faq-controls button';
const copyButton = (id) => `#${id} .faq-copy button`;
const copyStatus = (id) => `#${id} .faq-copy-status`;

test('mouse opens and closes every question and keeps the URL in step', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  const historyLength = await reader.evaluate(() => history.length);
  for (const id of IDS) {
    await reader.click(summary(id));
    await expect.poll(() => reader.visible(answer(id))).toBe(true);
    await expect.poll(() => reader.path()).toBe(`${ARTICLE}#${id}`);
    await reader.click(summary(id));
    await expect.poll(() => reader.visible(answer(id))).toBe(false);
  }
  expect(await reader.evaluate(() => history.length), 'no new history entries').toBe(historyLength);
});

test('keyboard: Tab reaches each question; Enter and Space toggle it', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  await reader.focus(EXPAND_ALL);
  for (const id of IDS) {
    await reader.press('Tab');
    expect(await reader.focused(summary(id))).toBe(true);
    await reader.press('Enter');
    await expect.poll(() => reader.visible(answer(id))).toBe(true);
    await reader.press('Space');
    await expect.poll(() => reader.visible(answer(id))).toBe(false);
  }
});

test('a deep link opens its question and scrolls to it, on load and on hash change', async ({ reader }) => {
  await reader.gotoHydrated(`${ARTICLE}#${LAST}`);
  await expect.poll(() => reader.visible(answer(LAST))).toBe(true);
  await expect.poll(() => reader.inViewport(`#${LAST}`)).toBe(true);

  await reader.evaluate(() => window.scrollTo(0, 0));
  await reader.evaluate((id) => {
    location.hash = `#${id}`;
  }, IDS[1]);
  await expect.poll(() => reader.visible(answer(IDS[1]))).toBe(true);
  await expect.poll(() => reader.inViewport(`#${IDS[1]}`)).toBe(true);
});

test('a deep link does not pull back a reader who scrolled on while the app was loading', async ({ open, faults }) => {
  const release = faults.hold(/_bg\.wasm$/);
  const reader = await open({ baseURL: faults.url });
  await reader.goto(`${ARTICLE}#${LAST}`);
  await reader.waitFor(() => document.readyState === 'complete');
  // The browser's own jump to the question (smooth, as the style asks), before the app;
  // once it has come to rest, the reader scrolls back up to the title.
  await expect.poll(() => reader.inViewport(`#${LAST}`)).toBe(true);
  await reader.waitFor(SCROLL_AT_REST);
  await reader.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  release();
  await reader.waitForApp();
  // The question is opened where it is, out of view; give a scroll time to happen.
  await expect.poll(() => reader.count(`#${LAST}[open]`)).toBe(1);
  await reader.evaluate(() => new Promise((resolve) => setTimeout(resolve, 700)));
  expect(await reader.inViewport('h1')).toBe(true);
  expect(await reader.inViewport(`#${LAST}`)).toBe(false);
});

test('expand all / collapse all reflects the state', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  expect(await reader.text(EXPAND_ALL)).toBe(TEXT.faq.expand_all);
  await reader.click(EXPAND_ALL);
  for (const id of IDS) await expect.poll(() => reader.visible(answer(id))).toBe(true);
  await expect.poll(() => reader.text(EXPAND_ALL)).toBe(TEXT.faq.collapse_all);
  // A plain button whose label says what it does, not a toggle with a changing name.
  expect(await reader.attr(EXPAND_ALL, 'aria-pressed')).toBeNull();
  await reader.click(summary(IDS[2]));
  await expect.poll(() => reader.text(EXPAND_ALL)).toBe(TEXT.faq.expand_all);
  await reader.click(EXPAND_ALL);
  await expect.poll(() => reader.text(EXPAND_ALL)).toBe(TEXT.faq.collapse_all);
  await reader.click(EXPAND_ALL);
  for (const id of IDS) await expect.poll(() => reader.visible(answer(id))).toBe(false);
});

test('copy link copies the answer’s URL and confirms, every time', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  await reader.spyOnClipboard();
  await reader.click(summary(INSURANCE));
  await reader.click(copyButton(INSURANCE));
  // The click is the user gesture the clipboard needs (Safari refuses without one).
  await expect.poll(() => reader.text(copyStatus(INSURANCE))).toBe(TEXT.faq.copied);
  expect(await reader.copied()).toEqual([reader.href(`${ARTICLE}#${INSURANCE}`)]);
  // A second copy is confirmed again, for screen readers too: the live region changes.
  await reader.watchChanges(copyStatus(INSURANCE));
  await reader.click(copyButton(INSURANCE));
  await expect.poll(async () => (await reader.copied()).length).toBe(2);
  await expect.poll(() => reader.changes()).toBeGreaterThan(0);
  await expect.poll(() => reader.text(copyStatus(INSURANCE))).toBe(TEXT.faq.copied);
});

test('copy link without a clipboard puts the link in the address bar and says so', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  // As in an insecure context, or a browser without the API.
  await reader.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined });
  });
  await reader.click(summary(INSURANCE));
  await reader.evaluate(() => history.replaceState(null, '', location.pathname));
  await reader.click(copyButton(INSURANCE));
  await expect.poll(() => reader.text(copyStatus(INSURANCE))).toBe(TEXT.faq.copy_failed);
  expect(await reader.path()).toBe(`${ARTICLE}#${INSURANCE}`);
});

test('the insurance answer offers a call button', async ({ reader }) => {
  await reader.goto(ARTICLE);
  await reader.click(summary(INSURANCE));
  expect(await reader.text(`${answer(INSURANCE)} a.button[href="${TEL}"]`)).toBe(CALLING.call);
  // The button, and every tel: link of the answer's text.
  const inText = CALLING.answer.split(`href="${TEL}"`).length - 1;
  expect(await reader.count(`${answer(INSURANCE)} a[href="${TEL}"]`)).toBe(inText + 1);
});

test('JavaScript off: questions still expand; JS-only controls are not shown', async ({ open }) => {
  const reader = await open({ javaScript: false });
  await reader.goto(ARTICLE);
  expect(await reader.visible('.faq-controls')).toBe(false);
  for (const id of IDS) {
    await reader.click(summary(id));
    await expect.poll(() => reader.visible(answer(id))).toBe(true);
  }
  expect(await reader.visible('.faq-copy')).toBe(false);
});

test('print shows every answer', async ({ reader }) => {
  await reader.gotoHydrated(ARTICLE);
  const printed = await reader.printedText();
  for (const id of IDS) {
    const first = await reader.text(`#${id} .faq-answer p`);
    expect(printed, id).toContain(first.slice(0, 60));
  }
  expect(printed).not.toContain(TEXT.faq.expand_all);
});

test('ids are stable and unique', async ({ reader }) => {
  await reader.goto(ARTICLE);
  expect(await reader.evaluate(() => [...document.querySelectorAll('details.faq-item')].map((d) => d.id))).toEqual(IDS);
  const all = await reader.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  expect(new Set(all).size).toBe(all.length);
});

test('closing a deep-linked answer, then following the same link again, reopens it', async ({ reader }) => {
  const id = LAST;
  await reader.gotoHydrated(`${ARTICLE}#${id}`);
  await expect.poll(() => reader.visible(answer(id))).toBe(true);
  await reader.click(summary(id));
  await expect.poll(() => reader.visible(answer(id))).toBe(false);
  await expect.poll(() => reader.path()).toBe(ARTICLE);
  await reader.evaluate((id) => {
    location.hash = `#${id}`;
  }, id);
  await expect.poll(() => reader.visible(answer(id))).toBe(true);
});

test('answers opened before the app takes over are known to it', async ({ open, faults }) => {
  // Hold the wasm back so the reader can act on the prerendered page first.
  const release = faults.hold(/\.wasm$/);
  const reader = await open({ baseURL: faults.url });
  await reader.goto(ARTICLE);
  await reader.click(summary(IDS[0]));
  await expect.poll(() => reader.visible(answer(IDS[0]))).toBe(true);
  expect(await reader.app()).not.toBe('ready');
  release();
  await reader.waitForApp();
  await reader.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
  // Closing it is recognised as closing: no link to it is written to the address bar.
  await reader.click(summary(IDS[0]));
  await expect.poll(() => reader.visible(answer(IDS[0]))).toBe(false);
  expect(await reader.path()).toBe(ARTICLE);
});
