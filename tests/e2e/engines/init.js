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
  // Trunk's loader fires this once the wasm has started; hydration runs inside that start.
  addEventListener('TrunkApplicationStarted', () => {
    window.__hydrated = true;
  });
})();
