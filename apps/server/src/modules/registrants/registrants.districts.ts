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
