// Offline, in every engine: the service worker (src/prerender/service_worker.js) keeps the
// pages a reader opened and shows them, marked as saved copies, when the server is gone;
// a page never opened gets the offline page with the crisis numbers; online, the page is
// always the server's. "Offline" is the test's own server dropping every connection
// (tools/serve.mjs through the faults fixture), which works the same in every engine.
import { readFileSync } from 'node:fs';
import { ARTICLE, expectWholeArticle, HOME, OFFLINE, POST, ROOT, SITE, said, TEL, TEXT } from './content.mjs';
import { expect, SERVE_MJS_ONLY as serveMjsOnly, test } from './fixtures.mjs';

/** Every number of the crisis lines, as the links the site prints. */
const CRISIS_LINKS = SITE.crisis.lines.flatMap((line) => [...line.matchAll(/href="([^"]+)"/g)].map((m) => m[1]));
const RETIRE_WORKER = readFileSync(new URL('../../src/prerender/retire_worker.js', import.meta.url), 'utf8');

/** In the page: whether the site's caches hold `url` (the worker has saved it). */
const saved = async (url) => {
  for (const name of await caches.keys()) if (await (await caches.open(name)).match(url)) return true;
  return false;
};

/** A reader of the faults server that has read `path` once, the worker having saved it. */
async function visited(open, faults, path, options = {}) {
  const reader = await open({ ...options, baseURL: faults.url });
  await reader.gotoHydrated(path);
  await reader.waitFor(() => navigator.serviceWorker?.controller != null, null, 'the worker controls the page');
  await reader.waitFor(saved, reader.href(path), `the worker saved ${path}`);
  return reader;
}

/** The article's paragraphs of plain text (no markup), as the build wrote them into its page. */
const PLAIN_PARAGRAPHS = POST.sections.flatMap((s) =>
  s.blocks.filter((b) => b.type === 'prose').flatMap((b) => [...b.html.matchAll(/<p>([^<&]+)<\/p>/g)].map((m) => m[1])),
);

/** The server is gone: every connection is dropped. */
const offline = (faults) => faults.fail(/./, 'abort');

test.describe('offline', serveMjsOnly, () => {
  // Each test waits for the app, then the worker's install and first save, on a busy machine.
  test.describe.configure({ timeout: 120_000 });

  test('a page read once opens again offline, whole, and says it is a saved copy and when it was saved', async ({ open, faults }) => {
    const reader = await visited(open, faults, ARTICLE);
    offline(faults);
    await reader.goto(ARTICLE);
    await reader.waitFor(() => document.querySelector('body > .saved-copy[role="status"]'));
    const notice = await reader.text('.saved-copy');
    expect(said(OFFLINE.saved_copy, notice, { whole: true }), notice).not.toBeNull();
    const savedAt = Date.parse(await reader.attr('.saved-copy time', 'datetime'));
    expect(Math.abs(Date.now() - savedAt)).toBeLessThan(10 * 60_000);
    // The app starts from the saved files and takes the page over; the notice stays.
    await reader.waitForApp();
    expect(await reader.text('h1')).toBe(POST.title);
    expect(await reader.count('body > .saved-copy')).toBe(1);
    await expectWholeArticle(reader);
    expect(await reader.evaluate(() => window.__csp)).toEqual([]);
  });

  test('a page the server is slow to send is shown from the saved copy after a few seconds', async ({ open, faults }) => {
    const reader = await visited(open, faults, ARTICLE);
    const release = faults.hold(new RegExp(`^${ARTICLE}$`));
    const started = Date.now();
    await reader.goto(ARTICLE);
    await reader.waitFor(() => document.querySelector('body > .saved-copy'));
    expect(Date.now() - started).toBeGreaterThan(3000);
    expect(await reader.text('h1')).toBe(POST.title);
    release();
  });

  test('the saved copy’s notice goes when the reader moves on to another page in the app', async ({ open, faults }) => {
    const reader = await visited(open, faults, ARTICLE);
    // The server is slow to send the article only: the saved copy is shown, and the rest
    // of the site answers.
    const release = faults.hold(new RegExp(`^${ARTICLE}$`));
    await reader.goto(ARTICLE);
    await reader.waitFor(() => document.querySelector('body > .saved-copy'));
    await reader.waitForApp();
    release();
    await reader.click('.site-header a.brand');
    await reader.waitFor((home) => location.pathname === home && document.querySelector('main h1'), HOME);
    expect(await reader.text('main h1')).toBe(TEXT.index_title);
    expect(await reader.count('.saved-copy')).toBe(0);
  });

  test('a page never read shows the offline page, every crisis number a working link', async ({ open, faults }) => {
    const reader = await visited(open, faults, HOME);
    offline(faults);
    await reader.goto(ARTICLE);
    await reader.waitFor(() => document.querySelector('h1'));
    expect(await reader.text('h1')).toBe(OFFLINE.title);
    expect(await reader.path()).toBe(ARTICLE);
    const links = await reader.evaluate(() => [...document.querySelectorAll('a[href^="tel:"], a[href^="sms:"]')].map((a) => a.getAttribute('href')));
    expect(links).toEqual(expect.arrayContaining([...CRISIS_LINKS, TEL]));
    expect(CRISIS_LINKS).toEqual(expect.arrayContaining(['tel:988', 'sms:988']));
    for (const href of links) expect(await reader.visible(`a[href="${href}"]`), href).toBe(true);
    expect(await reader.count('.saved-copy')).toBe(0);
    expect(await reader.evaluate(() => window.__csp)).toEqual([]);
  });

  test('in-app navigation offline to a page never read: the app says so, the numbers at hand', async ({ open, faults }) => {
    // The browser reports the failed request itself (as with any failed content fetch).
    const reader = await visited(open, faults, HOME, { allowErrors: /Failed to load resource|NetworkError|network connection was lost/ });
    offline(faults);
    await reader.click(['main a', POST.title]);
    await expect.poll(() => reader.visible('.load-error')).toBe(true);
    expect(await reader.text('h1')).toBe(TEXT.load_error_title);
    expect(await reader.visible(`.load-error a[href="${TEL}"]`)).toBe(true);
    expect(await reader.count('a[href="sms:988"]')).toBeGreaterThan(0);
  });

  test('back online, a changed page is the server’s, not the saved copy', async ({ open, faults }) => {
    const reader = await visited(open, faults, ARTICLE);
    // The article, as a new deployment changed it: one paragraph of its prose, as the
    // server wrote it (which hydration keeps).
    const html = readFileSync(new URL(`../../${ROOT}${ARTICLE}index.html`, import.meta.url), 'utf8');
    const line = PLAIN_PARAGRAPHS.find((l) => html.split('<main')[1].includes(l));
    expect(line, 'a paragraph of the article’s prose, in its page').toBeDefined();
    const changed = `${line} (Updated.)`;
    const [head, body] = html.split('<main');
    faults.fail(new RegExp(`^${ARTICLE}$`), { status: 200, type: 'text/html; charset=utf-8', body: `${head}<main${body.replace(line, changed)}` });
    await reader.goto(ARTICLE);
    await reader.waitForApp();
    expect(await reader.bodyText()).toContain(changed);
    expect(await reader.count('.saved-copy')).toBe(0);
    // And that is the copy saved from now on.
    faults.clear();
    offline(faults);
    await expect
      .poll(async () => {
        await reader.goto(ARTICLE);
        return reader.bodyText();
      })
      .toContain(changed);
  });

  test('the retiring worker unregisters the worker and deletes its caches', async ({ open, faults }) => {
    const reader = await visited(open, faults, ARTICLE);
    faults.fail(/\/sw\.js$/, { status: 200, type: 'text/javascript', body: RETIRE_WORKER });
    await reader.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await reader.waitFor(async () => (await navigator.serviceWorker.getRegistrations()).length === 0, null, 'no worker left');
    await reader.waitFor(async () => (await caches.keys()).length === 0, null, 'no cache left');
    // From then on the network alone.
    faults.clear();
    await reader.goto(ARTICLE);
    expect(await reader.text('h1')).toBe(POST.title);
    expect(await reader.count('.saved-copy')).toBe(0);
  });
});
