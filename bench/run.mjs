// `make bench`: load performance of the prerendered, hydrated site, against "the limit"
// (the same prerendered HTML and CSS with every script, preload and wasm reference removed)
// and against "the floor" (a bare Leptos app with our crates, bench/floor/).
//
//   node bench/run.mjs                           (run by `make bench`, after `make dist`)
//   BENCH_RUNS=7 node bench/run.mjs              (runs per page and side, and interactive runs; default 5)
//   BENCH_THROTTLING=devtools node bench/run.mjs (one Lighthouse method only; default: simulate,devtools)
//
// One run: builds the floor (floor.mjs), copies dist/ to a temp dir and strips it (the
// limit, limit.mjs), serves both with tools/serve.mjs (brotli/gzip on the fly, like a CDN),
// runs Lighthouse (mobile preset) BENCH_RUNS times per page on each side, alternating ours
// and the limit, under simulated and then devtools throttling (lighthouse.mjs); times a
// reader's first comparison toggle on the article under devtools-style throttling
// (interactive.mjs); records every long task and three clicks' Event Timing at 4× CPU
// (long-tasks.mjs); loads each page once in Playwright (wasm requests, MIME type,
// render-blocking, console; page-load.mjs); measures bytes (every file; our glue+wasm
// against the floor's) and runs twiggy (sizes.mjs). Prints tables and every target as
// pass / MISS / n/a (report.mjs), writes everything measured to target/bench/results-full.json
// and its summary (summary.mjs) to bench/results.json, which is committed. The command does
// not fail on a miss. See bench/README.md.

import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startServer } from '../tools/serve.mjs';
import { buildFloor } from './floor.mjs';
import { measureInteractive } from './interactive.mjs';
import { lighthouseMode, lighthouseRun, THROTTLING_METHODS } from './lighthouse.mjs';
import { buildLimit, snapshotDist } from './limit.mjs';
import { longTaskPages, measureLongTasks } from './long-tasks.mjs';
import { pageLoad } from './page-load.mjs';
import { computeTargets, printReport } from './report.mjs';
import { measureScale, printScale, scaleTargets } from './scale.mjs';
import { appBytes, bundleSizes, twiggyReport } from './sizes.mjs';
import { resultsSummary } from './summary.mjs';
import { ARTICLE_SLUG, CHROME, CHROME_FLAGS, DIST, elapsedSeconds, gitInfo, log, median, PLAYWRIGHT_FLAGS, PREFIX, ROUTES, RUNS, ratio, sum } from './util.mjs';

const OUT = process.env.BENCH_OUT ?? 'bench/results.json';
const FULL_OUT = 'target/bench/results-full.json';
const MODES = (process.env.BENCH_THROTTLING ?? THROTTLING_METHODS.join(','))
  .split(',')
  .map((m) => m.trim())
  .filter(Boolean);

/** Everything measured in browsers, with ours (the snapshot of dist/) and the limit served side by side. */
async function measure(bundle) {
  const limit = await buildLimit(bundle);
  const ours = await startServer({ root: bundle, port: 0, prefix: PREFIX });
  const lim = await startServer({ root: limit.dir, port: 0, prefix: PREFIX });
  log(`ours at ${ours.url}, the limit at ${lim.url} (${limit.dir})`);
  try {
    // The first Lighthouse run of a process is slow (cold caches): not counted.
    log('warm-up run (discarded)');
    await lighthouseRun(ours.url + ROUTES[0].path, MODES[0]);
    const lighthouse = {};
    for (const mode of MODES) {
      const { environment, pages } = await lighthouseMode(mode, ours.url, lim.url);
      const indexes = pages.flatMap((p) => [...p.ours, ...p.limit].map((r) => r.metrics.benchmarkIndex));
      lighthouse[mode] = { environment, benchmarkIndex: { median: median(indexes), min: Math.min(...indexes), max: Math.max(...indexes) }, pages };
    }

    log(`time to interactive, comparison (${RUNS} runs and a discarded warm-up)`);
    const articleUrl = `${ours.url}blog/${ARTICLE_SLUG}/`;
    await measureInteractive(articleUrl, 1);
    const interactive = await measureInteractive(articleUrl, RUNS);

    log(`long tasks and interactions at 4× CPU (${RUNS} loads per page and a discarded warm-up)`);
    const longTasks = await measureLongTasks(longTaskPages(ours.url, lim.url), RUNS);

    log('browser pass (Playwright, unthrottled)');
    const browser = await chromium.launch({ executablePath: CHROME, args: PLAYWRIGHT_FLAGS });
    const pageLoades = {};
    try {
      for (const route of ROUTES) {
        pageLoades[route.name] = { ours: await pageLoad(browser, ours.url + route.path), limit: await pageLoad(browser, lim.url + route.path) };
      }
    } finally {
      await browser.close();
    }
    return { limit, lighthouse, interactive, longTasks, pageLoades };
  } finally {
    await ours.close();
    await lim.close();
    await rm(limit.dir, { recursive: true, force: true });
  }
}

