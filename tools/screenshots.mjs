// `make screenshots`: the first screen of every route at 390 and 1280 px, light and dark,
// in Chromium, Firefox and WebKit, written to docs/screenshots/ (Chromium's) and
// docs/screenshots/<engine>/ (shown in README). Serves dist/ itself.
import { mkdirSync } from 'node:fs';
import { ENGINES, openHost } from '../tests/e2e/engines/hosts.mjs';
import { startServer } from './serve.mjs';

const ROUTES = [
  ['index', '/'],
  ['article', '/blog/iop-instead-of-rehab/'],
  ['comparison', '/blog/iop-instead-of-rehab/?compare=inpatient,php,iop#iop-vs-inpatient-whats-the-difference'],
  ['not-found', '/no-such-page'],
];

const server = await startServer({ root: 'dist', port: 0 });
for (const engine of ENGINES) {
  const out = engine === 'chromium' ? 'docs/screenshots' : `docs/screenshots/${engine}`;
  mkdirSync(out, { recursive: true });
  const host = await openHost(engine);
  for (const colorScheme of ['light', 'dark']) {
    for (const [width, height] of [
      [390, 844],
      [1280, 800],
    ]) {
      const reader = await host.open(server.url, { width, height, colorScheme, reducedMotion: 'reduce' });
      for (const [name, path] of ROUTES) {
        await reader.gotoHydrated(path);
        // Two frames, so what was just laid out is also painted.
        await reader.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        const file = `${out}/${name}-${colorScheme}-${width}.png`;
        await reader.screenshot(file);
        console.log(file);
      }
      await reader.close();
    }
  }
  await host.close();
}
await server.close();
