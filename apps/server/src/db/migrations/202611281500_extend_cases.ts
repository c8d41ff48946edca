import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect/dialect.ts';

/**
 * Consular protection cases grow into full case management: where it happened (for routing), who
 * reported it and how, who owns it, which incident it belongs to, and the tables around a case —
 * the people involved, a timeline of events (transitions, notes, messages), attachments, tasks —
 * and incidents that group many cases (an earthquake, an evacuation).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  const binary = dialectOf(db).name === 'postgres' ? 'bytea' : 'blob';

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('countries', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  const add = (name: string, type: 'text' | 'double precision' | 'integer', defaultTo?: string | number) =>
    db.schema
      .alterTable('cases')
      .addColumn(name, type, (c) => (defaultTo === undefined ? c : c.notNull().defaultTo(defaultTo)))
      .execute();
  await add('source', 'text', 'staff');
  await add('description', 'text', '');
  await add('location_country', 'text');
  await add('location_region', 'text');
  await add('location_city', 'text');
  await add('location_label', 'text');
  await add('location_lat', 'double precision');
  await add('location_lon', 'double precision');
  await add('reporter_relation', 'text', 'self');
  await add('contact_phone', 'text');
  await add('subject_person_id', 'text');
  await add('assigned_to', 'text');
  await add('incident_id', 'text');
  await add('merged_into_id', 'text');
  await add('escalation_level', 'integer', 0);
  await add('closed_at', 'text');
  await db.schema.createIndex('cases_assigned_idx').on('cases').columns(['assigned_to', 'status']).execute();
  await db.schema.createIndex('cases_incident_idx').on('cases').column('incident_id').execute();

  await db.schema
    .createTable('case_persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('persons.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('relation', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_persons_case_idx').on('case_persons').column('case_id').execute();
  await db.schema.createIndex('case_persons_person_idx').on('case_persons').column('person_id').execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('data', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_events_case_idx').on('case_events').columns(['case_id', 'id']).execute();

  await db.schema
    .createTable('case_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.references('case_events.id').onDelete('set null'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', binary as 'blob', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_attachments_case_idx').on('case_attachments').column('case_id').execute();

  await db.schema
    .createTable('case_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('assignee_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('done_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_tasks_case_idx').on('case_tasks').column('case_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['case_tasks', 'case_attachments', 'case_events', 'case_persons']) {
    await db.schema.dropTable(table).execute();
  }
  for (const index of ['cases_assigned_idx', 'cases_incident_idx']) await db.schema.dropIndex(index).execute();
  for (const column of [
    'source',
    'description',
    'location_country',
    'location_region',
    'location_city',
    'location_label',
    'location_lat',
    'location_lon',
    'reporter_relation',
    'contact_phone',
    'subject_person_id',
    'assigned_to',
    'incident_id',
    'merged_into_id',
    'escalation_level',
    'closed_at',
  ]) {
    await db.schema.alterTable('cases').dropColumn(column).execute();
  }
  await db.schema.dropTable('incidents').execute();
}
