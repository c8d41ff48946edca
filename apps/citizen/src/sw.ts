import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { type PushWorkerScope, registerPushHandlers } from './features/inbox/inbox.sw.ts';
import { flushQueue, hasWaiting, SYNC_TAG } from './lib/offline-queue.ts';

// The citizen app's service worker (vite-plugin-pwa, injectManifest): the precached app shell, as the generated
// worker did before, plus Background Sync for help requests, so a request saved offline is sent when the
// connection returns even if the app was closed meanwhile (Chromium; other browsers send it on the next visit).

interface PrecacheEntry {
  url: string;
  revision: string | null;
}
interface SyncEvent extends Event {
  readonly tag: string;
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerScope {
  __WB_MANIFEST: PrecacheEntry[];
  skipWaiting(): Promise<void>;
  addEventListener(type: 'sync', listener: (event: SyncEvent) => void): void;
}
// Boundary: this file runs as a service worker; the app's tsconfig has the DOM library, not WebWorker.
const worker = self as unknown as WorkerScope;

// Update at once (no "reload to update" prompt in an emergency) and control open pages straight away.
void worker.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
// Written as `self.__WB_MANIFEST` in the output: the build replaces exactly that with the list of files.
precacheAndRoute((self as unknown as WorkerScope).__WB_MANIFEST);
// The same origin also serves the API, the staff console and API docs: never answer those with the shell.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//, /^\/console(\/|$)/, /^\/docs(\/|$)/, /^\/metrics$/, /^\/health/],
  }),
);

worker.addEventListener('sync', (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(
    (async () => {
      await flushQueue({ force: true });
      // A rejected sync is tried again later by the browser (with its own back-off); a resolved one is done.
      if (await hasWaiting()) throw new Error('help requests still wait for the network');
    })(),
  );
});

// Web Push: the inbox's notifications and their one-tap actions (features/inbox/inbox.sw.ts).
registerPushHandlers(self as unknown as PushWorkerScope);
