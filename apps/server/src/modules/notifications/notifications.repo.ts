import type { Insertable, Selectable } from 'kysely';
import { isoNow } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type {
  NotificationChannel,
  NotificationDeliveriesTable,
  NotificationMessagesTable,
} from '../../db/tables/notifications.table.ts';

export type MessageRow = Selectable<NotificationMessagesTable>;
export type DeliveryRow = Selectable<NotificationDeliveriesTable>;
export type NewDelivery = Insertable<NotificationDeliveriesTable>;

export async function findMessageBySource(db: Db, source: { kind: string; id: string }) {
  return db
    .selectFrom('notificationMessages')
    .select('id')
    .where('sourceKind', '=', source.kind)
    .where('sourceId', '=', source.id)
    .executeTakeFirst();
}

export async function insertMessage(db: Db, row: Insertable<NotificationMessagesTable>): Promise<void> {
  await db.insertInto('notificationMessages').values(row).execute();
}

/** Messages waiting for their recipient list to be complete (few: one per alert being prepared). */
export async function listWaitingMessages(db: Db): Promise<MessageRow[]> {
  return db.selectFrom('notificationMessages').selectAll().where('state', '=', 'waiting').orderBy('id').execute();
}

export async function startWaitingMessages(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('notificationMessages')
    .set({ state: 'fanning_out' })
    .where('id', 'in', ids)
    .where('state', '=', 'waiting')
    .execute();
}

export async function findMessage(db: Db, id: string): Promise<MessageRow | undefined> {
  return db.selectFrom('notificationMessages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Records a committed fan-out batch (same transaction as its deliveries): a resumed fan-out skips it. */
export async function advanceFanout(db: Db, id: string, batches: number, recipients: number): Promise<void> {
  await db
    .updateTable('notificationMessages')
    .set({ fannedBatches: batches, recipients })
    .where('id', '=', id)
    .execute();
}

/**
 * Records a committed chunk of a list fan-out (same transaction as its deliveries): the batch counter grows to the
 * chunk's last batch if that is higher (chunks may commit out of order), and its recipients are added.
 */
export async function addFanoutProgress(db: Db, id: string, lastBatch: number, recipients: number): Promise<void> {
  await db
    .updateTable('notificationMessages')
    .set((eb) => ({
      fannedBatches: eb
        .case()
        .when('fannedBatches', '<', lastBatch)
        .then(lastBatch)
        .else(eb.ref('fannedBatches'))
        .end(),
      recipients: eb('recipients', '+', recipients),
    }))
    .where('id', '=', id)
    .execute();
}

export async function finishFanout(db: Db, id: string): Promise<void> {
  await db
    .updateTable('notificationMessages')
    .set({ state: 'fanned_out', fannedOutAt: isoNow() })
    .where('id', '=', id)
    .execute();
}

// PostgreSQL allows 65,535 bind parameters per statement; a delivery row has 12.
const INSERT_CHUNK = 2000;

/** Inserts deliveries, multi-row, skipping any (message, person, channel) that already exists; returns those inserted. */
export async function insertDeliveries(
  db: Db,
  rows: NewDelivery[],
): Promise<{ personId: string; channel: NotificationChannel }[]> {
  const inserted: { personId: string; channel: NotificationChannel }[] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const result = await db
      .insertInto('notificationDeliveries')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(['messageId', 'personId', 'channel']).doNothing())
      .returning(['personId', 'channel'])
      .execute();
    inserted.push(...result);
  }
  return inserted;
}

/** The persons' accounts (for inbox, push subscriptions and preferences). */
export async function listPersonAccounts(db: Db, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db.selectFrom('persons').select(['id', 'userId', 'locale']).where('id', 'in', personIds).execute();
}

export async function listPersonChannels(db: Db, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('personChannels')
    .select(['personId', 'kind', 'address', 'verifiedAt'])
    .where('personId', 'in', personIds)
    .orderBy('personId')
    .orderBy('kind')
    .orderBy('address')
    .execute();
}

export async function listPreferences(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('notificationPreferences')
    .select(['userId', 'channelOrder'])
    .where('userId', 'in', userIds)
    .execute();
}

/** Which of these accounts have at least one push subscription. */
export async function listUsersWithPush(db: Db, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('pushSubscriptions')
    .select('userId')
    .distinct()
    .where('userId', 'in', userIds)
    .execute();
  return new Set(rows.map((r) => r.userId));
}

/** One batch of one message on one channel: what a send job sends and leases. */
export interface SendBatch {
  messageId: string;
  channel: NotificationChannel;
  batch: number;
}

/**
 * When the batch next needs a worker: the earliest retry time of a queued delivery; null when nothing is left to
 * send. (A delivery whose worker died is queued and due, and its batch's lease runs out: see `takeSendLease`.)
 */
export async function nextPendingAttempt(db: Db, where: SendBatch): Promise<string | null> {
  const row = await db
    .selectFrom('notificationDeliveries')
    .select((eb) => eb.fn.min('nextAttemptAt').as('next'))
    .where('messageId', '=', where.messageId)
    .where('channel', '=', where.channel)
    .where('batch', '=', where.batch)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return typeof row?.next === 'string' ? row.next : null;
}

