// A reader's browser tab, with one API in every engine, so the end-to-end specs make the
// same assertions in Chromium, Firefox and WebKit. Playwright drives Chromium and Firefox;
// WebKit is driven over classic WebDriver (./webkit.mjs), since Playwright's own WebKit
// build cannot be installed here. Page functions take one argument and must be
// self-contained: they are serialised into the page. They return text as the page has it;
// it is folded here, by `fold`, the one place the end-to-end tests fold whitespace.
import { expect } from '@playwright/test';

/** Run at document start in every page a reader opens, in every engine (CSP violations, the prerendered <h1>…). */
export const INIT_SCRIPT = new URL('./init.js', import.meta.url);
// Generous: two cores run two browsers and their servers at once.
const WAIT_MS = 20_000;

/** Whitespace folded to single spaces, trimmed: text as a reader reads it. */
export const fold = (text) => text.replace(/\s+/g, ' ').trim();

/** In the page: no scroll (a smooth one, say) has moved the page for a quarter second. */
export const SCROLL_AT_REST = () =>
  new Promise((resolve) => {
    const y = scrollY;
    setTimeout(() => resolve(scrollY === y), 250);
  });

/** In the page: the text of every element `selector` matches, unfolded. */
const textsOf = (selector) => [...document.querySelectorAll(selector)].map((el) => el.textContent);

/**
 * In the page: answers `question` about the element at `index` among those `selector`
 * matches (none when `index` is -1).
 */
function inspect([selector, index, question, name]) {
  const el = document.querySelectorAll(selector)[index] ?? null;
  if (question === 'element') return el;
  if (!el) return ['exists', 'visible', 'focused', 'inViewport'].includes(question) ? false : null;
  const box = el.getBoundingClientRect();
  switch (question) {
    case 'exists':
      return true;
    case 'text':
      return el.textContent;
    case 'attr':
      return el.getAttribute(name);
    case 'box':
      return { x: box.x, y: box.y, width: box.width, height: box.height, top: box.top, bottom: box.bottom, right: box.right };
    // Rendered (not in a closed <details>, not display:none) with a box, and not
    // visibility:hidden: Playwright's meaning of visible.
    case 'visible':
      return el.checkVisibility({ visibilityProperty: true }) && box.width > 0 && box.height > 0;
    case 'inViewport':
      return box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
    case 'focused':
      return document.activeElement === el;
    case 'focus':
      return el.focus();
    default:
      throw new Error(`unknown question ${question}`);
  }
}

