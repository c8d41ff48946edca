import { Kysely, sql } from 'kysely';
import { ConfigError, type DatabaseTarget, redactUrl } from '../config.ts';
import { SessionCacheWatch } from '../modules/auth/session-cache.ts';
import { CachedCamelCasePlugin } from './case-plugin.ts';
import { ensurePostgresDatabase, openPostgres } from './dialect/postgres.ts';
import { openSqlite } from './dialect/sqlite.ts';
import { SqliteThreadDialect } from './dialect/sqlite-thread.ts';
import type { Database } from './schema.ts';

export interface OpenDatabase {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

function describeConnectError(target: DatabaseTarget, error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (target.dialect === 'sqlite') return `cannot open the SQLite database at ${target.path}: ${message}`;
  const where = redactUrl(target.url);
  if (code === 'ECONNREFUSED')
    return `cannot connect to PostgreSQL at ${where}: connection refused (is the server running?)`;
  if (code === 'ENOTFOUND') return `cannot connect to PostgreSQL at ${where}: unknown host`;
  if (code === '28P01' || code === '28000') return `PostgreSQL at ${where} refused the credentials`;
  if (code === '3D000') return `PostgreSQL database in ${where} does not exist (run: homeward migrate)`;
  return `cannot connect to PostgreSQL at ${where}: ${message}`;
}

// The file behind each SQLite handle (not for ':memory:'): a second connection to it can write on another thread.
const sqliteFiles = new WeakMap<Kysely<Database>, string>();

/** The file of an SQLite handle opened by openDatabase; undefined for PostgreSQL and in-memory databases. */
export function sqliteFileOf(db: Kysely<Database>): string | undefined {
  return sqliteFiles.get(db);
}

/**
 * Opens the database named by the configuration and checks that it answers.
 * Connection faults become a ConfigError with one readable line, never a stack trace.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: { createIfMissing?: boolean; poolSize?: number } = {},
): Promise<OpenDatabase> {
  try {
    if (target.dialect === 'sqlite') {
      const { dialect, raw } = openSqlite(target.path);
      const db = new Kysely<Database>({ dialect, plugins: [new CachedCamelCasePlugin(), new SessionCacheWatch()] });
      if (target.path !== ':memory:') sqliteFiles.set(db, target.path);
      return {
        db,
        dialect: 'sqlite',
        close: async () => {
          await db.destroy();
          if (raw.open) raw.close();
        },
      };
    }
    if (options.createIfMissing) await ensurePostgresDatabase(target.url);
    const { dialect } = openPostgres(target.url, options.poolSize);
    const db = new Kysely<Database>({ dialect, plugins: [new CachedCamelCasePlugin(), new SessionCacheWatch()] });
    try {
      await sql`select 1`.execute(db);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return { db, dialect: 'postgres', close: () => db.destroy() };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(describeConnectError(target, error));
  }
}

/**
 * The job worker's handle on the database (decision 0033): for an SQLite file, a connection on a thread of its own,
 * so that SQLite's work for the jobs runs beside the event loop instead of on it; PostgreSQL (whose work runs in the
 * server's processes) and in-memory SQLite share the process's handle. `close` closes only what this opened.
 */
export async function openJobsDatabase(
  database: OpenDatabase,
): Promise<{ db: Kysely<Database>; close(): Promise<void> }> {
  const file = sqliteFileOf(database.db);
  if (!file) return { db: database.db, close: async () => {} };
  const db = new Kysely<Database>({
    dialect: new SqliteThreadDialect(file),
    plugins: [new CachedCamelCasePlugin(), new SessionCacheWatch()],
  });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new ConfigError(describeConnectError({ dialect: 'sqlite', path: file }, error));
  }
  return { db, close: () => db.destroy() };
}
