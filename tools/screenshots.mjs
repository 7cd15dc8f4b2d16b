// `make screenshots`: the first screen of every route at 390 and 1280 px, light and
// dark, written to docs/screenshots/ (shown in README). Serves dist/ itself.
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { startServer } from './serve.mjs';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs';

const ROUTES = [
  ['index', '/'],
  ['article', '/blog/iop-instead-of-rehab/'],
  ['comparison', '/blog/iop-instead-of-rehab/?compare=inpatient,php,iop#iop-vs-inpatient-whats-the-difference'],
  ['not-found', '/no-such-page'],
];
const OUT = 'docs/screenshots';
mkdirSync(OUT, { recursive: true });

const server = await startServer({ root: 'dist', port: 0 });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: CHROMIUM_FLAGS,
});
for (const colorScheme of ['light', 'dark']) {
  for (const [width, height] of [
    [390, 844],
    [1280, 800],
  ]) {
    const context = await browser.newContext({ colorScheme, reducedMotion: 'reduce', viewport: { width, height } });
    const page = await context.newPage();
    for (const [name, path] of ROUTES) {
      await page.goto(new URL(path.replace(/^\//, ''), server.url).href);
      // Hydrated: the comparison's controls are enabled (pages without them are static).
      await page.waitForFunction(() => document.querySelector('.toggle:not([disabled])') || !document.querySelector('.toggle'));
      const file = `${OUT}/${name}-${colorScheme}-${width}.png`;
      await page.screenshot({ path: file });
      console.log(file);
    }
    await context.close();
  }
}
await browser.close();
await server.close();
