import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect/dialect.ts';

/**
 * Full-text search over case summaries, descriptions, notes and messages that works for Chinese
 * (no word boundaries): trigram indexes on both engines, and the saved views of the case list.
 *
 * SQLite: `case_search` is an FTS5 table with the `trigram` tokenizer holding one document per searchable
 * text (a case's summary and description, or one note/message event); `case_search_docs` maps each
 * document's rowid — an INTEGER PRIMARY KEY, stable across VACUUM unlike the implicit rowid of `cases` and
 * `case_events` — to its case, event and visibility. Triggers on `cases` and `case_events` keep both in
 * step, in the writer's own transaction.
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

  // Narrow on purpose: a search reads the case id of every matching document, so the rows stay small and
  // close together (the text itself lives only in the FTS5 table, keyed by the same doc_id).
  await sql`create table case_search_docs (
    doc_id integer primary key,
    case_id text not null references cases(id) on delete cascade,
    event_id text references case_events(id) on delete cascade,
    visibility text not null
  )`.execute(db);
  await sql`create index case_search_docs_case_idx on case_search_docs (case_id, event_id)`.execute(db);
  await sql`create unique index case_search_docs_event_idx on case_search_docs (event_id)`.execute(db);
  await sql`create virtual table case_search using fts5(body, tokenize='trigram')`.execute(db);

  const statements = [
    // A document leaving (also by the foreign-key cascade of a deleted case or event) leaves the index.
    `create trigger case_search_docs_ad after delete on case_search_docs begin
       delete from case_search where rowid = old.doc_id;
     end`,
    // A case's own text is one document, seen by whoever may see the case.
    `create trigger cases_search_ai after insert on cases begin
       insert into case_search_docs(case_id, event_id, visibility) values (new.id, null, 'citizen');
       insert into case_search(rowid, body) values (last_insert_rowid(), new.summary || char(10) || new.description);
     end`,
    `create trigger cases_search_au after update of summary, description on cases begin
       update case_search set body = new.summary || char(10) || new.description
       where rowid = (select doc_id from case_search_docs where case_id = new.id and event_id is null);
     end`,
    // Notes and messages: an internal note keeps its visibility, so a citizen's search never matches it.
    `create trigger case_events_search_ai after insert on case_events
     when new.body is not null and new.kind in ('note', 'message') begin
       insert into case_search_docs(case_id, event_id, visibility) values (new.case_id, new.id, new.visibility);
       insert into case_search(rowid, body) values (last_insert_rowid(), new.body);
     end`,
    `create trigger case_events_search_au after update of body, visibility on case_events begin
       delete from case_search_docs where event_id = old.id;
       insert into case_search_docs(case_id, event_id, visibility)
       select new.case_id, new.id, new.visibility where new.body is not null and new.kind in ('note', 'message');
       insert into case_search(rowid, body)
       select last_insert_rowid(), new.body where new.body is not null and new.kind in ('note', 'message');
     end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);

  // Cases and notes written before this migration.
  await sql`insert into case_search_docs(case_id, event_id, visibility) select id, null, 'citizen' from cases`.execute(
    db,
  );
  await sql`insert into case_search_docs(case_id, event_id, visibility)
    select case_id, id, visibility from case_events where body is not null and kind in ('note', 'message')`.execute(db);
  await sql`insert into case_search(rowid, body)
    select d.doc_id, c.summary || char(10) || c.description
    from case_search_docs d join cases c on c.id = d.case_id where d.event_id is null`.execute(db);
  await sql`insert into case_search(rowid, body)
    select d.doc_id, e.body from case_search_docs d join case_events e on e.id = d.event_id`.execute(db);
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
      'case_search_docs_ad',
    ]) {
      await sql.raw(`drop trigger ${trigger}`).execute(db);
    }
    await sql`drop table case_search`.execute(db);
    await sql`drop table case_search_docs`.execute(db);
  }
  await db.schema.dropTable('saved_views').execute();
}
