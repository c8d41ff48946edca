import type { CaseCategory, CasePriority } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import type { DashboardScope } from '../../policy/dashboard.policy.ts';

type Scope = NonNullable<DashboardScope>;

const CLOSED = ['resolved', 'closed'] as const;

/** Open cases in scope: not resolved or closed, and not merged into another case. */
function openCases(db: Db, scope: Scope) {
  let query = db
    .selectFrom('cases')
    .where('status', 'not in', [...CLOSED])
    .where('mergedIntoId', 'is', null);
  if ('missions' in scope) {
    const missions = [...scope.missions];
    query = missions.length > 0 ? query.where('missionCode', 'in', missions) : query.where((eb) => eb.val(false));
  }
  return query;
}

export async function countOpenByMission(db: Db, scope: Scope): Promise<{ missionCode: string; count: number }[]> {
  const rows = await openCases(db, scope)
    .select(['missionCode', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('missionCode')
    .execute();
  return rows.map((r) => ({ missionCode: r.missionCode, count: Number(r.n) }));
}

export async function countOpenByCategory(db: Db, scope: Scope): Promise<{ category: CaseCategory; count: number }[]> {
  const rows = await openCases(db, scope)
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('category')
    .execute();
  return rows.map((r) => ({ category: r.category, count: Number(r.n) }));
}

export async function countOpenByPriority(db: Db, scope: Scope): Promise<{ priority: CasePriority; count: number }[]> {
  const rows = await openCases(db, scope)
    .select(['priority', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('priority')
    .execute();
  return rows.map((r) => ({ priority: r.priority, count: Number(r.n) }));
}

/**
 * Open cases per mission whose SLA is red — recorded red by the SLA job, or already past the due instant of a
 * running (not paused) target, which the job records on its next pass — or amber and not red.
 */
export async function countSlaByMission(
  db: Db,
  scope: Scope,
  now: string,
): Promise<{ missionCode: string; red: number; amber: number }[]> {
  const rows = await openCases(db, scope)
    .select((eb) => {
      const red = eb.or([
        eb('slaState', '=', 'red'),
        eb.and([eb('slaDueAt', 'is not', null), eb('slaDueAt', '<', now), eb('slaPausedSince', 'is', null)]),
      ]);
      return [
        'missionCode',
        eb.fn.sum<number>(eb.case().when(red).then(1).else(0).end()).as('red'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('slaState', '=', 'amber'), eb.not(red)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('amber'),
      ];
    })
    .groupBy('missionCode')
    .execute();
  return rows.map((r) => ({ missionCode: r.missionCode, red: Number(r.red), amber: Number(r.amber) }));
}

/** Cases opened per UTC day since `since` (an ISO instant at midnight), whatever their status now. */
export async function countCasesPerDay(db: Db, scope: Scope, since: string): Promise<{ day: string; count: number }[]> {
  let query = db.selectFrom('cases').where('openedAt', '>=', since);
  if ('missions' in scope) {
    const missions = [...scope.missions];
    query = missions.length > 0 ? query.where('missionCode', 'in', missions) : query.where((eb) => eb.val(false));
  }
  const rows = await query
    .select((eb) => [
      eb.fn<string>('substr', ['openedAt', eb.val(1), eb.val(10)]).as('day'),
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy('day')
    .execute();
  return rows.map((r) => ({ day: r.day, count: Number(r.n) }));
}

/** Hotline calls logged per UTC day since `since`; for a mission head, the calls that went to their missions. */
export async function countCallsPerDay(db: Db, scope: Scope, since: string): Promise<{ day: string; count: number }[]> {
  let query = db.selectFrom('hotlineCalls').where('startedAt', '>=', since);
  if ('missions' in scope) {
    const missions = [...scope.missions];
    query = missions.length > 0 ? query.where('missionCode', 'in', missions) : query.where((eb) => eb.val(false));
  }
  const rows = await query
    .select((eb) => [
      eb.fn<string>('substr', ['startedAt', eb.val(1), eb.val(10)]).as('day'),
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy('day')
    .execute();
  return rows.map((r) => ({ day: r.day, count: Number(r.n) }));
}
