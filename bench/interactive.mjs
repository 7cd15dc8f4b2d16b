// Time to interactive, comparison: from navigation start until a reader's click on a
// comparison toggle changes the table, on the article, throttled as Lighthouse's devtools
// preset throttles (slow 4G with its devtools latency and throughput, CPU 4× via CDP).
//
// A reader taps as soon as the toggle is visible: the click is a real mouse click at the
// button's box (page.mouse, which does not wait for the button to be enabled), retried
// every 100 ms while the table has not changed and no click has been delivered (a disabled
// button swallows it). Once a click lands on an enabled button, it is the app's to handle,
// at once or queued until the wasm is ready; a MutationObserver installed before any of
// the page's scripts records the performance.now() of the first change to the table's
// column headers. No change within 20 s is a failed run.

import { chromium } from '@playwright/test';
import { throttling } from 'lighthouse/core/config/constants.js';
import { CHROME, log, median, ms, PLAYWRIGHT_FLAGS } from './util.mjs';

export const INTERACTIVE_TIMEOUT_MS = Number(process.env.BENCH_INTERACTIVE_TIMEOUT_MS) || 20_000;
const RETRY_MS = 100;
const slow4G = throttling.mobileSlow4G;
// Lighthouse's devtools throttling, as core/lib/emulation.js sends it.
export const DEVTOOLS_THROTTLING = {
  network: {
    offline: false,
    latency: slow4G.requestLatencyMs,
    downloadThroughput: Math.floor((slow4G.downloadThroughputKbps * 1024) / 8),
    uploadThroughput: Math.floor((slow4G.uploadThroughputKbps * 1024) / 8),
  },
  cpuSlowdownMultiplier: slow4G.cpuSlowdownMultiplier,
};
// Lighthouse's mobile screen (moto g power).
const SCREEN = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true };

