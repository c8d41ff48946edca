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
}

// biome-ignore lint/suspicious/noExplicitAny: any database shape; only the adapter is inspected
export function dialectOf(db: Kysely<any>): DialectOps {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresOps : sqliteOps;
}
