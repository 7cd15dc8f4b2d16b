// End-to-end tests: Debian's Chromium (never a downloaded browser), in three projects:
//   default  dist/ served by tools/serve.mjs exactly as `make serve` serves it (PORT)
//   subpath  target/dist-subpath (`make dist-subpath`) served by tools/serve.mjs under
//            /rehab-blog/ (PORT + 1): the sub-path smoke test
//   nginx    dist/ served by a real nginx with deploy/nginx.conf (PORT + 2): the route
//            specs again, and the nginx translation of dist/_headers
// E2E_PORT moves all three (default 4321).
import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_FLAGS } from './tools/chromium.mjs';

export const PORT = Number(process.env.E2E_PORT ?? 4321);
export const SUBPATH_PORT = PORT + 1;
export const NGINX_PORT = PORT + 2;
export const SUBPATH = '/rehab-blog/';

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_FLAGS },
  },
  projects: [
    {
      name: 'default',
      testIgnore: ['subpath.spec.mjs', 'nginx.spec.mjs'],
      use: { baseURL: `http://127.0.0.1:${PORT}` },
    },
    {
      name: 'subpath',
      testMatch: 'subpath.spec.mjs',
      use: { baseURL: `http://127.0.0.1:${SUBPATH_PORT}` },
    },
    {
      name: 'nginx',
      testMatch: ['site.spec.mjs', 'comparison.spec.mjs', 'faq.spec.mjs', 'security.spec.mjs', 'seo.spec.mjs', 'nginx.spec.mjs'],
      // Tied to tools/serve.mjs: two expect PORT's origin or send raw paths to PORT; the
      // third expects serve.mjs's 404 for `%00` in a path, which nginx refuses with 400.
      grepInvert: /no CSP violation, console error, third-party request|hostile paths get the not-found page|hostile paths hydrate/,
      use: { baseURL: `http://127.0.0.1:${NGINX_PORT}` },
    },
  ],
  webServer: [
    {
      command: `node tools/serve.mjs --root dist --port ${PORT}`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
    },
    {
      command: `node tools/serve.mjs --root target/dist-subpath --port ${SUBPATH_PORT} --prefix ${SUBPATH}`,
      url: `http://127.0.0.1:${SUBPATH_PORT}${SUBPATH}`,
      reuseExistingServer: false,
    },
    {
      command: `node tools/nginx.mjs --root dist --port ${NGINX_PORT} --dir target/nginx-e2e`,
      url: `http://127.0.0.1:${NGINX_PORT}/`,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5000 },
    },
  ],
});
