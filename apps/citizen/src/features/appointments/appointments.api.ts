import type {
  AppointmentScheduleList,
  AppointmentSlot,
  AppointmentSlotList,
  Locale,
  MyAppointment,
  MyAppointmentList,
  WaitlistEntry,
  WaitlistList,
} from '@homeward/shared';

export const MY_APPOINTMENTS_PATH = '/api/v1/me/appointments';
export const MY_WAITLIST_PATH = '/api/v1/me/appointment-waitlist';
/** Every mission, for the "which mission" question (52 for China; one page). */
export const ALL_MISSIONS_PATH = '/api/v1/missions?pageSize=100&sort=country';

export function schedulesPath(mission: string): string {
  return `/api/v1/appointment-schedules?mission=${encodeURIComponent(mission)}`;
}
export function slotsPath(mission: string, service: string, date: string): string {
  const q = new URLSearchParams({ mission, service, date });
  return `/api/v1/appointment-slots?${q}`;
}
export function appointmentPath(id: string): string {
  return `${MY_APPOINTMENTS_PATH}/${encodeURIComponent(id)}`;
}

/** Today's date in a time zone, as YYYY-MM-DD (the booking form's first day). */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** "09:20" at the mission, in the UI language. */
export function slotTime(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

/** "Tuesday 1 December 2026, 09:20" at the mission, in the UI language. */
export function slotDateTime(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

export type {
  AppointmentScheduleList,
  AppointmentSlot,
  AppointmentSlotList,
  MyAppointment,
  MyAppointmentList,
  WaitlistEntry,
  WaitlistList,
};
