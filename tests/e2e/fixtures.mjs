// The end-to-end tests' one `test`. Every spec is written against a reader
// (engines/reader.mjs: the same API in every engine); a project picks its engine with
// `use: { engine }` (chromium unless it says otherwise):
//   reader   a fresh tab (1280×720) in that engine; the test fails if it logged an error
//   open     opens more readers: open({ baseURL, width, height, javaScript, colorScheme,
//            reducedMotion, allowErrors: /expected/ }) (every one checked for errors)
//   faults   a server of the run's bundle (dist/; the fixture blog in the Spanish run: ROOT
//            in content.mjs), or of `faultsRoot`, of the worker's own whose requests the
//            test can fail or hold back, in the server, since WebKit's driver cannot
//            intercept requests
//   page, context   the Playwright page and context behind `reader`, for what only
//            Playwright does (axe, routes, request events, the CDP, going offline): the
//            Chromium-only specs
import { test as base, expect } from '@playwright/test';
import { startServer } from '../../tools/serve.mjs';
import { ROOT } from './content.mjs';
import { openHost } from './engines/hosts.mjs';

/** Answers a request the way a rule says: `abort` drops the connection; an object is the response. */
async function answer(rule, res) {
  if (rule.held) await rule.held;
  if (rule.respond === 'abort') {
    res.socket.destroy();
  } else if (rule.respond) {
    const { status = 200, type = 'text/plain', body = '' } = rule.respond;
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  } else {
    return false; // held only: now serve the file as usual
  }
  return true;
}

class Faults {
  constructor(server, rules) {
    this.url = server.url;
    this.rules = rules;
  }

  /** Requests whose path matches `pattern` get `respond`: 'abort' or { status, type, body }. */
  fail(pattern, respond) {
    this.rules.push({ pattern, respond });
  }

  /** Holds back matching requests until the returned function is called. */
  hold(pattern) {
    let release;
    this.rules.push({ pattern, held: new Promise((resolve) => (release = resolve)) });
    return release;
  }

  clear() {
    this.rules.length = 0;
  }
}

export const test = base.extend({
  engine: ['chromium', { option: true, scope: 'worker' }],

  host: [
    async ({ engine }, use) => {
      const host = await openHost(engine);
      await use(host);
      await host.close();
    },
    { scope: 'worker' },
  ],

  faultsRoot: [ROOT, { option: true, scope: 'worker' }],

  faultServer: [
    async ({ faultsRoot }, use) => {
      const rules = [];
      const server = await startServer({
        root: faultsRoot,
        port: 0,
        intercept: (_req, res, url) => {
          const rule = rules.find((r) => r.pattern.test(url.pathname));
          return rule ? answer(rule, res) : false;
        },
      });
      await use({ server, rules });
      await server.close();
    },
    { scope: 'worker' },
  ],

  faults: async ({ faultServer }, use) => {
    const faults = new Faults(faultServer.server, faultServer.rules);
    await use(faults);
    faults.clear();
  },

  open: async ({ host, baseURL }, use) => {
    const readers = [];
    await use(async (options = {}) => {
      const reader = await host.open(options.baseURL ?? baseURL, options);
      readers.push(reader);
      return reader;
    });
    const errors = [];
    for (const reader of readers) {
      errors.push(...(await reader.unexpectedErrors()));
      await reader.close();
    }
    expect(errors, 'console and page errors').toEqual([]);
  },

  reader: async ({ open }, use) => {
    await use(await open());
  },

  page: async ({ reader }, use) => {
    if (!reader.page) throw new Error('`page` is a Playwright page: Chromium and Firefox only');
    await use(reader.page);
  },

  context: async ({ reader }, use) => {
    await use(reader.context);
  },
});

export { expect };

/**
 * The tag of tests tied to tools/serve.mjs (its origin, its answers to raw paths, its
 * fault injection), which the nginx project leaves out (playwright.config.mjs).
 */
export const SERVE_MJS_ONLY = { tag: '@serve-mjs-only' };
