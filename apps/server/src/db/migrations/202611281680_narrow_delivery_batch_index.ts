import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/dialect.ts';

/**
 * Sending updates each delivery twice (claimed, then sent; decision 0029). With `status` in the batch index, each
 * update also rewrote an index entry, and on PostgreSQL made a new row version in every index of the table. The
 * index now keys (message, channel, batch) only: a send job reads its batch's thousand rows by it and filters the
 * status. On PostgreSQL the table also keeps a fifth of each page free, so the two updates can stay on the row's own
 * page (heap-only tuples) and touch no index at all.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('notification_deliveries_batch_idx').execute();
  await db.schema
    .createIndex('notification_deliveries_batch_idx')
    .on('notification_deliveries')
    .columns(['message_id', 'channel', 'batch'])
    .execute();
  if (dialectOf(db).name === 'postgres')
    await sql`alter table notification_deliveries set (fillfactor = 80)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db).name === 'postgres') await sql`alter table notification_deliveries reset (fillfactor)`.execute(db);
  await db.schema.dropIndex('notification_deliveries_batch_idx').execute();
  await db.schema
    .createIndex('notification_deliveries_batch_idx')
    .on('notification_deliveries')
    .columns(['message_id', 'channel', 'batch', 'status'])
    .execute();
}
