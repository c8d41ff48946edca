import type { Insertable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { AccountTokensTable } from '../../db/tables/accounts.table.ts';

export type LinkPurpose = AccountTokensTable['purpose'];

export async function insertLinkToken(db: Db, row: Insertable<AccountTokensTable>): Promise<void> {
  await db.insertInto('accountTokens').values(row).execute();
}

/** Removes a user's earlier links of one purpose, used or not: only the newest link works, and rows stay few. */
export async function deleteLinkTokens(db: Db, userId: string, purpose: LinkPurpose): Promise<void> {
  await db.deleteFrom('accountTokens').where('userId', '=', userId).where('purpose', '=', purpose).execute();
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
