import { expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/db.ts';
import { openDatabase } from '../../db/connect.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { claimSeat } from './campaigns.registrations.repo.ts';

/**
 * The database itself refuses a second holder of a campaign seat and a second seat for one registration: two
 * PostgreSQL connections, each in its own open transaction, claim the same last seat (and, in the second round,
 * two seats for one registration); one insert wins, the other gets no row and no error.
 */
const wantsPostgres = (process.env.DB_DIALECTS ?? 'sqlite,postgres').includes('postgres');
it.skipIf(!wantsPostgres || Boolean(inject('pgSkipReason')))(
  'two PostgreSQL connections racing for one campaign seat: one wins, one gets nothing',
  async () => {
    const tdb = await createTestDatabase('postgres');
    const second = await openDatabase(tdb.config.database);
    try {
      await seedDemo(tdb.db, tdb.config.state.code);
      const campaign = await tdb.db
        .selectFrom('campaigns')
        .select('id')
        .where('code', '=', 'VAX-2026')
        .executeTakeFirstOrThrow();
      const session = await tdb.db
        .selectFrom('campaignSessions')
        .select(['id', 'siteId'])
        .where('campaignId', '=', campaign.id)
        .executeTakeFirstOrThrow();
      const waiting = await tdb.db
        .selectFrom('campaignRegistrations')
        .select('id')
        .where('campaignId', '=', campaign.id)
        .where('status', '=', 'waiting')
        .limit(2)
        .execute();
      const [a, b] = waiting.map((r) => r.id);
      if (!a || !b) throw new Error('the demo campaign has people waiting');
      const seat = (registrationId: string, slotStart: string) => ({
        sessionId: session.id,
        slotStart,
        slotEnd: '2099-01-05T15:15:00.000Z',
        registrationId,
        campaignId: campaign.id,
        siteId: session.siteId,
        createdAt: '2026-11-28T00:00:00.000Z',
      });
      const race = async (first: ReturnType<typeof seat>, late: ReturnType<typeof seat>) => {
        // Both transactions read "seat 1 is free" before either commits.
        const held = tdb.db.transaction().execute(async (trx) => {
          const given = await claimSeat(trx, first, 1);
          await new Promise((resolve) => setTimeout(resolve, 300));
          return given;
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        const lost = second.db.transaction().execute((trx) => claimSeat(trx, late, 1));
        return Promise.all([held, lost]);
      };
      // Two people, one seat.
      expect(await race(seat(a, '2099-01-05T15:00:00.000Z'), seat(b, '2099-01-05T15:00:00.000Z'))).toEqual([1, null]);
      // One person, two seats (two allocation runs at once).
      expect(await race(seat(b, '2099-01-05T16:00:00.000Z'), seat(b, '2099-01-05T17:00:00.000Z'))).toEqual([1, null]);
      const rows = await tdb.db
        .selectFrom('campaignSeats')
        .select(['registrationId', 'slotStart'])
        .where('slotStart', '>=', '2099-01-01')
        .orderBy('slotStart')
        .execute();
      expect(rows).toEqual([
        { registrationId: a, slotStart: '2099-01-05T15:00:00.000Z' },
        { registrationId: b, slotStart: '2099-01-05T16:00:00.000Z' },
      ]);
    } finally {
      await second.close();
      await tdb.close();
    }
  },
  30_000,
);
