import {
  actionLabel,
  type ChannelBatchSender,
  mapLimited,
  type Outgoing,
  PermanentDeliveryError,
  type RenderedMessage,
  type SendOutcome,
} from './notifications.channels.ts';
import type { NotificationsConfig } from './notifications.config.ts';

/** Requests to the gateway at once: single messages, or batches. */
const SINGLE_REQUESTS = 32;
const BATCH_REQUESTS = 4;

/** One SMS as plain text: title, body, link and one-tap links, kept within a few segments. */
export function smsText(message: RenderedMessage): string {
  const links = Object.entries(message.actions).map(([name, url]) => `${actionLabel(message.locale, name)}: ${url}`);
  const head = `${message.title}: ${message.body}`.replace(/\s+/g, ' ').trim();
  const tail = [...(message.url ? [message.url] : []), ...links].join('\n');
  const room = 600 - tail.length - 1;
  return [head.length > room ? `${head.slice(0, Math.max(0, room - 1))}…` : head, tail].filter(Boolean).join('\n');
}

/** The gateway's request body for one message (docs/sms-gateway.md). */
const smsRequest = (o: Outgoing) => ({
  to: o.delivery.address,
  text: smsText(o.message),
  reference: o.delivery.id,
  locale: o.message.locale,
});

/** A whole request answered with this status: retried (408, 429, 5xx) or failed for good (any other 4xx). */
function statusError(status: number): Error {
  const detail = `SMS gateway answered ${status}`;
  return status >= 400 && status < 500 && status !== 408 && status !== 429
    ? new PermanentDeliveryError(detail)
    : new Error(detail);
}

function headersFor(config: NotificationsConfig): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (config.smsGatewayToken) headers.authorization = `Bearer ${config.smsGatewayToken}`;
  return headers;
}

/** One message per request, the delivery id as Idempotency-Key. */
async function sendSingle(config: NotificationsConfig, url: string, o: Outgoing): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headersFor(config), 'idempotency-key': o.delivery.id },
    body: JSON.stringify(smsRequest(o)),
    signal: AbortSignal.timeout(15_000),
  });
  await response.body?.cancel();
  if (!response.ok) throw statusError(response.status);
}

/** The per-message answers of a batch, by reference; a message the answer does not list was accepted. */
async function batchResults(response: Response): Promise<Map<string, { status: string; error?: string }>> {
  const results = new Map<string, { status: string; error?: string }>();
  const body = (await response.json().catch(() => null)) as { results?: unknown } | null; // boundary: gateway JSON
  if (!body || !Array.isArray(body.results)) return results;
  for (const r of body.results as { reference?: unknown; status?: unknown; error?: unknown }[])
    if (r && typeof r.reference === 'string' && typeof r.status === 'string')
      results.set(r.reference, { status: r.status, error: typeof r.error === 'string' ? r.error : undefined });
  return results;
}

/** Up to `smsBatchSize` messages in one request; each message's own answer decides its outcome. */
async function sendBatch(config: NotificationsConfig, url: string, batch: Outgoing[]): Promise<SendOutcome[]> {
  const response = await fetch(url, {
    method: 'POST',
    headers: headersFor(config),
    body: JSON.stringify({ messages: batch.map(smsRequest) }),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) {
    await response.body?.cancel();
    const error = statusError(response.status);
    return batch.map(() => error);
  }
  const results = await batchResults(response);
  return batch.map((o) => {
    const r = results.get(o.delivery.id);
    if (!r || r.status === 'accepted') return null;
    const detail = `SMS gateway: ${r.error ?? r.status}`.slice(0, 300);
    return r.status === 'rejected' ? new PermanentDeliveryError(detail) : new Error(detail);
  });
}

/**
 * SMS through the configured HTTP gateway (docs/sms-gateway.md): one message per request with the delivery id as
 * Idempotency-Key, or, with HOMEWARD_SMS_GATEWAY_BATCH above 1, up to that many per request, each with the delivery
 * id as its reference, so a gateway that remembers references sends a resent message once.
 */
export function smsSender(config: NotificationsConfig): ChannelBatchSender {
  return async (_db, items, deadline) => {
    const url = config.smsGatewayUrl;
    const outcomes: SendOutcome[] = items.map(() => null);
    const ready: number[] = [];
    items.forEach((o, i) => {
      if (!url) outcomes[i] = new PermanentDeliveryError('no SMS gateway configured');
      else if (!o.delivery.address) outcomes[i] = new PermanentDeliveryError('no phone number');
      else ready.push(i);
    });
    if (!url || ready.length === 0) return outcomes;
    if (config.smsBatchSize <= 1) {
      const sent = await mapLimited(ready, SINGLE_REQUESTS, deadline, (i) =>
        sendSingle(config, url, items[i] as Outgoing),
      );
      ready.forEach((i, k) => {
        outcomes[i] = sent[k] ?? null;
      });
      return outcomes;
    }
    const batches: number[][] = [];
    for (let k = 0; k < ready.length; k += config.smsBatchSize) batches.push(ready.slice(k, k + config.smsBatchSize));
    const answered = batches.map((b) => b.map((): SendOutcome => null));
    const tried = await mapLimited(
      batches.map((_, k) => k),
      BATCH_REQUESTS,
      deadline,
      async (b) => {
        answered[b] = await sendBatch(
          config,
          url,
          (batches[b] ?? []).map((i) => items[i] as Outgoing),
        );
      },
    );
    batches.forEach((b, k) => {
      b.forEach((i, j) => {
        outcomes[i] = tried[k] ?? answered[k]?.[j] ?? null;
      });
    });
    return outcomes;
  };
}
