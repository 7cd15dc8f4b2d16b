// Where readers come from: one host per engine (and per test worker), which opens readers
// (./reader.mjs) with a viewport, colour scheme, motion preference and JavaScript on or off.
// Used by the test fixtures and by `make screenshots`.
import { chromium, firefox } from '@playwright/test';
import { CHROMIUM, CHROMIUM_FLAGS } from '../../../tools/chromium.mjs';
import { PlaywrightReader } from './reader.mjs';
import { WebKitHost } from './webkit.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/lib/firefox-esr/firefox-esr';

/** Chromium or Firefox through Playwright. */
class PlaywrightHost {
  constructor(engine) {
    this.engine = engine;
    this.browsers = new Map();
  }

  /**
   * Firefox ignores Playwright's colour-scheme, motion and JavaScript emulation (WebDriver
   * BiDi lacks them), so each combination is a browser launched with its own preferences.
   */
  browser({ colorScheme = 'light', reducedMotion = 'no-preference', javaScript = true }) {
    const key = this.engine === 'firefox' ? `${colorScheme}/${reducedMotion}/${javaScript}` : 'any';
    if (!this.browsers.has(key)) {
      this.browsers.set(
        key,
        this.engine === 'firefox'
          ? firefox.launch({
              channel: 'moz-firefox',
              executablePath: FIREFOX,
              firefoxUserPrefs: {
                'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
                'ui.prefersReducedMotion': reducedMotion === 'reduce' ? 1 : 0,
                'javascript.enabled': javaScript,
              },
            })
          : chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS }),
      );
    }
    return this.browsers.get(key);
  }

  async open(baseURL, options = {}) {
    return PlaywrightReader.open(await this.browser(options), baseURL, options);
  }

  async close() {
    for (const browser of this.browsers.values()) await (await browser).close();
  }
}

export async function openHost(engine) {
  if (!ENGINES.includes(engine)) throw new Error(`unknown engine ${engine}`);
  return engine === 'webkit' ? WebKitHost.start() : new PlaywrightHost(engine);
}
