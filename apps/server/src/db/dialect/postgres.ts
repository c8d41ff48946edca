import { type Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema.ts';
import type { DialectOps } from './dialect.ts';

/** A transaction whose commit does not wait for the log to reach the disk (decision 0030). */
async function relaxedTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local synchronous_commit = off`.execute(trx);
    return work(trx);
  });
}

export const postgresOps: DialectOps = {
  name: 'postgres',
  lockSkipLocked: (qb) => qb.forUpdate().skipLocked(),
  likeInsensitive: 'ilike',
  lockChain: async (db, key) => {
    await sql`select pg_advisory_xact_lock(${key})`.execute(db);
  },
  relaxedTransaction: (db, work) => relaxedTransaction(db, work),
  // PostgreSQL's row locks wait without blocking the thread, so standalone statements can share one transaction.
  relaxedStatements: (db, work) => relaxedTransaction(db, work),
};

// Counts and integer ids come back from pg as strings (int8); Homeward's counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

export function openPostgres(url: string, max = 10): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // An idle client that loses its server must not crash the process; the next query reports the fault.
  pool.on('error', () => {});
  return { dialect: new PostgresDialect({ pool }), pool };
}

/** Creates the database named in `url` when it does not exist yet (first `homeward migrate` on a fresh server). */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Streams the rows of a query through a server-side cursor, `fetchSize` rows per round trip, in a read-only
 * transaction on one pooled connection held until the stream ends or is abandoned. The next chunk is already
 * being fetched while the caller works on the current one; memory holds at most two chunks. `settings` are
 * SET LOCAL for that transaction only (e.g. work_mem for a sort).
 */
export async function* streamCursor<R>(
  // biome-ignore lint/suspicious/noExplicitAny: any database shape; the query is raw SQL
  db: Kysely<any>,
  query: RawBuilder<R>,
  fetchSize: number,
  settings: Record<string, string> = {},
): AsyncGenerator<R[]> {
  const trx = await db.startTransaction().setAccessMode('read only').execute();
  let pending: Promise<R[]> | null = null;
  try {
    for (const [name, value] of Object.entries(settings))
      await sql`select set_config(${name}, ${value}, true)`.execute(trx);
    await sql`declare homeward_stream no scroll cursor for ${query}`.execute(trx);
    const fetch = async () =>
      (await sql<R>`fetch ${sql.raw(String(Math.max(1, Math.floor(fetchSize))))} from homeward_stream`.execute(trx))
        .rows;
    pending = fetch();
    for (;;) {
      const rows: R[] = await pending;
      pending = null;
      if (rows.length === 0) break;
      if (rows.length === fetchSize) pending = fetch();
      yield rows;
      if (pending === null) break;
    }
    await trx.commit().execute();
  } catch (error) {
    await pending?.catch(() => {});
    await trx.rollback().execute();
    throw error;
  } finally {
    // Abandoned by the caller (return() on the generator): let the prefetch land, then end the transaction.
    if (!trx.isCommitted && !trx.isRolledBack) {
      await pending?.catch(() => {});
      await trx.rollback().execute();
    }
  }
}
