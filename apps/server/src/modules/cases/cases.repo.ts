import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { CasesTable } from '../../db/tables/cases.table.ts';
import type { CaseListScope } from '../../policy/cases.policy.ts';

export type CaseRow = Selectable<CasesTable>;

/** Next value of a named counter, atomically (one UPDATE … RETURNING on both engines). */
export async function nextCounterValue(db: Db, name: string): Promise<number> {
  await db
    .insertInto('counters')
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export async function insertCase(db: Db, row: Insertable<CasesTable>): Promise<void> {
  await db.insertInto('cases').values(row).execute();
}

export async function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface CaseFilter {
  scope: NonNullable<CaseListScope>;
  status?: string;
  missionCode?: string;
}

function filtered(db: Db, f: CaseFilter) {
  let query = db.selectFrom('cases');
  if ('missions' in f.scope) {
    const missions = [...f.scope.missions];
    query = missions.length > 0 ? query.where('missionCode', 'in', missions) : query.where((eb) => eb.val(false));
  }
  if ('reporterUserId' in f.scope) query = query.where('reporterUserId', '=', f.scope.reporterUserId);
  if (f.status) query = query.where('status', '=', f.status as CaseRow['status']);
  if (f.missionCode) query = query.where('missionCode', '=', f.missionCode);
  return query;
}

export async function countCases(db: Db, filter: CaseFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listCases(db: Db, filter: CaseFilter, limit: number, offset: number): Promise<CaseRow[]> {
  return filtered(db, filter)
    .selectAll()
    .orderBy('openedAt', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Open cases reported by a user: kept when the user deletes their account. */
export async function listOpenCasesReportedBy(db: Db, userId: string): Promise<CaseRow[]> {
  return db
    .selectFrom('cases')
    .selectAll()
    .where('reporterUserId', '=', userId)
    .where('status', 'not in', ['resolved', 'closed'])
    .execute();
}
