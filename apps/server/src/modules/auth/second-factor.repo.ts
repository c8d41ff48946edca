import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { AuthChallengesTable, TotpCredentialsTable } from '../../db/tables/staff-access.table.ts';

export type ChallengeRow = Selectable<AuthChallengesTable>;
export type TotpCredentialRow = Selectable<TotpCredentialsTable>;

export async function insertChallenge(db: Db, row: Insertable<AuthChallengesTable>): Promise<void> {
  await db.insertInto('authChallenges').values(row).execute();
}

export async function findChallenge(db: Db, id: string): Promise<ChallengeRow | undefined> {
  return db.selectFrom('authChallenges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Counts a wrong code against a challenge and returns the new count. */
export async function countChallengeAttempt(db: Db, id: string): Promise<number> {
  const row = await db
    .updateTable('authChallenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? 0;
}

/** Removes a challenge; true when this call removed it (so two racing completions cannot both win). */
export async function deleteChallenge(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('authChallenges').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteChallengesOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('authChallenges').where('userId', '=', userId).execute();
}

export async function deleteExpiredChallenges(db: Db, now: string): Promise<number> {
  const result = await db.deleteFrom('authChallenges').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findTotpCredential(db: Db, userId: string): Promise<TotpCredentialRow | undefined> {
  return db.selectFrom('totpCredentials').selectAll().where('userId', '=', userId).executeTakeFirst();
}

/** Enrols (or re-enrols) an authenticator app for a user. */
export async function upsertTotpCredential(db: Db, row: TotpCredentialRow): Promise<void> {
  await db
    .insertInto('totpCredentials')
    .values(row)
    .onConflict((oc) => oc.column('userId').doUpdateSet({ secret: row.secret, lastStep: row.lastStep }))
    .execute();
}

/**
 * Records `step` as the last accepted time step, only when it is later than the one stored: one
 * statement, so the same code sent twice at once is accepted at most once on either engine.
 */
export async function advanceTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('totpCredentials')
    .set({ lastStep: step })
    .where('userId', '=', userId)
    .where((eb) => eb.or([eb('lastStep', 'is', null), eb('lastStep', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteTotpCredential(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('totpCredentials').where('userId', '=', userId).execute();
}

export async function insertRecoveryCodes(
  db: Db,
  userId: string,
  rows: { id: string; codeHash: string; createdAt: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('recoveryCodes')
    .values(rows.map((r) => ({ ...r, userId, usedAt: null })))
    .execute();
}

/** Spends an unused recovery code of this user; true when it was there and is now used. */
export async function spendRecoveryCode(db: Db, userId: string, codeHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('recoveryCodes')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recoveryCodes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function deleteRecoveryCodes(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('recoveryCodes').where('userId', '=', userId).execute();
}
