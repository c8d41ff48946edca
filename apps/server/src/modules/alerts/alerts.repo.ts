import type { Insertable, Selectable, Updateable } from 'kysely';
import { isoNow } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type {
  AlertMessagesTable,
  AlertRecipientsTable,
  AlertsTable,
  IncomingSignalsTable,
} from '../../db/tables/alerts.table.ts';

export type AlertRow = Selectable<AlertsTable>;
export type AlertMessageRow = Selectable<AlertMessagesTable>;
export type SignalRow = Selectable<IncomingSignalsTable>;

export async function insertAlert(db: Db, row: Insertable<AlertsTable>): Promise<void> {
  await db.insertInto('alerts').values(row).execute();
}

export async function findAlert(db: Db, id: string): Promise<AlertRow | undefined> {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Changes an alert only while it is still in `from` (the state the caller read): two reviewers approving at
 * once, or an edit racing a submission, find 0 rows and answer 409 instead of both winning.
 */
export async function updateAlertIn(
  db: Db,
  id: string,
  from: AlertRow['status'],
  changes: Updateable<AlertsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('alerts')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface AlertFilter {
  q?: string;
  status?: AlertRow['status'];
}

export async function listAlerts(
  db: Db,
  filter: AlertFilter,
  page: number,
  pageSize: number,
): Promise<{ rows: AlertRow[]; total: number }> {
  let query = db.selectFrom('alerts');
  if (filter.status) query = query.where('status', '=', filter.status);
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const word of words) {
    // LIKE's wildcards are dropped from the words (no ESCAPE clause works the same on both engines).
    const plain = word.replace(/[\\%_]/g, '');
    if (plain) query = query.where('searchText', 'like', `%${plain}%`);
  }
  const rows = await query
    .selectAll()
    .orderBy('updatedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const count = await query.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function replaceAlertCountries(db: Db, alertId: string, countries: string[]): Promise<void> {
  await db.deleteFrom('alertCountries').where('alertId', '=', alertId).execute();
  if (countries.length > 0)
    await db
      .insertInto('alertCountries')
      .values(countries.map((country) => ({ alertId, country })))
      .execute();
}

export async function insertAlertMessage(db: Db, row: Insertable<AlertMessagesTable>): Promise<void> {
  await db.insertInto('alertMessages').values(row).execute();
}

export async function listAlertMessages(db: Db, alertIds: readonly string[]): Promise<AlertMessageRow[]> {
  if (alertIds.length === 0) return [];
  return db
    .selectFrom('alertMessages')
    .selectAll()
    .where('alertId', 'in', alertIds)
    .orderBy('alertId')
    .orderBy('seq')
    .execute();
}

/** The newest message of each published or cancelled alert listed in a country's feed, newest first. */
export async function listFeedMessages(db: Db, country: string, limit: number): Promise<AlertMessageRow[]> {
  return db
    .selectFrom('alertMessages as m')
    .innerJoin('alertCountries as c', 'c.alertId', 'm.alertId')
    .selectAll('m')
    .where('c.country', '=', country)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('alertMessages as later')
            .select('later.id')
            .whereRef('later.alertId', '=', 'm.alertId')
            .whereRef('later.seq', '>', 'm.seq'),
        ),
      ),
    )
    .orderBy('m.createdAt', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
}

export async function listUserNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

export async function insertRecipients(db: Db, rows: Insertable<AlertRecipientsTable>[]): Promise<void> {
  // A few hundred rows per statement stays under both engines' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('alertRecipients')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['alertId', 'personId']).doNothing())
      .execute();
  }
}

/** How many recipients an alert has (its primary key's range). */
export async function countRecipientRows(db: Db, alertId: string): Promise<number> {
  const row = await db
    .selectFrom('alertRecipients')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('alertId', '=', alertId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The recipients are fixed: their count, and 'ready' (whatever the alert's status: a cancel may have come first). */
export async function markRecipientsReady(db: Db, id: string, recipients: number): Promise<void> {
  await db.updateTable('alerts').set({ recipientsState: 'ready', recipients }).where('id', '=', id).execute();
}

/** One row per configured CAP source (kept when a source is removed from the configuration, not shown). */
export async function ensureFeeds(db: Db, urls: readonly string[]): Promise<void> {
  if (urls.length === 0) return;
  await db
    .insertInto('capFeeds')
    .values(urls.map((url) => ({ url, fetches: 0, signals: 0 })))
    .onConflict((oc) => oc.column('url').doNothing())
    .execute();
}

export async function listFeeds(db: Db, urls: readonly string[]) {
  if (urls.length === 0) return [];
  return db.selectFrom('capFeeds').selectAll().where('url', 'in', urls).execute();
}

/** A fetch that went through: its validators (a 304 keeps the previous ones), the new signals, any entry error. */
export async function recordFeedSuccess(
  db: Db,
  url: string,
  outcome: {
    status: number;
    etag?: string | null;
    lastModified?: string | null;
    inserted: number;
    error: string | null;
  },
): Promise<void> {
  const at = isoNow();
  await db
    .updateTable('capFeeds')
    .set((eb) => ({
      lastFetchedAt: at,
      lastSuccessAt: at,
      lastStatus: outcome.status,
      lastError: outcome.error,
      lastErrorAt: outcome.error ? at : null,
      fetches: eb('fetches', '+', 1),
      signals: eb('signals', '+', outcome.inserted),
      ...(outcome.status === 304 ? {} : { etag: outcome.etag ?? null, lastModified: outcome.lastModified ?? null }),
    }))
    .where('url', '=', url)
    .execute();
}

/** A fetch that failed: only the error, its time and the attempt are recorded. */
export async function recordFeedError(db: Db, url: string, error: string, status: number | null): Promise<void> {
  const at = isoNow();
  await db
    .updateTable('capFeeds')
    .set((eb) => ({
      lastFetchedAt: at,
      lastStatus: status,
      lastError: error,
      lastErrorAt: at,
      fetches: eb('fetches', '+', 1),
    }))
    .where('url', '=', url)
    .execute();
}

/** Whether a polled signal already came from this document URL (a feed entry is then not fetched again). */
export async function polledFromUrl(db: Db, url: string): Promise<boolean> {
  const row = await db
    .selectFrom('incomingSignals')
    .select('id')
    .where('origin', '=', 'poll')
    .where('originUrl', '=', url)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertSignal(db: Db, row: Insertable<IncomingSignalsTable>): Promise<boolean> {
  const result = await db
    .insertInto('incomingSignals')
    .values(row)
    .onConflict((oc) => oc.columns(['sender', 'identifier', 'sent']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findSignal(db: Db, id: string): Promise<SignalRow | undefined> {
  return db.selectFrom('incomingSignals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSignalByKey(
  db: Db,
  key: { sender: string; identifier: string; sent: string },
): Promise<SignalRow | undefined> {
  return db
    .selectFrom('incomingSignals')
    .selectAll()
    .where('sender', '=', key.sender)
    .where('identifier', '=', key.identifier)
    .where('sent', '=', key.sent)
    .executeTakeFirst();
}

export async function listSignals(
  db: Db,
  page: number,
  pageSize: number,
): Promise<{ rows: SignalRow[]; total: number }> {
  const rows = await db
    .selectFrom('incomingSignals')
    .selectAll()
    .orderBy('receivedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const count = await db
    .selectFrom('incomingSignals')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function linkSignalToAlert(db: Db, signalId: string, alertId: string): Promise<void> {
  await db
    .updateTable('incomingSignals')
    .set({ alertId })
    .where('id', '=', signalId)
    .where('alertId', 'is', null)
    .execute();
}