/**
 * Takes the batch for a worker until `until` (decision 0031): when no one holds it, or its holder's time ran out.
 * Of two workers racing, one gets it: PostgreSQL locks the row of the conflict and checks the condition again on
 * the row the winner wrote; SQLite has one writer. When it was not taken, says until when the holder keeps it.
 */
export async function takeSendLease(
  db: Db,
  where: SendBatch,
  lease: { workerId: string; now: string; until: string },
): Promise<{ taken: true } | { taken: false; heldUntil: string }> {
  const taken = await db
    .insertInto('notificationSendLeases')
    .values({ ...where, heldBy: lease.workerId, heldUntil: lease.until })
    .onConflict((oc) =>
      oc
        .columns(['messageId', 'channel', 'batch'])
        .doUpdateSet((eb) => ({ heldBy: eb.ref('excluded.heldBy'), heldUntil: eb.ref('excluded.heldUntil') }))
        .where('notificationSendLeases.heldUntil', '<', lease.now),
    )
    .returning('heldBy')
    .executeTakeFirst();
  if (taken) return { taken: true };
  const holder = await db
    .selectFrom('notificationSendLeases')
    .select('heldUntil')
    .where('messageId', '=', where.messageId)
    .where('channel', '=', where.channel)
    .where('batch', '=', where.batch)
    .executeTakeFirst();
  // Released between the two statements: try again at once.
  return { taken: false, heldUntil: holder?.heldUntil ?? lease.now };
}

/** Extends this worker's lease on the batch; false when another worker has taken it over. */
export async function renewSendLease(db: Db, where: SendBatch, workerId: string, until: string): Promise<boolean> {
  const result = await db
    .updateTable('notificationSendLeases')
    .set({ heldUntil: until })
    .where('messageId', '=', where.messageId)
    .where('channel', '=', where.channel)
    .where('batch', '=', where.batch)
    .where('heldBy', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Lets the batch go, if this worker still holds it. */
export async function releaseSendLease(db: Db, where: SendBatch, workerId: string): Promise<void> {
  await db
    .deleteFrom('notificationSendLeases')
    .where('messageId', '=', where.messageId)
    .where('channel', '=', where.channel)
    .where('batch', '=', where.batch)
    .where('heldBy', '=', workerId)
    .execute();
}

/** What sending a delivery reads of it. */
export type SendableDelivery = Pick<
  DeliveryRow,
  'id' | 'messageId' | 'personId' | 'userId' | 'channel' | 'address' | 'locale' | 'batch' | 'attempts' | 'fallbacks'
>;

/**
 * Up to `limit` due deliveries of a batch (queued, their retry time reached): read, not written — the caller holds
 * the batch's lease (decision 0031). In no particular order (any due ones will do); the batch's own columns are the
 * caller's, not read again for each row.
 */
export async function listDueDeliveries(
  db: Db,
  where: SendBatch,
  now: string,
  limit: number,
): Promise<SendableDelivery[]> {
  const rows = await db
    .selectFrom('notificationDeliveries')
    .select(['id', 'personId', 'userId', 'address', 'locale', 'attempts', 'fallbacks'])
    .where('messageId', '=', where.messageId)
    .where('channel', '=', where.channel)
    .where('batch', '=', where.batch)
    .where('status', '=', 'queued')
    .where('nextAttemptAt', '<=', now)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, messageId: where.messageId, channel: where.channel, batch: where.batch }));
}

