import type {
  AppointmentSchedule,
  AppointmentScheduleBody,
  AppointmentScheduleList,
  AppointmentSlotList,
  AppointmentSlotsQuery,
  BookAppointmentBody,
  Locale,
  MyAppointment,
  MyAppointmentList,
} from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import type { Actor } from '../../policy/actor.ts';
import { canChangeAppointment, canEditSchedule } from '../../policy/appointments.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { findMission } from '../missions/missions.repo.ts';
import { fieldProblem } from '../registry/registry.fields.ts';
import { findCurrentDefinition } from '../services/services.repo.ts';
import { checkInCodeFor } from './appointments.check-in-code.ts';
import { slotScheduleOf, toMyAppointmentDto, toScheduleDto } from './appointments.presenter.ts';
import {
  type AppointmentRow,
  claimSeat,
  countTaken,
  countTakenAt,
  findActiveFor,
  findMine,
  findSchedule,
  listOfUser,
  listSchedulesOf,
  markNoShows,
  type ScheduleRow,
  setStatus,
  upsertSchedule,
} from './appointments.repo.ts';
import { checkSlot, closureOf, type Slot, slotsOfDay, upcomingDays } from './appointments.slots.ts';
import { offerFreedSeat } from './appointments.waitlist.ts';

const HOUR = 3_600_000;
/** A reminder goes out this long before the appointment. */
export const REMINDER_BEFORE_MS = 24 * HOUR;
/** How far ahead the "next free times" of a full slot are looked for. */
const NEXT_FREE_DAYS = 21;
const NEXT_FREE_COUNT = 5;

export const APPOINTMENT_REMINDER = 'appointment.reminder';

/**
 * The one place a service id is checked: against the service catalogue (modules/services, issue 8 item 1), whose
 * string ids a schedule is keyed by. A booking needs no check of its own: a schedule exists only for a known id.
 */
export async function isKnownService(db: Db, serviceId: string): Promise<boolean> {
  return (await findCurrentDefinition(db, serviceId)) !== undefined;
}

async function scheduleOrProblem(db: Db, missionCode: string, serviceId: string, locale: Locale, field: string) {
  const row = await findSchedule(db, missionCode, serviceId);
  if (!row) {
    throw fieldProblem(422, 'booking_not_offered', field, locale, `${missionCode} takes no bookings for ${serviceId}`);
  }
  return row;
}

/** Every service a mission takes bookings for, with its hours. Public: opening hours are public information. */
export async function listSchedules(db: Db, missionCode: string): Promise<AppointmentScheduleList> {
  return { items: (await listSchedulesOf(db, missionCode)).map(toScheduleDto) };
}

/** Sets a service's hours, holidays, counters and slot length at a mission (its head or HQ; audited). */
export async function saveSchedule(
  db: Kysely<Database>,
  actor: Actor,
  missionCode: string,
  serviceId: string,
  body: AppointmentScheduleBody,
  source: AuditSource,
  locale: Locale,
  now: Date = new Date(),
): Promise<AppointmentSchedule> {
  if (!(await findMission(db, missionCode))) throw new ProblemError(404, 'not_found');
  if (!canEditSchedule(actor, missionCode)) throw new ProblemError(404, 'not_found');
  if (!(await isKnownService(db, serviceId))) {
    throw fieldProblem(422, 'validation_failed', '/params/serviceId', locale, `unknown service ${serviceId}`, 'enum');
  }
  body.hours.forEach((w, i) => {
    if (w.endMinute <= w.startMinute) {
      throw fieldProblem(
        422,
        'validation_failed',
        `/body/hours/${i}/endMinute`,
        locale,
        'closes before it opens',
        'range',
      );
    }
    if (w.endMinute - w.startMinute < body.slotMinutes) {
      throw fieldProblem(
        422,
        'validation_failed',
        `/body/hours/${i}/endMinute`,
        locale,
        'shorter than a slot',
        'range',
      );
    }
  });
  body.holidays.forEach((d, i) => {
    if (Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) {
      throw fieldProblem(422, 'validation_failed', `/body/holidays/${i}`, locale, `${d} is not a date`, 'format');
    }
  });
  const at = isoNow(now);
  return inTransaction(db, async (trx) => {
    await upsertSchedule(trx, {
      missionCode,
      serviceId,
      slotMinutes: body.slotMinutes,
      counters: body.counters,
      hours: JSON.stringify([...body.hours].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute)),
      holidays: JSON.stringify([...new Set(body.holidays)].sort()),
      updatedBy: actor.id,
      updatedAt: at,
    });
    await appendAudit(trx, source, {
      action: 'appointment.schedule_save',
      record: { type: 'appointment_schedule', id: `${missionCode}/${serviceId}`, missionCode },
      details: { slotMinutes: body.slotMinutes, counters: body.counters, holidays: body.holidays.length },
    });
    const row = await findSchedule(trx, missionCode, serviceId);
    if (!row) throw new Error('schedule vanished inside its own transaction');
    return toScheduleDto(row);
  });
}

