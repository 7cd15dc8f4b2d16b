// How long the article takes to hydrate, in Chromium with the CPU slowed down 4× (CDP
// Emulation.setCPUThrottlingRate), median of RUNS cold loads:
//   start → hydrated: from the call that compiles the wasm (WebAssembly.instantiate*) to
//     the loader's `app-hydrated` mark (compile, instantiate, then `hydrate`);
//   hydrate: the loader's `app-hydrating` to `app-hydrated` marks: the `hydrate`
//     call alone (`hydrate_body` and what runs synchronously in it), a task of its own;
//   main-thread CPU for the wasm: the renderer main thread's CPU time (CDP
//     Performance.getMetrics ThreadTime) when the app has started, minus the same for a
//     load with the wasm blocked, both without CPU throttling (which inflates ThreadTime).
//     Unlike the wall-clock times above it does not grow when other processes compete for
//     the CPU, so it is the figure to compare on a busy machine.
// Usage: node bench/hydration.mjs [--root dist] [--path /blog/iop-instead-of-rehab/] [--runs 15]
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_FLAGS } from '../tools/chromium.mjs';
import { startServer } from '../tools/serve.mjs';
import { median } from './util.mjs';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: 'dist' },
    path: { type: 'string', default: '/blog/iop-instead-of-rehab/' },
    runs: { type: 'string', default: '15' },
    port: { type: 'string', default: '5329' },
  },
});

// Runs before any page script: timestamps around the wasm's compilation and start. The
// page's loader marks app-start, app-hydrating and app-hydrated (src/prerender/loader.js).
const probe = () => {
  const t = {};
  window.__hydration = t;
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => {
      t.start ??= performance.now();
      return original.apply(WebAssembly, args);
    };
  }
  addEventListener('TrunkApplicationStarted', () => {
    const mark = (name) => performance.getEntriesByName(name)[0]?.startTime;
    t.instantiated = mark('app-hydrating');
    t.hydrated = mark('app-hydrated');
    t.started = performance.now();
  });
};

const server = await startServer({ root: values.root, port: Number(values.port) });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
const total = [];
const hydrate = [];
const cpu = [];
const cpuWithoutWasm = [];

/** One cold load; the main thread's CPU seconds once the app started (or, with the
 * wasm blocked, once the page has loaded). */
async function load({ blockWasm = false, throttle = 4 } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.addInitScript(probe);
  if (blockWasm) await page.route(/\.wasm$/, (route) => route.abort());
  await page.goto(new URL(values.path, server.url).href, { waitUntil: 'load' });
  if (!blockWasm) await page.waitForFunction(() => window.__hydration?.started, null, { timeout: 60000 });
  const { metrics } = await cdp.send('Performance.getMetrics');
  const t = await page.evaluate(() => window.__hydration);
  await context.close();
  return { t, cpu: metrics.find((m) => m.name === 'ThreadTime').value * 1000 };
}

try {
  for (let i = 0; i < Number(values.runs); i++) {
    const { t } = await load();
    total.push(t.hydrated - t.start);
    hydrate.push(t.hydrated - t.instantiated);
    cpu.push((await load({ throttle: 1 })).cpu);
    cpuWithoutWasm.push((await load({ blockWasm: true, throttle: 1 })).cpu);
  }
} finally {
  await browser.close();
  await server.close();
}
const fmt = (xs) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
console.log(`${values.root} ${values.path}, CPU 4× slower, ${total.length} runs`);
console.log(`  start → hydrated: ${fmt(total)}`);
console.log(`  hydrate:         ${fmt(hydrate)}`);
console.log(`  main-thread CPU (not throttled): ${fmt(cpu)}; with the wasm blocked ${fmt(cpuWithoutWasm)}`);
console.log(`  main-thread CPU for the wasm (difference of medians): ${(median(cpu) - median(cpuWithoutWasm)).toFixed(1)} ms`);
