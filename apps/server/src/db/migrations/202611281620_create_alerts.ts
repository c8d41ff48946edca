import type { Kysely } from 'kysely';

/**
 * Safety alerts, their CAP messages, incoming CAP signals and "Are you safe?" check-ins (issue 6; decision 0021).
 * An alert's texts and CAP fields are columns (one row per alert, edited only while a draft); every message sent
 * (Alert, then Update or Cancel) is a row of `alert_messages` holding the exact CAP JSON, so the published
 * documents never change after the fact. Recipients are fixed at publication in `alert_recipients`: the
 * check-in tally, reminders and the unaccounted list all count against that list.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('certainty', 'text', (c) => c.notNull())
    .addColumn('effective', 'text')
    .addColumn('expires', 'text')
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    .addColumn('checkin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signal_id', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('submitted_at', 'text')
    .addColumn('reach_at_submit', 'integer')
    .addColumn('empty_area_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('alerts_status_idx').on('alerts').columns(['status', 'updated_at']).execute();

  // The countries whose Atom feed lists the alert: its own country, the countries and regions' countries named.
  await db.schema
    .createTable('alert_countries')
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('country', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_countries_pk', ['alert_id', 'country'])
    .execute();
  await db.schema.createIndex('alert_countries_country_idx').on('alert_countries').column('country').execute();

  await db.schema
    .createTable('alert_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('msg_type', 'text', (c) => c.notNull())
    .addColumn('sent', 'text', (c) => c.notNull())
    .addColumn('cap', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alert_messages_seq_unique', ['alert_id', 'seq'])
    .execute();

  await db.schema
    .createTable('alert_recipients')
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('dependent_of', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminded_at', 'text')
    .addColumn('case_id', 'text')
    .addPrimaryKeyConstraint('alert_recipients_pk', ['alert_id', 'person_id'])
    .execute();
  await db.schema.createIndex('alert_recipients_person_idx').on('alert_recipients').column('person_id').execute();

  // Every answer given, oldest first: the recipient row holds the last one, this keeps the history.
  await db.schema
    .createTable('checkin_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('note', 'text')
    .addColumn('answered_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('checkin_answers_alert_idx')
    .on('checkin_answers')
    .columns(['alert_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('incoming_signals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('origin_url', 'text')
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('sent', 'text', (c) => c.notNull())
    .addColumn('cap', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('alert_id', 'text')
    .addUniqueConstraint('incoming_signals_unique', ['sender', 'identifier', 'sent'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'incoming_signals',
    'checkin_answers',
    'alert_recipients',
    'alert_messages',
    'alert_countries',
    'alerts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