/** Byte figures and the inputs of the checks (report.mjs, CHECK_TARGETS), from what was measured. */
function derive({ lighthouse, pageLoades }, files) {
  const sizeOf = (path) => files.find((f) => f.path === path);
  const pathOf = (url) => decodeURIComponent(new URL(url).pathname).slice(PREFIX.length);
  const firstMode = Object.values(lighthouse)[0];
  const allRuns = (route) => Object.values(lighthouse).flatMap((l) => l.pages.find((p) => p.route === route).ours);

  // First load of the article: every JS and wasm file it requested, at its brotli size.
  const articleRequests = firstMode.pages.find((p) => p.route === 'article').ours[0].requestList;
  const jsWasm = articleRequests
    .filter((r) => /\.(m?js|wasm)$/.test(new URL(r.url).pathname))
    .map((r) => {
      const f = sizeOf(pathOf(r.url));
      return { file: pathOf(r.url), raw: f?.raw ?? null, gzip: f?.gzip ?? null, brotli: f?.brotli ?? null, transferSize: r.transferSize };
    });
  const firstLoad = {
    files: jsWasm,
    brotli: sum(jsWasm, 'brotli'),
    gzip: sum(jsWasm, 'gzip'),
    raw: sum(jsWasm, 'raw'),
    transferSize: sum(jsWasm, 'transferSize'),
  };

  const wasm = {
    file: files.find((f) => f.path.endsWith('.wasm'))?.path ?? null,
    contentTypes: [...new Set(Object.values(pageLoades).flatMap((b) => b.ours.wasmContentTypes))],
    lighthouseMimeTypes: [
      ...new Set(ROUTES.flatMap((r) => allRuns(r.name).flatMap((run) => run.requestList.filter((q) => /\.wasm$/.test(q.url)).map((q) => q.mimeType)))),
    ],
    requestsPerLoad: Object.fromEntries(
      ROUTES.map((r) => [r.name, { lighthouse: allRuns(r.name).map((run) => run.metrics.wasmRequests), playwright: pageLoades[r.name].ours.wasmRequests }]),
    ),
  };
  const blocking = (runs) => [...new Set(runs.flatMap((r) => r.renderBlocking.map((b) => b.url)))];
  const renderBlocking = Object.fromEntries(
    ROUTES.map((r) => {
      const p = firstMode.pages.find((x) => x.route === r.name);
      return [
        r.name,
        {
          ours: pageLoades[r.name].ours.renderBlocking.map(pathOf),
          limit: pageLoades[r.name].limit.renderBlocking.map(pathOf),
          lighthouseAuditOurs: blocking(p.ours).map(pathOf),
          lighthouseAuditLimit: blocking(p.limit).map(pathOf),
        },
      ];
    }),
  );
  const extraBlocking = [...new Set(Object.values(renderBlocking).flatMap((r) => r.ours.filter((u) => !/\.css$/.test(u) || !r.limit.includes(u))))];
  const cssGzip = sum(
    files.filter((f) => f.path.endsWith('.css')),
    'gzip',
  );
  const articleHtmlGzip = sizeOf(`blog/${ARTICLE_SLUG}/index.html`)?.gzip ?? null;
  const checks = {
    accessibility: Object.fromEntries(ROUTES.map((r) => [r.name, allRuns(r.name).map((run) => run.metrics.accessibility)])),
    cssGzip,
    articleHtmlGzip,
    firstLoad,
    wasmTypes: [...new Set([...wasm.contentTypes, ...wasm.lighthouseMimeTypes])],
    wasmCounts: Object.values(wasm.requestsPerLoad).flatMap((c) => [...c.lighthouse, c.playwright]),
    extraBlocking,
  };
  return { firstLoad, wasm, renderBlocking, cssGzip, articleHtmlGzip, checks };
}

