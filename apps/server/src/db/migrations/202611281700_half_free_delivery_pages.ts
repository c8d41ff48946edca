import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/dialect.ts';

/**
 * On PostgreSQL a delivery's rows are written once and updated once when sent (decision 0031). With a fifth of each
 * page free (202611281680) only about a fifth of those updates found room on the row's own page; the rest made a new
 * row version in every index of the table. With half of each page free every "sent" update stays on its page
 * (heap-only tuples) and touches no index (decision 0032). New pages only: existing rows keep their pages.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db).name === 'postgres')
    await sql`alter table notification_deliveries set (fillfactor = 50)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db).name === 'postgres')
    await sql`alter table notification_deliveries set (fillfactor = 80)`.execute(db);
}
