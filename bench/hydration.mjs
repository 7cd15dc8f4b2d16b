// How long the article takes to hydrate, in Chromium with the CPU slowed down 4× (CDP
// Emulation.setCPUThrottlingRate), median of RUNS cold loads:
//   start → started: from the call that compiles the wasm (WebAssembly.instantiate*) to
//     Trunk's `TrunkApplicationStarted` (compile, instantiate, then `hydrate_body`);
//   hydrate: from the instantiated module to `TrunkApplicationStarted` (the start
//     function alone: `hydrate_body` and what runs synchronously in it).
// Usage: node bench/hydration.mjs [--root dist] [--path /blog/iop-instead-of-rehab/] [--runs 15]
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_FLAGS } from '../tools/chromium.mjs';
import { startServer } from '../tools/serve.mjs';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: 'dist' },
    path: { type: 'string', default: '/blog/iop-instead-of-rehab/' },
    runs: { type: 'string', default: '15' },
    port: { type: 'string', default: '5329' },
  },
});

// Runs before any page script: timestamps around the wasm's compilation and start.
const probe = () => {
  const t = (window.__hydration = {});
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => {
      t.start ??= performance.now();
      return original.apply(WebAssembly, args).then((result) => {
        t.instantiated = performance.now();
        return result;
      });
    };
  }
  addEventListener('TrunkApplicationStarted', () => (t.started = performance.now()));
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer({ root: values.root, port: Number(values.port) });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
const total = [];
const hydrate = [];
try {
  for (let i = 0; i < Number(values.runs); i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(probe);
    await page.goto(new URL(values.path, server.url).href);
    await page.waitForFunction(() => window.__hydration?.started, null, { timeout: 60000 });
    const t = await page.evaluate(() => window.__hydration);
    total.push(t.started - t.start);
    hydrate.push(t.started - t.instantiated);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const fmt = (xs) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
console.log(`${values.root} ${values.path}, CPU 4× slower, ${total.length} runs`);
console.log(`  start → started: ${fmt(total)}`);
console.log(`  hydrate:         ${fmt(hydrate)}`);