/** The slots of one local date with the seats still free. */
export async function listSlots(
  db: Db,
  query: AppointmentSlotsQuery,
  locale: Locale,
  now: Date = new Date(),
): Promise<AppointmentSlotList> {
  const row = await scheduleOrProblem(db, query.mission, query.service, locale, '/query/service');
  const schedule = slotScheduleOf(row);
  const slots = slotsOfDay(schedule, query.date).filter((s) => s.start > now.toISOString());
  const taken = slots.length
    ? await countTaken(db, query.mission, query.service, slots[0]?.start ?? '', `${slots.at(-1)?.end ?? ''}`)
    : new Map<string, number>();
  return {
    missionCode: query.mission,
    serviceId: query.service,
    date: query.date,
    timeZone: schedule.timeZone,
    closed: closureOf(schedule, query.date),
    items: slots.map((s) => ({
      ...s,
      capacity: schedule.counters,
      free: Math.max(0, schedule.counters - (taken.get(s.start) ?? 0)),
    })),
  };
}

/** The next slots with a free seat after `after`, for a 409 slot_full answer: one count query per day looked at. */
async function nextFreeSlots(db: Db, row: ScheduleRow, after: Date): Promise<Array<Slot & { free: number }>> {
  const schedule = slotScheduleOf(row);
  const out: Array<Slot & { free: number }> = [];
  for (const day of upcomingDays(schedule, after, NEXT_FREE_DAYS)) {
    if (day.length === 0) continue;
    const taken = await countTaken(db, row.missionCode, row.serviceId, day[0]?.start ?? '', day.at(-1)?.end ?? '');
    for (const slot of day) {
      const free = schedule.counters - (taken.get(slot.start) ?? 0);
      if (free > 0) out.push({ ...slot, free });
      if (out.length === NEXT_FREE_COUNT) return out;
    }
  }
  return out;
}

function slotProblem(reason: 'slot_in_past' | 'slot_on_holiday' | 'slot_outside_hours', locale: Locale) {
  return fieldProblem(422, reason, '/body/slotStart', locale, reason.replaceAll('_', ' '));
}

/**
 * Claims a seat for one person, trying again only when another request took the chosen seat in the same
 * instant (PostgreSQL); at most one round per seat. Runs in the caller's transaction.
 */
async function claimOrRefuse(
  db: Db,
  schedule: ScheduleRow,
  slot: Slot,
  fields: { id: string; userId: string; applicationId: string | null },
  locale: Locale,
  now: Date,
): Promise<number> {
  const at = isoNow(now);
  for (let round = 0; round <= schedule.counters; round++) {
    const seat = await claimSeat(
      db,
      {
        ...fields,
        missionCode: schedule.missionCode,
        serviceId: schedule.serviceId,
        slotStart: slot.start,
        slotEnd: slot.end,
        status: 'booked',
        holdUntil: null,
        createdAt: at,
        updatedAt: at,
      },
      schedule.counters,
    );
    if (seat !== null) return seat;
    if (await findActiveFor(db, fields.userId, schedule.serviceId)) {
      throw fieldProblem(409, 'appointment_exists', '/body/serviceId', locale, 'one active booking per service');
    }
    if ((await countTakenAt(db, schedule.missionCode, schedule.serviceId, slot.start)) >= schedule.counters) break;
  }
  const nextFree = await nextFreeSlots(db, schedule, new Date(Math.max(now.getTime(), Date.parse(slot.start))));
  throw new ProblemError(409, 'slot_full', `no seat left at ${slot.start}`, undefined, undefined, { nextFree });
}

/** The reminder job of a booking, 24 h before; the handler ignores it if the booking moved or ended. */
async function scheduleReminder(db: Db, booking: { id: string; slotStart: string }, now: Date): Promise<void> {
  const at = Date.parse(booking.slotStart) - REMINDER_BEFORE_MS;
  if (at <= now.getTime()) return;
  await insertJobs(db, [
    {
      kind: APPOINTMENT_REMINDER,
      payload: { appointmentId: booking.id, slotStart: booking.slotStart },
      runAt: new Date(at),
      dedupeKey: `appointment-reminder:${booking.id}`,
    },
  ]);
}

async function myAppointment(db: Db, id: string): Promise<MyAppointment> {
  const row = await findMine(db, id);
  if (!row) throw new ProblemError(404, 'not_found');
  return toMyAppointmentDto(row, await checkInCodeFor(db, row.id));
}