const runRecord = (r) => ({ ...r.metrics, lcpElement: r.lcpElement, renderBlocking: r.renderBlocking, warnings: r.warnings });

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('no dist/index.html: run `make dist` first');
  for (const m of MODES) if (!THROTTLING_METHODS.includes(m)) throw new Error(`BENCH_THROTTLING=${m}: simulate, devtools or both (comma-separated)`);
  const git = gitInfo();
  const bundle = await snapshotDist();
  log(
    `runs per page and side: ${RUNS} (BENCH_RUNS), throttling: ${MODES.join(' then ')}, ${cpus().length} CPUs, commit ${git.commit.slice(0, 7)}${git.dirty ? ' (changed)' : ''}`,
  );

  // Built first, so its compile never competes with a measurement.
  let floor;
  try {
    floor = buildFloor();
  } catch (err) {
    log(`floor build failed: ${err.message}`);
    floor = { error: err.message };
  }

  let measured, files, app, twiggy, scale;
  try {
    measured = await measure(bundle);
    log('bundle sizes (gzip -9, brotli -q11)');
    files = await bundleSizes(bundle);
    app = appBytes(files);
    log('twiggy (and a named rebuild of the shipped wasm)');
    twiggy = twiggyReport(join(bundle, app.wasm.path));
    scale = await measureScale({ baseline: bundle });
  } finally {
    await rm(bundle, { recursive: true, force: true });
  }
  // The measured bundle is the snapshot taken at the start; say so if dist/ moved on since.
  const distRebuilt = !existsSync(join(DIST, app.wasm.path));
  if (distRebuilt) {
    log(`dist/ was rebuilt during the run (${app.wasm.path} is gone): measured the snapshot taken at the start, except twiggy (target/'s wasm)`);
  }
  const d = derive(measured, files);
  const bytes = {
    how: 'wasm-bindgen glue .js + _bg.wasm, brotli -q11 (node zlib)',
    ours: app,
    floor,
    ratio: floor.error ? null : ratio(app.brotli, floor.brotli),
  };

  const lighthouse = Object.fromEntries(
    Object.entries(measured.lighthouse).map(([mode, l]) => [
      mode,
      {
        environment: l.environment,
        benchmarkIndex: l.benchmarkIndex,
        pages: l.pages.map((p) => ({
          route: p.route,
          path: p.path,
          median: p.median,
          ratio: {
            lcp: ratio(p.median.ours.lcp, p.median.limit.lcp),
            fcp: ratio(p.median.ours.fcp, p.median.limit.fcp),
            si: ratio(p.median.ours.si, p.median.limit.si),
          },
          runs: { ours: p.ours.map(runRecord), limit: p.limit.map(runRecord) },
          requests: { ours: p.ours[0].requestList, limit: p.limit[0].requestList },
          // For the terminal report (not written).
          ours: p.ours,
          limit: p.limit,
        })),
      },
    ]),
  );
  const results = {
    generatedAt: new Date().toISOString(),
    durationSeconds: elapsedSeconds(),
    git,
    dist: { measured: `a copy of dist/ taken at the start (${app.wasm.path})`, rebuiltDuringRun: distRebuilt },
    machine: { cpus: cpus().length, node: process.version, chromium: Object.values(lighthouse)[0]?.environment?.userAgent ?? null },
    settings: {
      runsPerPage: RUNS,
      throttlingMethods: MODES,
      chromeFlags: CHROME_FLAGS,
      note: 'medians over runs; ours and the limit alternate; TBT@1500 = TBT × benchmarkIndex / 1500; KB = 1024 bytes',
    },
    limit: { how: 'dist/ copied, <script>…</script>, <link rel=modulepreload> and <link rel=preload> removed from every .html', pages: measured.limit.pages },
    lighthouse,
    interactive: measured.interactive,
    longTasks: measured.longTasks,
    bytes,
    pages: ROUTES.map((r) => ({ route: r.name, path: `${PREFIX}${r.path}`, browser: measured.pageLoades[r.name] })),
    firstLoad: { article: d.firstLoad },
    wasm: d.wasm,
    renderBlocking: d.renderBlocking,
    sizes: {
      files,
      totals: { raw: sum(files, 'raw'), gzip: sum(files, 'gzip'), brotli: sum(files, 'brotli') },
      cssGzip: d.cssGzip,
      articleHtmlGzip: d.articleHtmlGzip,
    },
    twiggy,
    scale,
  };
  results.targets = [
    ...computeTargets({ lighthouse, bytes, interactive: measured.interactive, longTasks: measured.longTasks, checks: d.checks }),
    ...scaleTargets(scale),
  ];

  const full = {
    ...results,
    lighthouse: Object.fromEntries(Object.entries(lighthouse).map(([m, l]) => [m, { ...l, pages: l.pages.map(({ ours, limit, ...p }) => p) }])),
  };
  for (const [path, data] of [
    [FULL_OUT, full],
    [OUT, resultsSummary(full, FULL_OUT)],
  ]) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(data, null, 2)}\n`);
  }
  printScale(scale);
  printReport({ ...results, firstLoad: d.firstLoad }, `${OUT} (summary) and ${FULL_OUT}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
