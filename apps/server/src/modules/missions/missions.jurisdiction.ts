import { type Expression, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

/**
 * Which mission answers for a place (a registrant's presence, a business site, a case's location):
 * 1. the mission whose consular district names the place's admin-1 region;
 * 2. otherwise the mission whose district is the whole country;
 * 3. otherwise (a region nobody claims, or a place known only by its country in a country split by region)
 *    the embassy in that country.
 * Districts never overlap (missions.service refuses it), so at most one mission matches each rule.
 */
export interface Place {
  countryCode: string;
  regionCode: string | null;
}

/**
 * A WHERE condition true for the rows of `alias` (a table or alias with `country_code` and `region_code`
 * columns) whose place is answered for by one of `missionCodes`. Used to scope staff lists by jurisdiction on
 * both engines with plain correlated subqueries.
 */
export function placeInMissions(alias: string, missionCodes: readonly string[]): Expression<SqlBool> {
  if (missionCodes.length === 0) return sql<SqlBool>`1 = 0`;
  const country = sql.ref(`${alias}.country_code`);
  const region = sql.ref(`${alias}.region_code`);
  const codes = sql.join(missionCodes.map((c) => sql`${c}`));
  return sql<SqlBool>`(
    exists (select 1 from mission_jurisdictions j
      where j.mission_code in (${codes}) and j.country_code = ${country}
        and (j.region_code = ${region} or j.region_code = ''))
    or (
      exists (select 1 from missions m
        where m.code in (${codes}) and m.kind = 'embassy' and m.country_code = ${country})
      and not exists (select 1 from mission_jurisdictions c
        where c.country_code = ${country} and (c.region_code = '' or c.region_code = ${region}))
    )
  )`;
}

/** The code of the mission that answers for a place, or null when the ministry has no mission there. */
export async function findMissionForPlace(db: Db, place: Place): Promise<string | null> {
  const claims = await db
    .selectFrom('missionJurisdictions')
    .select(['missionCode', 'regionCode'])
    .where('countryCode', '=', place.countryCode)
    .execute();
  const byRegion = place.regionCode ? claims.find((c) => c.regionCode === place.regionCode) : undefined;
  if (byRegion) return byRegion.missionCode;
  const whole = claims.find((c) => c.regionCode === '');
  if (whole) return whole.missionCode;
  const embassy = await db
    .selectFrom('missions')
    .select('code')
    .where('countryCode', '=', place.countryCode)
    .where('kind', '=', 'embassy')
    .orderBy('code')
    .executeTakeFirst();
  return embassy?.code ?? null;
}
