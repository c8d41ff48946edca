import type { Insertable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { AccountTokensTable } from '../../db/tables/accounts.table.ts';

export type LinkPurpose = AccountTokensTable['purpose'];

export async function insertLinkToken(db: Db, row: Insertable<AccountTokensTable>): Promise<void> {
  await db.insertInto('accountTokens').values(row).execute();
}

/** Voids the unused links of one purpose for a user, so only the newest link works. */
export async function voidLinkTokens(db: Db, userId: string, purpose: LinkPurpose, now: string): Promise<void> {
  await db
    .updateTable('accountTokens')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .execute();
}

/**
 * Marks a live token used and returns its user, in one statement: two concurrent uses of the same
 * link cannot both succeed on either engine.
 */
export async function spendLinkToken(
  db: Db,
  tokenHash: string,
  purpose: LinkPurpose,
  now: string,
): Promise<string | undefined> {
  const row = await db
    .updateTable('accountTokens')
    .set({ usedAt: now })
    .where('tokenHash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returning('userId')
    .executeTakeFirst();
  return row?.userId;
}

/** Removes links that can no longer be used, a day after they stopped working. */
export async function deleteDeadLinkTokens(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom('accountTokens')
    .where((eb) => eb.or([eb('expiresAt', '<', before), eb('usedAt', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
