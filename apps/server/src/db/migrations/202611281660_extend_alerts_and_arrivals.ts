import type { Kysely } from 'kysely';

/**
 * Issue 6's last pieces (decision 0025). `alerts.recipients_state`: an approved alert's recipients are fixed by a
 * job after the approval commits ('preparing', then 'ready'); alerts published before keep 'ready'. `cap_feeds`:
 * one row per configured CAP source polled by the worker, with its HTTP validators and its last outcome.
 * `last_countries`: the country a citizen's app last reported (coarse, resolved offline; no position is kept) and
 * how many arrivals it has seen, which keys the on-arrival message "once per person, country and arrival".
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('alerts')
    .addColumn('recipients_state', 'text', (c) => c.notNull().defaultTo('ready'))
    .execute();

  await db.schema
    .createTable('cap_feeds')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_fetched_at', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'text')
    .addColumn('fetches', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signals', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('last_countries')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('persons.id').onDelete('cascade'))
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addColumn('arrivals', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('last_countries').execute();
  await db.schema.dropTable('cap_feeds').execute();
  await db.schema.alterTable('alerts').dropColumn('recipients_state').execute();
}
