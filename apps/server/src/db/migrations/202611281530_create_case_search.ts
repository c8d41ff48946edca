import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/dialect.ts';

/**
 * Full-text search over case summaries, descriptions, notes and messages that works for Chinese
 * (no word boundaries): trigram indexes on both engines, and the saved views of the case list.
 *
 * SQLite: `case_search_docs` holds one row per searchable text (a case's summary and description, or one
 * note/message event) under an INTEGER PRIMARY KEY — stable across VACUUM, unlike the implicit rowid of
 * `cases` and `case_events` — and `case_search` is an FTS5 external-content index over it with the
 * `trigram` tokenizer. Triggers on `cases` and `case_events` keep the documents in step, and the standard
 * external-content triggers keep the index in step with the documents, in the writer's own transaction.
 *
 * PostgreSQL: `pg_trgm` GIN indexes on the columns themselves; ILIKE uses them.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('saved_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('saved_views_user_area_name_idx')
    .on('saved_views')
    .columns(['user_id', 'area', 'name'])
    .unique()
    .execute();

  if (dialectOf(db).name === 'postgres') {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index cases_summary_trgm_idx on cases using gin (summary gin_trgm_ops)`.execute(db);
    await sql`create index cases_description_trgm_idx on cases using gin (description gin_trgm_ops)`.execute(db);
    await sql`create index case_events_body_trgm_idx on case_events using gin (body gin_trgm_ops)
      where kind in ('note', 'message')`.execute(db);
    return;
  }

  await sql`create table case_search_docs (
    doc_id integer primary key,
    case_id text not null references cases(id) on delete cascade,
    event_id text references case_events(id) on delete cascade,
    visibility text not null,
    body text not null
  )`.execute(db);
  await sql`create index case_search_docs_case_idx on case_search_docs (case_id, event_id)`.execute(db);
  await sql`create unique index case_search_docs_event_idx on case_search_docs (event_id)`.execute(db);
  await sql`create virtual table case_search using fts5(
    body, content='case_search_docs', content_rowid='doc_id', tokenize='trigram'
  )`.execute(db);

  const statements = [
    // The index follows the documents (the external-content pattern from the FTS5 manual).
    `create trigger case_search_docs_ai after insert on case_search_docs begin
       insert into case_search(rowid, body) values (new.doc_id, new.body);
     end`,
    `create trigger case_search_docs_ad after delete on case_search_docs begin
       insert into case_search(case_search, rowid, body) values ('delete', old.doc_id, old.body);
     end`,
    `create trigger case_search_docs_au after update on case_search_docs begin
       insert into case_search(case_search, rowid, body) values ('delete', old.doc_id, old.body);
       insert into case_search(rowid, body) values (new.doc_id, new.body);
     end`,
    // A case's own text is one document, seen by whoever may see the case.
    `create trigger cases_search_ai after insert on cases begin
       insert into case_search_docs(case_id, event_id, visibility, body)
       values (new.id, null, 'citizen', new.summary || char(10) || new.description);
     end`,
    `create trigger cases_search_au after update of summary, description on cases begin
       update case_search_docs set body = new.summary || char(10) || new.description
       where case_id = new.id and event_id is null;
     end`,
    // Notes and messages: an internal note keeps its visibility, so a citizen's search never matches it.
    `create trigger case_events_search_ai after insert on case_events
     when new.body is not null and new.kind in ('note', 'message') begin
       insert into case_search_docs(case_id, event_id, visibility, body)
       values (new.case_id, new.id, new.visibility, new.body);
     end`,
    `create trigger case_events_search_au after update of body, visibility on case_events begin
       delete from case_search_docs where event_id = old.id;
       insert into case_search_docs(case_id, event_id, visibility, body)
       select new.case_id, new.id, new.visibility, new.body
       where new.body is not null and new.kind in ('note', 'message');
     end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);

  // Cases and notes written before this migration.
  await sql`insert into case_search_docs(case_id, event_id, visibility, body)
    select id, null, 'citizen', summary || char(10) || description from cases`.execute(db);
  await sql`insert into case_search_docs(case_id, event_id, visibility, body)
    select case_id, id, visibility, body from case_events
    where body is not null and kind in ('note', 'message')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db).name === 'postgres') {
    for (const index of ['case_events_body_trgm_idx', 'cases_description_trgm_idx', 'cases_summary_trgm_idx']) {
      await db.schema.dropIndex(index).execute();
    }
  } else {
    for (const trigger of [
      'case_events_search_au',
      'case_events_search_ai',
      'cases_search_au',
      'cases_search_ai',
      'case_search_docs_au',
      'case_search_docs_ad',
      'case_search_docs_ai',
    ]) {
      await sql.raw(`drop trigger ${trigger}`).execute(db);
    }
    await sql`drop table case_search`.execute(db);
    await sql`drop table case_search_docs`.execute(db);
  }
  await db.schema.dropTable('saved_views').execute();
}
