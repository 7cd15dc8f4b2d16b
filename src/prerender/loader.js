// Starts the app (wasm) on a prerendered page. Inline in every page's <head>: its hash is in
// the CSP, and it costs the first paint no request. The page is complete without the app, so
// nothing of the app is fetched until the page has loaded and the browser is idle, or until
// the reader reaches for a control or one comes near the screen, whichever comes first. A
// press on a control before the app is ready is kept, the control's status line says the
// app is getting ready, and the press takes effect once it is.
// The script's data-* attributes name the files (written by src/prerender/mod.rs). The
// steps it calls and the attributes it queries are the app's contract, src/takeover.rs.
(() => {
  const files = document.currentScript.dataset;
  const root = document.documentElement;
  const GROUP = '[data-needs-app]';
  const CONTROL = `${GROUP} button`;
  const STATUS = '[data-app-status]';
  const REGION = '[data-app-region]';
  const PAINT_WAIT_MS = 3000;
  // Leaving a page cancels the app's requests, and some engines (Firefox) fail them before
  // `pagehide`: a failure is reported only if the page is still there this much later.
  const LEAVE_WAIT_MS = 1000;
  const pressed = [];
  const notices = [];
  // Each start is an attempt; one given up (the page was left while the app was being
  // fetched) does nothing more, and the page starts afresh if it comes back.
  let attempt = 0;
  let fetching = false;
  // Whether the app's router may take link clicks: not before the app has taken the page
  // over, though its router listens from the step before.
  let routing = false;

  const element = (tag, props) => Object.assign(document.createElement(tag), props);
  const loaded = (node) =>
    new Promise((resolve, reject) => {
      node.onload = resolve;
      node.onerror = () => reject(new Error(`could not load ${node.href}`));
      document.head.append(node);
    });
  // Lets the browser paint and handle input between the long steps.
  const breather = () => new Promise((resolve) => setTimeout(resolve));
  const ignore = () => {};

  // A link to an answer (`#faq-…`) shows it open from the first paint, as Chromium does by
  // itself: the observer runs after each parsing task, before the frame that shows it.
  let target = '';
  try {
    target = decodeURIComponent(location.hash.slice(1));
  } catch {
    // A malformed fragment names nothing.
  }
  if (target) {
    const reveal = new MutationObserver(() => {
      const found = document.getElementById(target);
      if (!found) return;
      reveal.disconnect();
      if (found instanceof HTMLDetailsElement) found.open = true;
    });
    reveal.observe(root, { childList: true, subtree: true });
    addEventListener('DOMContentLoaded', () => reveal.disconnect());
  }

  // Focus never rests under the phone call bar: Firefox does not scroll an element that is
  // already partly in view out from under it (it applies `scroll-padding-bottom` only to
  // scrolls it makes). Where the engine has scrolled, there is nothing left to do.
  addEventListener('focusin', ({ target: focused }) => {
    const bar = document.querySelector('.call-bar');
    if (!bar?.offsetHeight || bar.contains(focused)) return;
    const { bottom } = focused.getBoundingClientRect();
    if (bottom <= bar.getBoundingClientRect().top) return;
    const clear = innerHeight - parseFloat(getComputedStyle(root).scrollPaddingBottom);
    scrollBy({ top: bottom - clear, behavior: 'instant' });
  });

  function start() {
    if (root.dataset.app) return;
    const mine = ++attempt;
    fetching = true;
    root.dataset.app = 'loading';
    // Marks for the benchmark (bench/) and anyone profiling: app-start, app-hydrating
    // (the wasm is instantiated), app-hydrated.
    performance.mark('app-start');
    // A page back from the back-forward cache asks for the glue under another address:
    // an engine may keep the cancelled import's failure for the first.
    const glueAddress = mine > 1 ? `${files.glue}?attempt=${mine}` : files.glue;
    // All three at once: the data the page was rendered from, the glue (checked by its
    // modulepreload, which the import then uses) and the wasm (checked by fetch).
    const data = fetch(files.pageData, { integrity: files.pageDataIntegrity }).then((response) =>
      response.ok ? response.json() : Promise.reject(new Error(`could not load ${response.url}`)),
    );
    const glue = loaded(element('link', { rel: 'modulepreload', href: glueAddress, integrity: files.glueIntegrity })).then(() => import(glueAddress));
    const wasm = fetch(files.wasm, { integrity: files.wasmIntegrity });
    // Its failure is the instantiation's, below, or nobody's if the others failed first.
    wasm.catch(ignore);
    Promise.all([glue, data])
      .then(async ([app, pageData]) => {
        await app.default({ module_or_path: wasm });
        if (mine !== attempt) return;
        fetching = false;
        await takeOver(app, pageData);
      })
      .catch((error) => {
        setTimeout(() => {
          if (mine === attempt) fail(error);
        }, LEAVE_WAIT_MS);
      });
  }

  // The steps of src/takeover.rs, each in a task of its own so that none is long.
  async function takeOver(app, pageData) {
    await breather();
    const takeover = app.prepare(files.base, pageData);
    await breather();
    takeover.render();
    await breather();
    performance.mark('app-hydrating');
    takeover.hydratePage();
    routing = true;
    // The regions left for later (a post's body, the comparison, the FAQ), a task each:
    // presses in between are kept too.
    do {
      await breather();
    } while (takeover.hydrateRegion());
    takeover.free();
    performance.mark('app-hydrated');
    removeEventListener('click', hold, true);
    for (const notice of notices.splice(0)) notice.remove();
    await breather();
    // One press per task, as the reader made them: each sees the state the last left.
    for (const control of pressed.splice(0)) {
      if (control.isConnected) control.click();
      await breather();
    }
    root.dataset.app = 'ready';
    idle(registerWorker);
  }

  // The page stays as it is; controls that need the app are hidden (style/main.css).
  function fail(error) {
    root.dataset.app = 'failed';
    forgetPresses();
    removeEventListener('click', hold, true);
    throw error;
  }

  function forgetPresses() {
    pressed.length = 0;
    for (const notice of notices.splice(0)) notice.remove();
  }

  // Leaving while the app is being fetched gives that attempt up; a page brought back from
  // the back-forward cache then starts again, and a press made before leaving is forgotten.
  addEventListener('pagehide', () => {
    if (!fetching) return;
    fetching = false;
    attempt++;
    delete root.dataset.app;
    forgetPresses();
  });
  addEventListener('pageshow', (event) => {
    if (event.persisted) start();
  });

  // Once the page's first contentful paint has been shown: nothing of the app is asked for
  // before it, not even when `load` comes first (a fast load can fire it before the first
  // frame is on screen, and a frame callback runs before its frame is shown). Without paint
  // timing, after the next frame; never later than PAINT_WAIT_MS (a tab loaded in the
  // background paints only once shown).
  const painted = () =>
    new Promise((resolve) => {
      setTimeout(resolve, PAINT_WAIT_MS);
      if (!window.PerformanceObserver?.supportedEntryTypes?.includes('paint')) {
        requestAnimationFrame(() => setTimeout(resolve));
        return;
      }
      new PerformanceObserver((list, observer) => {
        if (list.getEntriesByName('first-contentful-paint').length) {
          observer.disconnect();
          resolve();
        }
      }).observe({ type: 'paint', buffered: true });
    });

  // Safari has no requestIdleCallback: a short timer stands in for it.
  const idle = (task) => (window.requestIdleCallback ? requestIdleCallback(task, { timeout: 4000 }) : setTimeout(task, 200));

  // Offline support (src/prerender/service_worker.js), once the app is ready and the
  // browser idle. Where a browser has no service workers or refuses one (a private
  // window), the site works as it did without it.
  function registerWorker() {
    if (!files.worker || !navigator.serviceWorker) return;
    navigator.serviceWorker.register(files.worker, { scope: files.base }).catch(ignore);
  }

  // A press on a control before the app is ready: kept for it, and said so once, in the
  // status line of the control's group (after what the app put there, which hydration
  // walks; the loader takes it away once the app is ready).
  function hold(event) {
    // Followed by the browser, as on a page without the app.
    if (!routing && event.target instanceof Element && event.target.closest('a[href]')) {
      event.stopPropagation();
      return;
    }
    const control = event.target instanceof Element && event.target.closest(CONTROL);
    if (!control) return;
    event.stopPropagation();
    start();
    pressed.push(control);
    const status = control.closest(GROUP).querySelector(STATUS);
    if (status && !notices.some((notice) => status.contains(notice))) {
      notices.push(status.appendChild(element('span', { textContent: files.pending })));
    }
  }
  addEventListener('click', hold, true);

  // Reaching for any control: the app is probably wanted soon.
  const reach = (event) => {
    if (event.target instanceof Element && event.target.closest('a[href], button, summary')) start();
  };
  for (const type of ['pointerdown', 'keydown', 'focusin']) {
    addEventListener(type, reach, { capture: true, passive: true });
  }

  // An interactive region coming near the screen: the app is probably wanted soon.
  addEventListener('load', async () => {
    await painted();
    idle(start);
    const regions = document.querySelectorAll(REGION);
    if (!window.IntersectionObserver || !regions.length) return;
    const near = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          near.disconnect();
          start();
        }
      },
      { rootMargin: '50% 0px' },
    );
    for (const region of regions) near.observe(region);
  });
})();
