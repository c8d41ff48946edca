import type { Kysely } from 'kysely';

/**
 * Notification delivery (decision 0022). A message is what a source (an alert, a check-in reminder, an arrival)
 * publishes once; a delivery is that message for one recipient on one channel. UNIQUE(message, person, channel)
 * is the exactly-once key: a fan-out that runs again after a crash inserts nothing twice. In-app inbox items are
 * the deliveries of channel `inapp` (read_at is the read mark).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notification_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('checkin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('fanning_out'))
    .addColumn('fanned_batches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('fanned_out_at', 'text')
    .addUniqueConstraint('notification_messages_source_unique', ['source_kind', 'source_id'])
    .execute();
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('notification_messages.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('batch', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('fallbacks', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('last_error', 'text')
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('sent_ms', 'integer')
    .addColumn('delivered_at', 'text')
    .addColumn('delivered_ms', 'integer')
    .addColumn('failed_at', 'text')
    .addColumn('read_at', 'text')
    .addUniqueConstraint('notification_deliveries_once', ['message_id', 'person_id', 'channel'])
    .execute();
  await db.schema
    .createIndex('notification_deliveries_batch_idx')
    .on('notification_deliveries')
    .columns(['message_id', 'channel', 'batch', 'status'])
    .execute();
  await db.schema
    .createIndex('notification_deliveries_inbox_idx')
    .on('notification_deliveries')
    .columns(['user_id', 'channel', 'id'])
    .execute();
  await db.schema
    .createTable('push_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('endpoint', 'text', (c) => c.notNull().unique())
    .addColumn('p256dh', 'text', (c) => c.notNull())
    .addColumn('auth', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('push_subscriptions_user_idx').on('push_subscriptions').column('user_id').execute();
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('channel_order', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('notification_preferences').execute();
  await db.schema.dropTable('push_subscriptions').execute();
  await db.schema.dropTable('notification_deliveries').execute();
  await db.schema.dropTable('notification_messages').execute();
}
