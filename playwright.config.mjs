// End-to-end tests with Debian's browsers (nothing downloads one), in six projects:
//   chromium dist/ served by tools/serve.mjs exactly as `make serve` serves it (PORT):
//            every spec but the sub-path and nginx ones
//   firefox, webkit  the reader-facing specs (CROSS_ENGINE) again, with the same
//            assertions, in Firefox ESR (Playwright over WebDriver BiDi) and WebKitGTK
//            (WebKitWebDriver); see tests/e2e/engines/. Firefox runs axe too.
//   subpath  target/dist-subpath (`make dist-subpath`) served by tools/serve.mjs under
//            /rehab-blog/ (PORT + 1): the sub-path smoke test
//   nginx    dist/ served by a real nginx with deploy/nginx.conf (PORT + 2): the route
//            specs again, and the nginx translation of dist/_headers
//   cloudflare  dist/ on Cloudflare Pages' runtime (tools/wrangler.mjs, PORT + 5): its
//            headers, 404s and redirects as the edge applies them, and a reader's article
// The images and languages specs run in chromium, firefox and webkit against the fixture
// blog, target/dist-fixture (`make dist-fixture`: a post with photos, the article and its
// Spanish translation), served by tools/serve.mjs (PORT + 3); the nginx project checks its
// images through deploy/nginx.conf (PORT + 4). E2E_PORT moves them all (default 4321).
//
// E2E_LANGUAGE=es is the Spanish run (`make test-e2e` runs it second): chromium, firefox and
// webkit only, against the fixture blog's Spanish pages below /es/ (the fixture server), the
// reader-facing specs and the accessibility spec; tests/e2e/content.mjs then reads the
// Spanish content, and its report is test-results/e2e-es.json.
import { defineConfig } from '@playwright/test';

export const PORT = Number(process.env.E2E_PORT ?? 4321);
/** The language of the pages under test: 'en' (dist/, at /) or 'es' (the fixture blog, below /es/). */
export const LANGUAGE = process.env.E2E_LANGUAGE || 'en';
if (!['en', 'es'].includes(LANGUAGE)) throw new Error(`E2E_LANGUAGE=${LANGUAGE}: only en and es are tested`);
const SPANISH = LANGUAGE === 'es';
export const SUBPATH_PORT = PORT + 1;
export const NGINX_PORT = PORT + 2;
export const SUBPATH = '/rehab-blog/';
export const FIXTURE_PORT = PORT + 3;
export const NGINX_FIXTURE_PORT = PORT + 4;
export const CLOUDFLARE_PORT = PORT + 5;
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
  'languages.spec.mjs',
];
const BASE_URL = `http://127.0.0.1:${SPANISH ? FIXTURE_PORT : PORT}`;
// In the Spanish run, what runs in each engine: the reader-facing specs and axe's.
const SPANISH_SPECS = [...CROSS_ENGINE, 'a11y.spec.mjs'];

const FIXTURE_URL_ROOT = `http://127.0.0.1:${FIXTURE_PORT}/`;
const SERVERS = [
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
  {
    command: `node tools/wrangler.mjs --root dist --port ${CLOUDFLARE_PORT} --dir target/cloudflare-e2e`,
    url: `http://127.0.0.1:${CLOUDFLARE_PORT}/`,
    reuseExistingServer: false,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5000 },
  },
];

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Each run its own report (tools/e2e-summary.mjs reads them) and its own output folder:
  // Playwright empties the output folder as a run starts.
  outputDir: SPANISH ? 'test-results/es' : 'test-results',
  reporter: [['list'], ['json', { outputFile: SPANISH ? 'test-results/e2e-es.json' : 'test-results/e2e.json' }]],
  projects: SPANISH
    ? ['chromium', 'firefox', 'webkit'].map((engine) => ({ name: engine, testMatch: SPANISH_SPECS, use: { baseURL: BASE_URL, engine } }))
    : [
        {
          name: 'chromium',
          testIgnore: ['subpath.spec.mjs', 'nginx.spec.mjs', 'cloudflare.spec.mjs'],
          use: { baseURL: BASE_URL, engine: 'chromium' },
        },
        {
          name: 'firefox',
          // Axe too (a11y.spec.mjs runs its axe tests in Chromium and Firefox).
          testMatch: [...CROSS_ENGINE, 'images.spec.mjs', 'a11y.spec.mjs'],
          use: { baseURL: BASE_URL, engine: 'firefox' },
        },
        {
          name: 'webkit',
          testMatch: [...CROSS_ENGINE, 'images.spec.mjs'],
          use: { baseURL: BASE_URL, engine: 'webkit' },
        },
        {
          name: 'subpath',
          testMatch: 'subpath.spec.mjs',
          use: { baseURL: `http://127.0.0.1:${SUBPATH_PORT}` },
        },
        {
          name: 'nginx',
          // The languages spec reads the fixture blog from tools/serve.mjs whatever the project.
          testMatch: [...CROSS_ENGINE.filter((spec) => spec !== 'languages.spec.mjs'), 'security.spec.mjs', 'seo.spec.mjs', 'nginx.spec.mjs'],
          // Tests tagged @serve-mjs-only are tied to tools/serve.mjs (its origin, its answers to
          // raw paths, its fault injection); see SERVE_MJS_ONLY in tests/e2e/fixtures.mjs.
          grepInvert: /@serve-mjs-only/,
          use: { baseURL: `http://127.0.0.1:${NGINX_PORT}` },
        },
        {
          name: 'cloudflare',
          testMatch: 'cloudflare.spec.mjs',
          use: { baseURL: `http://127.0.0.1:${CLOUDFLARE_PORT}` },
        },
      ],
  // The Spanish run needs only the fixture blog's server.
  webServer: SERVERS.filter((server) => !SPANISH || server.url === FIXTURE_URL_ROOT),
});
