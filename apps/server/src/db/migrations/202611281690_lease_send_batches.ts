import { type Kysely, sql } from 'kysely';

/**
 * A send job leases its batch instead of claiming each delivery (decision 0031): one row per (message, channel,
 * batch) held by one worker until a time, so a delivery is written twice (queued, then sent) instead of three
 * times. Deliveries a worker held when this runs go back to the queue (sent again, as after any crash), and the
 * per-delivery claim columns go. The inbox index keeps only deliveries of an account (`user_id` set): an e-mail or
 * SMS to someone without one no longer adds an entry nobody reads.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_send_leases')
    .addColumn('message_id', 'text', (c) => c.notNull().references('notification_messages.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('batch', 'integer', (c) => c.notNull())
    .addColumn('held_by', 'text', (c) => c.notNull())
    .addColumn('held_until', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_send_leases_pk', ['message_id', 'channel', 'batch'])
    .execute();
  await sql`update notification_deliveries set status = 'queued' where status = 'sending'`.execute(db);
  await db.schema.alterTable('notification_deliveries').dropColumn('claimed_by').execute();
  await db.schema.alterTable('notification_deliveries').dropColumn('claimed_until').execute();
  await db.schema.dropIndex('notification_deliveries_inbox_idx').execute();
  await db.schema
    .createIndex('notification_deliveries_inbox_idx')
    .on('notification_deliveries')
    .columns(['user_id', 'channel', 'id'])
    .where(sql.ref('user_id'), 'is not', null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notification_deliveries_inbox_idx').execute();
  await db.schema
    .createIndex('notification_deliveries_inbox_idx')
    .on('notification_deliveries')
    .columns(['user_id', 'channel', 'id'])
    .execute();
  await db.schema.alterTable('notification_deliveries').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('notification_deliveries').addColumn('claimed_until', 'text').execute();
  await db.schema.dropTable('notification_send_leases').execute();
}