/** Marks deliveries of a chunk sent, those still queued, in one statement; the attempt is counted. */
export async function markSentMany(db: Db, ids: string[], sentAt: string, sentMs: number) {
  if (ids.length === 0) return;
  await db
    .updateTable('notificationDeliveries')
    .set((eb) => ({ status: 'sent', sentAt, sentMs, lastError: null, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', ids)
    .where('status', '=', 'queued')
    .execute();
}

/** Puts a delivery back in the queue for a later attempt, counting the one that failed. */
export async function markRetry(db: Db, id: string, error: string, nextAttemptAt: string) {
  await db
    .updateTable('notificationDeliveries')
    .set((eb) => ({ nextAttemptAt, lastError: error.slice(0, 1000), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

/** Fails a delivery for good, counting its last attempt; false when it was no longer queued. */
export async function markFailed(db: Db, id: string, error: string) {
  const result = await db
    .updateTable('notificationDeliveries')
    .set((eb) => ({
      status: 'failed',
      failedAt: isoNow(),
      lastError: error.slice(0, 1000),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks a delivery delivered (a receipt, or the inbox shown to its owner); the first receipt counts. */
export async function markDelivered(db: Db, id: string, at: Date, publishedAt: string): Promise<void> {
  await db
    .updateTable('notificationDeliveries')
    .set({
      status: 'delivered',
      deliveredAt: at.toISOString(),
      deliveredMs: Math.max(0, at.getTime() - Date.parse(publishedAt)),
    })
    .where('id', '=', id)
    .where('deliveredAt', 'is', null)
    .where('status', 'in', ['sent', 'queued'])
    .execute();
}

/** A delivery with its message's publish time, for a receipt. */
export async function findDeliveryWithMessage(db: Db, id: string) {
  return db
    .selectFrom('notificationDeliveries')
    .innerJoin('notificationMessages', 'notificationMessages.id', 'notificationDeliveries.messageId')
    .select(['notificationDeliveries.id', 'notificationDeliveries.userId', 'notificationMessages.publishedAt'])
    .where('notificationDeliveries.id', '=', id)
    .executeTakeFirst();
}

/** An account's in-app items, newest first, with their messages. */
export async function listInboxRows(db: Db, userId: string, before: string | null, limit: number) {
  let query = db
    .selectFrom('notificationDeliveries as d')
    .innerJoin('notificationMessages as m', 'm.id', 'd.messageId')
    .select([
      'd.id',
      'd.messageId',
      'd.personId',
      'd.locale',
      'd.deliveredAt',
      'd.readAt',
      'm.sourceKind',
      'm.sourceId',
      'm.content',
      'm.checkin',
      'm.publishedAt',
    ])
    .where('d.userId', '=', userId)
    .where('d.channel', '=', 'inapp');
  if (before) query = query.where('d.id', '<', before);
  return query.orderBy('d.id', 'desc').limit(limit).execute();
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notificationDeliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('channel', '=', 'inapp')
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks one in-app item (or, without an id, all of them) read for its owner; returns how many changed. */
export async function markRead(db: Db, userId: string, id: string | null): Promise<number> {
  let query = db
    .updateTable('notificationDeliveries')
    .set({ readAt: isoNow() })
    .where('userId', '=', userId)
    .where('channel', '=', 'inapp')
    .where('readAt', 'is', null);
  if (id) query = query.where('id', '=', id);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findInboxItemOwner(db: Db, id: string) {
  return db
    .selectFrom('notificationDeliveries')
    .select(['id', 'userId'])
    .where('id', '=', id)
    .where('channel', '=', 'inapp')
    .executeTakeFirst();
}

export async function upsertPushSubscription(
  db: Db,
  row: { id: string; userId: string; endpoint: string; p256dh: string; auth: string; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('pushSubscriptions')
    .values({ ...row, createdAt: isoNow() })
    .onConflict((oc) =>
      oc
        .column('endpoint')
        .doUpdateSet({ userId: row.userId, p256dh: row.p256dh, auth: row.auth, userAgent: row.userAgent }),
    )
    .execute();
}

export async function deleteOwnPushSubscription(db: Db, userId: string, endpoint: string): Promise<number> {
  const result = await db
    .deleteFrom('pushSubscriptions')
    .where('userId', '=', userId)
    .where('endpoint', '=', endpoint)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findPreference(db: Db, userId: string) {
  return db
    .selectFrom('notificationPreferences')
    .select('channelOrder')
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function savePreference(db: Db, userId: string, channelOrder: string): Promise<void> {
  const updatedAt = isoNow();
  await db
    .insertInto('notificationPreferences')
    .values({ userId, channelOrder, updatedAt })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ channelOrder, updatedAt }))
    .execute();
}

export async function countPushSubscriptions(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('pushSubscriptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listRecentMessages(db: Db, limit: number): Promise<MessageRow[]> {
  return db
    .selectFrom('notificationMessages')
    .selectAll()
    .orderBy('publishedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Deliveries of a message counted per channel and status. */
export async function countByChannelAndStatus(db: Db, messageId: string) {
  const rows = await db
    .selectFrom('notificationDeliveries')
    .select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('messageId', '=', messageId)
    .groupBy(['channel', 'status'])
    .execute();
  return rows.map((r) => ({ channel: r.channel, status: r.status, n: Number(r.n) }));
}

/**
 * The value at a rank of publish-to-sent (or -delivered) times of one message and channel: ORDER BY … OFFSET,
 * the same on both engines (SQLite has no percentile function).
 */
export async function latencyAtRank(
  db: Db,
  messageId: string,
  channel: NotificationChannel,
  column: 'sentMs' | 'deliveredMs',
  rank: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('notificationDeliveries')
    .select(column)
    .where('messageId', '=', messageId)
    .where('channel', '=', channel)
    .where(column, 'is not', null)
    .orderBy(column)
    .limit(1)
    .offset(rank)
    .executeTakeFirst();
  const value = row?.[column];
  return typeof value === 'number' ? value : value == null ? null : Number(value);
}

export async function countLatencies(
  db: Db,
  messageId: string,
  channel: NotificationChannel,
  column: 'sentMs' | 'deliveredMs',
): Promise<number> {
  const row = await db
    .selectFrom('notificationDeliveries')
    .select((eb) => eb.fn.count<number>(column).as('n'))
    .where('messageId', '=', messageId)
    .where('channel', '=', channel)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listPushSubscriptions(db: Db, userId: string) {
  return db.selectFrom('pushSubscriptions').selectAll().where('userId', '=', userId).orderBy('id').execute();
}

export async function deletePushSubscription(db: Db, endpoint: string): Promise<void> {
  await db.deleteFrom('pushSubscriptions').where('endpoint', '=', endpoint).execute();
}
