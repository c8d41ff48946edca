import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { HotlineCallsTable } from '../../db/tables/hotline.table.ts';
import type { CallListScope } from '../../policy/hotline.policy.ts';

export type CallRow = Selectable<HotlineCallsTable>;

/** A call with the names it links to (person, case), as the list and the detail show it. */
export type CallView = CallRow & {
  personFamilyName: string | null;
  personGivenName: string | null;
  personNativeName: string | null;
  caseNumber: string | null;
  caseMissionCode: string | null;
};

export async function insertCall(db: Db, row: Insertable<HotlineCallsTable>): Promise<void> {
  await db.insertInto('hotlineCalls').values(row).execute();
}

function withLinks(db: Db) {
  return db
    .selectFrom('hotlineCalls as h')
    .leftJoin('persons as p', 'p.id', 'h.personId')
    .leftJoin('cases as c', 'c.id', 'h.caseId')
    .selectAll('h')
    .select([
      'p.familyName as personFamilyName',
      'p.givenName as personGivenName',
      'p.nativeName as personNativeName',
      'c.number as caseNumber',
      'c.missionCode as caseMissionCode',
    ]);
}

export async function findCall(db: Db, id: string): Promise<CallView | undefined> {
  return withLinks(db).where('h.id', '=', id).executeTakeFirst();
}

export interface CallFilter {
  scope: NonNullable<CallListScope>;
  /** First and last UTC day, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  outcome?: CallRow['outcome'];
  category?: CallRow['category'];
  missionCode?: string;
  /** Digits the caller's E.164 number contains. */
  phoneDigits?: string;
}

function filtered(db: Db, f: CallFilter) {
  let query = db.selectFrom('hotlineCalls as h');
  if ('transferredTo' in f.scope) {
    const missions = [...f.scope.transferredTo];
    query =
      missions.length > 0
        ? query.where('h.outcome', '=', 'transferred').where('h.missionCode', 'in', missions)
        : query.where((eb) => eb.val(false));
  }
  if (f.from) query = query.where('h.startedAt', '>=', `${f.from}T00:00:00.000Z`);
  if (f.to) query = query.where('h.startedAt', '<', nextDayStart(f.to));
  if (f.outcome) query = query.where('h.outcome', '=', f.outcome);
  if (f.category) query = query.where('h.category', '=', f.category);
  if (f.missionCode) query = query.where('h.missionCode', '=', f.missionCode);
  if (f.phoneDigits) query = query.where('h.callerPhone', 'like', `%${f.phoneDigits}%`);
  return query;
}

/** The start of the UTC day after `day` (YYYY-MM-DD), as stored times compare. */
export function nextDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();
}

export async function countCalls(db: Db, filter: CallFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listCalls(db: Db, filter: CallFilter, limit: number, offset: number): Promise<CallView[]> {
  const ids = await filtered(db, filter)
    .select('h.id')
    .orderBy('h.startedAt', 'desc')
    .orderBy('h.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  if (ids.length === 0) return [];
  return withLinks(db)
    .where(
      'h.id',
      'in',
      ids.map((r) => r.id),
    )
    .orderBy('h.startedAt', 'desc')
    .orderBy('h.id', 'desc')
    .execute();
}

// The UTC calendar day of a stored ISO time, without bound parameters so PostgreSQL matches it in GROUP BY.
const utcDayOf = sql<string>`substr(started_at, 1, 10)`;

/** Calls per UTC day, category and outcome between two moments, and their average length. */
export async function callStats(db: Db, fromIso: string, toIsoExclusive: string) {
  const range = db.selectFrom('hotlineCalls').where('startedAt', '>=', fromIso).where('startedAt', '<', toIsoExclusive);
  const [perDay, perCategory, perOutcome, totals] = await Promise.all([
    range
      .select((eb) => [utcDayOf.as('day'), eb.fn.countAll<string | number>().as('n')])
      .groupBy(utcDayOf)
      .execute(),
    range
      .select((eb) => ['category', eb.fn.countAll<string | number>().as('n')])
      .groupBy('category')
      .execute(),
    range
      .select((eb) => ['outcome', eb.fn.countAll<string | number>().as('n')])
      .groupBy('outcome')
      .execute(),
    range
      .select((eb) => [
        eb.fn.countAll<string | number>().as('n'),
        eb.fn.avg<string | number | null>('durationSeconds').as('avg'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { perDay, perCategory, perOutcome, totals };
}
