import type { Db } from '../../db/schema.ts';
import type { UsersTable } from '../../db/tables/users.table.ts';

export type ProfileChanges = Partial<Pick<UsersTable, 'displayName' | 'phone' | 'locale'>>;

/** Marks the address proven, keeping the first time it was. */
export async function markEmailVerified(db: Db, userId: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ emailVerifiedAt: at, updatedAt: at })
    .where('id', '=', userId)
    .where('emailVerifiedAt', 'is', null)
    .execute();
}

export async function updateProfileRow(db: Db, userId: string, changes: ProfileChanges, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updatedAt: at })
    .where('id', '=', userId)
    .execute();
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string, at: string): Promise<void> {
  await db.updateTable('users').set({ passwordHash, updatedAt: at }).where('id', '=', userId).execute();
}

/**
 * Strips a deleted account down to a tombstone: no address, name, phone or password, and it cannot sign
 * in. The row stays so that kept records and the audit log still point at a valid id.
 */
export async function anonymizeUser(db: Db, userId: string, at: string): Promise<void> {
  await db
    .updateTable('users')
    .set({
      email: `deleted+${userId}@deleted.invalid`,
      displayName: '',
      phone: null,
      passwordHash: null,
      emailVerifiedAt: null,
      status: 'disabled',
      updatedAt: at,
    })
    .where('id', '=', userId)
    .execute();
}

export async function listSessionsForExport(db: Db, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['createdAt', 'lastSeenAt', 'expiresAt', 'ip', 'userAgent'])
    .where('userId', '=', userId)
    .orderBy('createdAt')
    .execute();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

export async function deleteUserLinkTokens(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('accountTokens').where('userId', '=', userId).execute();
}

/** Audit entries the user made or that are about their account, oldest first. */
export async function listAuditAboutUser(db: Db, userId: string) {
  return db
    .selectFrom('auditLog')
    .select(['at', 'action', 'ip', 'details'])
    .where((eb) =>
      eb.or([eb('actorId', '=', userId), eb.and([eb('recordType', '=', 'user'), eb('recordId', '=', userId)])]),
    )
    .orderBy('seq')
    .execute();
}
