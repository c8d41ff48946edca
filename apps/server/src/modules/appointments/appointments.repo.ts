import { type Insertable, type Selectable, sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type {
  AppointmentSchedulesTable,
  AppointmentsTable,
  AppointmentWaitlistTable,
} from '../../db/tables/appointments.table.ts';

export type ScheduleRow = Selectable<AppointmentSchedulesTable> & { timeZone: string };
export type AppointmentRow = Selectable<AppointmentsTable>;
export type WaitlistRow = Selectable<AppointmentWaitlistTable>;

/** A schedule with its mission's time zone (the mission row is the one place the zone is kept). */
export async function findSchedule(db: Db, missionCode: string, serviceId: string): Promise<ScheduleRow | undefined> {
  return db
    .selectFrom('appointmentSchedules as s')
    .innerJoin('missions as m', 'm.code', 's.missionCode')
    .selectAll('s')
    .select('m.timezone as timeZone')
    .where('s.missionCode', '=', missionCode)
    .where('s.serviceId', '=', serviceId)
    .executeTakeFirst();
}

export async function listSchedulesOf(db: Db, missionCode: string): Promise<ScheduleRow[]> {
  return db
    .selectFrom('appointmentSchedules as s')
    .innerJoin('missions as m', 'm.code', 's.missionCode')
    .selectAll('s')
    .select('m.timezone as timeZone')
    .where('s.missionCode', '=', missionCode)
    .orderBy('s.serviceId')
    .execute();
}

export async function upsertSchedule(db: Db, row: Selectable<AppointmentSchedulesTable>): Promise<void> {
  await db
    .insertInto('appointmentSchedules')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['missionCode', 'serviceId']).doUpdateSet({
        slotMinutes: row.slotMinutes,
        counters: row.counters,
        hours: row.hours,
        holidays: row.holidays,
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt,
      }),
    )
    .execute();
}

