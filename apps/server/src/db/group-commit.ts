import { type Kysely, sql, type Transaction } from 'kysely';
import { dialectOf } from './dialect/dialect.ts';
import { sqliteOps } from './dialect/sqlite.ts';
import type { Database } from './schema.ts';

/** A piece of work that changes the database; it must use only the transaction it is given. */
export type CommitUnit<T> = (trx: Transaction<Database>) => Promise<T>;

export interface GroupCommit {
  /**
   * Runs `unit` and resolves once its changes are committed (durable under SQLite's synchronous=FULL), or
   * rejects with the unit's own error after its changes were rolled back. Other units never see it fail.
   */
  run<T>(unit: CommitUnit<T>): Promise<T>;
  /** Waits for the queued units to commit; later `run` calls are refused. */
  close(): Promise<void>;
  /** Committed batches and units so far (for the benchmark and tests). */
  readonly stats: { batches: number; units: number };
}

interface Queued {
  unit: CommitUnit<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit (decision 0012). SQLite with synchronous=FULL pays one fsync per commit, which caps a
 * write-per-request API at a few hundred requests a second. Here one writer takes every unit queued since
 * its last commit, runs them in ONE transaction, each inside a SAVEPOINT (a failing unit is rolled back to
 * its savepoint and rejects alone), commits once, and only then resolves them all: the caller answers the
 * HTTP request after that, so nothing acknowledged can be lost. While a batch commits, the next one
 * queues up, so batches grow with the load by themselves; there is no timer and no added latency when idle.
 *
 * PostgreSQL has many connections and commits concurrently; there each unit runs in its own transaction.
 */
export function createGroupCommit(db: Kysely<Database>, options: { maxBatch?: number } = {}): GroupCommit {
  const maxBatch = options.maxBatch ?? 256;
  const stats = { batches: 0, units: 0 };
  let closed = false;

  if (dialectOf(db).name === 'postgres') {
    const inFlight = new Set<Promise<unknown>>();
    return {
      stats,
      run<T>(unit: CommitUnit<T>): Promise<T> {
        if (closed) return Promise.reject(new Error('group commit is closed'));
        const done = db
          .transaction()
          .execute(unit)
          .then((value) => {
            stats.batches++;
            stats.units++;
            return value;
          });
        const tracked = done.catch(() => {}).finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
        return done;
      },
      async close() {
        closed = true;
        await Promise.all(inFlight);
      },
    };
  }

  const queue: Queued[] = [];
  let writing: Promise<void> | null = null;

  /** Runs one batch: the units queued by the time the connection is ours, each in its own savepoint. */
  async function runBatch(): Promise<{ batch: Queued[]; outcomes: Outcome[] }> {
    let batch: Queued[] = [];
    const outcomes: Outcome[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        // Take SQLite's write lock first (another process may write too): a unit that reads before it writes
        // would otherwise fail with SQLITE_BUSY when the transaction upgrades (busy_timeout does not cover it).
        await sqliteOps.lockChain(trx, 0);
        // Taken only now: requests that queued while this transaction waited for SQLite's one connection join it.
        batch = queue.splice(0, maxBatch);
        for (const item of batch) {
          await sql`savepoint group_unit`.execute(trx);
          try {
            const value = await item.unit(trx);
            await sql`release savepoint group_unit`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to savepoint group_unit`.execute(trx);
            await sql`release savepoint group_unit`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed (disk full, I/O error): nothing of this batch is stored.
      for (const item of batch) item.reject(error);
      return { batch: [], outcomes: [] };
    }
    return { batch, outcomes };
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      // Yield a turn of the event loop before taking the connection: requests that arrived meanwhile finish
      // their reads (session, lookups) on SQLite's one connection and queue their units for this batch,
      // instead of each advancing one query per batch behind the writer (a convoy of tiny batches).
      await new Promise<void>((resolve) => setImmediate(resolve));
      const { batch, outcomes } = await runBatch();
      if (batch.length === 0) continue;
      stats.batches++;
      stats.units += outcomes.filter((o) => o.ok).length;
      for (const [index, item] of batch.entries()) {
        const outcome = outcomes[index];
        if (outcome?.ok) item.resolve(outcome.value);
        else item.reject(outcome ? outcome.error : new Error('unit did not run'));
      }
    }
    writing = null;
  }

  return {
    stats,
    run<T>(unit: CommitUnit<T>): Promise<T> {
      if (closed) return Promise.reject(new Error('group commit is closed'));
      return new Promise<T>((resolve, reject) => {
        queue.push({ unit, resolve: resolve as (value: unknown) => void, reject });
        writing ??= drain();
      });
    },
    async close() {
      closed = true;
      while (writing) await writing;
    },
  };
}

const committers = new WeakMap<Kysely<Database>, GroupCommit>();

/**
 * The one group committer of a database handle: every route that writes through it shares its batches.
 * `closeGroupCommit` drains it and forgets it (the app's onClose), so a later app on the same handle gets a new one.
 */
export function groupCommitFor(db: Kysely<Database>, options?: { maxBatch?: number }): GroupCommit {
  let committer = committers.get(db);
  if (!committer) {
    // Options apply when the committer is made (the benchmark compares maxBatch 1, a commit per request).
    committer = createGroupCommit(db, options);
    committers.set(db, committer);
  }
  return committer;
}

export async function closeGroupCommit(db: Kysely<Database>): Promise<void> {
  const committer = committers.get(db);
  committers.delete(db);
  await committer?.close();
}
