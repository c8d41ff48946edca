import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/dialect.ts';

/**
 * On PostgreSQL the two tables an alert fills a row per recipient into no longer check their parent row per row
 * (decision 0033): a delivery's message and a recipient's alert. The check ran a locking lookup of the parent for
 * each of a million rows (3–4 µs of a delivery's 11–12 µs insert, measured), and it guarded nothing the writing code
 * does not: the fan-out and the recipients job write only for a message or alert they have just read, in the same
 * transaction, and alerts and their messages are never deleted. SQLite keeps both (its check is an index lookup in
 * the same process, and dropping one would mean rebuilding the table); there, deleting a parent still cascades.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db).name !== 'postgres') return;
  await sql`alter table notification_deliveries drop constraint notification_deliveries_message_id_fkey`.execute(db);
  await sql`alter table alert_recipients drop constraint alert_recipients_alert_id_fkey`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db).name !== 'postgres') return;
  await sql`alter table alert_recipients add constraint alert_recipients_alert_id_fkey
    foreign key (alert_id) references alerts (id) on delete cascade`.execute(db);
  await sql`alter table notification_deliveries add constraint notification_deliveries_message_id_fkey
    foreign key (message_id) references notification_messages (id) on delete cascade`.execute(db);
}
