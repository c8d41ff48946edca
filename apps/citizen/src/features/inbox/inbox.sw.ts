// The service worker's part of the inbox (runs in sw.ts): show a Web Push as a notification, tell the server the
// device got it (the dashboard's "delivered"), and open the right page when it is tapped: a one-tap action's
// link (I'm safe / I need help) or the message's own page, else the inbox.

interface PushAction {
  action: string;
  title: string;
  url: string;
}
interface PushPayload {
  deliveryId: string;
  title: string;
  body: string;
  url: string | null;
  actions: PushAction[];
}
interface PushEvent extends Event {
  readonly data: { json(): unknown } | null;
  waitUntil(promise: Promise<unknown>): void;
}
interface NotificationEvent extends Event {
  readonly action: string;
  readonly notification: { data: unknown; close(): void };
  waitUntil(promise: Promise<unknown>): void;
}
export interface PushWorkerScope {
  registration: {
    showNotification(
      title: string,
      options: {
        body: string;
        tag: string;
        data: unknown;
        actions?: { action: string; title: string }[];
        icon?: string;
      },
    ): Promise<void>;
  };
  clients: { openWindow(url: string): Promise<unknown> };
  addEventListener(type: 'push', listener: (event: PushEvent) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEvent) => void): void;
}

function isPayload(value: unknown): value is PushPayload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>; // boundary: a JSON payload decrypted by the browser
  return (
    typeof p.deliveryId === 'string' &&
    typeof p.title === 'string' &&
    typeof p.body === 'string' &&
    Array.isArray(p.actions)
  );
}

export function registerPushHandlers(scope: PushWorkerScope): void {
  scope.addEventListener('push', (event) => {
    let payload: unknown = null;
    try {
      payload = event.data?.json() ?? null;
    } catch {
      payload = null;
    }
    if (!isPayload(payload)) return;
    const receipt = fetch('/api/v1/notifications/receipts', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'homeward' },
      body: JSON.stringify({ deliveryId: payload.deliveryId }),
    }).catch(() => undefined); // signed out on this device, or offline: the push was still shown
    event.waitUntil(
      Promise.all([
        scope.registration.showNotification(payload.title, {
          body: payload.body,
          tag: payload.deliveryId,
          icon: '/icons/icon-192.png',
          data: payload,
          actions: payload.actions.slice(0, 2).map(({ action, title }) => ({ action, title })),
        }),
        receipt,
      ]),
    );
  });

  scope.addEventListener('notificationclick', (event) => {
    event.notification.close();
    const payload = event.notification.data;
    if (!isPayload(payload)) return;
    const chosen = event.action ? payload.actions.find((a) => a.action === event.action)?.url : undefined;
    event.waitUntil(scope.clients.openWindow(chosen ?? payload.url ?? '/inbox'));
  });
}
