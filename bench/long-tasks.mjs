// Long tasks and clicks with a slow CPU: Playwright's Chromium with the CPU slowed 4× over CDP
// (Emulation.setCPUThrottlingRate: real throttling, not Lighthouse's simulation), a cold
// context per load, no network throttling.
//
// Long tasks: a buffered PerformanceObserver for `longtask`, installed before any page script,
// records every main-thread task over 50 ms from navigation until WINDOW_MS after `load` (if
// the app is not settled by then: until it is, plus 2 s). Nothing of the harness runs in the
// page during the window: an evaluation there is a task of its own, next to the app's. Each
// task is given the loader's phase it fell in, by its performance marks: `instantiate`
// (app-start to app-hydrating: the glue, the wasm, reading the page's data, running the
// components), `hydrate` (app-hydrating to app-hydrated: the view taking the page over, then
// each region left for later) or `other` (the browser's parsing and layout; after the app).
//
// Clicks: on the article, once the window is over, one real click each on a comparison
// program toggle (one that adds a column), "Show only differences" and "Expand all answers",
// read with Event Timing (durationThreshold 16: a shorter interaction has no entry, "< 16 ms",
// counted 0). The figure is the longest entry of the click's interaction. The limit's article
// is clicked the same way, its controls handled by the least script they need
// (referenceControls): a first click on this page costs the browser itself a frame of
// hit-testing, style, layout and paint, whatever runs it.

import { CPU_SLOWDOWN, launchChromium, log, median, ms } from './harness.mjs';

const WINDOW_MS = 10_000;
const SETTLE_GRACE_MS = 2_000;
const SETTLE_TIMEOUT_MS = 60_000;

/** Before the page's scripts: long tasks and Event Timing entries as they come. */
function observer() {
  const seen = { tasks: [], events: [] };
  window.__bench = seen;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.interactionId) seen.events.push(e.duration);
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
}

/**
 * Before the scripts of the limit's article: the least any script must do for each of the
 * three controls (the change a reader sees, the status line, the URL), in plain DOM calls.
 */
function referenceControls() {
  addEventListener('DOMContentLoaded', () => {
    const status = document.querySelector('.comparison-status');
    const say = (text) => status.replaceChildren(Object.assign(document.createElement('span'), { textContent: text }));
    const flip = (button) => {
      const on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(on));
      return on;
    };
    const shown = () => [...document.querySelectorAll('.comparison thead th[scope=col]')].slice(1).map((th) => !th.hidden);
    for (const [i, button] of [...document.querySelectorAll('.comparison-controls [role="group"] .toggle')].entries()) {
      button.addEventListener('click', () => {
        const on = flip(button);
        for (const row of document.querySelectorAll('.comparison tr')) row.children[i + 1].hidden = !on;
        say(button.textContent);
        history.pushState(null, '', `?compare=${shown().join(',')}`);
      });
    }
    document.querySelector('.comparison-controls > .toggle').addEventListener('click', (event) => {
      const on = flip(event.currentTarget);
      const columns = shown();
      for (const row of document.querySelectorAll('.comparison tbody tr')) {
        const values = [...row.cells]
          .slice(1)
          .filter((_, i) => columns[i])
          .map((td) => td.innerHTML);
        row.hidden = on && values.every((v) => v === values[0]);
      }
      say(String(on));
      history.pushState(null, '', `?diff=${on ? 1 : 0}`);
    });
    document.querySelector('.faq-controls .toggle-all').addEventListener('click', (event) => {
      const details = [...document.querySelectorAll('details.faq-item')];
      const open = details.some((d) => !d.open);
      for (const d of details) d.open = open;
      event.currentTarget.textContent = open ? 'Collapse all' : 'Expand all';
    });
  });
}

/** The three controls clicked, as a reader finds them. */
const CLICKS = {
  // The first program not shown: turning one on is always allowed (two is the minimum).
  'comparison toggle': '.comparison-controls [role="group"] .toggle[aria-pressed="false"]',
  'Show only differences': '.comparison-controls > .toggle',
  'Expand all answers': '.faq-controls .toggle-all',
};