/** Installed in the page before its own scripts: records clicks and the table's first change. */
function recorder() {
  const state = { firstVisibleAt: null, baseline: null, clicks: [], changedAt: null, hydratedAt: null };
  window.__tti = state;
  // The columns shown: every program's column is in the table, `hidden` while not selected.
  const heads = (table) =>
    [...table.querySelectorAll('thead th')]
      .filter((th) => !th.hidden)
      .map((th) => th.textContent.trim())
      .join('|');
  state.heads = heads;
  addEventListener(
    'click',
    (e) => {
      const button = e.target instanceof Element ? e.target.closest('.comparison-controls .toggle') : null;
      if (button) state.clicks.push({ at: performance.now(), disabled: button.disabled, trusted: e.isTrusted });
    },
    true,
  );
  // Hydrated: Trunk's event, or the app's own loader marking <html data-app="ready">.
  addEventListener('TrunkApplicationStarted', () => {
    state.hydratedAt ??= performance.now();
  });
  // There is no <html> yet when this runs: observe the document.
  new MutationObserver(() => {
    if (state.hydratedAt == null && document.documentElement?.dataset.app === 'ready') state.hydratedAt = performance.now();
    if (state.changedAt != null || state.baseline == null) return;
    const table = document.querySelector('.comparison table');
    if (table && heads(table) !== state.baseline) state.changedAt = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-app'] });
}

/**
 * In the page: the toggle to click (the first program toggle not pressed, so the click adds
 * a column: the article's table starts at the minimum of two programs, so turning one off
 * is refused), scrolled into view, and where to click it; the table's headers become the
 * baseline the first time the toggle is visible.
 */
function locate() {
  const state = window.__tti;
  // Program toggles are in the controls' group; "Show only differences" is after it.
  const grouped = [...document.querySelectorAll('.comparison-controls [role="group"] .toggle')];
  const toggles = grouped.length ? grouped : [...document.querySelectorAll('.comparison-controls .toggle')];
  const button = toggles.find((b) => b.getAttribute('aria-pressed') === 'false') ?? toggles[0];
  const table = document.querySelector('.comparison table');
  const delivered = state.clicks.some((c) => !c.disabled);
  if (!button || !table || !button.checkVisibility?.() || state.changedAt != null || delivered) {
    return { visible: false, changedAt: state.changedAt, delivered };
  }
  state.firstVisibleAt ??= performance.now();
  state.baseline ??= state.heads(table);
  let box = button.getBoundingClientRect();
  if (box.top < 0 || box.bottom > innerHeight) {
    button.scrollIntoView({ block: 'center', behavior: 'instant' });
    box = button.getBoundingClientRect();
  }
  return {
    visible: box.width > 0 && box.height > 0,
    x: box.left + box.width / 2,
    y: box.top + box.height / 2,
    label: button.textContent.trim(),
    changedAt: null,
    delivered,
  };
}

const sleep = (t) => new Promise((r) => setTimeout(r, t));
/** A CDP or page call that may stall while the renderer is busy: never longer than `t`. */
const within = (promise, t, what) => Promise.race([promise, sleep(t).then(() => Promise.reject(new Error(`${what}: no answer in ${t} ms`)))]);

/** One cold, throttled load of `url`, clicked as a reader would. */
async function interactiveOnce(browser, url) {
  const context = await browser.newContext(SCREEN);
  try {
    const page = await context.newPage();
    await page.addInitScript(recorder);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', DEVTOOLS_THROTTLING.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: DEVTOOLS_THROTTLING.cpuSlowdownMultiplier });
    const deadline = Date.now() + INTERACTIVE_TIMEOUT_MS;
    await within(page.goto(url, { waitUntil: 'commit' }), INTERACTIVE_TIMEOUT_MS, 'navigation');
    let attempts = 0;
    let label = null;
    while (Date.now() < deadline) {
      const started = Date.now();
      const at = await within(page.evaluate(locate), 5000, 'locate').catch(() => ({ visible: false }));
      if (at.changedAt != null) break;
      if (at.visible && !at.delivered) {
        attempts++;
        label = at.label;
        await within(page.mouse.click(at.x, at.y), 5000, 'click').catch(() => {});
      }
      await sleep(Math.max(0, RETRY_MS - (Date.now() - started)));
    }
    const state = await within(
      page.evaluate(() => {
        const { heads, ...rest } = window.__tti;
        const table = document.querySelector('.comparison table');
        // What the page shows at the end, to tell a lost press from a slow app.
        rest.final = {
          app: document.documentElement.dataset.app ?? null,
          headers: table ? heads(table) : null,
          pressed: [...document.querySelectorAll('.comparison-controls .toggle')].map((b) => `${b.textContent.trim()}: ${b.getAttribute('aria-pressed')}`),
          status: document.querySelector('.comparison-controls [role="status"]')?.textContent ?? null,
        };
        return rest;
      }),
      5000,
      'state',
    );
    const delivered = state.clicks.find((c) => !c.disabled);
    return {
      ok: state.changedAt != null,
      ms: state.changedAt,
      toggle: label,
      firstVisibleAt: state.firstVisibleAt,
      clickDeliveredAt: delivered?.at ?? null,
      clicksSwallowed: state.clicks.filter((c) => c.disabled).length,
      attempts,
      hydratedAt: state.hydratedAt,
      baseline: state.baseline,
      final: state.final,
      error:
        state.changedAt != null
          ? null
          : `the table did not change within ${INTERACTIVE_TIMEOUT_MS / 1000} s (${attempts} click attempts, ${delivered ? 'a click was delivered' : 'no click delivered'})`,
    };
  } catch (err) {
    return { ok: false, ms: null, error: err.message };
  } finally {
    await within(context.close(), 10_000, 'close').catch(() => {});
  }
}

/** RUNS cold loads of the article; each run's time and the median of the successful ones. */
export async function measureInteractive(url, runs) {
  const browser = await chromium.launch({ executablePath: CHROME, args: PLAYWRIGHT_FLAGS });
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      const r = await interactiveOnce(browser, url);
      results.push(r);
      log(
        r.ok
          ? `interactive #${i + 1}: table changed at ${ms(r.ms)} (toggle visible ${ms(r.firstVisibleAt)}, click delivered ${ms(r.clickDeliveredAt)} after ${r.attempts} attempt(s), hydrated ${ms(r.hydratedAt)})`
          : `interactive #${i + 1}: FAILED: ${r.error}`,
      );
    }
  } finally {
    await browser.close();
  }
  return {
    url,
    how: `Playwright Chromium, ${SCREEN.viewport.width}×${SCREEN.viewport.height} mobile; CDP Network.emulateNetworkConditions latency ${DEVTOOLS_THROTTLING.network.latency} ms, down ${DEVTOOLS_THROTTLING.network.downloadThroughput} B/s, up ${DEVTOOLS_THROTTLING.network.uploadThroughput} B/s (Lighthouse mobileSlow4G, devtools); Emulation.setCPUThrottlingRate ${DEVTOOLS_THROTTLING.cpuSlowdownMultiplier}; cold cache`,
    throttling: DEVTOOLS_THROTTLING,
    runs: results,
    failed: results.filter((r) => !r.ok).length,
    median: median(results.filter((r) => r.ok).map((r) => r.ms)),
  };
}
