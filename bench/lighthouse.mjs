// Lighthouse 12 (mobile preset, performance and accessibility) in a fresh headless
// Chromium per run, under one throttling method: 'simulate' (Lighthouse's default: Lantern
// models a slow 4G phone from an unthrottled load) or 'devtools' (the load itself is
// throttled with Lighthouse's devtools constants).

import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROME, CHROME_FLAGS, fx, log, median, ms, PREFIX, ROUTES, RUNS } from './util.mjs';

export const THROTTLING_METHODS = ['simulate', 'devtools'];

/** One Lighthouse run in a fresh Chromium; a run Lighthouse itself calls broken is retried. */
export async function lighthouseRun(url, throttlingMethod, attempts = 3) {
  for (let i = 1; ; i++) {
    try {
      return await lighthouseOnce(url, throttlingMethod);
    } catch (err) {
      if (i >= attempts || !err.lighthouseCode) throw err;
      log(`  ${err.message.split('.')[0]}: retrying`);
    }
  }
}

const isWasm = (url) => /\.wasm(\?|$)/.test(url);

function requestsOf(audits) {
  return (audits['network-requests']?.details?.items ?? []).map((r) => ({
    url: r.url,
    resourceType: r.resourceType,
    mimeType: r.mimeType,
    statusCode: r.statusCode,
    transferSize: r.transferSize,
    resourceSize: r.resourceSize,
    priority: r.priority,
    isLinkPreload: r.isLinkPreload ?? false,
    // ms from the start of the navigation (as the load ran, unthrottled under 'simulate').
    start: r.networkRequestTime,
    end: r.networkEndTime,
  }));
}

async function lighthouseOnce(url, throttlingMethod) {
  const chrome = await launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      // Accessibility too: its score of 100 is one of the checks (report.mjs).
      onlyCategories: ['performance', 'accessibility'],
      throttlingMethod,
      // The not-found page answers 404 on purpose.
      ignoreStatusCode: true,
    });
    if (lhr.runtimeError) {
      throw Object.assign(new Error(`Lighthouse ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`), {
        lighthouseCode: lhr.runtimeError.code,
      });
    }
    const a = lhr.audits;
    const observed = a.metrics?.details?.items?.[0] ?? {};
    const requests = requestsOf(a);
    return {
      metrics: {
        score: Math.round((lhr.categories.performance.score ?? 0) * 100),
        accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
        lcp: a['largest-contentful-paint'].numericValue,
        fcp: a['first-contentful-paint'].numericValue,
        tbt: a['total-blocking-time'].numericValue,
        cls: a['cumulative-layout-shift'].numericValue,
        si: a['speed-index'].numericValue,
        bytes: a['total-byte-weight'].numericValue,
        requests: requests.length,
        wasmRequests: requests.filter((r) => isWasm(r.url)).length,
        // Lighthouse's CPU benchmark of this machine at this run (higher is faster).
        benchmarkIndex: lhr.environment.benchmarkIndex,
        // As the browser actually painted (unthrottled under 'simulate').
        observedFcp: observed.observedFirstContentfulPaint,
        observedLcp: observed.observedLargestContentfulPaint,
        // Simulated LCP counts every request that had finished before the LCP was painted
        // (approximately: the two clocks start a few ms apart).
        wasmEndedBeforeLcpSeen: requests.filter((r) => isWasm(r.url)).some((r) => r.end != null && r.end <= observed.observedLargestContentfulPaint),
      },
      renderBlocking: (a['render-blocking-resources']?.details?.items ?? []).map((i) => ({ url: i.url, wastedMs: i.wastedMs })),
      lcpElement: a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
      requestList: requests,
      warnings: lhr.runWarnings ?? [],
      environment: {
        lighthouseVersion: lhr.lighthouseVersion,
        userAgent: lhr.environment.hostUserAgent,
        formFactor: lhr.configSettings.formFactor,
        throttlingMethod: lhr.configSettings.throttlingMethod,
        throttling: lhr.configSettings.throttling,
      },
    };
  } finally {
    await chrome.kill();
  }
}

/** TBT as a machine with Lighthouse benchmarkIndex 1500 would block (TBT × index / 1500). */
export const REFERENCE_BENCHMARK_INDEX = 1500;
export const scaleTbt = (tbt, benchmarkIndex) => (tbt == null || benchmarkIndex == null ? null : (tbt * benchmarkIndex) / REFERENCE_BENCHMARK_INDEX);

const METRICS = [
  'score',
  'accessibility',
  'lcp',
  'fcp',
  'tbt',
  'tbtScaled',
  'cls',
  'si',
  'bytes',
  'requests',
  'wasmRequests',
  'benchmarkIndex',
  'observedFcp',
  'observedLcp',
];

export function summarise(runs) {
  const out = {};
  for (const key of METRICS) out[key] = median(runs.map((r) => r.metrics[key]));
  out.clsMax = Math.max(...runs.map((r) => r.metrics.cls));
  return out;
}

/**
 * Every page, RUNS times, ours and the limit alternating (so drift in the machine's load
 * hits both alike), under one throttling method. Returns { environment, pages }.
 */
export async function lighthouseMode(throttlingMethod, oursUrl, limitUrl) {
  const pages = [];
  let environment = null;
  for (const route of ROUTES) {
    const entry = { route: route.name, path: `${PREFIX}${route.path}`, expectedStatus: route.status, ours: [], limit: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const side of ['ours', 'limit']) {
        const result = await lighthouseRun((side === 'ours' ? oursUrl : limitUrl) + route.path, throttlingMethod);
        environment ??= result.environment;
        delete result.environment;
        const m = result.metrics;
        m.tbtScaled = scaleTbt(m.tbt, m.benchmarkIndex);
        entry[side].push(result);
        log(
          `${throttlingMethod.padEnd(8)} ${route.name.padEnd(9)} ${side.padEnd(5)} #${i + 1}: score ${m.score}, LCP ${ms(m.lcp)}, FCP ${ms(m.fcp)}, TBT ${ms(m.tbt)} (${ms(m.tbtScaled)} at index 1500; index ${Math.round(m.benchmarkIndex)}), CLS ${fx(m.cls)}`,
        );
      }
    }
    entry.median = { ours: summarise(entry.ours), limit: summarise(entry.limit) };
    pages.push(entry);
  }
  return { environment, pages };
}
