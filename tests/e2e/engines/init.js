// Runs at document start in every page the end-to-end tests open, before the page's own
// scripts, in every engine (Playwright's addInitScript; the WebKit launcher's user script).
(() => {
  window.__hydrated = false;
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  document.addEventListener('readystatechange', () => {
    // 'interactive': parsed, deferred and module scripts not yet run: the prerendered page.
    if (document.readyState === 'interactive') window.__prerenderedH1 = document.querySelector('h1');
  });
  // A test may set `__betweenHydrationTasks` to a function: it runs in the task right
  // after the app's first hydration task, before the comparison and the FAQ are hydrated
  // (a timer set as the loader marks `app-hydrating` runs before the loader's own next one).
  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...options) => {
    if (name === 'app-hydrating' && window.__betweenHydrationTasks) setTimeout(window.__betweenHydrationTasks);
    return mark(name, ...options);
  };
  // The page's loader (src/prerender/loader.js) fires this, keeping Trunk's name, once
  // the app has hydrated the page and replayed any press made before it was ready.
  addEventListener('TrunkApplicationStarted', () => {
    window.__hydrated = true;
  });
})();
