import type { Role } from '@homeward/shared';
import type { Selectable } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { UsersTable } from '../../db/tables/users.table.ts';

export interface StaffFilter {
  q?: string;
  role?: Role;
  mission?: string;
  status?: 'active' | 'disabled';
}

/** A staff account row with whether an authenticator app is enrolled (0/1 on the wire, boolean here). */
export type StaffRow = Selectable<UsersTable> & { totpEnabled: boolean };

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtered(db: Db, filter: StaffFilter) {
  let query = db.selectFrom('users').where('users.role', '!=', 'citizen');
  if (filter.role) query = query.where('users.role', '=', filter.role);
  if (filter.status) query = query.where('users.status', '=', filter.status);
  if (filter.mission) {
    const mission = filter.mission;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('userMissions as um')
          .select('um.userId')
          .whereRef('um.userId', '=', 'users.id')
          .where('um.missionCode', '=', mission),
      ),
    );
  }
  if (filter.q) {
    const like = dialectOf(db).likeInsensitive;
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) =>
      eb.or([eb(eb.ref('users.email'), like, eb.val(pattern)), eb(eb.ref('users.displayName'), like, eb.val(pattern))]),
    );
  }
  return query;
}

function withTotpFlag(db: Db, filter: StaffFilter) {
  return filtered(db, filter)
    .leftJoin('totpCredentials as tc', 'tc.userId', 'users.id')
    .selectAll('users')
    .select((eb) => eb.case().when('tc.userId', 'is not', null).then(1).else(0).end().as('totpFlag'));
}

function toStaffRow<T extends Selectable<UsersTable> & { totpFlag: unknown }>({ totpFlag, ...row }: T): StaffRow {
  return { ...row, totpEnabled: Number(totpFlag) === 1 };
}

export async function countStaff(db: Db, filter: StaffFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One page of staff accounts, by display name then email. */
export async function listStaff(db: Db, filter: StaffFilter, limit: number, offset: number): Promise<StaffRow[]> {
  const rows = await withTotpFlag(db, filter)
    .orderBy('users.displayName')
    .orderBy('users.email')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toStaffRow);
}

/** A staff account by id; citizens are not staff and are not found here. */
export async function findStaff(db: Db, id: string): Promise<StaffRow | undefined> {
  const row = await withTotpFlag(db, {}).where('users.id', '=', id).executeTakeFirst();
  return row ? toStaffRow(row) : undefined;
}

export async function listMissionsOfUsers(
  db: Db,
  userIds: string[],
): Promise<{ userId: string; missionCode: string }[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('userMissions')
    .select(['userId', 'missionCode'])
    .where('userId', 'in', userIds)
    .orderBy('missionCode')
    .execute();
}

export async function updateStaffAccount(
  db: Db,
  id: string,
  changes: { role?: Role; status?: 'active' | 'disabled'; updatedAt: string },
): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function deleteUserMissions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('userMissions').where('userId', '=', userId).execute();
}

/** Sets (or, with null, removes) an account's password. */
export async function setPasswordHash(db: Db, id: string, passwordHash: string | null, at: string): Promise<void> {
  await db.updateTable('users').set({ passwordHash, updatedAt: at }).where('id', '=', id).execute();
}