/** Records a Playwright page's console errors and uncaught errors in `log`, and returns it. */
function recordErrors(page, log) {
  page.on('console', (msg) => {
    // Chromium logs the not-found page's own 404 status as an error: that status is the point.
    const documentStatus = msg.location().url === page.url() && /status of 404/.test(msg.text());
    if (msg.type() === 'error' && !documentStatus) log.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => log.push(`pageerror: ${err.message}`));
  return log;
}

/**
 * What both kinds of reader share: queries answered in the page, waits and assertions.
 * Subclasses implement goto, evaluate, elementHandle, clickHandle, press, back, forward,
 * reload, url, screenshot, errors and close.
 */
export class Reader {
  constructor(baseURL, { allowErrors, javaScript = true } = {}) {
    this.baseURL = baseURL;
    this.allowErrors = allowErrors;
    this.javaScript = javaScript;
  }

  /** An absolute URL for a site path such as `/blog/x/?q#h`. */
  href(path) {
    return new URL(path, this.baseURL).href;
  }

  /** Opens `path` and waits until the app has taken over the page. */
  async gotoHydrated(path) {
    const response = await this.goto(path);
    await this.waitForApp();
    return response;
  }

  /**
   * The page loader's state, `<html data-app>` (src/prerender/loader.js): none until it
   * starts the app, `loading`, then `ready` once the app has taken the page over and
   * replayed any press made before, or `failed`.
   */
  app() {
    return this.evaluate(() => document.documentElement.dataset.app ?? null);
  }

  /** Waits until the app has taken the page over; fails at once if it could not load. */
  async waitForApp() {
    const state = await this.waitFor(
      () => /^(ready|failed)$/.test(document.documentElement.dataset.app) && document.documentElement.dataset.app,
      null,
      'waiting for the app',
    );
    if (state !== 'ready') throw new Error(`the app did not load: <html data-app="${state}"> at ${await this.url()}`);
  }

  /** Polls a page function until it returns something truthy; returns that. */
  async waitFor(fn, arg, message = `waiting for ${fn}`) {
    let value;
    await expect.poll(async () => (value = await this.evaluate(fn, arg ?? null)), { message, timeout: WAIT_MS }).toBeTruthy();
    return value;
  }

  /**
   * Where the element `target` names is: a CSS selector (its first match), or
   * [selector, text] (the first match whose folded text contains `text`). Returns
   * [selector, index], the index -1 when no match has the text.
   */
  async locate(target) {
    if (!Array.isArray(target)) return [target, 0];
    const [selector, text] = target;
    const texts = await this.evaluate(textsOf, selector);
    return [selector, texts.findIndex((t) => fold(t).includes(text))];
  }

  /** Answers `question` (see `inspect`) about the element `target` names. */
  async ask(target, question, name) {
    return this.evaluate(inspect, [...(await this.locate(target)), question, name]);
  }

  /** Clicks the element `target` names (a selector, or [selector, text]). */
  async click(target) {
    await this.clickHandle(await this.element(target));
  }

  /** Waits for the element and returns the engine's handle to it. */
  async element(target) {
    let located;
    await expect
      .poll(
        async () => {
          located = await this.locate(target);
          return this.evaluate(inspect, [...located, 'exists']);
        },
        { message: `no element ${target}`, timeout: WAIT_MS },
      )
      .toBe(true);
    return this.elementHandle(inspect, [...located, 'element']);
  }

  focus(target) {
    return this.ask(target, 'focus');
  }

  /** Whitespace-folded text, or null when there is no such element. */
  async text(target) {
    const text = await this.ask(target, 'text');
    return text === null ? null : fold(text);
  }

  attr(target, name) {
    return this.ask(target, 'attr', name);
  }

  /** The element's bounding box, in viewport coordinates. */
  box(target) {
    return this.ask(target, 'box');
  }

  visible(target) {
    return this.ask(target, 'visible');
  }

  /** Whether any part of the element is inside the viewport. */
  inViewport(target) {
    return this.ask(target, 'inViewport');
  }

  focused(target) {
    return this.ask(target, 'focused');
  }

  /**
   * Counts changes to the element's content from now on (`changes()` reads the count):
   * what a screen reader watches in a live region.
   */
  watchChanges(selector) {
    return this.evaluate((s) => {
      window.__changes = 0;
      new MutationObserver(() => window.__changes++).observe(document.querySelector(s), {
        childList: true,
        characterData: true,
        subtree: true,
      });
    }, selector);
  }

  changes() {
    return this.evaluate(() => window.__changes);
  }

  /**
   * Records what the page asks the clipboard to hold (`copied()` reads it), and lets the
   * browser's answer through.
   */
  spyOnClipboard() {
    return this.evaluate(() => {
      window.__copied = [];
      const write = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (text) => {
        window.__copied.push(text);
        return write(text);
      };
    });
  }

  copied() {
    return this.evaluate(() => window.__copied);
  }

  /** Whitespace-folded texts of every match of a selector. */
  async texts(selector) {
    return (await this.evaluate(textsOf, selector)).map(fold);
  }

  count(selector) {
    return this.evaluate((s) => document.querySelectorAll(s).length, selector);
  }

  /** Path, query and fragment of the address bar. */
  async path() {
    const url = new URL(await this.url());
    return `${url.pathname}${url.search}${url.hash}`;
  }

  /**
   * The title of the page the server sends for `path`, as the browser reads it (parsed
   * apart, no script run): what the build wrote.
   */
  async servedTitle(path) {
    const html = await (await fetch(this.href(path))).text();
    return this.evaluate((source) => new DOMParser().parseFromString(source, 'text/html').title, html);
  }

  /** Pixels the page scrolls sideways (0 when it fits). */
  overflow() {
    return this.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  }

  /** The rendered text of the page (as a reader sees it, without hidden nodes), folded. */
  async bodyText() {
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, not the source text.
    return fold(await this.evaluate(() => document.body.innerText));
  }

  /**
   * The page's text as printed, folded. No WebDriver emulates print media, so the same is
   * done in every engine: the page's `@media print` blocks turned on and `screen` ones off
   * through the CSSOM, with the `beforeprint` and `afterprint` events around the reading.
   */
  async printedText() {
    const printed = await this.evaluate(() => {
      const flipped = [];
      for (const sheet of document.styleSheets) {
        for (const rule of sheet.cssRules) {
          if (!(rule instanceof CSSMediaRule)) continue;
          const media = rule.media.mediaText;
          if (/\bprint\b/.test(media) || /\bscreen\b/.test(media)) {
            flipped.push([rule, media]);
            rule.media.mediaText = /\bprint\b/.test(media) ? 'all' : 'not all';
          }
        }
      }
      dispatchEvent(new Event('beforeprint'));
      // biome-ignore lint/performance/useDomNodeTextContent: printed text is the rendered text under the print rules.
      const text = document.body.innerText;
      dispatchEvent(new Event('afterprint'));
      for (const [rule, media] of flipped) rule.media.mediaText = media;
      return text;
    });
    return fold(printed);
  }

  /** Errors logged so far, minus those the reader was opened to expect. */
  async unexpectedErrors() {
    const errors = await this.errors();
    return this.allowErrors ? errors.filter((e) => !this.allowErrors.test(e)) : errors;
  }
}

/** Chromium or Firefox, through Playwright: one context and page per reader. */
export class PlaywrightReader extends Reader {
  static async open(browser, baseURL, { width = 1280, height = 720, javaScript = true, colorScheme, reducedMotion, allowErrors } = {}) {
    const context = await browser.newContext({
      // Also for what a spec does through `page` (relative addresses, `toHaveURL`).
      baseURL,
      viewport: { width, height },
      javaScriptEnabled: javaScript,
      // Chromium honours these; Firefox takes them from its launch preferences.
      colorScheme,
      reducedMotion,
    });
    await context.addInitScript({ path: new URL(INIT_SCRIPT).pathname });
    const page = await context.newPage();
    return new PlaywrightReader(baseURL, { allowErrors, javaScript }, context, page);
  }

  constructor(baseURL, options, context, page) {
    super(baseURL, options);
    this.context = context;
    this.page = page;
    this.log = recordErrors(page, []);
    // Playwright would dismiss a dialog silently; WebKit's driver fails the next command.
    page.on('dialog', (dialog) => {
      this.log.push(`dialog: ${dialog.message()}`);
      dialog.dismiss();
    });
  }

  async goto(path) {
    return this.page.goto(this.href(path));
  }

  evaluate(fn, arg) {
    return this.page.evaluate(fn, arg);
  }

  elementHandle(fn, arg) {
    return this.page.evaluateHandle(fn, arg);
  }

  clickHandle(handle) {
    // Playwright waits for the element to be stable over animation frames, which Firefox
    // never runs for it with JavaScript off: there, a plain click.
    return handle.asElement().click({ force: !this.javaScript });
  }

  press(key) {
    return this.page.keyboard.press(key);
  }

  back() {
    return this.page.goBack();
  }

  forward() {
    return this.page.goForward();
  }

  reload() {
    return this.page.reload();
  }

  async url() {
    return this.page.url();
  }

  async screenshot(path) {
    // Playwright inserts a style element of its own to take the shot, which our CSP
    // rightly refuses and Firefox reports as a page error: not the page's error.
    const before = this.log.length;
    await this.page.screenshot({ path });
    const during = this.log.splice(before);
    this.log.push(...during.filter((e) => !/blocked an inline style \(style-src-elem\)/.test(e)));
  }

  async errors() {
    return [...this.log];
  }

  close() {
    return this.context.close();
  }
}
