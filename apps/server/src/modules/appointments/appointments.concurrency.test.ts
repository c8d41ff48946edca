import { expect, inject, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { createTestDatabase, describeEachDialect } from '../../../test/support/db.ts';
import { openDatabase } from '../../db/connect.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { buildSignedInCitizens } from './appointments.fixtures.ts';
import { claimSeat } from './appointments.repo.ts';
import { localDateOf } from './appointments.slots.ts';

const ZONE = 'America/New_York';

/**
 * The rush (issue 8): many people at once for few seats. Whatever the interleaving, every seat goes to one
 * person, everyone else gets a 409 with other times, and nobody sees a 5xx — on both engines.
 */
describeEachDialect('appointment booking under a rush', (getDb) => {
  it('gives 20 seats to 20 of 200 parallel requests: no double booking, no 5xx', async () => {
    const app = await buildTestApp(getDb());
    try {
      const { db } = getDb();
      const admin = await signInAs(app, 'admin@demo.homeward.example', DEMO_PASSWORD);
      // Two slots of ten counters each: 20 seats.
      const saved = await app.inject({
        method: 'PUT',
        url: '/api/v1/appointment-schedules/US-WAS/passport_renewal',
        headers: { ...JSON_WRITE, cookie: admin },
        payload: {
          slotMinutes: 60,
          counters: 10,
          hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 600, endMinute: 720 })),
          holidays: [],
        },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const day = localDateOf(new Date(Date.now() + 2 * 86_400_000), ZONE);
      const slots = (
        await app.inject({ url: `/api/v1/appointment-slots?mission=US-WAS&service=passport_renewal&date=${day}` })
      ).json().items as Array<{ start: string }>;
      expect(slots).toHaveLength(2);
      const people = await buildSignedInCitizens(db, 200);

      const responses = await Promise.all(
        people.map((person, i) =>
          app.inject({
            method: 'POST',
            url: '/api/v1/me/appointments',
            headers: { ...JSON_WRITE, cookie: person.cookie },
            payload: { missionCode: 'US-WAS', serviceId: 'passport_renewal', slotStart: slots[i % 2]?.start },
          }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(20);
      expect(statuses.filter((s) => s === 409)).toHaveLength(180);
      for (const r of responses.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('slot_full');

      const rows = await db
        .selectFrom('appointments')
        .select(['slotStart', 'seat', 'userId'])
        .where('serviceId', '=', 'passport_renewal')
        .where('status', '<>', 'cancelled')
        .execute();
      expect(rows).toHaveLength(20);
      expect(new Set(rows.map((r) => `${r.slotStart}#${r.seat}`)).size).toBe(20);
      expect(new Set(rows.map((r) => r.userId)).size).toBe(20);
      expect(rows.every((r) => r.seat >= 1 && r.seat <= 10)).toBe(true);
    } finally {
      await app.close();
    }
  }, 180_000);
});

/**
 * The database itself refuses a second holder of a seat: two PostgreSQL connections, each in its own open
 * transaction, both insert a claim for the last seat; one commits, the other gets no row.
 */
const wantsPostgres = (process.env.DB_DIALECTS ?? 'sqlite,postgres').includes('postgres');
it.skipIf(!wantsPostgres || Boolean(inject('pgSkipReason')))(
  'two PostgreSQL connections racing for one seat: one wins, one gets nothing',
  async () => {
    const tdb = await createTestDatabase('postgres');
    const second = await openDatabase(tdb.config.database);
    try {
      const { seedDemo } = await import('../demo/demo.seed.ts');
      await seedDemo(tdb.db, tdb.config.state.code);
      const [a, b] = await buildSignedInCitizens(tdb.db, 2, 'race');
      const row = (id: string, userId: string) => ({
        id,
        missionCode: 'US-WAS',
        serviceId: 'visa',
        slotStart: '2099-01-05T15:00:00.000Z',
        slotEnd: '2099-01-05T15:15:00.000Z',
        userId,
        applicationId: null,
        status: 'booked' as const,
        holdUntil: null,
        createdAt: '2026-11-28T00:00:00.000Z',
        updatedAt: '2026-11-28T00:00:00.000Z',
      });
      // Both transactions read "seat 1 is free" before either commits.
      const first = tdb.db.transaction().execute(async (trx) => {
        const seat = await claimSeat(trx, row('00000000-0000-7000-8000-000000000001', a?.id ?? ''), 1);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return seat;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const late = second.db
        .transaction()
        .execute((trx) => claimSeat(trx, row('00000000-0000-7000-8000-000000000002', b?.id ?? ''), 1));
      const [seatA, seatB] = await Promise.all([first, late]);
      expect(seatA).toBe(1);
      expect(seatB).toBeNull();
      const rows = await tdb.db.selectFrom('appointments').select(['userId', 'seat']).execute();
      expect(rows).toEqual([{ userId: a?.id, seat: 1 }]);
    } finally {
      await second.close();
      await tdb.close();
    }
  },
  30_000,
);
