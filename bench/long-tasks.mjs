// Long tasks and interaction latency with a slow CPU: Chromium with the CPU slowed 4× over
// CDP (Emulation.setCPUThrottlingRate: real throttling, not Lighthouse's simulation), real
// loads, no network throttling.
//
// Long tasks: for each page, RUNS cold loads; a PerformanceObserver for `longtask`
// (buffered, installed before any page script) records every main-thread task over 50 ms
// from navigation until WINDOW_MS after `load` (longer if the app is not ready by then:
// until it is, plus 2 s). Each task is attributed by the loader's marks
// (src/prerender/loader.js): `instantiate` (between app-start and app-hydrating: the glue,
// compiling and instantiating the wasm, reading the page's data, running the components),
// `hydrate` (the tasks from app-hydrating to app-hydrated: the view taking the page over,
// then each deferred region) or `other` (parsing, layout, after the
// app is ready). Per page: the median over the loads of each load's longest task, with
// its spread. The loader only starts the app after load and an idle callback, so the
// window also tells how many tasks came later than 2 s after the app was ready (none is
// the evidence that a window of ready + 2 s would have been the same).
//
// Interactions: on the article's loads, once the app is ready and the window is over, one
// click each on a comparison program toggle (one that adds a column), "Show only
// differences" and "Expand all answers", with Event Timing (`type: 'event'`,
// durationThreshold 16: shorter interactions are not reported, so "< 16 ms"); the figure
// is the longest entry of the click's interaction (pointerdown, pointerup, click). The
// limit's article is clicked the same way, in the same rounds, with the least script the
// three controls need (referenceControls): the reference for ours, since a first click on
// this page costs the browser itself a frame of hit-testing, style, layout and paint.
//
// Run by bench/run.mjs; alone, to compare builds (every run to --out, default
// target/bench/long-tasks.json): node bench/long-tasks.mjs [--root dist] [--runs 5] [--out file]

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { startServer } from '../tools/serve.mjs';
import { buildLimit } from './limit.mjs';
import { ARTICLE_SLUG, CHROME, log, median, ms, PLAYWRIGHT_FLAGS, PREFIX, pollInPage, RUNS } from './util.mjs';

export const CPU_SLOWDOWN = 4;
export const LONG_TASK_MS = 50;
export const WINDOW_MS = 10_000;
const READY_GRACE_MS = 2_000;
const READY_TIMEOUT_MS = 60_000;

/** Installed before the page's scripts: long tasks and Event Timing entries as they come. */
function observer() {
  const seen = { tasks: [], events: [], loadAt: null };
  window.__longTasks = seen;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId) seen.events.push({ name: e.name, interactionId: e.interactionId, start: e.startTime, duration: e.duration });
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  addEventListener('load', () => {
    seen.loadAt = performance.now();
  });
}

/**
 * Installed before the page's scripts on the limit's article: the least any script must do
 * for each of the three controls (the DOM changes a reader sees, the status line, the URL),
 * in plain DOM calls. Its clicks are the reference for ours: what the browser itself takes
 * to hit-test, run a handler, restyle, lay out and paint the change on this page.
 */
