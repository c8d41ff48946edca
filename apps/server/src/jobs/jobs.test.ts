import pino from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/db.ts';
import { openDatabase } from '../db/connect.ts';
import {
  claimJobs,
  completeJob,
  countJobsByStatus,
  failJob,
  findJob,
  insertJobs,
  renewJobLeases,
} from './jobs.repo.ts';
import { retryDelayMs, startWorker } from './jobs.worker.ts';

const silent = pino({ level: 'silent' });

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('retryDelayMs', () => {
  it('grows exponentially with jitter and is capped at an hour', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(2000);
    expect(retryDelayMs(3, () => 0.5)).toBe(8000);
    expect(retryDelayMs(2, () => 0)).toBe(3000);
    expect(retryDelayMs(40, () => 1)).toBe(4_500_000);
  });
});

describeEachDialect('durable job queue', (getDb) => {
  beforeEach(async () => {
    await getDb().db.deleteFrom('jobs').execute();
  });

  it('claims due jobs once, in priority order, and leaves future ones', async () => {
    const { db } = getDb();
    await insertJobs(db, [
      { kind: 'a', payload: { n: 1 }, priority: 200 },
      { kind: 'b', payload: { n: 2 }, priority: 10 },
      { kind: 'c', payload: {}, runAt: new Date(Date.now() + 60_000) },
    ]);
    const claimed = await claimJobs(db, 'w1', 10, 60_000);
    expect(claimed.map((j) => j.kind)).toEqual(['b', 'a']);
    expect(claimed.every((j) => j.attempts === 1 && j.lockedBy === 'w1')).toBe(true);
    expect(await claimJobs(db, 'w2', 10, 60_000)).toEqual([]);
  });

  it('deduplicates by key, so a retried request enqueues once', async () => {
    const { db } = getDb();
    const first = await insertJobs(db, [{ kind: 'mail', payload: {}, dedupeKey: 'welcome:42' }]);
    const again = await insertJobs(db, [{ kind: 'mail', payload: {}, dedupeKey: 'welcome:42' }]);
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    expect(await countJobsByStatus(db)).toEqual({ queued: 1 });
  });

  it('gives a job whose worker died to another worker once the lease runs out', async () => {
    const { db } = getDb();
    const [id] = await insertJobs(db, [{ kind: 'x', payload: {} }]);
    const now = new Date();
    expect(await claimJobs(db, 'dead', 1, 1_000, now)).toHaveLength(1);
    expect(await claimJobs(db, 'alive', 1, 1_000, new Date(now.getTime() + 500))).toEqual([]);
    const reclaimed = await claimJobs(db, 'alive', 1, 1_000, new Date(now.getTime() + 2_000));
    expect(reclaimed.map((j) => [j.id, j.attempts])).toEqual([[id, 2]]);
    // The dead worker's late completion must not count: the job belongs to its new worker.
    expect(await completeJob(db, id as string, 'dead')).toBe(false);
    expect(await completeJob(db, id as string, 'alive')).toBe(true);
    expect((await findJob(db, id as string))?.status).toBe('done');
  });

  it('retries a failure later and fails for good when told so', async () => {
    const { db } = getDb();
    const [id] = await insertJobs(db, [{ kind: 'x', payload: {} }]);
    await claimJobs(db, 'w', 1, 60_000);
    await failJob(db, id as string, 'w', 'smtp down', new Date(Date.now() + 60_000));
    expect(await findJob(db, id as string)).toMatchObject({ status: 'queued', lastError: 'smtp down', attempts: 1 });
    expect(await claimJobs(db, 'w', 1, 60_000)).toEqual([]);
    await db
      .updateTable('jobs')
      .set({ runAt: new Date(0).toISOString() })
      .execute();
    await claimJobs(db, 'w', 1, 60_000);
    await failJob(db, id as string, 'w', 'still down', null);
    expect(await findJob(db, id as string)).toMatchObject({ status: 'failed', lastError: 'still down' });
  });

  it('never hands the same job to two workers claiming at once from separate connections', async () => {
    const { db, config } = getDb();
    await insertJobs(
      db,
      Array.from({ length: 200 }, (_, n) => ({ kind: 'x', payload: { n } })),
    );
    const others = await Promise.all([1, 2, 3].map(() => openDatabase(config.database)));
    try {
      const handles = [db, ...others.map((o) => o.db)];
      const seen: string[] = [];
      await Promise.all(
        handles.map(async (handle, w) => {
          for (;;) {
            const batch = await claimJobs(handle, `w${w}`, 7, 60_000);
            if (batch.length === 0) return;
            seen.push(...batch.map((j) => j.id));
          }
        }),
      );
      expect(seen).toHaveLength(200);
      expect(new Set(seen).size).toBe(200);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });

  it('runs handlers in a worker loop, retries failures, and finishes jobs in hand on stop', async () => {
    const { db } = getDb();
    const ran: number[] = [];
    let flaky = 0;
    const worker = startWorker({
      db,
      log: silent,
      pollMs: 20,
      concurrency: 3,
      handlers: {
        'test.record': async (_ctx, payload) => {
          ran.push((payload as { n: number }).n);
        },
        'test.flaky': async () => {
          flaky++;
          if (flaky === 1) throw new Error('first try fails');
        },
      },
    });
    try {
      await insertJobs(
        db,
        [1, 2, 3, 4, 5].map((n) => ({ kind: 'test.record', payload: { n } })),
      );
      const [flakyId] = await insertJobs(db, [{ kind: 'test.flaky', payload: {} }]);
      await insertJobs(db, [{ kind: 'test.unknown', payload: {} }]);
      await until(async () => ran.length === 5);
      expect(ran.sort()).toEqual([1, 2, 3, 4, 5]);
      // Pull the flaky job's retry forward instead of waiting for its backoff.
      await until(async () => (await findJob(db, flakyId as string))?.status === 'queued');
      await db
        .updateTable('jobs')
        .set({ runAt: new Date(0).toISOString() })
        .where('id', '=', flakyId as string)
        .execute();
      worker.nudge();
      await until(async () => (await findJob(db, flakyId as string))?.status === 'done');
      expect(flaky).toBe(2);
      const unknown = await db.selectFrom('jobs').selectAll().where('kind', '=', 'test.unknown').executeTakeFirst();
      expect(unknown).toMatchObject({ status: 'failed', lastError: 'no handler for job kind "test.unknown"' });
    } finally {
      await worker.stop(1_000);
    }
  });

  it('keeps the lease of a job that runs longer than one lease, so a second worker does not run it too', async () => {
    const { db } = getDb();
    const runs: string[] = [];
    let finish: () => void = () => {};
    const handler = (name: string) => async () => {
      runs.push(name);
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
    };
    const first = startWorker({
      db,
      log: silent,
      pollMs: 20,
      concurrency: 1,
      leaseMs: 300,
      handlers: { long: handler('first') },
    });
    const [id] = await insertJobs(db, [{ kind: 'long', payload: {} }]);
    await until(async () => runs.length === 1);
    const second = startWorker({
      db,
      log: silent,
      pollMs: 20,
      concurrency: 1,
      leaseMs: 300,
      handlers: { long: handler('second') },
    });
    try {
      // Four leases long: without renewal the second worker would take the job over after the first.
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      expect(runs).toEqual(['first']);
      const held = await findJob(db, id as string);
      expect(held).toMatchObject({ status: 'running', lockedBy: first.id, attempts: 1 });
      expect(Date.parse(held?.lockedUntil as string)).toBeGreaterThan(Date.now());
      finish();
      await until(async () => (await findJob(db, id as string))?.status === 'done');
      expect(runs).toEqual(['first']);
    } finally {
      finish();
      await Promise.all([first.stop(1_000), second.stop(1_000)]);
    }
  });

  it('a worker that stops renewing (it died) loses its long job to another worker after the lease', async () => {
    const { db } = getDb();
    const [id] = await insertJobs(db, [{ kind: 'long', payload: {} }]);
    expect(await claimJobs(db, 'dead', 1, 300)).toHaveLength(1);
    expect(await renewJobLeases(db, [id as string], 'dead', 300)).toEqual([]);
    const ran: string[] = [];
    const alive = startWorker({
      db,
      log: silent,
      pollMs: 20,
      concurrency: 1,
      leaseMs: 300,
      handlers: { long: async () => void ran.push('alive') },
    });
    try {
      await until(async () => (await findJob(db, id as string))?.status === 'done');
      expect(ran).toEqual(['alive']);
      // The dead worker's late renewal finds the job no longer its own.
      expect(await renewJobLeases(db, [id as string], 'dead', 300)).toEqual([id]);
    } finally {
      await alive.stop(1_000);
    }
  });

  it('on stop, finishes the job in hand and claims no more', async () => {
    const { db } = getDb();
    let release: () => void = () => {};
    const started: number[] = [];
    const finished: number[] = [];
    const worker = startWorker({
      db,
      log: silent,
      pollMs: 20,
      concurrency: 1,
      handlers: {
        'test.slow': async (_ctx, payload) => {
          const { n } = payload as { n: number };
          started.push(n);
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          finished.push(n);
        },
      },
    });
    await insertJobs(
      db,
      [1, 2].map((n) => ({ kind: 'test.slow', payload: { n }, priority: n })),
    );
    await until(async () => started.length === 1);
    const stopping = worker.stop(5_000);
    setTimeout(() => release(), 100);
    await stopping;
    expect(finished).toEqual([1]);
    expect(await countJobsByStatus(db)).toEqual({ done: 1, queued: 1 });
  });
});
