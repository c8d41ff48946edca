import { listRegions } from '@homeward/gazetteer';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/db.ts';
import { findMissionForPlace, type Place, placeInMissions } from './missions.jurisdiction.ts';
import { importMissions, readMissionsFile } from './missions.service.ts';

const MISSIONS_FILE = new URL('./missions.cn.json', import.meta.url).pathname;

describeEachDialect('mission jurisdiction of a place', (getDb) => {
  beforeAll(async () => {
    await importMissions(getDb().db, readMissionsFile(MISSIONS_FILE));
  });

  it('answers by region, then whole country, then the embassy', async () => {
    const { db } = getDb();
    expect(await findMissionForPlace(db, { countryCode: 'US', regionCode: 'US-NY' })).toBe('US-NYC');
    expect(await findMissionForPlace(db, { countryCode: 'US', regionCode: 'US-VA' })).toBe('US-WAS');
    // Known only by its country, in a country split by region: the embassy.
    expect(await findMissionForPlace(db, { countryCode: 'US', regionCode: null })).toBe('US-WAS');
    expect(await findMissionForPlace(db, { countryCode: 'SG', regionCode: null })).toBe('SG-SIN');
    expect(await findMissionForPlace(db, { countryCode: 'AQ', regionCode: null })).toBeNull();
  });

  it('scopes rows in SQL exactly as findMissionForPlace decides, for every region of every district country', async () => {
    const { db } = getDb();
    const countries = (await db.selectFrom('missionJurisdictions').select('countryCode').distinct().execute()).map(
      (r) => r.countryCode,
    );
    const places: Place[] = countries.flatMap((country) => [
      { countryCode: country, regionCode: null },
      ...listRegions(country).map((r) => ({ countryCode: country, regionCode: r.code })),
    ]);
    const codes = (await db.selectFrom('missions').select('code').execute()).map((r) => r.code);
    expect(places.length).toBeGreaterThan(200);
    for (const mission of ['US-WAS', 'US-NYC', 'JP-TYO', 'JP-OSA', 'GB-LON', 'SG-SIN'].filter((c) =>
      codes.includes(c),
    )) {
      const expected: string[] = [];
      for (const place of places)
        if ((await findMissionForPlace(db, place)) === mission)
          expected.push(`${place.countryCode}/${place.regionCode}`);
      // SQLite allows 500 terms per compound SELECT: ask in chunks.
      const got: string[] = [];
      for (let from = 0; from < places.length; from += 400) {
        const rows = places
          .slice(from, from + 400)
          .map(
            (p, i) => sql`select ${from + i} as n, ${p.countryCode} as country_code, ${p.regionCode} as region_code`,
          );
        const matched = await sql<{ n: number }>`select t.n from (${sql.join(rows, sql` union all `)}) t
          where ${placeInMissions('t', [mission])} order by t.n`.execute(db);
        for (const r of matched.rows) {
          const place = places[Number(r.n)] as Place;
          got.push(`${place.countryCode}/${place.regionCode}`);
        }
      }
      expect(got, mission).toEqual(expected);
      expect(expected.length, mission).toBeGreaterThan(0);
    }
  });

  it('matches nothing for no missions', async () => {
    const { db } = getDb();
    const matched = await sql<{ n: number }>`select 1 as n from (select 'US' as country_code, 'US-NY' as region_code) t
      where ${placeInMissions('t', [])}`.execute(db);
    expect(matched.rows).toEqual([]);
  });
});
