import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/db.ts';
import { newId } from '../../clock.ts';
import { loadConfig } from '../../config.ts';
import type { JobRow } from '../../jobs/jobs.repo.ts';
import { maintenanceHandlers } from '../../jobs/maintenance.jobs.ts';
import { PURGE_TRIPS_JOB, purgeEndedTrips } from './registry.purge.jobs.ts';
import { insertDependents, insertPersons, insertPresences, type NewPresence } from './registry.repo.ts';
import { daysBefore, utcDay } from './registry.rules.ts';

describeEachDialect('registry: purging past trips', (getDb) => {
  const personId = newId();
  const dependentId = newId();
  beforeAll(async () => {
    const { db } = getDb();
    const at = '2026-01-01T00:00:00.000Z';
    await insertPersons(db, [
      { id: personId, familyName: 'PURGE', givenName: 'Test', locale: 'en', createdAt: at, updatedAt: at },
    ]);
    await insertDependents(db, [
      {
        id: dependentId,
        personId,
        familyName: 'PURGE',
        givenName: 'Kid',
        relationship: 'child',
        createdAt: at,
        updatedAt: at,
      },
    ]);
  });
  afterAll(async () => {
    await getDb().db.deleteFrom('persons').where('id', '=', personId).execute();
  });

  const presence = (kind: NewPresence['kind'], arrivalOn: string, departureOn: string | null, dependent = false) => ({
    id: newId(),
    personId,
    dependentId: dependent ? dependentId : null,
    kind,
    countryCode: 'JP',
    regionCode: 'JP-13',
    cityId: null,
    lat: 35.6895,
    lon: 139.69171,
    preciseConsent: false,
    arrivalOn,
    departureOn,
    purpose: null,
    createdAt: '2026-01-01T00:00:00.000Z',
  });

  const left = async () =>
    (
      await getDb().db.selectFrom('presences').select('id').where('personId', '=', personId).orderBy('id').execute()
    ).map((r) => r.id);

  it('deletes trips that ended more than the retention period ago, dependents’ copies too, never residences', async () => {
    const { db } = getDb();
    const now = new Date('2026-11-28T12:00:00Z');
    const old = presence('trip', '2025-10-01', '2025-11-27');
    const oldCopy = presence('trip', '2025-10-01', '2025-11-27', true);
    const boundary = presence('trip', '2025-11-01', '2025-11-28'); // exactly 365 days ago: kept
    const recent = presence('trip', '2026-11-01', '2026-11-10');
    const oldHome = presence('residence', '2001-01-01', '2010-01-01');
    const home = presence('residence', '2020-01-01', null);
    await insertPresences(db, [old, oldCopy, boundary, recent, oldHome, home]);

    expect(await purgeEndedTrips(db, 365, now)).toBe(2);
    expect(await left()).toEqual([boundary.id, recent.id, oldHome.id, home.id].sort());
    expect(await purgeEndedTrips(db, 365, now)).toBe(0);
    // A day later the boundary trip is past retention; with 10 days the recent one goes as well.
    expect(await purgeEndedTrips(db, 365, new Date('2026-11-29T00:00:00Z'))).toBe(1);
    expect(await purgeEndedTrips(db, 10, now)).toBe(1);
    expect(await left()).toEqual([oldHome.id, home.id].sort());
  });

  it('runs as the recurring maintenance job with HOMEWARD_TRIP_RETENTION_DAYS', async () => {
    const { db } = getDb();
    const today = utcDay(new Date());
    const gone = presence('trip', daysBefore(today, 40), daysBefore(today, 31));
    const kept = presence('trip', daysBefore(today, 40), daysBefore(today, 29));
    await insertPresences(db, [gone, kept]);
    const handler = maintenanceHandlers(loadConfig({ HOMEWARD_TRIP_RETENTION_DAYS: '30' }))[PURGE_TRIPS_JOB];
    if (!handler) throw new Error('no purge handler');
    // The handler reads neither the job row nor the payload.
    await handler({ db, log: pino({ level: 'silent' }), job: {} as JobRow }, {});
    const ids = await left();
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(gone.id);
  });
});
