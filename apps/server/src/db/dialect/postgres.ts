import { PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DialectOps } from './dialect.ts';

export const postgresOps: DialectOps = {
  name: 'postgres',
  lockSkipLocked: (qb) => qb.forUpdate().skipLocked(),
  likeInsensitive: 'ilike',
  lockChain: async (db, key) => {
    await sql`select pg_advisory_xact_lock(${key})`.execute(db);
  },
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
