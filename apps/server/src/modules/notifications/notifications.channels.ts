import webpush from 'web-push';
import type { Db } from '../../db/schema.ts';
import { type NotificationsConfig, vapidKeys } from './notifications.config.ts';
import { deletePushSubscription, listPushSubscriptions, type SendableDelivery } from './notifications.repo.ts';
import type { LocalizedContent, NotificationContent } from './notifications.service.ts';

/** What one delivery says, in its language, with its one-tap links. */
export interface RenderedMessage {
  locale: 'en' | 'zh-CN';
  title: string;
  body: string;
  url: string | null;
  /** Named one-tap links (e.g. safe, needHelp), absolute URLs. */
  actions: Record<string, string>;
}

/** A failure that retrying will not fix (a refused address, no subscription left): fall back at once. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/** The delivery's language if the message has it, else the other one (a message has at least one). */
export function pickContent(
  content: NotificationContent,
  locale: string,
): { locale: 'en' | 'zh-CN'; text: LocalizedContent } {
  const wanted = locale === 'en' ? 'en' : 'zh-CN';
  const other = wanted === 'en' ? 'zh-CN' : 'en';
  const text = content[wanted] ?? content[other];
  if (!text) throw new PermanentDeliveryError('the message has no content');
  return { locale: content[wanted] ? wanted : other, text };
}

const ACTION_LABELS: Record<'en' | 'zh-CN', Record<string, string>> = {
  en: { safe: "I'm safe", needHelp: 'I need help' },
  'zh-CN': { safe: '报平安', needHelp: '我需要帮助' },
};

export function actionLabel(locale: 'en' | 'zh-CN', name: string): string {
  return ACTION_LABELS[locale][name] ?? name;
}

export type ChannelSender = (db: Db, delivery: SendableDelivery, message: RenderedMessage) => Promise<void>;

/** One delivery of a leased batch with what it says. */
export interface Outgoing {
  delivery: SendableDelivery;
  message: RenderedMessage;
}

/** Left unsent because the chunk's time ran out: released to the queue without counting an attempt. */
export const NOT_ATTEMPTED = Symbol('not attempted');

/** Per delivery: null when it went out, the error when it did not, NOT_ATTEMPTED when it was not tried. */
export type SendOutcome = null | Error | typeof NOT_ATTEMPTED;

/**
 * Sends a chunk of a leased batch on one channel and answers one outcome per item, in order. A channel that can carry many
 * messages in one exchange (SMS batches, one e-mail to many envelope recipients) does so; the others send one by
 * one. Nothing is started after `deadline` (ms since the epoch), so a chunk never outlives its lease.
 */
export type ChannelBatchSender = (db: Db, items: Outgoing[], deadline: number) => Promise<SendOutcome[]>;

/**
 * Runs `task` over `items` with at most `limit` at once, none started after `deadline`; a task's error is its
 * item's outcome.
 */
export async function mapLimited<T>(
  items: T[],
  limit: number,
  deadline: number,
  task: (item: T) => Promise<void>,
): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = items.map(() => NOT_ATTEMPTED);
  let next = 0;
  const lane = async () => {
    while (next < items.length && Date.now() < deadline) {
      const i = next++;
      outcomes[i] = await task(items[i] as T).then(
        () => null,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return outcomes;
}

/** A channel that sends one message per exchange, `limit` at once. */
export function oneByOne(send: ChannelSender, limit: number): ChannelBatchSender {
  return (db, items, deadline) => mapLimited(items, limit, deadline, (o) => send(db, o.delivery, o.message));
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Web Push (RFC 8030, payload encrypted per RFC 8291, VAPID per RFC 8292) to every subscription of the account.
 * The request is built by `web-push` and sent with fetch. A 404/410 removes that subscription; when none is left
 * the delivery fails for good (the next channel is tried). Topic = the delivery id, so a resend after a crash
 * replaces the copy still waiting at the push service instead of adding a second one.
 */
export function pushSender(config: NotificationsConfig): ChannelSender {
  return async (db, delivery, message) => {
    if (!delivery.userId) throw new PermanentDeliveryError('no account to push to');
    const subscriptions = await listPushSubscriptions(db, delivery.userId);
    if (subscriptions.length === 0) throw new PermanentDeliveryError('no push subscription');
    const keys = await vapidKeys(db, config);
    const payload = JSON.stringify({
      deliveryId: delivery.id,
      title: message.title,
      body: message.body,
      url: message.url,
      actions: Object.entries(message.actions).map(([name, url]) => ({
        action: name,
        title: actionLabel(message.locale, name),
        url,
      })),
    });
    let delivered = 0;
    let lastError = '';
    for (const sub of subscriptions) {
      const request = webpush.generateRequestDetails(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        payload,
        {
          vapidDetails: { subject: config.vapidSubject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: 24 * 3600,
          urgency: 'high',
          topic: delivery.id.replaceAll('-', ''),
        },
      );
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>, // boundary: web-push's header values are strings
        body: request.body ? Uint8Array.from(request.body) : null,
        signal: AbortSignal.timeout(15_000),
      }).catch((error: unknown) => error as Error);
      if (response instanceof Error) {
        lastError = response.message;
        continue;
      }
      if (response.status === 404 || response.status === 410) {
        await deletePushSubscription(db, sub.endpoint);
        lastError = `push endpoint gone (${response.status})`;
        continue;
      }
      if (response.status >= 200 && response.status < 300) delivered++;
      else lastError = `push service answered ${response.status}`;
    }
    if (delivered > 0) return;
    if ((await listPushSubscriptions(db, delivery.userId)).length === 0)
      throw new PermanentDeliveryError(lastError || 'no push subscription left');
    throw new Error(lastError);
  };
}
