// The cost of a page as the blog grows. Builds a blog of SCALE_POSTS generated posts (copies
// of the article with their own slugs, titles and dates, in target/bench/scale-content, never
// committed) with `trunk build --release` and REHAB_CONTENT_DIR, into target/bench/scale-dist,
// and reports: its build time, the size of its bundle, its largest page's HTML and hydration
// data (gzip) against the same for the one-post blog (dist/), and the longest main-thread
// task on its index and on one of its posts with the CPU slowed 4× (Chromium,
// Emulation.setCPUThrottlingRate; a PerformanceObserver for `longtask` from navigation until
// SETTLE_MS after the app has hydrated; median over RUNS loads of each run's longest task,
// each with the loader's phase it fell in, as bench/long-tasks.mjs attributes them).
//
//   node bench/scale.mjs [--runs 5] [--baseline dist]   (also run by bench/run.mjs)

import { spawnSync } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { startServer } from '../tools/serve.mjs';
import { buildLimit } from './limit.mjs';
import { longestOf, phaseOf } from './long-tasks.mjs';
import { ARTICLE_SLUG, CHROME, DIST, kb, log, median, ms, PLAYWRIGHT_FLAGS, pollInPage, RUNS, ratio, table } from './util.mjs';

export const SCALE_POSTS = 300;
const CONTENT = 'target/bench/scale-content';
const SCALE_DIST = 'target/bench/scale-dist';
const CPU_SLOWDOWN = 4;
const SETTLE_MS = 3000;
// The 300-post blog's largest page data may exceed the one-post blog's by this much (its
// generated titles are a few bytes longer), and no more: it must not grow with the posts.
const DATA_TOLERANCE = 1.05;
const LONG_TASK_MS = 50;

/** Writes content/ with SCALE_POSTS copies of the article besides it, each dated a day apart. */
async function generateContent() {
  await rm(CONTENT, { recursive: true, force: true });
  await cp('content', CONTENT, { recursive: true });
  const article = await readFile(join('content/posts', `${ARTICLE_SLUG}.md`), 'utf8');
  for (let i = 1; i <= SCALE_POSTS; i++) {
    const day = new Date(Date.UTC(2025, 0, 1) - i * 86_400_000).toISOString().slice(0, 10);
    const post = article.replace(/^title = "(.*)"$/m, (_, title) => `title = "${title} (copy ${i})"\npublished = ${day}`).replace(/^draft = .*$/m, '');
    await writeFile(join(CONTENT, 'posts', `copy-${i}-of-the-article.md`), post);
  }
}

/** `trunk build --release` of the generated content; its wall-clock time. */
function build() {
  const started = Date.now();
  const r = spawnSync('trunk', ['build', '--release', '--public-url', '/', '--dist', SCALE_DIST], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: {
      ...process.env,
      // As the Makefile has it: npm's wasm-opt first (Debian's breaks the bundle), then Trunk's tools.
      PATH: [join(process.cwd(), 'node_modules/.bin'), join(homedir(), '.cargo/bin'), process.env.PATH].join(delimiter),
      REHAB_CONTENT_DIR: join(process.cwd(), CONTENT),
      REHAB_PUBLIC_URL: '/',
    },
  });
  if (r.status !== 0) {
    const output = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`trunk build of the ${SCALE_POSTS}-post blog: ${r.error?.message ?? output}`);
  }
  return (Date.now() - started) / 1000;
}

async function filesBelow(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

/** The bundle's size, and its largest page HTML and hydration data (`_data/*.json`), gzip -9. */
async function bundleFigures(dir) {
  const files = await filesBelow(dir);
  let bytes = 0;
  for (const f of files) bytes += (await stat(f)).size;
  const largest = async (pick) => {
    let best = null;
    for (const f of files.filter(pick)) {
      const gzip = gzipSync(await readFile(f), { level: 9 }).length;
      if (!best || gzip > best.gzip) best = { file: relative(dir, f), gzip };
    }
    return best;
  };
  return {
    files: files.length,
    bytes,
    pages: files.filter((f) => f.endsWith('.html')).length,
    largestHtml: await largest((f) => f.endsWith('.html')),
    largestData: await largest((f) => relative(dir, f).startsWith('_data/')),
    siteJsonGzip: gzipSync(await readFile(join(dir, 'content/site.json')), { level: 9 }).length,
  };
}

// Before any page script: every long task from navigation on.
const observeLongTasks = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};

/**
 * The longest main-thread task of one cold load of `url`, CPU slowed 4×, until SETTLE_MS
 * after hydration (`app`), or after `load` on the script-free limit.
 */
async function longestTask(browser, url, app) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.addInitScript(observeLongTasks);
  await page.goto(url, { waitUntil: 'load' });
  // The same polls on both: each page pays the harness's (small) script once.
  await pollInPage(page, app ? () => performance.getEntriesByName('app-hydrated').length > 0 : () => true, { timeout: 60_000 });
  await page.waitForTimeout(SETTLE_MS);
  const { tasks, marks } = await page.evaluate(() => ({
    tasks: window.__longTasks,
    marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
  }));
  await context.close();
  const longest = longestOf(tasks);
  return { duration: longest?.duration ?? 0, phase: longest ? phaseOf(longest, marks) : null };
}

/**
 * Index and a post of the generated blog, alternating, `runs` loads each, and the same
 * pages of its script-free limit in the same rounds (the reference: the browser's own
 * parsing and layout of the page).
 */
