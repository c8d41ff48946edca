import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect/dialect.ts';

/**
 * Online consular services (issue 8; decision 0020). `service_definitions` keeps every version of every
 * service (from its file or from the console), never edited; an application points at the version it was made
 * with. Applications carry their answers as JSON text, their history as events and their documents as rows.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  const binary = dialectOf(db).name === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('service_definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('service_definitions_version_key', ['service_id', 'version'])
    .execute();

  await db.schema
    .createTable('service_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.unique())
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('definition_id', 'text', (c) => c.notNull().references('service_definitions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('mission_code', 'text', (c) => c.references('missions.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('fee_amount_minor', 'integer', (c) => c.notNull())
    .addColumn('fee_currency', 'text', (c) => c.notNull())
    .addColumn('decision_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute();
  await db.schema
    .createIndex('service_applications_queue_idx')
    .on('service_applications')
    .columns(['mission_code', 'status', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('service_applications_user_idx')
    .on('service_applications')
    .columns(['user_id', 'updated_at'])
    .execute();

  await db.schema
    .createTable('service_application_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('service_applications.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('by_staff', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_application_events_app_idx')
    .on('service_application_events')
    .columns(['application_id', 'id'])
    .execute();

  await db.schema
    .createTable('service_application_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('service_applications.id').onDelete('cascade'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', binary as 'blob', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('service_application_documents_app_idx')
    .on('service_application_documents')
    .columns(['application_id', 'field'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('service_application_documents').execute();
  await db.schema.dropTable('service_application_events').execute();
  await db.schema.dropTable('service_applications').execute();
  await db.schema.dropTable('service_definitions').execute();
}
