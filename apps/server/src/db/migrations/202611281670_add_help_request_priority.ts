import type { Kysely } from 'kysely';

/**
 * Triage of waiting help requests (decision 0028): each intake row keeps the priority its request will open with,
 * so the opener takes P1 requests (life or liberty at stake) before the rest, and during a burst leaves routine
 * ones for a moment. Rows received before this migration count as P1: they are opened first, never later.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('help_request_intake')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('P1'))
    .execute();
  await db.schema
    .createIndex('help_request_intake_triage_idx')
    .on('help_request_intake')
    .columns(['state', 'priority', 'received_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('help_request_intake_triage_idx').execute();
  await db.schema.alterTable('help_request_intake').dropColumn('priority').execute();
}