/** Seats taken per slot start between two instants (every booking that is not cancelled holds its seat). */
export async function countTaken(
  db: Db,
  missionCode: string,
  serviceId: string,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('appointments')
    .select(['slotStart', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('missionCode', '=', missionCode)
    .where('serviceId', '=', serviceId)
    .where('slotStart', '>=', from)
    .where('slotStart', '<', to)
    .where('status', '<>', 'cancelled')
    .groupBy('slotStart')
    .execute();
  return new Map(rows.map((r) => [r.slotStart, Number(r.n)]));
}

/**
 * Takes the lowest free seat of a slot in ONE statement (INSERT … SELECT over the seat numbers 1…counters),
 * so the database, not a read in the application, decides who gets a seat: the unique index on
 * (mission, service, slot start, seat) lets one of two racing inserts in and turns the other into no row
 * (ON CONFLICT DO NOTHING, so no error and no aborted transaction). Returns the seat, or null when nothing was
 * inserted: the slot is full, another request took the chosen seat first, or the person already holds a
 * booking for the service (the other unique index); the caller tells which apart.
 */
export async function claimSeat(
  db: Db,
  row: Omit<Insertable<AppointmentsTable>, 'seat'>,
  counters: number,
): Promise<number | null> {
  const result = await sql<{ seat: number }>`
    with recursive seats(n) as (select 1 union all select n + 1 from seats where n < ${counters})
    insert into appointments (id, mission_code, service_id, slot_start, slot_end, seat, user_id, application_id,
      status, hold_until, checked_in_at, checked_in_by, cancelled_at, created_at, updated_at)
    select ${row.id}, ${row.missionCode}, ${row.serviceId}, ${row.slotStart}, ${row.slotEnd}, n, ${row.userId},
      ${row.applicationId ?? null}, ${row.status}, ${row.holdUntil ?? null}, null, null, null,
      ${row.createdAt}, ${row.updatedAt}
    from seats
    where n not in (
      select seat from appointments
      where mission_code = ${row.missionCode} and service_id = ${row.serviceId}
        and slot_start = ${row.slotStart} and status <> 'cancelled')
    order by n
    limit 1
    on conflict do nothing
    returning seat`.execute(db);
  const first = result.rows[0];
  return first ? Number(first.seat) : null;
}

/** Seats of one slot that are taken. */
export async function countTakenAt(db: Db, missionCode: string, serviceId: string, slotStart: string) {
  const row = await db
    .selectFrom('appointments')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('missionCode', '=', missionCode)
    .where('serviceId', '=', serviceId)
    .where('slotStart', '=', slotStart)
    .where('status', '<>', 'cancelled')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A held booking on a given (just freed) seat; false when the seat or the person's one booking is taken. */
export async function insertHeld(db: Db, row: Insertable<AppointmentsTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('appointments')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

export async function findAppointment(db: Db, id: string): Promise<AppointmentRow | undefined> {
  return db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findActiveFor(db: Db, userId: string, serviceId: string): Promise<AppointmentRow | undefined> {
  return db
    .selectFrom('appointments')
    .selectAll()
    .where('userId', '=', userId)
    .where('serviceId', '=', serviceId)
    .where('status', 'in', ['held', 'booked'])
    .executeTakeFirst();
}

/** Moves a booking from one status to another, only if it is still in one of `from` (no lost updates). */
export async function setStatus(
  db: Db,
  id: string,
  from: AppointmentRow['status'][],
  changes: Partial<Pick<AppointmentRow, 'status' | 'holdUntil' | 'checkedInAt' | 'checkedInBy' | 'cancelledAt'>>,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('appointments')
    .set({ ...changes, updatedAt: at })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Bookings whose slot ended without a check-in become no-shows (run on read; decision 0019). */
export async function markNoShows(db: Db, now: string, filter: { missionCode?: string; userId?: string }) {
  let query = db
    .updateTable('appointments')
    .set({ status: 'no_show', updatedAt: now })
    .where('status', '=', 'booked')
    .where('slotEnd', '<=', now);
  if (filter.missionCode) query = query.where('missionCode', '=', filter.missionCode);
  if (filter.userId) query = query.where('userId', '=', filter.userId);
  await query.execute();
}

export type MineRow = AppointmentRow & { timeZone: string; nameZh: string; nameEn: string };

export async function listOfUser(db: Db, userId: string): Promise<MineRow[]> {
  return db
    .selectFrom('appointments as a')
    .innerJoin('missions as m', 'm.code', 'a.missionCode')
    .selectAll('a')
    .select(['m.timezone as timeZone', 'm.nameZh', 'm.nameEn'])
    .where('a.userId', '=', userId)
    .where('a.status', '<>', 'cancelled')
    .orderBy('a.slotStart', 'desc')
    .limit(100)
    .execute();
}

export async function findMine(db: Db, id: string): Promise<MineRow | undefined> {
  return db
    .selectFrom('appointments as a')
    .innerJoin('missions as m', 'm.code', 'a.missionCode')
    .selectAll('a')
    .select(['m.timezone as timeZone', 'm.nameZh', 'm.nameEn'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export type DayRow = AppointmentRow & { personName: string };

export async function listDay(db: Db, missionCode: string, from: string, to: string): Promise<DayRow[]> {
  return db
    .selectFrom('appointments as a')
    .innerJoin('users as u', 'u.id', 'a.userId')
    .selectAll('a')
    .select('u.displayName as personName')
    .where('a.missionCode', '=', missionCode)
    .where('a.slotStart', '>=', from)
    .where('a.slotStart', '<', to)
    .where('a.status', 'in', ['booked', 'checked_in', 'no_show'])
    .orderBy('a.slotStart')
    .orderBy('a.seat')
    .execute();
}

export async function insertWaitlist(db: Db, row: Insertable<AppointmentWaitlistTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('appointmentWaitlist')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .execute();
  return inserted.length === 1;
}

/** The people waiting for a day, first come first served. */
export async function listWaiting(
  db: Db,
  missionCode: string,
  serviceId: string,
  date: string,
): Promise<WaitlistRow[]> {
  return db
    .selectFrom('appointmentWaitlist')
    .selectAll()
    .where('missionCode', '=', missionCode)
    .where('serviceId', '=', serviceId)
    .where('date', '=', date)
    .where('status', '=', 'waiting')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function listWaitlistOf(db: Db, userId: string, fromDate: string): Promise<WaitlistRow[]> {
  return db
    .selectFrom('appointmentWaitlist')
    .selectAll()
    .where('userId', '=', userId)
    .where('status', 'in', ['waiting', 'offered'])
    .where('date', '>=', fromDate)
    .orderBy('date')
    .execute();
}

export async function findWaitlistEntry(db: Db, id: string): Promise<WaitlistRow | undefined> {
  return db.selectFrom('appointmentWaitlist').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setWaitlistStatus(
  db: Db,
  id: string,
  from: WaitlistRow['status'],
  to: WaitlistRow['status'],
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('appointmentWaitlist')
    .set({ status: to, updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** People ahead of an entry in its day's queue. */
export async function countAhead(db: Db, entry: WaitlistRow): Promise<number> {
  const row = await db
    .selectFrom('appointmentWaitlist')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('missionCode', '=', entry.missionCode)
    .where('serviceId', '=', entry.serviceId)
    .where('date', '=', entry.date)
    .where('status', '=', 'waiting')
    .where('createdAt', '<', entry.createdAt)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
