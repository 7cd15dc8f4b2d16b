// WebKit for the end-to-end tests: Debian's WebKitGTK driven by its WebKitWebDriver over
// classic WebDriver (the W3C REST protocol; the few commands the readers need are below),
// in a private Xvfb display. Each reader is one WebDriver session, which starts
// tools/webkit-launcher.py: a bare window of the exact viewport, the shared init script,
// and errors written to a log file as they happen.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INIT_SCRIPT, Reader } from './reader.mjs';

const DRIVER = process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver';
const LAUNCHER = new URL('../../../tools/webkit-launcher.py', import.meta.url).pathname;
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
// WebDriver key codes (https://www.w3.org/TR/webdriver/#keyboard-actions).
const KEYS = { Tab: '\uE004', Enter: '\uE007', Space: ' ', Shift: '\uE008', Escape: '\uE00C', End: '\uE010', Home: '\uE011' };

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Starts Xvfb on the first free display; resolves to [process, ':N']. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    xvfb.once('error', reject);
    xvfb.stdio[3].once('data', (data) => resolve([xvfb, `:${data.toString().trim()}`]));
  });
}

async function call(base, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = await response.json();
  if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value?.error}: ${value?.message}`);
  return value;
}

/** One Xvfb and one WebKitWebDriver per test worker. */
export class WebKitHost {
  static async start() {
    const [xvfb, display] = await startXvfb();
    const port = await freePort();
    const driver = spawn(DRIVER, [`--port=${port}`, '--replace-on-new-session'], {
      env: { ...process.env, DISPLAY: display },
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await call(base, 'GET', '/status')).ready) break;
      } catch (err) {
        if (i > 100) throw new Error(`WebKitWebDriver did not start: ${err.message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return new WebKitHost(xvfb, driver, base);
  }

  constructor(xvfb, driver, base) {
    this.xvfb = xvfb;
    this.driver = driver;
    this.base = base;
    this.logs = mkdtempSync(join(tmpdir(), 'rehab-webkit-'));
    this.sessions = 0;
  }

  async open(baseURL, { width = 1280, height = 720, javaScript = true, colorScheme, reducedMotion, allowErrors } = {}) {
    const errorLog = join(this.logs, `${++this.sessions}.log`);
    const args = [`--width=${width}`, `--height=${height}`, `--init-script=${new URL(INIT_SCRIPT).pathname}`, `--error-log=${errorLog}`];
    if (!javaScript) args.push('--no-javascript');
    if (colorScheme === 'dark') args.push('--dark');
    if (reducedMotion === 'reduce') args.push('--reduced-motion');
    const { sessionId } = await call(this.base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: LAUNCHER, args } } },
    });
    return new WebKitReader(baseURL, { allowErrors }, `${this.base}/session/${sessionId}`, errorLog);
  }

  async close() {
    this.driver.kill();
    this.xvfb.kill();
    rmSync(this.logs, { recursive: true, force: true });
  }
}

class WebKitReader extends Reader {
  constructor(baseURL, options, session, errorLog) {
    super(baseURL, options);
    this.session = session;
    this.errorLog = errorLog;
  }

  call(method, path, body) {
    return call(this.session, method, path, body);
  }

  goto(path) {
    return this.call('POST', '/url', { url: this.href(path) });
  }

  evaluate(fn, arg) {
    // WebDriver awaits a returned promise, as Playwright does.
    return this.call('POST', '/execute/sync', { script: `return (${fn})(arguments[0]);`, args: [arg ?? null] });
  }

  async elementHandle(fn, arg) {
    return (await this.evaluate(fn, arg))[ELEMENT];
  }

  async clickHandle(id) {
    // The driver scrolls the element into view itself, but under `scroll-behavior: smooth`
    // it then finds the element still on its way and refuses it as not interactable.
    await this.call('POST', '/execute/sync', {
      script: "arguments[0].scrollIntoView({ block: 'center', behavior: 'instant' });",
      args: [{ [ELEMENT]: id }],
    });
    return this.call('POST', `/element/${id}/click`, {});
  }

  /** `Tab`, `Enter`, `Space`, or a chord such as `Shift+Tab`. */
  press(chord) {
    const keys = chord.split('+').map((k) => KEYS[k] ?? k);
    const actions = [...keys.map((value) => ({ type: 'keyDown', value })), ...keys.reverse().map((value) => ({ type: 'keyUp', value }))];
    return this.call('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  }

  back() {
    return this.call('POST', '/back', {});
  }

  forward() {
    return this.call('POST', '/forward', {});
  }

  reload() {
    return this.call('POST', '/refresh', {});
  }

  url() {
    return this.call('GET', '/url');
  }

  async screenshot(path) {
    writeFileSync(path, Buffer.from(await this.call('GET', '/screenshot'), 'base64'));
  }

  async errors() {
    try {
      return readFileSync(this.errorLog, 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  }

  async close() {
    await this.call('DELETE', '');
  }
}
