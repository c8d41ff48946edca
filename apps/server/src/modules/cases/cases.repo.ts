import { type Insertable, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
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

/** A case with what its presentation needs: the mission's time zone (SLA clock) and the assignee's name. */
export type CaseViewRow = CaseRow & { missionTimeZone: string; assigneeName: string | null };

function caseView(db: Db) {
  return db
    .selectFrom('cases')
    .innerJoin('missions', 'missions.code', 'cases.missionCode')
    .leftJoin('users as assignee', 'assignee.id', 'cases.assignedTo')
    .selectAll('cases')
    .select(['missions.timezone as missionTimeZone', 'assignee.displayName as assigneeName']);
}

export async function findCase(db: Db, id: string): Promise<CaseViewRow | undefined> {
  return caseView(db).where('cases.id', '=', id).executeTakeFirst();
}

export async function findCaseByNumber(db: Db, number: string): Promise<CaseViewRow | undefined> {
  return caseView(db).where('cases.number', '=', number).executeTakeFirst();
}

/**
 * Applies a change if the case is still at `version`; bumps the version. False when someone else changed it
 * first (the caller answers 409 with the current case).
 */
export async function updateCaseAt(
  db: Db,
  id: string,
  version: number,
  change: Updateable<CasesTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set({ ...change, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A change made by the system (the SLA job) that does not compete with people's edits: no version check. */
export async function updateCaseQuietly(db: Db, id: string, change: Updateable<CasesTable>): Promise<void> {
  await db.updateTable('cases').set(change).where('id', '=', id).execute();
}

export type CaseSort = 'newest' | 'oldest' | 'sla';

export interface CaseFilter {
  scope: NonNullable<CaseListScope>;
  status?: readonly string[];
  priority?: string;
  category?: string;
  missionCode?: string;
  assignedTo?: string;
  incidentId?: string;
  sla?: 'amber' | 'red';
  source?: string;
  /**
   * Extra conditions from other modules (the full-text search adds `q` here), each a WHERE on `cases`.
   */
  where?: readonly ((qb: CaseListQueryBuilder) => CaseListQueryBuilder)[];
}

type CaseListQueryBuilder = ReturnType<typeof caseView>;

export type { CaseListQueryBuilder };

function filtered(db: Db, f: CaseFilter) {
  let query = caseView(db);
  if ('missions' in f.scope) {
    const missions = [...f.scope.missions];
    query = missions.length > 0 ? query.where('cases.missionCode', 'in', missions) : query.where(sql<SqlBool>`1 = 0`);
  }
  if ('reporterUserId' in f.scope) query = query.where('cases.reporterUserId', '=', f.scope.reporterUserId);
  if (f.status && f.status.length > 0) query = query.where('cases.status', 'in', f.status as CaseRow['status'][]);
  if (f.priority) query = query.where('cases.priority', '=', f.priority as CaseRow['priority']);
  if (f.category) query = query.where('cases.category', '=', f.category as CaseRow['category']);
  if (f.missionCode) query = query.where('cases.missionCode', '=', f.missionCode);
  if (f.assignedTo) query = query.where('cases.assignedTo', '=', f.assignedTo);
  if (f.incidentId) query = query.where('cases.incidentId', '=', f.incidentId);
  if (f.sla) query = query.where('cases.slaState', '=', f.sla);
  if (f.source) query = query.where('cases.source', '=', f.source as CaseRow['source']);
  for (const extra of f.where ?? []) query = extra(query);
  return query;
}

/** The ids of the cases the filter keeps (the full-text search checks its matches against it, case by case). */
export function filteredCaseIds(db: Db, filter: CaseFilter) {
  return filtered(db, filter).clearSelect().select('cases.id');
}

export async function countCases(db: Db, filter: CaseFilter): Promise<number> {
  const row = await filtered(db, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listCases(
  db: Db,
  filter: CaseFilter,
  limit: number,
  offset: number,
  sort: CaseSort = 'newest',
): Promise<CaseViewRow[]> {
  let query = filtered(db, filter);
  if (sort === 'sla') {
    // Cases with a running target first, the one due soonest on top; the rest newest first.
    query = query
      .orderBy((eb) => eb.case().when('cases.slaDueAt', 'is', null).then(1).else(0).end())
      .orderBy('cases.slaDueAt', 'asc')
      .orderBy('cases.openedAt', 'desc');
  } else {
    query = query.orderBy('cases.openedAt', sort === 'oldest' ? 'asc' : 'desc');
  }
  return query.orderBy('cases.id').limit(limit).offset(offset).execute();
}

/**
 * Cases whose SLA clock runs (open, not paused, a target due), most urgent first, for the SLA sweep. Red
 * cases already at headquarters level have nothing left to record and are skipped.
 */
export async function listCasesWithRunningSla(db: Db, limit: number): Promise<{ id: string }[]> {
  return db
    .selectFrom('cases')
    .select('id')
    .where('status', 'not in', ['resolved', 'closed', 'waiting'])
    .where('slaPausedSince', 'is', null)
    .where('slaDueAt', 'is not', null)
    .where((eb) => eb.or([eb('slaState', '!=', 'red'), eb('escalationLevel', '<', 2)]))
    .orderBy('slaDueAt')
    .limit(limit)
    .execute();
}

/** Every case a user reported, oldest first (their data export). */
export async function listCasesReportedBy(db: Db, userId: string): Promise<CaseViewRow[]> {
  return caseView(db).where('cases.reporterUserId', '=', userId).orderBy('cases.openedAt').execute();
}

/** Open cases reported by a user: kept when the user deletes their account. */
export async function listOpenCasesReportedBy(db: Db, userId: string): Promise<CaseViewRow[]> {
  return caseView(db)
    .where('cases.reporterUserId', '=', userId)
    .where('cases.status', 'not in', ['resolved', 'closed'])
    .execute();
}
