import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { PasskeysTable, WebauthnChallengesTable } from '../../db/tables/accounts.table.ts';

export type PasskeyRow = Omit<Selectable<PasskeysTable>, 'backedUp' | 'transports'> & {
  backedUp: boolean;
  transports: string[];
};

function fromDb(row: Selectable<PasskeysTable>): PasskeyRow {
  return { ...row, counter: Number(row.counter), backedUp: row.backedUp === 1, transports: JSON.parse(row.transports) };
}

export async function insertPasskey(db: Db, row: PasskeyRow): Promise<void> {
  await db
    .insertInto('passkeys')
    .values({ ...row, backedUp: row.backedUp ? 1 : 0, transports: JSON.stringify(row.transports) })
    .execute();
}

export async function listPasskeysOfUser(db: Db, userId: string): Promise<PasskeyRow[]> {
  const rows = await db.selectFrom('passkeys').selectAll().where('userId', '=', userId).orderBy('createdAt').execute();
  return rows.map(fromDb);
}

export async function findPasskeyByCredentialId(db: Db, credentialId: string): Promise<PasskeyRow | undefined> {
  const row = await db.selectFrom('passkeys').selectAll().where('credentialId', '=', credentialId).executeTakeFirst();
  return row ? fromDb(row) : undefined;
}

export async function recordPasskeyUse(db: Db, id: string, counter: number, at: string): Promise<void> {
  await db.updateTable('passkeys').set({ counter, lastUsedAt: at }).where('id', '=', id).execute();
}

/** Removes one passkey, only if it belongs to the user; true when it did. */
export async function deletePasskeyOfUser(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('passkeys').where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deletePasskeysOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('passkeys').where('userId', '=', userId).execute();
}

export async function listPasskeysForExport(db: Db, userId: string) {
  return db
    .selectFrom('passkeys')
    .select(['id', 'name', 'createdAt', 'lastUsedAt'])
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .execute();
}

export async function insertChallenge(db: Db, row: Insertable<WebauthnChallengesTable>): Promise<void> {
  await db.insertInto('webauthnChallenges').values(row).execute();
}

/** Removes a live challenge and returns it, in one statement: a challenge answers at most once. */
export async function takeChallenge(
  db: Db,
  challenge: string,
  purpose: WebauthnChallengesTable['purpose'],
  now: string,
): Promise<{ userId: string | null } | undefined> {
  return db
    .deleteFrom('webauthnChallenges')
    .where('challenge', '=', challenge)
    .where('purpose', '=', purpose)
    .where('expiresAt', '>', now)
    .returning('userId')
    .executeTakeFirst();
}

export async function deleteExpiredChallenges(db: Db, now: string): Promise<void> {
  await db.deleteFrom('webauthnChallenges').where('expiresAt', '<=', now).execute();
}
