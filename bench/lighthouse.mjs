// Lighthouse 12 (mobile preset), one fresh headless Chromium per run, ours and the limit
// alternating so that drift in the machine's load hits both alike. Two throttling methods:
// 'simulate' (Lighthouse's default: Lantern models a slow 4G phone from an unthrottled load)
// and 'devtools' (the load itself is throttled with Lighthouse's devtools constants).

import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM, CHROMIUM_FLAGS } from '../tools/chromium.mjs';
import { log, median, ms, PAGES } from './harness.mjs';

export const THROTTLING_METHODS = ['simulate', 'devtools'];

/** LCP and CLS of one Lighthouse run; a run Lighthouse itself calls broken is retried. */
async function lighthouseRun(url, throttlingMethod, attempts = 3) {
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS], logLevel: 'silent' });
  try {
    // The not-found page answers 404 on purpose.
    const { lhr } = await lighthouse(url, { port: chrome.port, logLevel: 'error', onlyCategories: ['performance'], throttlingMethod, ignoreStatusCode: true });
    if (lhr.runtimeError) {
      if (attempts <= 1) throw new Error(`Lighthouse ${lhr.runtimeError.code} on ${url}: ${lhr.runtimeError.message}`);
      log(`  Lighthouse ${lhr.runtimeError.code}: retrying`);
      return lighthouseRun(url, throttlingMethod, attempts - 1);
    }
    return { lcp: lhr.audits['largest-contentful-paint'].numericValue, cls: lhr.audits['cumulative-layout-shift'].numericValue };
  } finally {
    await chrome.kill();
  }
}

/**
 * Every page `runs` times per side under each method, after one discarded warm-up run (the
 * first run of a process is slow). Per method and page: each side's LCPs and their median,
 * and ours' largest CLS.
 */
export async function lighthouseAgainstLimit(methods, oursUrl, limitUrl, runs) {
  await lighthouseRun(oursUrl, methods[0]);
  const out = {};
  for (const method of methods) {
    out[method] = [];
    for (const page of PAGES) {
      const sides = { ours: [], limit: [] };
      for (let i = 0; i < runs; i++) {
        for (const [side, root] of [
          ['ours', oursUrl],
          ['limit', limitUrl],
        ]) {
          const r = await lighthouseRun(root + page.path, method);
          sides[side].push(r);
          log(`${method.padEnd(8)} ${page.name.padEnd(9)} ${side.padEnd(5)} #${i + 1}: LCP ${ms(r.lcp)}, CLS ${r.cls.toFixed(3)}`);
        }
      }
      const lcp = (side) => sides[side].map((r) => r.lcp);
      out[method].push({
        page: page.name,
        ours: { runs: lcp('ours'), median: median(lcp('ours')) },
        limit: { runs: lcp('limit'), median: median(lcp('limit')) },
        clsMax: Math.max(...sides.ours.map((r) => r.cls)),
      });
    }
  }
  return out;
}
