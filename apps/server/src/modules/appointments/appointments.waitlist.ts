import type { Locale, WaitlistBody, WaitlistEntry, WaitlistList } from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import type { Actor } from '../../policy/actor.ts';
import { fieldProblem } from '../registry/registry.fields.ts';
import { toWaitlistDto } from './appointments.presenter.ts';
import {
  type AppointmentRow,
  countAhead,
  findActiveFor,
  findAppointment,
  findSchedule,
  findWaitlistEntry,
  insertHeld,
  insertWaitlist,
  listWaiting,
  listWaitlistOf,
  setStatus,
  setWaitlistStatus,
} from './appointments.repo.ts';
import { localDateOf } from './appointments.slots.ts';

const MINUTE = 60_000;
/** How long a freed seat is held for the person it is offered to. */
export const HOLD_MS = 2 * 60 * MINUTE;
/** A seat freed less than this before its slot is left open to anyone instead of held. */
const MIN_NOTICE_MS = 30 * MINUTE;

export const APPOINTMENT_OFFER = 'appointment.offer';
export const APPOINTMENT_HOLD_EXPIRY = 'appointment.hold_expiry';

/**
 * Offers a seat that was just freed (cancel, reschedule, an expired hold) to the first person waiting for that
 * day: a `held` booking on the same seat, in the caller's transaction, so nobody else can take it meanwhile.
 * The person is told through the job queue and has until `holdUntil` to confirm; the expiry job passes the
 * seat on. Someone who booked the service another way meanwhile is skipped.
 */
export async function offerFreedSeat(db: Db, freed: AppointmentRow, now: Date): Promise<string | null> {
  const start = Date.parse(freed.slotStart);
  if (start - now.getTime() < MIN_NOTICE_MS) return null;
  const schedule = await findSchedule(db, freed.missionCode, freed.serviceId);
  if (!schedule) return null;
  const date = localDateOf(freed.slotStart, schedule.timeZone);
  const at = isoNow(now);
  const holdUntil = new Date(Math.min(now.getTime() + HOLD_MS, start - MIN_NOTICE_MS / 2)).toISOString();
  for (const entry of await listWaiting(db, freed.missionCode, freed.serviceId, date)) {
    if (entry.userId === freed.userId) continue;
    if (await findActiveFor(db, entry.userId, freed.serviceId)) continue;
    const id = newId();
    const held = await insertHeld(db, {
      id,
      missionCode: freed.missionCode,
      serviceId: freed.serviceId,
      slotStart: freed.slotStart,
      slotEnd: freed.slotEnd,
      seat: freed.seat,
      userId: entry.userId,
      applicationId: null,
      status: 'held',
      holdUntil,
      checkedInAt: null,
      checkedInBy: null,
      cancelledAt: null,
      createdAt: at,
      updatedAt: at,
    });
    if (!held) continue;
    await setWaitlistStatus(db, entry.id, 'waiting', 'offered', at);
    await insertJobs(db, [
      { kind: APPOINTMENT_OFFER, payload: { appointmentId: id }, dedupeKey: `appointment-offer:${id}` },
      {
        kind: APPOINTMENT_HOLD_EXPIRY,
        payload: { appointmentId: id },
        runAt: new Date(holdUntil),
        dedupeKey: `appointment-hold-expiry:${id}`,
      },
    ]);
    return id;
  }
  return null;
}

/** The hold ran out unconfirmed: the seat is freed and offered to the next person waiting. */
export async function expireHold(db: Kysely<Database>, appointmentId: string, now: Date = new Date()): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await findAppointment(trx, appointmentId);
    const at = isoNow(now);
    if (row?.status !== 'held' || !row.holdUntil || row.holdUntil > at) return;
    if (!(await setStatus(trx, row.id, ['held'], { status: 'cancelled', cancelledAt: at }, at))) return;
    await offerFreedSeat(trx, row, now);
  });
}

/** Joins the queue for a day at a mission; a seat freed that day is offered in order of joining. */
export async function joinWaitlist(
  db: Kysely<Database>,
  actor: Actor,
  body: WaitlistBody,
  locale: Locale,
  now: Date = new Date(),
): Promise<WaitlistEntry> {
  const schedule = await findSchedule(db, body.missionCode, body.serviceId);
  if (!schedule) {
    throw fieldProblem(422, 'booking_not_offered', '/body/serviceId', locale, 'no bookings for this service here');
  }
  if (body.date < localDateOf(now, schedule.timeZone)) {
    throw fieldProblem(422, 'slot_in_past', '/body/date', locale, 'the day has passed');
  }
  if (await findActiveFor(db, actor.id, body.serviceId)) {
    throw fieldProblem(409, 'appointment_exists', '/body/serviceId', locale, 'one active booking per service');
  }
  const at = isoNow(now);
  const id = newId();
  const row = {
    id,
    missionCode: body.missionCode,
    serviceId: body.serviceId,
    date: body.date,
    userId: actor.id,
    status: 'waiting' as const,
    createdAt: at,
    updatedAt: at,
  };
  if (!(await insertWaitlist(db, row))) throw fieldProblem(409, 'waitlist_exists', '/body/date', locale, 'waiting');
  return toWaitlistDto(row, await countAhead(db, row));
}

export async function leaveWaitlist(db: Db, actor: Actor, id: string, now: Date = new Date()): Promise<void> {
  const entry = await findWaitlistEntry(db, id);
  if (!entry || entry.userId !== actor.id) throw new ProblemError(404, 'not_found');
  await setWaitlistStatus(db, id, 'waiting', 'left', isoNow(now));
}

export async function listMyWaitlist(db: Db, actor: Actor, now: Date = new Date()): Promise<WaitlistList> {
  // A day is kept until it has passed everywhere (UTC−12): the list is by local date at each mission.
  const rows = await listWaitlistOf(db, actor.id, new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10));
  const items: WaitlistEntry[] = [];
  for (const row of rows) items.push(toWaitlistDto(row, row.status === 'waiting' ? await countAhead(db, row) : 0));
  return { items };
}
