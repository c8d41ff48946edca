import { type Kysely, PostgresAdapter, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../schema.ts';
import { postgresOps } from './postgres.ts';
import { sqliteOps } from './sqlite.ts';

/**
 * What differs between SQLite and PostgreSQL, in one audited place.
 * Repos ask `dialectOf(db)` instead of testing the engine themselves.
 */
export interface DialectOps {
  name: 'sqlite' | 'postgres';
  /** Adds FOR UPDATE SKIP LOCKED where the engine has row locks (PostgreSQL); SQLite's single writer needs none. */
  lockSkipLocked<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** Case-insensitive LIKE: SQLite's LIKE already folds ASCII case, PostgreSQL needs ILIKE. */
  likeInsensitive: 'like' | 'ilike';
  /**
   * Serializes appends to one chain (the audit log) across processes for the rest of the transaction:
   * a transaction-scoped advisory lock on PostgreSQL; SQLite's single writer already serializes.
   */
  lockChain(db: Kysely<Database>, key: number): Promise<void>;
  /**
   * Runs `work` in a transaction whose commit does not wait for the disk (decision 0030): SQLite's `synchronous =
   * NORMAL` in WAL mode, PostgreSQL's `synchronous_commit = off`. A process crash loses nothing; a power cut may lose
   * the last of these commits, never an earlier durable one (the log is written in order, and any later ordinary
   * commit makes them durable too). Only for bookkeeping whose loss repeats work that is safe to repeat (deliveries
   * claimed, marked sent, fanned out by a job that then runs again). Called inside a transaction, `work` runs in it.
   */
  relaxedTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * The same for statements that each stand alone: on SQLite each commits by itself (no transaction holds the write
   * lock between them, which another connection of the same thread would wait for with the thread blocked); on
   * PostgreSQL they share one transaction.
   */
  relaxedStatements<T>(db: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T>;
}

// biome-ignore lint/suspicious/noExplicitAny: any database shape; only the adapter is inspected
export function dialectOf(db: Kysely<any>): DialectOps {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresOps : sqliteOps;
}
