// The service worker that retires the site's worker: `make dist RETIRE_WORKER=1` ships it
// as `<base>sw.js` in place of service_worker.js, and no page registers a worker then.
// A browser that has the old worker fetches this one at its next update check (every
// navigation; the file is served no-cache), installs it, and this deletes the site's
// caches and unregisters itself: from then on the browser goes to the network alone.
const PREFIX = `offline ${self.registration.scope} `;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX)) await caches.delete(name);
      }
      await self.registration.unregister();
    })(),
  );
});
