import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Runs `fn` in a transaction: a new one, or the caller's when `db` already is one, so a service can be
 * called alone or inside a larger unit of work (the Idempotency-Key record, decision 0010).
 */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  // isTransaction is Kysely's own marker that this handle is a Transaction.
  return db.isTransaction ? fn(db as Transaction<Database>) : db.transaction().execute(fn);
}
