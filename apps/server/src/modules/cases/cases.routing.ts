import type { CaseLocationInput } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { findMissionForPlace } from '../missions/missions.jurisdiction.ts';

/**
 * The mission a case goes to, from where the help is needed: the mission whose consular district holds the
 * region, else the one covering the whole country, else the embassy in that country
 * (`findMissionForPlace`). Help requests (citizen app), the hotline and staff all route through here.
 * @throws ProblemError 422 `no_mission_for_place` when no mission answers for the country
 */
export async function routeCase(db: Db, location: Pick<CaseLocationInput, 'country' | 'region'>): Promise<string> {
  const missionCode = await findMissionForPlace(db, {
    countryCode: location.country,
    regionCode: location.region ?? null,
  });
  if (!missionCode) {
    const message = `no mission answers for ${location.country}`;
    throw new ProblemError(422, 'no_mission_for_place', message, [{ field: '/location/country', message }]);
  }
  return missionCode;
}
