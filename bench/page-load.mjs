// One unthrottled load per page in Playwright's Chromium: what was requested (wasm count
// and MIME type), what blocked rendering (renderBlockingStatus), console errors.

/** Loads a page once (no throttling): requests, MIME types, render-blocking, console. */
export async function pageLoad(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  const messages = [];
  page.on('request', (r) => requests.push({ url: r.url(), resourceType: r.resourceType() }));
  page.on('response', (r) => {
    const entry = requests.find((q) => q.url === r.url() && q.status === undefined);
    if (entry) Object.assign(entry, { status: r.status(), contentType: r.headers()['content-type'] ?? null });
  });
  page.on('console', (m) => {
    // Chromium logs the document's own 404 (the not-found page) as an error.
    if (m.location().url === page.url() && /status of 404/.test(m.text())) return;
    if (m.type() === 'error' || m.type() === 'warning') messages.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', () => {
      window.__hydratedAt = performance.now();
    });
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  // Chromium warns about an unused preload a few seconds after load: wait for it.
  await page.waitForTimeout(3500);
  const facts = await page.evaluate(() => ({
    hydratedAtMs: window.__hydratedAt ?? null,
    renderBlocking: performance
      .getEntriesByType('resource')
      .filter((e) => e.renderBlockingStatus === 'blocking')
      .map((e) => e.name),
    resourceTiming: performance.getEntriesByType('resource').map((e) => ({
      url: e.name,
      initiatorType: e.initiatorType,
      renderBlockingStatus: e.renderBlockingStatus,
      encodedBodySize: e.encodedBodySize,
      decodedBodySize: e.decodedBodySize,
    })),
  }));
  await context.close();
  const wasm = requests.filter((r) => /\.wasm(\?|$)/.test(r.url));
  return {
    status: response?.status() ?? null,
    requests,
    wasmRequests: wasm.length,
    wasmContentTypes: [...new Set(wasm.map((r) => r.contentType))],
    console: messages,
    ...facts,
  };
}
