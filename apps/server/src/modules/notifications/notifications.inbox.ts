import type {
  Inbox,
  InboxItem,
  NotificationPreferences,
  OutwardChannelName,
  PushSubscriptionBody,
} from '@homeward/shared';
import { newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canUseDelivery } from '../../policy/notifications.policy.ts';
import { pickContent } from './notifications.channels.ts';
import { parseChannelOrder } from './notifications.fanout.ts';
import {
  countPushSubscriptions,
  countUnread,
  deleteOwnPushSubscription,
  findDeliveryWithMessage,
  findInboxItemOwner,
  findPreference,
  listInboxRows,
  markDelivered,
  markRead,
  savePreference,
  upsertPushSubscription,
} from './notifications.repo.ts';
import { actionLinksFor, type NotificationContent } from './notifications.service.ts';

type InboxRow = Awaited<ReturnType<typeof listInboxRows>>[number];

function toInboxItem(row: InboxRow): InboxItem {
  const content = JSON.parse(row.content) as NotificationContent; // boundary: JSON the service wrote
  const { locale, text } = pickContent(content, row.locale);
  const actions = row.checkin === 1 ? actionLinksFor(row.sourceKind, row.sourceId, row.personId) : {};
  return {
    id: row.id,
    messageId: row.messageId,
    sourceKind: row.sourceKind,
    locale,
    title: text.title,
    body: text.body,
    url: text.url ?? null,
    actions: Object.entries(actions).map(([name, url]) => ({ name, url })),
    publishedAt: row.publishedAt,
    readAt: row.readAt,
  };
}

/**
 * The actor's inbox, newest first. Showing an item to its owner is its delivery: the first listing marks it
 * delivered (the dashboard's in-app publish-to-delivery time).
 */
export async function viewInbox(db: Db, actor: Actor, query: { before?: string; limit?: number }): Promise<Inbox> {
  const limit = query.limit ?? 20;
  const rows = await listInboxRows(db, actor.id, query.before ?? null, limit + 1);
  const page = rows.slice(0, limit);
  const now = new Date();
  for (const row of page) if (row.deliveredAt === null) await markDelivered(db, row.id, now, row.publishedAt);
  return {
    items: page.map(toInboxItem),
    unread: await countUnread(db, actor.id),
    nextBefore: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

/** Marks one of the actor's items read; someone else's item is not found (404), not forbidden. */
export async function readInboxItem(db: Db, actor: Actor, id: string): Promise<void> {
  const item = await findInboxItemOwner(db, id);
  if (!item || !canUseDelivery(actor, item)) throw new ProblemError(404, 'not_found', 'no such inbox item');
  await markRead(db, actor.id, id);
}

export async function readAllInboxItems(db: Db, actor: Actor): Promise<number> {
  return markRead(db, actor.id, null);
}

/** A device's receipt for a push (the service worker got it): marks that delivery delivered. */
export async function confirmDelivery(db: Db, actor: Actor, deliveryId: string): Promise<void> {
  const delivery = await findDeliveryWithMessage(db, deliveryId);
  if (!delivery || !canUseDelivery(actor, delivery)) throw new ProblemError(404, 'not_found', 'no such delivery');
  await markDelivered(db, delivery.id, new Date(), delivery.publishedAt);
}

/**
 * Registers this device's push subscription for the actor. Only https endpoints are accepted (browsers' push
 * services all are): the server POSTs to whatever is registered, so plain http or a bare address would let an
 * account aim those requests inside the network.
 */
export async function subscribePush(
  db: Db,
  actor: Actor,
  body: PushSubscriptionBody,
  userAgent: string | null,
): Promise<void> {
  let url: URL;
  try {
    url = new URL(body.endpoint);
  } catch {
    throw new ProblemError(400, 'validation_failed', 'endpoint is not a URL', [
      { field: '/endpoint', message: 'not a URL' },
    ]);
  }
  const host = url.hostname;
  if (
    url.protocol !== 'https:' ||
    host === 'localhost' ||
    /^[\d.]+$/.test(host) ||
    host.includes(':') ||
    !host.includes('.')
  )
    throw new ProblemError(400, 'validation_failed', 'endpoint must be an https URL of a push service', [
      { field: '/endpoint', message: 'must be an https URL of a push service' },
    ]);
  await upsertPushSubscription(db, {
    id: newId(),
    userId: actor.id,
    endpoint: body.endpoint,
    p256dh: body.keys.p256dh,
    auth: body.keys.auth,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
}

export async function unsubscribePush(db: Db, actor: Actor, endpoint: string): Promise<void> {
  await deleteOwnPushSubscription(db, actor.id, endpoint);
}

export async function viewPreferences(db: Db, actor: Actor): Promise<NotificationPreferences> {
  const row = await findPreference(db, actor.id);
  return {
    channelOrder: parseChannelOrder(row?.channelOrder),
    pushSubscriptions: await countPushSubscriptions(db, actor.id),
  };
}

/** Saves the actor's channel order; channels left out follow in the default order (every channel stays a fallback). */
export async function savePreferences(
  db: Db,
  actor: Actor,
  channelOrder: OutwardChannelName[],
): Promise<NotificationPreferences> {
  await savePreference(db, actor.id, JSON.stringify(parseChannelOrder(JSON.stringify(channelOrder))));
  return viewPreferences(db, actor);
}