/** Books a seat: the slot must be a real future slot of the schedule; one active booking per service. */
export async function bookAppointment(
  db: Kysely<Database>,
  actor: Actor,
  body: BookAppointmentBody,
  locale: Locale,
  now: Date = new Date(),
): Promise<MyAppointment> {
  const schedule = await scheduleOrProblem(db, body.missionCode, body.serviceId, locale, '/body/serviceId');
  const check = checkSlot(slotScheduleOf(schedule), body.slotStart, now);
  if (!check.ok) throw slotProblem(check.reason, locale);
  if (await findActiveFor(db, actor.id, body.serviceId)) {
    throw fieldProblem(409, 'appointment_exists', '/body/serviceId', locale, 'one active booking per service');
  }
  const id = newId();
  await inTransaction(db, async (trx) => {
    const fields = { id, userId: actor.id, applicationId: body.applicationId ?? null };
    await claimOrRefuse(trx, schedule, check.slot, fields, locale, now);
    await scheduleReminder(trx, { id, slotStart: check.slot.start }, now);
  });
  return myAppointment(db, id);
}

async function ownActive(db: Db, actor: Actor, id: string): Promise<AppointmentRow> {
  const row = await findMine(db, id);
  if (!row || !canChangeAppointment(actor, row)) throw new ProblemError(404, 'not_found');
  if (row.status !== 'booked' && row.status !== 'held') {
    throw new ProblemError(409, 'appointment_not_changeable', `the appointment is ${row.status}`);
  }
  return row;
}

/**
 * Moves a booking to another slot of the same service and mission. The old seat is given up and the new one
 * claimed in one transaction: if the new slot is full, nothing changes. The freed seat goes to the waitlist.
 */
export async function rescheduleAppointment(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  slotStart: string,
  locale: Locale,
  now: Date = new Date(),
): Promise<MyAppointment> {
  const old = await ownActive(db, actor, id);
  const schedule = await scheduleOrProblem(db, old.missionCode, old.serviceId, locale, '/body/slotStart');
  const check = checkSlot(slotScheduleOf(schedule), slotStart, now);
  if (!check.ok) throw slotProblem(check.reason, locale);
  const newIdValue = newId();
  const at = isoNow(now);
  await inTransaction(db, async (trx) => {
    if (!(await setStatus(trx, old.id, ['booked', 'held'], { status: 'cancelled', cancelledAt: at }, at))) {
      throw new ProblemError(409, 'appointment_not_changeable', 'the appointment changed in the meantime');
    }
    const fields = { id: newIdValue, userId: actor.id, applicationId: old.applicationId };
    await claimOrRefuse(trx, schedule, check.slot, fields, locale, now);
    await scheduleReminder(trx, { id: newIdValue, slotStart: check.slot.start }, now);
    await offerFreedSeat(trx, old, now);
  });
  return myAppointment(db, newIdValue);
}

/** Cancels a booking (or declines a held seat); the freed seat is offered to the first person waiting. */
export async function cancelAppointment(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  now: Date = new Date(),
): Promise<void> {
  const row = await ownActive(db, actor, id);
  const at = isoNow(now);
  await inTransaction(db, async (trx) => {
    if (!(await setStatus(trx, row.id, ['booked', 'held'], { status: 'cancelled', cancelledAt: at }, at))) {
      throw new ProblemError(409, 'appointment_not_changeable', 'the appointment changed in the meantime');
    }
    await offerFreedSeat(trx, row, now);
  });
}

/** Accepts a seat held from the waitlist before the hold runs out. */
export async function confirmHeldAppointment(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  now: Date = new Date(),
): Promise<MyAppointment> {
  const row = await ownActive(db, actor, id);
  const at = isoNow(now);
  if (row.status !== 'held' || !row.holdUntil || row.holdUntil <= at) {
    throw new ProblemError(409, 'appointment_not_changeable', 'the seat is no longer held for you');
  }
  await inTransaction(db, async (trx) => {
    if (!(await setStatus(trx, row.id, ['held'], { status: 'booked', holdUntil: null }, at))) {
      throw new ProblemError(409, 'appointment_not_changeable', 'the seat is no longer held for you');
    }
    await scheduleReminder(trx, row, now);
  });
  return myAppointment(db, row.id);
}

/** The person's bookings, newest slot first; bookings whose slot ended unattended are marked missed first. */
export async function listMyAppointments(db: Db, actor: Actor, now: Date = new Date()): Promise<MyAppointmentList> {
  await markNoShows(db, isoNow(now), { userId: actor.id });
  const rows = await listOfUser(db, actor.id);
  const items: MyAppointment[] = [];
  for (const row of rows) items.push(toMyAppointmentDto(row, await checkInCodeFor(db, row.id)));
  return { items };
}

export async function viewMyAppointment(db: Db, actor: Actor, id: string): Promise<MyAppointment> {
  const row = await findMine(db, id);
  if (!row || !canChangeAppointment(actor, row)) throw new ProblemError(404, 'not_found');
  return toMyAppointmentDto(row, await checkInCodeFor(db, row.id));
}
