import type { Kysely } from 'kysely';

// A presence registered for a person and the dependents travelling or living with them is stored as one row
// each (so targeting counts every dependent where they are), tied by `group_id` = the person's row id: the
// citizen edits and deletes the group as one (decision 0006).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('presences').addColumn('group_id', 'text').execute();
  await db.schema.createIndex('presences_group_idx').on('presences').column('group_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('presences_group_idx').execute();
  await db.schema.alterTable('presences').dropColumn('group_id').execute();
}