async function longTasks(runs) {
  const limit = await buildLimit(SCALE_DIST);
  const server = await startServer({ root: SCALE_DIST, port: 0 });
  const limitServer = await startServer({ root: limit.dir, port: 0 });
  const browser = await chromium.launch({ executablePath: CHROME, args: PLAYWRIGHT_FLAGS });
  const pages = { index: '', post: `blog/copy-${SCALE_POSTS / 2}-of-the-article/` };
  const runsOf = { index: [], post: [] };
  const limitRunsOf = { index: [], post: [] };
  try {
    for (let i = 0; i < runs; i++) {
      for (const [name, path] of Object.entries(pages)) {
        runsOf[name].push(await longestTask(browser, server.url + path, true));
        limitRunsOf[name].push(await longestTask(browser, limitServer.url + path, false));
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await limitServer.close();
    await rm(limit.dir, { recursive: true, force: true });
  }
  const durations = (runs) => runs.map((r) => r.duration);
  return Object.fromEntries(
    Object.entries(pages).map(([name, path]) => {
      const ours = durations(runsOf[name]);
      const limitRuns = durations(limitRunsOf[name]);
      return [
        name,
        {
          path: `/${path}`,
          runs: ours,
          // Where each load's longest task fell: the loader's phases, as for the other pages.
          phases: runsOf[name].map((r) => r.phase),
          median: median(ours),
          limit: { runs: limitRuns, median: median(limitRuns) },
        },
      ];
    }),
  );
}

/** Everything this module measures; `baseline` is the one-post bundle (a copy of dist/). */
export async function measureScale({ baseline = DIST, runs = RUNS } = {}) {
  log(`scale: generating ${SCALE_POSTS} posts in ${CONTENT} and building them into ${SCALE_DIST}`);
  await mkdir('target/bench', { recursive: true });
  await generateContent();
  const buildSeconds = build();
  const ours = await bundleFigures(SCALE_DIST);
  const onePost = await bundleFigures(baseline);
  log(`scale: longest task at ${CPU_SLOWDOWN}× CPU, index and a post, ${runs} loads each`);
  const longestTasks = await longTasks(runs);
  return {
    how: `${SCALE_POSTS} copies of the article besides it (target/bench/scale-content), trunk build --release into ${SCALE_DIST}; gzip -9; longest task: PerformanceObserver longtask from navigation until ${SETTLE_MS} ms after app-hydrated, CPU ${CPU_SLOWDOWN}× slower (CDP), median of each load's longest`,
    posts: SCALE_POSTS + 1,
    buildSeconds,
    bundle: ours,
    onePost,
    dataRatio: ratio(ours.largestData.gzip, onePost.largestData.gzip),
    htmlRatio: ratio(ours.largestHtml.gzip, onePost.largestHtml.gzip),
    longestTasks,
  };
}

const status = (pass) => (pass ? 'pass' : 'MISS');

/** The scale targets, in report.mjs's form. */
export function scaleTargets(scale) {
  const { bundle, onePost, dataRatio, longestTasks } = scale;
  const targets = [
    {
      group: 'performance',
      name: 'per-page data independent of the number of posts',
      value: `${fx2(dataRatio)} (largest page data ${kb(bundle.largestData.gzip)} with ${scale.posts} posts / ${kb(onePost.largestData.gzip)} with one, gzip)`,
      target: `<= ${DATA_TOLERANCE}`,
      status: status(dataRatio != null && dataRatio <= DATA_TOLERANCE),
    },
  ];
  for (const [name, t] of Object.entries(longestTasks)) {
    targets.push({
      group: 'performance',
      name: `${scale.posts}-post blog ${name}: longest task at ${CPU_SLOWDOWN}× CPU (median)`,
      value: `${ms(t.median)} (runs ${t.runs.map((r, i) => `${Math.round(r)}${r ? ` ${t.phases[i]}` : ''}`).join(', ')}; the limit ${ms(t.limit.median)}, runs ${t.limit.runs.map((r) => Math.round(r)).join(', ')})`,
      target: `<= ${LONG_TASK_MS} ms`,
      status: status(t.median != null && t.median <= LONG_TASK_MS),
    });
  }
  return targets;
}

const fx2 = (v) => (v == null ? '-' : v.toFixed(3));

export function printScale(scale) {
  const row = (name, b) => [
    name,
    b.pages,
    b.files,
    kb(b.bytes),
    `${kb(b.largestHtml.gzip)} ${b.largestHtml.file}`,
    `${kb(b.largestData.gzip)} ${b.largestData.file}`,
    kb(b.siteJsonGzip),
  ];
  console.log();
  console.log(`== Scale: a blog of ${scale.posts} posts, built in ${scale.buildSeconds.toFixed(1)} s (trunk build --release)`);
  console.log(
    table(
      ['blog', 'pages', 'files', 'dist/ size', 'largest page HTML (gzip)', 'largest page data (gzip)', 'site.json (gzip)'],
      [row(`${scale.posts} posts`, scale.bundle), row('dist/', scale.onePost)],
    ),
  );
  for (const [name, t] of Object.entries(scale.longestTasks)) {
    console.log(`longest task, ${name} (${t.path}), CPU ${CPU_SLOWDOWN}×: median ${ms(t.median)} (runs ${t.runs.map((r) => Math.round(r)).join(', ')})`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: String(RUNS) }, baseline: { type: 'string', default: DIST } } });
  const scale = await measureScale({ baseline: values.baseline, runs: Number(values.runs) });
  printScale(scale);
  for (const t of scaleTargets(scale)) console.log(`${t.status.padEnd(4)}  ${t.name}  ${t.value}  (target ${t.target})`);
  await mkdir('target/bench', { recursive: true });
  await writeFile('target/bench/scale.json', `${JSON.stringify(scale, null, 2)}\n`);
}
