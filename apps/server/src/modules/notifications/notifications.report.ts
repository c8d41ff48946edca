import { DELIVERY_CHANNELS, type DeliveryMessageSummary, type DeliveryReport } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import {
  countByChannelAndStatus,
  countLatencies,
  findMessage,
  latencyAtRank,
  listRecentMessages,
  type MessageRow,
} from './notifications.repo.ts';
import type { NotificationContent } from './notifications.service.ts';

function toSummary(message: MessageRow): DeliveryMessageSummary {
  const content = JSON.parse(message.content) as NotificationContent; // boundary: JSON the service wrote
  return {
    id: message.id,
    sourceKind: message.sourceKind,
    sourceId: message.sourceId,
    title: { en: content.en?.title ?? null, 'zh-CN': content['zh-CN']?.title ?? null },
    publishedAt: message.publishedAt,
    state: message.state,
    recipients: message.recipients,
    checkin: message.checkin === 1,
  };
}

export async function listDeliveryMessages(db: Db, limit = 50): Promise<DeliveryMessageSummary[]> {
  return (await listRecentMessages(db, limit)).map(toSummary);
}

/** Nearest-rank percentile over the non-null values of a column (none → null). */
async function percentile(
  db: Db,
  messageId: string,
  channel: (typeof DELIVERY_CHANNELS)[number],
  column: 'sentMs' | 'deliveredMs',
  count: number,
  p: number,
): Promise<number | null> {
  if (count === 0) return null;
  return latencyAtRank(db, messageId, channel, column, Math.max(0, Math.ceil(p * count) - 1));
}

/**
 * The delivery funnel of one message per channel (queued, sent, delivered, failed) and the time from publish
 * to sent and to delivered, p50 and p95. Delivered counts also as sent: the funnel narrows left to right.
 */
export async function deliveryReport(db: Db, messageId: string): Promise<DeliveryReport> {
  const message = await findMessage(db, messageId);
  if (!message) throw new ProblemError(404, 'not_found', 'no such message');
  const counts = await countByChannelAndStatus(db, messageId);
  const channels = [];
  for (const channel of DELIVERY_CHANNELS) {
    const of = (status: string) => counts.find((c) => c.channel === channel && c.status === status)?.n ?? 0;
    const funnel = {
      queued: of('queued') + of('sent') + of('delivered') + of('failed'),
      sent: of('sent') + of('delivered'),
      delivered: of('delivered'),
      failed: of('failed'),
    };
    if (funnel.queued === 0) continue;
    const sentN = await countLatencies(db, messageId, channel, 'sentMs');
    const deliveredN = await countLatencies(db, messageId, channel, 'deliveredMs');
    channels.push({
      channel,
      funnel,
      sentP50Ms: await percentile(db, messageId, channel, 'sentMs', sentN, 0.5),
      sentP95Ms: await percentile(db, messageId, channel, 'sentMs', sentN, 0.95),
      deliveredP50Ms: await percentile(db, messageId, channel, 'deliveredMs', deliveredN, 0.5),
      deliveredP95Ms: await percentile(db, messageId, channel, 'deliveredMs', deliveredN, 0.95),
    });
  }
  return { ...toSummary(message), fannedOutAt: message.fannedOutAt, channels };
}