/** The loader's phase a task fell in, from its marks (ms since navigation). */
function phaseOf(task, marks) {
  const end = task.start + task.duration;
  const { 'app-start': start, 'app-hydrating': hydrating, 'app-hydrated': hydrated } = marks;
  if (hydrating != null && hydrated != null && task.start <= hydrated && end >= hydrating) return 'hydrate';
  if (start != null && end > start && (hydrating == null || task.start < hydrating)) return 'instantiate';
  return 'other';
}

/** One cold load at 4× CPU: its longest task (and phase), and the clicks' durations if asked. */
async function loadOnce(browser, url, { app, click }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(observer);
    if (click && !app) await page.addInitScript(referenceControls);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: 'load', timeout: SETTLE_TIMEOUT_MS });
    await page.waitForTimeout(WINDOW_MS);
    const settled = () => ['ready', 'failed'].includes(document.documentElement.dataset.app);
    if (app && !(await page.evaluate(settled))) {
      // A very slow run. Polled with `evaluate`: Playwright's waitForFunction first injects
      // its selector engine, a long task of the harness's own.
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      do {
        if (Date.now() > deadline) throw new Error(`${url}: the app neither ready nor failed after ${SETTLE_TIMEOUT_MS / 1000} s`);
        await page.waitForTimeout(250);
      } while (!(await page.evaluate(settled)));
      await page.waitForTimeout(SETTLE_GRACE_MS);
    }
    const { tasks, marks, state } = await page.evaluate(() => ({
      tasks: window.__bench.tasks,
      marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
      state: document.documentElement.dataset.app ?? null,
    }));
    if (app && state !== 'ready') throw new Error(`${url}: the app ${state ?? 'never started'}`);
    const longest = tasks.reduce((a, t) => (a && a.duration >= t.duration ? a : t), null);
    const run = { longest: longest?.duration ?? 0, phase: longest ? phaseOf(longest, marks) : null };
    if (click) {
      run.clicks = {};
      for (const [name, selector] of Object.entries(CLICKS)) {
        const control = page.locator(selector).first();
        await control.scrollIntoViewIfNeeded();
        await page.waitForTimeout(500);
        const before = await page.evaluate(() => window.__bench.events.length);
        await control.click();
        // Event Timing entries are queued after the next paint; at 4× a second and a half is plenty.
        await page.waitForTimeout(1500);
        const events = await page.evaluate((n) => window.__bench.events.slice(n), before);
        run.clicks[name] = events.length ? Math.max(...events) : null;
      }
    }
    return run;
  } finally {
    await context.close();
  }
}

const spread = (xs) => ({ runs: xs, median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
export const clickText = (d) => (d == null ? '<16' : String(Math.round(d)));

/**
 * `pages`: [{ name, url, app, click }] (app: ours, which must become ready; click: also the
 * three clicks). After one discarded warm-up load, `runs` rounds of a load of each page.
 * Per page: the longest task of each load (median and spread) with the phase it fell in,
 * and per click its durations and their median.
 */
export async function measureLongTasks(pages, runs) {
  const browser = await launchChromium();
  const loads = pages.map(() => []);
  try {
    await loadOnce(browser, pages[0].url, { app: pages[0].app, click: false });
    for (let i = 0; i < runs; i++) {
      for (const [p, page] of pages.entries()) {
        const run = await loadOnce(browser, page.url, page);
        loads[p].push(run);
        const clicks = run.clicks ? `; clicks ${Object.values(run.clicks).map(clickText).join(' / ')} ms` : '';
        log(`4× CPU ${page.name} #${i + 1}: longest task ${ms(run.longest)} (${run.phase ?? 'none over 50 ms'})${clicks}`);
      }
    }
  } finally {
    await browser.close();
  }
  return pages.map(({ name, app, click }, p) => ({
    name,
    app,
    longest: { ...spread(loads[p].map((r) => r.longest)), phases: loads[p].map((r) => r.phase) },
    clicks: click
      ? Object.keys(CLICKS).map((c) => {
          const runs = loads[p].map((r) => r.clicks[c]);
          return { name: c, runs, median: median(runs.map((d) => d ?? 0)) };
        })
      : null,
  }));
}
