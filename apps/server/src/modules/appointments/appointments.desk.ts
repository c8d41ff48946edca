import type { DayAppointment, DaySchedule } from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canWorkAppointmentDesk } from '../../policy/appointments.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { instantOfLocal } from '../cases/cases.sla.ts';
import { findMission } from '../missions/missions.repo.ts';
import { bookingIdOfCode } from './appointments.check-in-code.ts';
import { toDayAppointmentDto } from './appointments.presenter.ts';
import { findAppointment, listDay, markNoShows, setStatus } from './appointments.repo.ts';
import { localDateOf, nextDate } from './appointments.slots.ts';

/** The instants a local date spans at a mission. */
function dayBounds(date: string, timeZone: string): [string, string] {
  const from = instantOfLocal(Date.parse(`${date}T00:00:00Z`), timeZone);
  const to = instantOfLocal(Date.parse(`${nextDate(date)}T00:00:00Z`), timeZone);
  return [new Date(from).toISOString(), new Date(to).toISOString()];
}

async function missionForDesk(db: Db, actor: Actor, missionCode: string) {
  const mission = await findMission(db, missionCode);
  // Another mission's schedule is as absent as a mission that does not exist (nothing leaks).
  if (!mission || !canWorkAppointmentDesk(actor, missionCode)) throw new ProblemError(404, 'not_found');
  return mission;
}

/**
 * A mission's appointments on one local date, by slot and seat, with the names of the people coming
 * (personal data: the view is audited). Bookings whose slot ended without a check-in are marked missed first.
 */
export async function viewDaySchedule(
  db: Kysely<Database>,
  actor: Actor,
  missionCode: string,
  date: string,
  source: AuditSource,
  now: Date = new Date(),
): Promise<DaySchedule> {
  const mission = await missionForDesk(db, actor, missionCode);
  await markNoShows(db, isoNow(now), { missionCode });
  const [from, to] = dayBounds(date, mission.timezone);
  const rows = await listDay(db, missionCode, from, to);
  await appendAudit(db, source, {
    action: 'appointment.day_view',
    record: { type: 'appointment_day', id: `${missionCode}/${date}`, missionCode },
    details: { count: rows.length },
  });
  return { missionCode, date, timeZone: mission.timezone, items: rows.map(toDayAppointmentDto) };
}

/**
 * Checks a person in, by the code in their QR (scanned or typed) or by the booking id (a button on the day's
 * list). Only staff of the booking's mission; only on the day of the appointment and only once.
 */
export async function checkIn(
  db: Kysely<Database>,
  actor: Actor,
  by: { code: string } | { id: string },
  source: AuditSource,
  now: Date = new Date(),
): Promise<DayAppointment> {
  const id = 'code' in by ? await bookingIdOfCode(db, by.code) : by.id;
  if (!id) throw new ProblemError(422, 'check_in_code_invalid', 'the code is not one of ours');
  const row = await findAppointment(db, id);
  if (!row || !canWorkAppointmentDesk(actor, row.missionCode)) {
    throw 'code' in by
      ? new ProblemError(422, 'check_in_code_invalid', 'no such booking here')
      : new ProblemError(404, 'not_found');
  }
  const mission = await missionForDesk(db, actor, row.missionCode);
  if (localDateOf(row.slotStart, mission.timezone) !== localDateOf(now, mission.timezone)) {
    throw new ProblemError(
      422,
      'check_in_not_today',
      `the appointment is on ${localDateOf(row.slotStart, mission.timezone)}`,
    );
  }
  const at = isoNow(now);
  return inTransaction(db, async (trx) => {
    // A late arrival the no-show sweep already marked can still be checked in the same day.
    if (
      !(await setStatus(
        trx,
        row.id,
        ['booked', 'no_show'],
        { status: 'checked_in', checkedInAt: at, checkedInBy: actor.id },
        at,
      ))
    ) {
      throw new ProblemError(409, 'appointment_not_changeable', `the appointment is ${row.status}`);
    }
    await appendAudit(trx, source, {
      action: 'appointment.check_in',
      record: { type: 'appointment', id: row.id, missionCode: row.missionCode },
      details: { via: 'code' in by ? 'code' : 'list' },
    });
    const [from, to] = dayBounds(localDateOf(row.slotStart, mission.timezone), mission.timezone);
    const fresh = (await listDay(trx, row.missionCode, from, to)).find((r) => r.id === row.id);
    if (!fresh) throw new Error('checked-in booking vanished inside its own transaction');
    return toDayAppointmentDto(fresh);
  });
}
