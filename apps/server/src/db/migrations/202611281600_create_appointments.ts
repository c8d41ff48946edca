import { type Kysely, sql } from 'kysely';

/**
 * Mission appointments (issue 8, item 3; decision 0019). A schedule per mission and service; bookings hold one
 * counter seat of one slot. The partial unique index on (mission, service, slot start, seat) is what makes a
 * seat impossible to give twice: two people racing for it reach the database, one insert wins, on either engine.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('appointment_schedules')
    .addColumn('mission_code', 'text', (c) => c.notNull().references('missions.code').onDelete('cascade'))
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('slot_minutes', 'integer', (c) => c.notNull())
    .addColumn('counters', 'integer', (c) => c.notNull())
    // JSON: [{ weekday, startMinute, endMinute }] and ["YYYY-MM-DD"], in the mission's time zone.
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('holidays', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('appointment_schedules_pk', ['mission_code', 'service_id'])
    .execute();

  await db.schema
    .createTable('appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mission_code', 'text', (c) => c.notNull().references('missions.code'))
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('slot_start', 'text', (c) => c.notNull())
    .addColumn('slot_end', 'text', (c) => c.notNull())
    .addColumn('seat', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('application_id', 'text')
    // held (offered from the waitlist) · booked · checked_in · no_show · cancelled
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('hold_until', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('checked_in_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('cancelled_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // A seat is taken by every booking that is not cancelled (attended and missed ones keep theirs).
  await db.schema
    .createIndex('appointments_seat_idx')
    .on('appointments')
    .columns(['mission_code', 'service_id', 'slot_start', 'seat'])
    .unique()
    .where(sql.ref('status'), '<>', sql.lit('cancelled'))
    .execute();
  // One active booking (held or booked) per person and service.
  await db.schema
    .createIndex('appointments_active_idx')
    .on('appointments')
    .columns(['user_id', 'service_id'])
    .unique()
    .where(sql<boolean>`status in ('held', 'booked')`)
    .execute();
  await db.schema
    .createIndex('appointments_day_idx')
    .on('appointments')
    .columns(['mission_code', 'slot_start'])
    .execute();

  await db.schema
    .createTable('appointment_waitlist')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mission_code', 'text', (c) => c.notNull().references('missions.code'))
    .addColumn('service_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // waiting · offered (a held booking was made for them) · left
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('appointment_waitlist_person_idx')
    .on('appointment_waitlist')
    .columns(['mission_code', 'service_id', 'date', 'user_id'])
    .unique()
    .where(sql.ref('status'), '=', sql.lit('waiting'))
    .execute();
  await db.schema
    .createIndex('appointment_waitlist_queue_idx')
    .on('appointment_waitlist')
    .columns(['mission_code', 'service_id', 'date', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('appointment_waitlist').execute();
  await db.schema.dropTable('appointments').execute();
  await db.schema.dropTable('appointment_schedules').execute();
}
