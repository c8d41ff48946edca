import { type Expression, type SqlBool, sql } from 'kysely';
import type { Place } from '../missions/missions.jurisdiction.ts';

export interface Districts {
  claims: readonly { missionCode: string; countryCode: string; regionCode: string }[];
  embassies: readonly { code: string; countryCode: string }[];
}

/**
 * The rule of `findMissionForPlace` (region claim, then whole-country claim, then the embassy), over districts
 * loaded once: a page of the table or a 100,000-row export asks it for every row. Checked against
 * `findMissionForPlace` in registrants.test.ts.
 */
export function missionResolver(districts: Districts): (place: Place) => string | null {
  const byRegion = new Map<string, string>();
  const byCountry = new Map<string, string>();
  const embassy = new Map<string, string>();
  for (const c of districts.claims) {
    if (c.regionCode === '') byCountry.set(c.countryCode, c.missionCode);
    else byRegion.set(c.regionCode, c.missionCode);
  }
  for (const e of districts.embassies) if (!embassy.has(e.countryCode)) embassy.set(e.countryCode, e.code);
  return (place) =>
    (place.regionCode ? byRegion.get(place.regionCode) : undefined) ??
    byCountry.get(place.countryCode) ??
    embassy.get(place.countryCode) ??
    null;
}

/**
 * The places `missions` answer for, as a plain SQL condition on `alias` (country_code, region_code): the same
 * rule as `missionResolver`, unrolled over districts loaded once into IN lists, so that checking a row costs a
 * few comparisons instead of the correlated lookups of `placeInMissions`. Regions of a country that another
 * mission claims are carved out of a whole-country claim and of an embassy's fallback.
 */
export function placeInDistricts(
  alias: string,
  districts: Districts,
  missions: readonly string[],
): Expression<SqlBool> {
  const country = sql.ref(`${alias}.country_code`);
  const region = sql.ref(`${alias}.region_code`);
  const mine = new Set(missions);
  const claimedRegions = new Map<string, string[]>();
  const wholeCountry = new Map<string, string>();
  for (const c of districts.claims) {
    if (c.regionCode === '') wholeCountry.set(c.countryCode, c.missionCode);
    else claimedRegions.set(c.countryCode, [...(claimedRegions.get(c.countryCode) ?? []), c.regionCode]);
  }
  const parts: Expression<SqlBool>[] = [];
  const ownRegions = districts.claims
    .filter((c) => c.regionCode !== '' && mine.has(c.missionCode))
    .map((c) => c.regionCode);
  if (ownRegions.length > 0) parts.push(sql<SqlBool>`${region} in (${sql.join(ownRegions)})`);
  const rest = (code: string) => {
    const taken = claimedRegions.get(code) ?? [];
    return taken.length === 0
      ? sql<SqlBool>`${country} = ${code}`
      : sql<SqlBool>`(${country} = ${code} and (${region} is null or ${region} not in (${sql.join(taken)})))`;
  };
  for (const [code, mission] of wholeCountry) if (mine.has(mission)) parts.push(rest(code));
  const embassies = new Set<string>();
  for (const e of districts.embassies) {
    if (!mine.has(e.code) || wholeCountry.has(e.countryCode) || embassies.has(e.countryCode)) continue;
    // The first embassy in a country (by code) answers there, as in `missionResolver`.
    if (districts.embassies.find((x) => x.countryCode === e.countryCode)?.code !== e.code) continue;
    embassies.add(e.countryCode);
    parts.push(rest(e.countryCode));
  }
  return parts.length === 0 ? sql<SqlBool>`1 = 0` : sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
