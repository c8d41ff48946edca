import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker that keeps the app shell available offline. It updates itself in the
 * background (skipWaiting) so that nobody in an emergency is held on an old version by a prompt.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  registerSW({ immediate: true });
}
