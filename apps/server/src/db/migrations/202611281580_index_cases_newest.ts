import { type Kysely, sql } from 'kysely';

/**
 * The case list's default order (newest first, then id) as an index: a full-text search that matches more cases
 * than it counts (decision 0013) walks the cases in this order, checking each for the words, and stops at the
 * page instead of sorting every case. The directions match the ORDER BY so that ties on opened_at need no sort.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index cases_newest_idx on cases (opened_at desc, id asc)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_newest_idx').execute();
}
