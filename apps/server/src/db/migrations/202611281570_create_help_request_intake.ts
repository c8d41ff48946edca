import type { Kysely } from 'kysely';

/**
 * Help-request intake (decision 0012): the citizen's request is acknowledged once this row is committed, and a
 * background step opens the case from it. The row is also the request's Idempotency-Key record:
 * UNIQUE(user_id, idempotency_key) makes a retried request find the first one (a request without a key has a
 * null key, which never conflicts).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('help_request_intake')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'text')
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('source_ip', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('received'))
    .addColumn('case_id', 'text', (c) => c.references('cases.id').onDelete('set null'))
    .addColumn('problem', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('help_request_intake_key_unique', ['user_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('help_request_intake_state_idx')
    .on('help_request_intake')
    .columns(['state', 'received_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('help_request_intake').execute();
}
