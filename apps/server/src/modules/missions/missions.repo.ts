import type { Selectable } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { MissionJurisdictionsTable, MissionsTable } from '../../db/tables/missions.table.ts';

export type MissionRow = Selectable<MissionsTable>;
export type JurisdictionRow = Selectable<MissionJurisdictionsTable>;

export interface MissionFilter {
  country?: string;
  q?: string;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtered(db: Db, filter: MissionFilter) {
  let query = db.selectFrom('missions');
  if (filter.country) {
    const country = filter.country;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('missionJurisdictions as j')
          .select('j.missionCode')
          .whereRef('j.missionCode', '=', 'missions.code')
          .where('j.countryCode', '=', country),
      ),
    );
  }
  if (filter.q) {
    const like = dialectOf(db).likeInsensitive;
    const pattern = `%${escapeLike(filter.q)}%`;
    query = query.where((eb) =>
      eb.or(
        (['code', 'nameZh', 'nameEn', 'cityZh', 'cityEn'] as const).map((column) =>
          eb(eb.ref(column), like, eb.val(pattern)),
        ),
      ),
    );
  }
  return query;
}

/** Every matching mission, unordered: a ministry has a few hundred, and the service sorts them by locale. */
export async function listMissions(db: Db, filter: MissionFilter): Promise<MissionRow[]> {
  return filtered(db, filter).selectAll().execute();
}

export async function findMission(db: Db, code: string): Promise<MissionRow | undefined> {
  return db.selectFrom('missions').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findMissionCodes(db: Db, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom('missions').select('code').where('code', 'in', codes).execute();
  return rows.map((r) => r.code);
}

export async function listJurisdictions(db: Db, missionCodes: string[]): Promise<JurisdictionRow[]> {
  if (missionCodes.length === 0) return [];
  return db
    .selectFrom('missionJurisdictions')
    .selectAll()
    .where('missionCode', 'in', missionCodes)
    .orderBy('countryCode')
    .orderBy('regionCode')
    .execute();
}

/** Replaces one mission and its consular district (idempotent: seeding twice changes nothing). */
export async function upsertMission(db: Db, mission: MissionRow, jurisdictions: JurisdictionRow[]): Promise<void> {
  const { code, createdAt: _createdAt, ...changes } = mission;
  await db
    .insertInto('missions')
    .values(mission)
    .onConflict((oc) => oc.column('code').doUpdateSet(changes))
    .execute();
  await db.deleteFrom('missionJurisdictions').where('missionCode', '=', code).execute();
  if (jurisdictions.length > 0) await db.insertInto('missionJurisdictions').values(jurisdictions).execute();
}

/**
 * The claims of missions other than `code` that overlap these countries and regions: the same country or region,
 * a whole country that holds one of the regions, or a region inside one of the whole countries.
 */
export async function findClaimsByOthers(
  db: Db,
  code: string,
  countries: string[],
  regions: string[],
): Promise<JurisdictionRow[]> {
  if (countries.length === 0 && regions.length === 0) return [];
  const regionCountries = [...new Set(regions.map((r) => r.slice(0, 2)))];
  return db
    .selectFrom('missionJurisdictions')
    .selectAll()
    .where('missionCode', '!=', code)
    .where((eb) =>
      eb.or([
        ...(countries.length > 0 ? [eb('countryCode', 'in', countries)] : []),
        ...(regions.length > 0
          ? [
              eb('regionCode', 'in', regions),
              eb.and([eb('regionCode', '=', ''), eb('countryCode', 'in', regionCountries)]),
            ]
          : []),
      ]),
    )
    .orderBy('missionCode')
    .orderBy('countryCode')
    .orderBy('regionCode')
    .execute();
}
