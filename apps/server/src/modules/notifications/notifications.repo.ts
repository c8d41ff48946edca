import type { ExpressionBuilder, Insertable, Selectable } from 'kysely';
import { isoNow } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
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

/**
 * When the batch and channel next need a worker: the earliest retry time of a queued delivery, or the end of
 * the claim of one being sent (its worker may have died); null when nothing is left to send.
 */
export async function nextPendingAttempt(
  db: Db,
  where: { messageId: string; channel: NotificationChannel; batch: number },
): Promise<string | null> {
  const base = db
    .selectFrom('notificationDeliveries')
    .where('messageId', '=', where.messageId)
    .where('channel', '=', where.channel)
    .where('batch', '=', where.batch);
  const queued = await base
    .select((eb) => eb.fn.min('nextAttemptAt').as('next'))
    .where('status', '=', 'queued')
    .executeTakeFirst();
  const sending = await base
    .select((eb) => eb.fn.min('claimedUntil').as('next'))
    .where('status', '=', 'sending')
    .executeTakeFirst();
  const times = [queued?.next, sending?.next].filter((t): t is string => typeof t === 'string');
  return times.length === 0 ? null : (times.sort()[0] ?? null);
}

/**
 * Claims one delivery for a worker: only if it is still due (queued, or its previous claim ran out). Two
 * workers racing for the same row: one update wins, the other sees 0 rows and skips it.
 */
export async function claimDelivery(
  db: Db,
  id: string,
  workerId: string,
  now: string,
  until: string,
): Promise<boolean> {
  const result = await db
    .updateTable('notificationDeliveries')
    .set((eb) => ({ status: 'sending', claimedBy: workerId, claimedUntil: until, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('nextAttemptAt', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('claimedUntil', '<', now)]),
      ]),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Claims up to `limit` due deliveries of one batch and channel (queued and due, or claimed by a worker that died)
 * in one conditional update, and returns them. Of two workers racing, each row goes to one: PostgreSQL skips rows
 * another worker is claiming (`FOR UPDATE SKIP LOCKED`) and checks the condition again on the row it updates;
 * SQLite has one writer.
 */
export async function claimDueDeliveries(
  db: Db,
  where: { messageId: string; channel: NotificationChannel; batch: number },
  claim: { workerId: string; now: string; until: string; limit: number },
): Promise<DeliveryRow[]> {
  const due = (eb: ExpressionBuilder<Database, 'notificationDeliveries'>) =>
    eb.or([
      eb.and([eb('status', '=', 'queued'), eb('nextAttemptAt', '<=', claim.now)]),
      eb.and([eb('status', '=', 'sending'), eb('claimedUntil', '<', claim.now)]),
    ]);
  return db
    .updateTable('notificationDeliveries')
    .set((eb) => ({
      status: 'sending',
      claimedBy: claim.workerId,
      claimedUntil: claim.until,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('notificationDeliveries')
        .select('id')
        .where('messageId', '=', where.messageId)
        .where('channel', '=', where.channel)
        .where('batch', '=', where.batch)
        .where(due)
        .orderBy('id')
        .limit(claim.limit),
    )
    .where(due)
    .returningAll()
    .execute();
}

/** Marks the deliveries of a chunk sent, those this worker still holds, in one statement. */
export async function markSentMany(db: Db, ids: string[], workerId: string, sentAt: string, sentMs: number) {
  if (ids.length === 0) return;
  await db
    .updateTable('notificationDeliveries')
    .set({ status: 'sent', sentAt, sentMs, claimedBy: null, claimedUntil: null, lastError: null })
    .where('id', 'in', ids)
    .where('claimedBy', '=', workerId)
    .execute();
}

/**
 * Gives back deliveries this worker claimed but did not start sending (its time ran out): queued again, due now,
 * the claim's attempt not counted.
 */
export async function releaseClaims(db: Db, ids: string[], workerId: string) {
  if (ids.length === 0) return;
  await db
    .updateTable('notificationDeliveries')
    .set((eb) => ({
      status: 'queued',
      nextAttemptAt: isoNow(),
      claimedBy: null,
      claimedUntil: null,
      attempts: eb('attempts', '-', 1),
    }))
    .where('id', 'in', ids)
    .where('claimedBy', '=', workerId)
    .execute();
}

/** Puts a delivery back in the queue for a later attempt. */
export async function markRetry(db: Db, id: string, workerId: string, error: string, nextAttemptAt: string) {
  await db
    .updateTable('notificationDeliveries')
    .set({ status: 'queued', nextAttemptAt, claimedBy: null, claimedUntil: null, lastError: error.slice(0, 1000) })
    .where('id', '=', id)
    .where('claimedBy', '=', workerId)
    .execute();
}

export async function markFailed(db: Db, id: string, workerId: string, error: string) {
  const result = await db
    .updateTable('notificationDeliveries')
    .set({ status: 'failed', failedAt: isoNow(), claimedBy: null, claimedUntil: null, lastError: error.slice(0, 1000) })
    .where('id', '=', id)
    .where('claimedBy', '=', workerId)
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
    .where('status', 'in', ['sent', 'sending', 'queued'])
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
