import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Kysely, type SqliteDatabase, type SqliteDialect, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { DialectOps } from './dialect.ts';
import { PatientSqliteDialect } from './sqlite-driver.ts';

export const sqliteOps: DialectOps = {
  name: 'sqlite',
  lockSkipLocked: (qb) => qb,
  likeInsensitive: 'like',
  // A write as the transaction's first statement takes SQLite's write lock now (waiting out busy_timeout),
  // instead of failing with SQLITE_BUSY when a read-then-write transaction tries to upgrade later.
  lockChain: async (db) => {
    await sql`update audit_log set seq = seq where 1 = 0`.execute(db);
  },
  // The setting belongs to the connection: it is changed and restored while this caller holds Kysely's one
  // connection, so no other statement of the process commits under it.
  relaxedTransaction: async (db, work) =>
    db.isTransaction ? work(db) : relaxedConnection(db, (connection) => connection.transaction().execute(work)),
  relaxedStatements: async (db, work) => relaxedConnection(db, work),
};

/** Runs `work` on Kysely's one connection with `synchronous = normal`, restored to `full` after (decision 0030). */
async function relaxedConnection<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.connection().execute(async (connection) => {
    await sql`pragma synchronous = normal`.execute(connection);
    try {
      return await work(connection);
    } finally {
      await sql`pragma synchronous = full`.execute(connection);
    }
  });
}

/**
 * Opens the embedded database with the settings an unattended single-mission install needs:
 * WAL for concurrent readers, foreign keys on, waiting for another connection's write lock on timers instead of
 * SQLITE_BUSY errors (`PatientSqliteDialect`), synchronous=FULL so that whatever was acknowledged to a user survives
 * a power cut, and memory-mapped reads.
 */
export function openSqlite(path: string): { dialect: SqliteDialect; raw: SQLite.Database } {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new SQLite(path);
  // No busy handler on this connection: it would sleep on the event loop (sqlite-driver.ts waits instead).
  configureConnection(raw, { busyTimeoutMs: 0 });
  return { dialect: new PatientSqliteDialect({ database: withStatementCache(raw) }, raw), raw };
}

/**
 * The settings of every connection to the file, the process's own and those on threads (the intake writer, the job
 * worker's): WAL, foreign keys, FULL sync, memory-mapped reads. Only the busy timeout differs: 0 on the event loop,
 * where waiting happens on timers, 5 s on a thread, where SQLite's busy handler may sleep.
 */
export function configureConnection(raw: SQLite.Database, { busyTimeoutMs }: { busyTimeoutMs: number }): void {
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma(`busy_timeout = ${busyTimeoutMs}`);
  raw.pragma('synchronous = FULL');
  // Reads through a memory map instead of a read() per page: the targeting engine's index walks and per-row
  // lookups take about 40% less CPU (BENCHMARKS.md, targeting). Writes still go through the WAL.
  raw.pragma(`mmap_size = ${2 ** 30}`);
}

/** Distinct SQL texts kept prepared; the least recently used is dropped beyond this. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver prepares every query afresh. Preparing costs as much as running a small indexed query,
 * and an API request runs the same few texts again and again (session lookup, inserts of the help-request
 * intake, decision 0012), so prepared statements are kept by their SQL text (least recently used dropped). A
 * statement still iterating a streamed result is busy and cannot run twice: then a fresh one is prepared.
 * SQLite re-prepares a kept statement by itself when the schema changes.
 */
export function withStatementCache(raw: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => raw.close(),
    prepare(text: string) {
      const kept = cache.get(text);
      if (kept && !kept.busy) {
        cache.delete(text);
        cache.set(text, kept);
        return kept;
      }
      const statement = raw.prepare(text);
      if (!kept) {
        cache.set(text, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return statement;
    },
  };
}
