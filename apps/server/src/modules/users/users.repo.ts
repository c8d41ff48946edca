import type { Role } from '@homeward/shared';
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { UsersTable } from '../../db/tables/users.table.ts';

export type UserRow = Selectable<UsersTable>;

export async function insertUser(db: Db, user: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUserMissions(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('userMissions')
    .select('missionCode')
    .where('userId', '=', userId)
    .orderBy('missionCode')
    .execute();
  return rows.map((r) => r.missionCode);
}

export async function insertUserMissions(db: Db, userId: string, missionCodes: string[]): Promise<void> {
  if (missionCodes.length === 0) return;
  await db
    .insertInto('userMissions')
    .values(missionCodes.map((missionCode) => ({ userId, missionCode })))
    .execute();
}

export async function countUsersByRole(db: Db): Promise<Partial<Record<Role, number>>> {
  const rows = await db
    .selectFrom('users')
    .select(['role', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('role')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.role, Number(r.count)]));
}
