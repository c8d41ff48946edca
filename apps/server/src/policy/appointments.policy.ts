import type { Role } from '@homeward/shared';
import { type Actor, servesMission } from './actor.ts';

/**
 * Mission appointments (decision 0019). Opening hours are the mission's business: its head sets them, and HQ
 * for any mission. The day's schedule names the people coming, so only staff of that mission (and HQ) see it
 * and check people in. Citizens book for themselves and change only their own bookings.
 */
export const SCHEDULE_EDITOR_ROLES: readonly Role[] = ['hq_admin', 'mission_head'];
export const APPOINTMENT_DESK_ROLES: readonly Role[] = ['hq_admin', 'mission_head', 'consular_officer'];
export const APPOINTMENT_BOOKER_ROLES: readonly Role[] = ['citizen'];

export function canEditSchedule(actor: Actor | null, missionCode: string): boolean {
  if (!actor) return false;
  if (actor.role === 'hq_admin') return true;
  return actor.role === 'mission_head' && servesMission(actor, missionCode);
}

/** Seeing a mission's day schedule and checking people in. */
export function canWorkAppointmentDesk(actor: Actor | null, missionCode: string): boolean {
  if (!actor) return false;
  if (actor.role === 'hq_admin') return true;
  return (actor.role === 'mission_head' || actor.role === 'consular_officer') && servesMission(actor, missionCode);
}

export function canChangeAppointment(actor: Actor | null, appointment: { userId: string }): boolean {
  return actor !== null && actor.role === 'citizen' && appointment.userId === actor.id;
}
