import { type Insertable, type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { IncidentsTable } from '../../db/tables/cases.table.ts';

export type IncidentRow = Selectable<IncidentsTable>;

/** Which incidents a list shows: all, or those touching some countries or holding some missions' cases. */
export type IncidentListScope = { all: true } | { countries: readonly string[]; missions: readonly string[] };

export async function insertIncident(db: Db, row: Insertable<IncidentsTable>): Promise<void> {
  await db.insertInto('incidents').values(row).execute();
}

export async function findIncident(db: Db, id: string): Promise<IncidentRow | undefined> {
  return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateIncident(db: Db, id: string, change: Updateable<IncidentsTable>): Promise<void> {
  await db.updateTable('incidents').set(change).where('id', '=', id).execute();
}

export async function removeIncident(db: Db, id: string): Promise<void> {
  await db.deleteFrom('incidents').where('id', '=', id).execute();
}

function scoped(db: Db, scope: IncidentListScope, status: string | undefined) {
  let query = db.selectFrom('incidents');
  if (status) query = query.where('status', '=', status as IncidentRow['status']);
  if ('countries' in scope) {
    const { countries, missions } = scope;
    query = query.where((eb) =>
      eb.or([
        // `countries` is a JSON array of two-letter codes: a quoted code matches exactly one element.
        ...countries.map((c) => eb('incidents.countries', 'like', `%"${c}"%`)),
        ...(missions.length > 0
          ? [
              eb.exists(
                eb
                  .selectFrom('cases')
                  .select('cases.id')
                  .whereRef('cases.incidentId', '=', 'incidents.id')
                  .where('cases.missionCode', 'in', [...missions]),
              ),
            ]
          : []),
        sql<SqlBool>`1 = 0`,
      ]),
    );
  }
  return query;
}

export async function countIncidents(db: Db, scope: IncidentListScope, status?: string): Promise<number> {
  const row = await scoped(db, scope, status)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listIncidents(
  db: Db,
  scope: IncidentListScope,
  status: string | undefined,
  limit: number,
  offset: number,
): Promise<IncidentRow[]> {
  return scoped(db, scope, status)
    .selectAll('incidents')
    .orderBy('incidents.createdAt', 'desc')
    .orderBy('incidents.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Cases per incident, counting only the given missions' cases when `missions` is set. */
export async function countCasesByIncident(
  db: Db,
  incidentIds: readonly string[],
  missions: readonly string[] | null,
): Promise<Map<string, number>> {
  if (incidentIds.length === 0) return new Map();
  let query = db
    .selectFrom('cases')
    .select(['incidentId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('incidentId', 'in', [...incidentIds]);
  if (missions) {
    query = missions.length > 0 ? query.where('missionCode', 'in', [...missions]) : query.where(sql<SqlBool>`1 = 0`);
  }
  const rows = await query.groupBy('incidentId').execute();
  return new Map(rows.map((r) => [r.incidentId ?? '', Number(r.n)]));
}

/** The countries the missions answer for: their host countries and every country of their districts. */
export async function countriesOfMissions(db: Db, missions: readonly string[]): Promise<string[]> {
  if (missions.length === 0) return [];
  const [hosts, districts] = await Promise.all([
    db
      .selectFrom('missions')
      .select('countryCode')
      .where('code', 'in', [...missions])
      .execute(),
    db
      .selectFrom('missionJurisdictions')
      .select('countryCode')
      .where('missionCode', 'in', [...missions])
      .execute(),
  ]);
  return [...new Set([...hosts, ...districts].map((r) => r.countryCode))].sort();
}

export async function hasCasesOfMissions(db: Db, incidentId: string, missions: readonly string[]): Promise<boolean> {
  if (missions.length === 0) return false;
  const row = await db
    .selectFrom('cases')
    .select('id')
    .where('incidentId', '=', incidentId)
    .where('missionCode', 'in', [...missions])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
