import type { Db } from '../db/schema.ts';
import type { IdempotencyKeysTable } from '../db/tables/idempotency.table.ts';

// Queries of the Idempotency-Key records (decision 0010). Every write names the claim it expects, so a
// request that lost its claim (taken over after its lease) can change nothing.

export type IdempotencyRecord = IdempotencyKeysTable;

/** Inserts an in-flight record; false when the caller already used this key. */
export async function insertIdempotencyKey(db: Db, row: IdempotencyRecord): Promise<boolean> {
  const result = await db
    .insertInto('idempotencyKeys')
    .values(row)
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function findIdempotencyKey(db: Db, scope: string, key: string): Promise<IdempotencyRecord | undefined> {
  return db
    .selectFrom('idempotencyKeys')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Moves an abandoned in-flight record to a new claim; false when its holder finished or another took it. */
export async function takeOverIdempotencyKey(
  db: Db,
  record: Pick<IdempotencyRecord, 'scope' | 'key' | 'claim'>,
  claim: string,
  claimedAt: string,
): Promise<boolean> {
  const result = await db
    .updateTable('idempotencyKeys')
    .set({ claim, claimedAt })
    .where('scope', '=', record.scope)
    .where('key', '=', record.key)
    .where('claim', '=', record.claim)
    .where('status', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Stores the response of a claimed key; false when the claim was lost. Run it in the change's transaction. */
export async function completeIdempotencyKey(
  db: Db,
  record: Pick<IdempotencyRecord, 'scope' | 'key' | 'claim'>,
  status: number,
  response: string,
): Promise<boolean> {
  const result = await db
    .updateTable('idempotencyKeys')
    .set({ status, response })
    .where('scope', '=', record.scope)
    .where('key', '=', record.key)
    .where('claim', '=', record.claim)
    .where('status', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Forgets a claimed key whose request stored nothing (it failed), or an expired record. */
export async function deleteIdempotencyKey(
  db: Db,
  record: Pick<IdempotencyRecord, 'scope' | 'key' | 'claim'>,
  onlyInFlight: boolean,
): Promise<void> {
  let query = db
    .deleteFrom('idempotencyKeys')
    .where('scope', '=', record.scope)
    .where('key', '=', record.key)
    .where('claim', '=', record.claim);
  if (onlyInFlight) query = query.where('status', 'is', null);
  await query.execute();
}

/** Deletes the records created before `before` (ISO time); returns how many. */
export async function deleteExpiredIdempotencyKeys(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('idempotencyKeys').where('createdAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
