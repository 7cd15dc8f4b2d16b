// Runs at document start in every page the end-to-end tests open, before the page's own
// scripts, in every engine (Playwright's addInitScript; the WebKit launcher's user script).
(() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  document.addEventListener('readystatechange', () => {
    // 'interactive': parsed, deferred and module scripts not yet run: the prerendered page.
    if (document.readyState === 'interactive') window.__prerenderedH1 = document.querySelector('h1');
  });
  // Frames about to be painted, until the page has loaded, in which the element the URL's
  // fragment names was a closed <details>: a reader would have seen it closed.
  window.__closedTargetFrames = 0;
  let target = '';
  try {
    target = decodeURIComponent(location.hash.slice(1));
  } catch {
    // A fragment that is not well-formed percent-encoding (a hostile link) names nothing.
  }
  const watchFrame = () => {
    const found = target && document.getElementById(target);
    if (found instanceof HTMLDetailsElement && !found.open) window.__closedTargetFrames++;
    if (document.readyState !== 'complete') requestAnimationFrame(watchFrame);
  };
  if (target) requestAnimationFrame(watchFrame);
  // A test may set `__betweenHydrationTasks` to a function: it runs in the task right
  // after the app's first hydration task, before the comparison and the FAQ are hydrated
  // (a timer set as the loader marks `app-hydrating` runs before the loader's own next one).
  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...options) => {
    if (name === 'app-hydrating' && window.__betweenHydrationTasks) setTimeout(window.__betweenHydrationTasks);
    return mark(name, ...options);
  };
})();
