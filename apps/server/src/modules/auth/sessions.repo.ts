import type { Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { SessionsTable } from '../../db/tables/users.table.ts';

export type SessionRow = Selectable<SessionsTable>;

export async function insertSession(db: Db, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function touchSession(db: Db, id: string, lastSeenAt: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Removes sessions past their absolute expiry or idle for longer than `idleBefore`. */
export async function deleteStaleSessions(db: Db, now: string, idleBefore: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expiresAt', '<=', now), eb('lastSeenAt', '<', idleBefore)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listSessionsOfUser(db: Db, userId: string): Promise<SessionRow[]> {
  return db.selectFrom('sessions').selectAll().where('userId', '=', userId).orderBy('lastSeenAt', 'desc').execute();
}

/** Ends one session, only if it belongs to the user; true when it did. */
export async function deleteSessionOfUser(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('userId', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Notes a completed sign-in on the account (shown to administrators). */
export async function recordSignInTime(db: Db, userId: string, at: string): Promise<void> {
  await db.updateTable('users').set({ lastSignInAt: at }).where('id', '=', userId).execute();
}
