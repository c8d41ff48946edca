import type { Kysely, Selectable } from 'kysely';
import { isoAt, isoNow, newId } from '../clock.ts';
import { dialectOf } from '../db/dialect/dialect.ts';
import type { Database, Db } from '../db/schema.ts';
import type { JobsTable } from '../db/tables/jobs.table.ts';

export type JobRow = Selectable<JobsTable>;

export interface NewJob {
  kind: string;
  payload: unknown;
  runAt?: Date;
  priority?: number;
  maxAttempts?: number;
  /** At most one job ever exists with this key: enqueueing it again is a no-op. */
  dedupeKey?: string;
}

function toRow(job: NewJob, now: string) {
  return {
    id: newId(),
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? null),
    status: 'queued' as const,
    priority: job.priority ?? 100,
    runAt: job.runAt ? job.runAt.toISOString() : now,
    attempts: 0,
    maxAttempts: job.maxAttempts ?? 10,
    dedupeKey: job.dedupeKey ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Inserts jobs in the caller's transaction (outbox); returns the ids of those not deduplicated away. */
export async function insertJobs(db: Db, jobs: NewJob[]): Promise<string[]> {
  if (jobs.length === 0) return [];
  const now = isoNow();
  const inserted = await db
    .insertInto('jobs')
    .values(jobs.map((job) => toRow(job, now)))
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .execute();
  return inserted.map((row) => row.id);
}

/**
 * Claims up to `limit` due jobs for one worker in a single statement.
 * A running job whose lease ran out (its worker died) is due again: nothing acknowledged is lost.
 */
export async function claimJobs(
  db: Kysely<Database>,
  workerId: string,
  limit: number,
  leaseMs: number,
  now: Date = new Date(),
): Promise<JobRow[]> {
  const nowIso = isoNow(now);
  const due = dialectOf(db).lockSkipLocked(
    db
      .selectFrom('jobs')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('runAt', '<=', nowIso)]),
          eb.and([eb('status', '=', 'running'), eb('lockedUntil', '<', nowIso)]),
        ]),
      )
      .orderBy('priority')
      .orderBy('runAt')
      .limit(limit),
  );
  const claimed = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      lockedBy: workerId,
      lockedUntil: isoAt(leaseMs, now),
      attempts: eb('attempts', '+', 1),
      updatedAt: nowIso,
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  // RETURNING keeps no order on either engine; hand jobs out in the order they were chosen.
  return claimed.sort((a, b) => a.priority - b.priority || a.runAt.localeCompare(b.runAt));
}

/** Marks a job done, only if this worker still holds it (a reclaimed job belongs to its new worker). */
export async function completeJob(db: Db, id: string, workerId: string): Promise<boolean> {
  const now = isoNow();
  const result = await db
    .updateTable('jobs')
    .set({ status: 'done', lockedBy: null, lockedUntil: null, finishedAt: now, updatedAt: now, lastError: null })
    .where('id', '=', id)
    .where('lockedBy', '=', workerId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Extends the leases of running jobs this worker still holds, so a job that runs longer than one lease is not
 * taken for abandoned and run a second time beside it. Returns the ids it no longer holds (another worker took
 * them over, or they were finished).
 */
export async function renewJobLeases(
  db: Db,
  ids: readonly string[],
  workerId: string,
  leaseMs: number,
  now: Date = new Date(),
): Promise<string[]> {
  if (ids.length === 0) return [];
  const renewed = await db
    .updateTable('jobs')
    .set({ lockedUntil: isoAt(leaseMs, now) })
    .where('id', 'in', [...ids])
    .where('lockedBy', '=', workerId)
    .where('status', '=', 'running')
    .returning('id')
    .execute();
  const held = new Set(renewed.map((row) => row.id));
  return ids.filter((id) => !held.has(id));
}

/** Records a failure: back in the queue at `retryAt`, or failed for good when `retryAt` is null. */
export async function failJob(db: Db, id: string, workerId: string, error: string, retryAt: Date | null) {
  const now = isoNow();
  await db
    .updateTable('jobs')
    .set({
      status: retryAt ? 'queued' : 'failed',
      runAt: retryAt ? retryAt.toISOString() : undefined,
      lockedBy: null,
      lockedUntil: null,
      lastError: error.slice(0, 2000),
      finishedAt: retryAt ? null : now,
      updatedAt: now,
    })
    .where('id', '=', id)
    .where('lockedBy', '=', workerId)
    .execute();
}

export async function countJobsByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}

export async function findJob(db: Db, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Deletes finished jobs older than the cut-off; failed ones stay for inspection. */
export async function deleteFinishedJobs(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finishedAt', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
