import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type { NotificationChannel } from '../../db/tables/notifications.table.ts';
import { type Recipient, targetRecipients } from '../targeting/targeting.service.ts';
import {
  listPersonAccounts,
  listPersonChannels,
  listPreferences,
  listUsersWithPush,
  type MessageRow,
  type NewDelivery,
} from './notifications.repo.ts';
import type { NotificationTarget } from './notifications.service.ts';

/** The outward channels, in the order used when an account chose none. */
export const OUTWARD_CHANNELS = ['push', 'email', 'sms'] as const;
export type OutwardChannel = (typeof OUTWARD_CHANNELS)[number];

export interface Fallback {
  channel: OutwardChannel;
  address: string | null;
}

/** Parses a stored channel order, keeping known channels once each; missing ones follow in default order. */
export function parseChannelOrder(json: string | null | undefined): OutwardChannel[] {
  let list: unknown = null;
  try {
    list = json ? JSON.parse(json) : null;
  } catch {
    list = null;
  }
  const chosen = Array.isArray(list)
    ? list.filter((c): c is OutwardChannel => (OUTWARD_CHANNELS as readonly string[]).includes(c))
    : [];
  return [...new Set([...chosen, ...OUTWARD_CHANNELS])];
}

const PERSONS_PER_BATCH = 1000;

/** Named persons as recipients: their own language and channels. */
async function* personRecipients(db: Db, personIds: string[]): AsyncGenerator<Recipient[]> {
  for (let i = 0; i < personIds.length; i += PERSONS_PER_BATCH) {
    const ids = personIds.slice(i, i + PERSONS_PER_BATCH);
    const persons = await listPersonAccounts(db, ids);
    const channels = await listPersonChannels(db, ids);
    yield persons.map((p) => ({
      personId: p.id,
      locale: p.locale,
      reason: 'present',
      channels: channels
        .filter((c) => c.personId === p.id)
        .map((c) => ({ kind: c.kind, address: c.address, verified: c.verifiedAt !== null })),
    }));
  }
}

/**
 * The recipients of a message, in batches: the targeting engine's for an area, or the named persons. (A recipient
 * list is fanned out set-wise, `notifications.fanout-list.ts`.)
 */
export function recipientBatches(
  db: Db,
  target: Exclude<NotificationTarget, { kind: 'list' }>,
  batchSize = 1000,
): AsyncGenerator<Recipient[]> {
  return target.kind === 'area'
    ? targetRecipients(db, target.area, { at: target.at, batchSize })
    : personRecipients(db, target.personIds);
}

function firstAddress(recipient: Recipient, kind: 'email' | 'sms'): string | null {
  const list = recipient.channels.filter((c) => c.kind === kind);
  return (list.find((c) => c.verified) ?? list[0])?.address ?? null;
}

/**
 * The deliveries for one batch of recipients. Whoever is reached is the registered person (a dependent's
 * guardian for a dependent: one message per person, not one per child). Everyone with an account gets the
 * in-app item (already "sent": the row is the inbox); then the first outward channel they can be reached on,
 * in their order, with the others kept as fallbacks.
 */
export async function planDeliveries(
  db: Db,
  message: Pick<MessageRow, 'id' | 'publishedAt'>,
  recipients: Recipient[],
  batch: number,
): Promise<NewDelivery[]> {
  const byContact = new Map<string, Recipient>();
  for (const r of recipients) {
    const contact = r.dependentOf ?? r.personId;
    if (!byContact.has(contact)) byContact.set(contact, r);
  }
  const contactIds = [...byContact.keys()];
  const accounts = new Map((await listPersonAccounts(db, contactIds)).map((p) => [p.id, p.userId]));
  const userIds = [...new Set([...accounts.values()].filter((u): u is string => u !== null))];
  const orders = new Map((await listPreferences(db, userIds)).map((p) => [p.userId, p.channelOrder]));
  const withPush = await listUsersWithPush(db, userIds);
  const now = isoNow();
  const sincePublishMs = Math.max(0, Date.parse(now) - Date.parse(message.publishedAt));
  const rows: NewDelivery[] = [];
  const row = (personId: string, userId: string | null, locale: string, channel: NotificationChannel) => ({
    id: newId(),
    messageId: message.id,
    personId,
    userId,
    channel,
    address: null as string | null,
    locale: locale === 'en' ? 'en' : 'zh-CN',
    batch,
    status: 'queued' as const,
    attempts: 0,
    nextAttemptAt: now,
    fallbacks: '[]',
    queuedAt: now,
  });
  for (const [contact, r] of byContact) {
    const userId = accounts.get(contact) ?? null;
    if (userId)
      rows.push({ ...row(contact, userId, r.locale, 'inapp'), status: 'sent', sentAt: now, sentMs: sincePublishMs });
    const reachable: Fallback[] = [];
    for (const channel of parseChannelOrder(userId ? orders.get(userId) : null)) {
      if (channel === 'push' && userId && withPush.has(userId)) reachable.push({ channel, address: null });
      if (channel === 'email' || channel === 'sms') {
        const address = firstAddress(r, channel);
        if (address) reachable.push({ channel, address });
      }
    }
    const [first, ...rest] = reachable;
    if (first)
      rows.push({
        ...row(contact, userId, r.locale, first.channel),
        address: first.address,
        fallbacks: JSON.stringify(rest),
      });
  }
  return rows;
}
