// End-to-end tests with Debian's browsers (nothing downloads one), in five projects:
//   chromium dist/ served by tools/serve.mjs exactly as `make serve` serves it (PORT):
//            every spec but the sub-path and nginx ones
//   firefox, webkit  the reader-facing specs (CROSS_ENGINE) again, with the same
//            assertions, in Firefox ESR (Playwright over WebDriver BiDi) and WebKitGTK
//            (WebKitWebDriver); see tests/e2e/engines/
//   subpath  target/dist-subpath (`make dist-subpath`) served by tools/serve.mjs under
//            /rehab-blog/ (PORT + 1): the sub-path smoke test
//   nginx    dist/ served by a real nginx with deploy/nginx.conf (PORT + 2): the route
//            specs again, and the nginx translation of dist/_headers
// The images spec runs in chromium, firefox and webkit against the fixture blog,
// target/dist-fixture (`make dist-fixture`: a post with photos), served by tools/serve.mjs
// (PORT + 3); the nginx project checks its images through deploy/nginx.conf (PORT + 4).
// E2E_PORT moves them all (default 4321).
import { defineConfig } from '@playwright/test';

export const PORT = Number(process.env.E2E_PORT ?? 4321);
export const SUBPATH_PORT = PORT + 1;
export const NGINX_PORT = PORT + 2;
export const SUBPATH = '/rehab-blog/';
export const FIXTURE_PORT = PORT + 3;
export const NGINX_FIXTURE_PORT = PORT + 4;
// The reader-facing specs: they run in every engine. Every spec is written against a reader
// (tests/e2e/fixtures.mjs); the others are Chromium's, some with Playwright's own page.
const CROSS_ENGINE = [
  'site.spec.mjs',
  'comparison.spec.mjs',
  'faq.spec.mjs',
  'share.spec.mjs',
  'layout.spec.mjs',
  'loading.spec.mjs',
  'offline.spec.mjs',
  'takeover.spec.mjs',
];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  projects: [
    {
      name: 'chromium',
      testIgnore: ['subpath.spec.mjs', 'nginx.spec.mjs'],
      use: { baseURL: `http://127.0.0.1:${PORT}`, engine: 'chromium' },
    },
    {
      name: 'firefox',
      testMatch: [...CROSS_ENGINE, 'images.spec.mjs'],
      use: { baseURL: `http://127.0.0.1:${PORT}`, engine: 'firefox' },
    },
    {
      name: 'webkit',
      testMatch: [...CROSS_ENGINE, 'images.spec.mjs'],
      use: { baseURL: `http://127.0.0.1:${PORT}`, engine: 'webkit' },
    },
    {
      name: 'subpath',
      testMatch: 'subpath.spec.mjs',
      use: { baseURL: `http://127.0.0.1:${SUBPATH_PORT}` },
    },
    {
      name: 'nginx',
      testMatch: [...CROSS_ENGINE, 'security.spec.mjs', 'seo.spec.mjs', 'nginx.spec.mjs'],
      // Tests tagged @serve-mjs-only are tied to tools/serve.mjs (its origin, its answers to
      // raw paths, its fault injection); see SERVE_MJS_ONLY in tests/e2e/fixtures.mjs.
      grepInvert: /@serve-mjs-only/,
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
      command: `node tools/serve.mjs --root target/dist-fixture --port ${FIXTURE_PORT}`,
      url: `http://127.0.0.1:${FIXTURE_PORT}/`,
      reuseExistingServer: false,
    },
    {
      command: `node tools/nginx.mjs --root dist --port ${NGINX_PORT} --dir target/nginx-e2e`,
      url: `http://127.0.0.1:${NGINX_PORT}/`,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5000 },
    },
    {
      command: `node tools/nginx.mjs --root target/dist-fixture --port ${NGINX_FIXTURE_PORT} --dir target/nginx-e2e-fixture`,
      url: `http://127.0.0.1:${NGINX_FIXTURE_PORT}/`,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5000 },
    },
  ],
});
