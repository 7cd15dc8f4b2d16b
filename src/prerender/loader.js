// Starts the app (wasm) on a prerendered page. Inline in every page's <head>: its hash is in
// the CSP, and it costs the first paint no request. The page is complete without the app, so
// nothing of the app is fetched until the page has loaded and the browser is idle, or until
// the reader reaches for a control or scrolls the comparison or FAQ into view, whichever
// comes first. A press on a control before the app is ready is kept, the control's status
// line says the app is getting ready, and the press takes effect once it is.
// The script's data-* attributes name the files (written by src/prerender/mod.rs).
(() => {
  const files = document.currentScript.dataset;
  const root = document.documentElement;
  const controls = '.needs-js button';
  const PAINT_WAIT_MS = 3000;
  const pressed = [];
  const notices = [];
  let started = false;
  let leaving = false;
  // Whether the app's router may take link clicks: not before the app has taken the page
  // over, though its router listens from the step before.
  let routing = false;
  addEventListener('pagehide', () => {
    leaving = true;
  });

  const element = (tag, props) => Object.assign(document.createElement(tag), props);
  const loaded = (node) =>
    new Promise((resolve, reject) => {
      node.onload = resolve;
      node.onerror = () => reject(new Error(`could not load ${node.href}`));
      document.head.append(node);
    });
  // Lets the browser paint and handle input between the long steps.
  const breather = () => new Promise((resolve) => setTimeout(resolve));

  function start() {
    if (started) return;
    started = true;
    root.dataset.app = 'loading';
    // Marks for the benchmark (bench/) and anyone profiling: app-start, app-hydrating
    // (the wasm is instantiated), app-hydrated.
    performance.mark('app-start');
    // All three at once: the data the page was rendered from, the glue (checked by its
    // modulepreload, which the import then uses) and the wasm (checked by fetch).
    const data = fetch(files.pageData, { integrity: files.pageDataIntegrity }).then((response) =>
      response.ok ? response.json() : Promise.reject(new Error(`could not load ${response.url}`)),
    );
    const glue = loaded(element('link', { rel: 'modulepreload', href: files.glue, integrity: files.glueIntegrity })).then(() => import(files.glue));
    const wasm = fetch(files.wasm, { integrity: files.wasmIntegrity });
    Promise.all([glue, data])
      .then(async ([app, pageData]) => {
        await app.default({ module_or_path: wasm });
        await breather();
        // Reading the data, then running the app's components (they build its view but
        // touch no node), a task each, before any of the page is taken over.
        const hydration = app.prepare(files.base, pageData);
        await breather();
        hydration.next();
        await breather();
        // The DOM must be exactly as prerendered when the app takes it over: the notice
        // the service worker puts on a saved copy goes back once it has.
        for (const notice of notices) notice.remove();
        const saved = document.querySelectorAll('body > .saved-copy');
        for (const notice of saved) notice.remove();
        performance.mark('app-hydrating');
        hydration.next();
        routing = true;
        // In the same task: the reader never sees the notice go.
        document.body.prepend(...saved);
        // Then the regions left for later (a post's body, the comparison, the FAQ), a
        // task each, each inside its own element: presses in between are kept too.
        do {
          await breather();
        } while (hydration.next());
        hydration.free();
        performance.mark('app-hydrated');
        removeEventListener('click', hold, true);
        // Those said for presses between the hydration tasks.
        for (const notice of notices) notice.remove();
        await breather();
        root.dataset.app = 'ready';
        // One press per task, as the reader made them: each sees the state the last left.
        for (const control of pressed.splice(0)) {
          if (control.isConnected) control.click();
          await breather();
        }
        dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
        idle(registerWorker);
      })
      .catch((error) => {
        // The reader left while the app was loading: the browser cancelled its requests.
        if (leaving) return;
        // The page stays as it is; controls that need the app are hidden (style/main.css).
        root.dataset.app = 'failed';
        for (const notice of notices) notice.remove();
        removeEventListener('click', hold, true);
        throw error;
      });
  }

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
    navigator.serviceWorker.register(files.worker, { scope: files.base }).catch(() => {});
  }

  // A press on a control before the app is ready: kept for it, and said so once.
  function hold(event) {
    // Followed by the browser, as on a page without the app.
    if (!routing && event.target instanceof Element && event.target.closest('a[href]')) {
      event.stopPropagation();
      return;
    }
    const control = event.target instanceof Element && event.target.closest(controls);
    if (!control) return;
    event.stopPropagation();
    start();
    pressed.push(control);
    const status = control.closest('.needs-js').querySelector('[role="status"]');
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

  addEventListener('load', async () => {
    await painted();
    idle(start);
    const tools = document.querySelectorAll('.comparison, .faq');
    if (!window.IntersectionObserver || !tools.length) return;
    const near = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          near.disconnect();
          start();
        }
      },
      { rootMargin: '50% 0px' },
    );
    for (const tool of tools) near.observe(tool);
  });
})();
