import type { Kysely } from 'kysely';

/**
 * The 24/7 hotline: one row per call an agent logs (who called, about what, what came of it — advice, a case
 * opened, or a transfer to a mission), and the knowledge base of standard answers agents read out, in zh-CN and
 * en, versioned so an edit never goes unnoticed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('hotline_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('agent_name', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .addColumn('duration_seconds', 'integer', (c) => c.notNull())
    .addColumn('caller_phone', 'text')
    .addColumn('caller_name', 'text')
    .addColumn('person_id', 'text', (c) => c.references('persons.id').onDelete('set null'))
    .addColumn('case_id', 'text', (c) => c.references('cases.id').onDelete('set null'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('mission_code', 'text', (c) => c.references('missions.code'))
    .addColumn('location_country', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('hotline_calls_started_idx').on('hotline_calls').columns(['started_at', 'id']).execute();
  await db.schema.createIndex('hotline_calls_phone_idx').on('hotline_calls').column('caller_phone').execute();
  await db.schema
    .createIndex('hotline_calls_mission_idx')
    .on('hotline_calls')
    .columns(['mission_code', 'outcome'])
    .execute();
  await db.schema.createIndex('hotline_calls_case_idx').on('hotline_calls').column('case_id').execute();

  await db.schema
    .createTable('knowledge_articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('knowledge_articles').execute();
  await db.schema.dropTable('hotline_calls').execute();
}
