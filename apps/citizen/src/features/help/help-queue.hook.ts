import { useEffect, useState } from 'react';
import { flushQueue, listQueued, type QueuedRequest, SYNC_TAG, subscribeQueue } from '../../lib/offline-queue.ts';
import { useSession } from '../accounts/session.context.tsx';

let started = false;

/**
 * Starts the sender once per page: now (the app just opened), when the network comes back, and when the person
 * returns to the app. Each of these retries at once, without waiting for the back-off.
 */
export function startHelpQueue(): void {
  if (started || typeof indexedDB === 'undefined') return;
  started = true;
  const now = () => void flushQueue({ force: true }).catch(() => {});
  window.addEventListener('online', now);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') now();
  });
  now();
}

/** Asks the browser to send the queue even if the app is closed before the network returns (where it can). */
export async function requestBackgroundSync(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.ready;
    // Boundary: Background Sync is not in the DOM typings (Chromium only); feature-tested here.
    const sync = (registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync;
    await sync?.register(SYNC_TAG);
  } catch {
    // Not allowed or not supported: the page's own triggers still send it.
  }
}

export type QueueState = { status: 'loading'; items: null } | { status: 'ready'; items: QueuedRequest[] };

/**
 * The requests saved on this phone, newest first, kept current as the sender works. Signing in (in this app,
 * without a reload) sends the requests that waited for it.
 */
export function useHelpQueue(): QueueState {
  const [state, setState] = useState<QueueState>({ status: 'loading', items: null });
  const { session } = useSession();
  const signedIn = session.status === 'signed-in';
  const waitsForSignIn = state.items?.some((r) => r.state === 'sign_in') ?? false;
  useEffect(() => {
    if (signedIn && waitsForSignIn) void flushQueue({ force: true });
  }, [signedIn, waitsForSignIn]);
  useEffect(() => {
    let alive = true;
    const load = () =>
      listQueued().then(
        (items) => {
          if (alive) setState({ status: 'ready', items });
        },
        () => {
          // IndexedDB unavailable (some private modes): nothing can wait on this phone.
          if (alive) setState({ status: 'ready', items: [] });
        },
      );
    void load();
    const unsubscribe = subscribeQueue(() => void load());
    return () => {
      alive = false;
      unsubscribe();
    };
  }, []);
  return state;
}
