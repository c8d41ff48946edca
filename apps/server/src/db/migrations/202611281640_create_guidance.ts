import type { Kysely } from 'kysely';

/**
 * Business security guidance (issue 6, item 7; decision 0023): articles with every saved version kept,
 * organisations' self-assessments, and the record of each guidance send to the site staff of an area.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('guidance_articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('country', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('risk_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'text')
    .execute();
  await db.schema
    .createIndex('guidance_articles_list_idx')
    .on('guidance_articles')
    .columns(['status', 'risk_type', 'country'])
    .execute();
  await db.schema
    .createTable('guidance_article_versions')
    .addColumn('article_id', 'text', (c) => c.notNull().references('guidance_articles.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('risk_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('edited_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('guidance_article_versions_pk', ['article_id', 'version'])
    .execute();
  await db.schema
    .createTable('guidance_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.references('business_sites.id').onDelete('cascade'))
    .addColumn('answered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('checklist_version', 'integer', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('guidance_assessments_business_idx')
    .on('guidance_assessments')
    .columns(['business_id', 'created_at'])
    .execute();
  await db.schema
    .createTable('guidance_sends')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('guidance_articles.id').onDelete('cascade'))
    .addColumn('article_version', 'integer', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('sent_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('guidance_sends_sent_idx').on('guidance_sends').columns(['sent_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guidance_sends').execute();
  await db.schema.dropTable('guidance_assessments').execute();
  await db.schema.dropTable('guidance_article_versions').execute();
  await db.schema.dropTable('guidance_articles').execute();
}
