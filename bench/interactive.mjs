// Time to interactive of the comparison: from navigation start until a reader's tap on a
// comparison toggle changes the table, on the article, throttled as Lighthouse's devtools
// preset throttles (slow 4G with its devtools latency and throughput, CPU 4× via CDP), on
// Lighthouse's mobile screen, a cold context per run.
//
// The reader taps as soon as the toggle is visible: a real mouse click at the button's box
// (page.mouse, which does not wait for the app), retried every 100 ms while the table has not
// changed and no click has reached an enabled button (a disabled one swallows it). A click
// that reached the button is the app's to handle, at once or kept until the app is ready. A
// MutationObserver installed before the page's scripts records the time of the first change
// to the table's column headers. No change within 20 s is a failed run.

import { throttling } from 'lighthouse/core/config/constants.js';
import { launchChromium, log, median, ms } from './harness.mjs';

const TIMEOUT_MS = 20_000;
const RETRY_MS = 100;
const slow4G = throttling.mobileSlow4G;
// Lighthouse's devtools throttling, as its core/lib/emulation.js sends it.
const NETWORK = {
  offline: false,
  latency: slow4G.requestLatencyMs,
  downloadThroughput: Math.floor((slow4G.downloadThroughputKbps * 1024) / 8),
  uploadThroughput: Math.floor((slow4G.uploadThroughputKbps * 1024) / 8),
};
// Lighthouse's mobile screen (moto g power).
const SCREEN = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true };

/** Before the page's scripts: the clicks on a toggle, when the app was ready, the table's first change. */
function recorder() {
  const state = { baseline: null, clicks: [], readyAt: null, changedAt: null };
  window.__tti = state;
  // The columns shown: every program's column is in the table, `hidden` while not selected.
  state.heads = (table) =>
    [...table.querySelectorAll('thead th')]
      .filter((th) => !th.hidden)
      .map((th) => th.textContent.trim())
      .join('|');
  addEventListener(
    'click',
    (e) => {
      const button = e.target instanceof Element && e.target.closest('.comparison-controls .toggle');
      if (button) state.clicks.push({ at: performance.now(), disabled: button.disabled });
    },
    true,
  );
  // There is no <html> yet when this runs: observe the document.
  new MutationObserver(() => {
    if (state.readyAt == null && document.documentElement?.dataset.app === 'ready') state.readyAt = performance.now();
    const table = document.querySelector('.comparison table');
    if (state.changedAt == null && state.baseline != null && table && state.heads(table) !== state.baseline) state.changedAt = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-app', 'hidden'] });
}

/**
 * In the page: where to tap (the first program toggle not pressed, so the tap adds a column:
 * the article's table starts at the minimum of two programs), scrolled into view; the table's
 * headers become the baseline the first time the toggle is visible.
 */
function locate() {
  const state = window.__tti;
  const button = document.querySelector('.comparison-controls [role="group"] .toggle[aria-pressed="false"]');
  const table = document.querySelector('.comparison table');
  const delivered = state.clicks.some((c) => !c.disabled);
  if (!button || !table || !button.checkVisibility() || state.changedAt != null || delivered) return { changed: state.changedAt != null, delivered };
  state.baseline ??= state.heads(table);
  let box = button.getBoundingClientRect();
  if (box.top < 0 || box.bottom > innerHeight) {
    button.scrollIntoView({ block: 'center', behavior: 'instant' });
    box = button.getBoundingClientRect();
  }
  return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
}

const sleep = (t) => new Promise((r) => setTimeout(r, t));
/** A CDP or page call may stall while the throttled renderer is busy: never wait longer than `t`. */
const within = (promise, t, what) => Promise.race([promise, sleep(t).then(() => Promise.reject(new Error(`${what}: no answer in ${t} ms`)))]);

/** One cold, throttled load of `url`, tapped as a reader would. */
async function interactiveOnce(browser, url) {
  const context = await browser.newContext(SCREEN);
  try {
    const page = await context.newPage();
    await page.addInitScript(recorder);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slow4G.cpuSlowdownMultiplier });
    const deadline = Date.now() + TIMEOUT_MS;
    await within(page.goto(url, { waitUntil: 'commit' }), TIMEOUT_MS, 'navigation');
    while (Date.now() < deadline) {
      const started = Date.now();
      const at = await within(page.evaluate(locate), 5000, 'locate').catch(() => ({}));
      if (at.changed) break;
      if (at.x != null) await within(page.mouse.click(at.x, at.y), 5000, 'click').catch(() => {});
      await sleep(Math.max(0, RETRY_MS - (Date.now() - started)));
    }
    const state = await within(
      page.evaluate(() => {
        const { heads, ...state } = window.__tti;
        // What the page shows at the end, to tell a lost tap from a slow app.
        state.app = document.documentElement.dataset.app ?? null;
        state.status = document.querySelector('.comparison-status')?.textContent ?? null;
        return state;
      }),
      5000,
      'state',
    );
    const delivered = state.clicks.find((c) => !c.disabled);
    return {
      ms: state.changedAt,
      tappedAt: delivered?.at ?? null,
      readyAt: state.readyAt,
      error:
        state.changedAt == null
          ? `the table did not change within ${TIMEOUT_MS / 1000} s (${delivered ? 'a tap was delivered' : 'no tap delivered'}; app ${state.app}, status "${state.status}")`
          : null,
    };
  } catch (err) {
    return { ms: null, error: err.message };
  } finally {
    await within(context.close(), 10_000, 'close').catch(() => {});
  }
}

/** `runs` cold loads of the article after a discarded warm-up; the median of the runs that changed the table. */
export async function measureInteractive(url, runs) {
  const browser = await launchChromium();
  const results = [];
  try {
    await interactiveOnce(browser, url);
    for (let i = 0; i < runs; i++) {
      const r = await interactiveOnce(browser, url);
      results.push(r);
      log(
        `interactive #${i + 1}: ${r.error ? `FAILED: ${r.error}` : `table changed at ${ms(r.ms)} (tap delivered ${ms(r.tappedAt)}, app ready ${ms(r.readyAt)})`}`,
      );
    }
  } finally {
    await browser.close();
  }
  return { runs: results, failed: results.filter((r) => r.error).length, median: median(results.map((r) => r.ms)) };
}
