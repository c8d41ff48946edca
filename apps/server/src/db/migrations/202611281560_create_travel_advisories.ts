import { type Kysely, sql } from 'kysely';

/**
 * Travel advisories (issue 6, item 1; decision 0016): one row per published version. At most one version per
 * country and region is in force (superseded_at null) — the partial unique index makes two publishers racing
 * for the same place fail instead of leaving two current levels.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('travel_advisories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('summary_zh', 'text', (c) => c.notNull())
    .addColumn('summary_en', 'text', (c) => c.notNull())
    .addColumn('details_zh', 'text', (c) => c.notNull())
    .addColumn('details_en', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_until', 'text')
    .addColumn('published_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('superseded_at', 'text')
    .execute();
  await db.schema
    .createIndex('travel_advisories_current_idx')
    .on('travel_advisories')
    .columns(['country', 'region'])
    .unique()
    .where(sql.ref('superseded_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('travel_advisories_history_idx')
    .on('travel_advisories')
    .columns(['country', 'published_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('travel_advisories').execute();
}