function referenceControls() {
  addEventListener('DOMContentLoaded', () => {
    const status = document.querySelector('.comparison-status');
    const say = (text) => {
      const message = document.createElement('span');
      message.textContent = text;
      status.replaceChildren(message);
    };
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

/** The phase a task belongs to, from the loader's marks (ms since navigation). */
export function phaseOf(task, marks) {
  const end = task.start + task.duration;
  const { 'app-start': start, 'app-hydrating': hydrating, 'app-hydrated': hydrated } = marks;
  if (hydrating != null && hydrated != null && task.start <= hydrated && end >= hydrating) return 'hydrate';
  if (start != null && end > start && (hydrating == null || task.start < hydrating)) return 'instantiate';
  return 'other';
}

/** The longest of `tasks` (the first of equals), or null when there is none. */
export const longestOf = (tasks) => tasks.reduce((a, t) => (a && a.duration >= t.duration ? a : t), null);

/** The three controls clicked once the app is ready, as a reader finds them. */
const CONTROLS = [
  {
    name: 'comparison toggle',
    // The first program not shown: turning one on is always allowed (two is the minimum).
    find: () => [...document.querySelectorAll('.comparison-controls [role="group"] .toggle')].find((b) => b.getAttribute('aria-pressed') === 'false'),
  },
  { name: 'Show only differences', find: () => document.querySelector('.comparison-controls > .toggle') },
  { name: 'Expand all answers', find: () => document.querySelector('.faq-controls .toggle-all') },
];

/** Clicks each control once (a real mouse click) and reads its interaction's longest entry. */
async function interactions(page) {
  const out = [];
  for (const control of CONTROLS) {
    const before = await page.evaluate(() => window.__longTasks.events.length);
    const handle = await page.evaluateHandle(control.find);
    const element = handle.asElement();
    if (!element) {
      out.push({ name: control.name, error: 'control not found' });
      continue;
    }
    await element.scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await element.click();
    // Event Timing entries are queued after the next paint; at 4× CPU a second is plenty.
    await page.waitForTimeout(1500);
    const events = await page.evaluate((n) => window.__longTasks.events.slice(n), before);
    const ids = new Set(events.map((e) => e.interactionId));
    out.push({
      name: control.name,
      // null: no entry of 16 ms or more, i.e. the interaction took less.
      duration: events.length ? Math.max(...events.map((e) => e.duration)) : null,
      interactions: ids.size,
      entries: events,
    });
  }
  return out;
}

/** One cold load of `url` at 4× CPU: every long task, the loader's marks, and the clicks. */
async function loadOnce(browser, url, { click, app = true }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(observer);
    // The limit has no script of its own: its clicks run the reference's handlers.
    if (click && !app) await page.addInitScript(referenceControls);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const response = await page.goto(url, { waitUntil: 'load', timeout: READY_TIMEOUT_MS });
    // Nothing of the harness runs in the page during the window (the observer records `load`).
    await page.waitForTimeout(WINDOW_MS);
    // Not ready within the window (a very slow run): wait for it, then the same grace.
    let readyAt = await page.evaluate(() => (document.documentElement.dataset.app === 'ready' ? performance.now() : null));
    if (app && readyAt == null) {
      await pollInPage(page, () => ['ready', 'failed'].includes(document.documentElement.dataset.app), { timeout: READY_TIMEOUT_MS });
      await page.waitForTimeout(READY_GRACE_MS);
    }
    const state = await page.evaluate(() => ({
      app: document.documentElement.dataset.app,
      now: performance.now(),
      marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
      tasks: window.__longTasks.tasks,
      loadAt: window.__longTasks.loadAt,
    }));
    const loadAt = state.loadAt;
    readyAt = state.marks['app-hydrated'] ?? readyAt;
    const windowEnd = state.now;
    const tasks = state.tasks.map((t) => ({ ...t, phase: phaseOf(t, state.marks) })).sort((a, b) => a.start - b.start);
    const longest = longestOf(tasks);
    const run = {
      status: response?.status() ?? null,
      app: state.app,
      loadAt,
      windowEnd,
      marks: state.marks,
      tasks,
      longest: longest?.duration ?? 0,
      longestPhase: longest?.phase ?? null,
      byPhase: Object.fromEntries(
        ['instantiate', 'hydrate', 'other'].map((p) => [p, Math.max(0, ...tasks.filter((t) => t.phase === p).map((t) => t.duration))]),
      ),
      tasksAfterReadyPlusGrace: readyAt == null ? null : tasks.filter((t) => t.start > readyAt + READY_GRACE_MS).length,
    };
    if (click) run.interactions = await interactions(page);
    return run;
  } finally {
    await context.close();
  }
}

const spread = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

/**
 * `pages`: [{ name, url, status, click }] (click: also time the three interactions).
 * Loads alternate between the pages, RUNS rounds; returns per page its runs and figures.
 */
export async function measureLongTasks(pages, runs) {
  const browser = await chromium.launch({ executablePath: CHROME, args: PLAYWRIGHT_FLAGS });
  const results = pages.map((p) => ({ ...p, runs: [] }));
  try {
    // A discarded warm-up: the first load of a browser process is slower (cold caches).
    await loadOnce(browser, pages[0].url, { click: false });
    for (let i = 0; i < runs; i++) {
      for (const page of results) {
        const run = await loadOnce(browser, page.url, { click: page.click, app: !page.limit });
        page.runs.push(run);
        const clicks = run.interactions
          ? `; clicks ${run.interactions.map((x) => `${x.name} ${x.duration == null ? '< 16 ms' : ms(x.duration)}`).join(', ')}`
          : '';
        log(
          `long tasks #${i + 1} ${page.name}${page.limit ? ' (limit)' : ''}: longest ${ms(run.longest)} (${run.longestPhase ?? 'none'}), ${run.tasks.length} over ${LONG_TASK_MS} ms, app ${run.app ?? 'none (no script)'}${clicks}`,
        );
      }
    }
  } finally {
    await browser.close();
  }
  return {
    how: `Playwright Chromium, CDP Emulation.setCPUThrottlingRate ${CPU_SLOWDOWN}, no network throttling, cold context per load; PerformanceObserver longtask (buffered) from navigation until ${WINDOW_MS / 1000} s after load; Event Timing durationThreshold 16 for one click each once the app is ready`,
    cpuSlowdown: CPU_SLOWDOWN,
    windowMs: WINDOW_MS,
    pages: results.map((p) => ({
      route: p.name,
      limit: Boolean(p.limit),
      url: p.url,
      longest: spread(p.runs.map((r) => r.longest)),
      byPhase: Object.fromEntries(['instantiate', 'hydrate', 'other'].map((ph) => [ph, spread(p.runs.map((r) => r.byPhase[ph]))])),
      tasksAfterReadyPlusGrace: Math.max(...p.runs.map((r) => r.tasksAfterReadyPlusGrace ?? 0)),
      interactions: p.click
        ? CONTROLS.map((c) => {
            const d = p.runs.map((r) => r.interactions.find((x) => x.name === c.name)).filter((x) => x && !x.error);
            // An interaction under 16 ms has no entry: counted as 0 for the median.
            return { name: c.name, runs: d.map((x) => x.duration), ...spread(d.map((x) => x.duration ?? 0)) };
          })
        : null,
      runs: p.runs,
    })),
  };
}

/**
 * The pages `make bench` measures below `url` (a served bundle's root) and, with
 * `limitUrl`, the same pages of the script-free limit (`limit: true`): the tasks the
 * browser's own parsing and layout of the page take, loaded in the same rounds.
 */
export const longTaskPages = (url, limitUrl) => {
  const pages = (root) => [
    { name: 'index', url: root, status: 200, click: false },
    { name: 'article', url: `${root}blog/${ARTICLE_SLUG}/`, status: 200, click: true },
    // Served 404.html, as a CDN does for any unknown path.
    { name: 'not-found', url: `${root}blog/unknown`, status: 404, click: false },
  ];
  // The limit's article is clicked too, with the reference's handlers (referenceControls).
  const limit = limitUrl ? pages(limitUrl).map((p) => ({ ...p, limit: true })) : [];
  return [...pages(url), ...limit];
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      root: { type: 'string', default: 'dist' },
      runs: { type: 'string', default: String(RUNS) },
      out: { type: 'string', default: 'target/bench/long-tasks.json' },
    },
  });
  const server = await startServer({ root: values.root, port: 0, prefix: PREFIX });
  // The same bundle without its scripts, measured in the same rounds: the reference.
  const limitDir = (await buildLimit(values.root)).dir;
  const limit = await startServer({ root: limitDir, port: 0, prefix: PREFIX });
  try {
    const result = await measureLongTasks(longTaskPages(server.url, limit.url), Number(values.runs));
    await mkdir(dirname(values.out), { recursive: true });
    await writeFile(values.out, `${JSON.stringify(result, null, 2)}\n`);
    for (const p of result.pages) {
      const phases = Object.entries(p.byPhase)
        .map(([k, v]) => `${k} ${ms(v.median)}`)
        .join(', ');
      console.log(
        `${p.route}${p.limit ? ' (limit)' : ''}: longest task median ${ms(p.longest.median)} (${ms(p.longest.min)}–${ms(p.longest.max)}); per phase ${phases}`,
      );
      for (const i of p.interactions ?? [])
        console.log(`  ${i.name}: median ${ms(i.median)} (${ms(i.min)}–${ms(i.max)}) [${i.runs.map((d) => d ?? '<16').join(', ')}]`);
    }
  } finally {
    await server.close();
    await limit.close();
    await rm(limitDir, { recursive: true, force: true });
  }
}
