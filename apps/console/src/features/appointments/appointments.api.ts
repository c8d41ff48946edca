import type {
  AppointmentSchedule,
  AppointmentScheduleBody,
  AppointmentScheduleList,
  DayAppointment,
  DaySchedule,
  Locale,
  MissionPage,
  OpeningWindow,
} from '@homeward/shared';
import { APPOINTMENT_SERVICE_IDS } from '@homeward/shared';

export const SERVICE_IDS = APPOINTMENT_SERVICE_IDS;
export const ALL_MISSIONS_PATH = '/api/v1/missions?pageSize=100&sort=country';

export function dayPath(mission: string, date: string): string {
  return `/api/v1/appointments/day?${new URLSearchParams({ mission, date })}`;
}
export function schedulesPath(mission: string): string {
  return `/api/v1/appointment-schedules?mission=${encodeURIComponent(mission)}`;
}
export function schedulePath(mission: string, service: string): string {
  return `/api/v1/appointment-schedules/${encodeURIComponent(mission)}/${encodeURIComponent(service)}`;
}

/** Today's date at the mission (YYYY-MM-DD). */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function timeAt(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minute: number) => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;

/** One weekday's windows as officers type them: "09:00-12:00, 14:00-17:00" ('' = closed). */
export function windowsText(hours: readonly OpeningWindow[], weekday: number): string {
  return hours
    .filter((w) => w.weekday === weekday)
    .map((w) => `${hhmm(w.startMinute)}-${hhmm(w.endMinute)}`)
    .join(', ');
}

/** Reads "09:00-12:00, 14:00-17:00"; null when a part is not HH:MM-HH:MM. */
export function parseWindows(text: string, weekday: number): OpeningWindow[] | null {
  const parts = text
    .split(/[,，;；]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const out: OpeningWindow[] = [];
  for (const part of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–—~至到]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) return null;
    const start = Number(m[1]) * 60 + Number(m[2]);
    const end = Number(m[3]) * 60 + Number(m[4]);
    if (start >= end || end > 1440 || Number(m[2]) > 59 || Number(m[4]) > 59) return null;
    out.push({ weekday, startMinute: start, endMinute: end });
  }
  return out;
}

export type {
  AppointmentSchedule,
  AppointmentScheduleBody,
  AppointmentScheduleList,
  DayAppointment,
  DaySchedule,
  MissionPage,
};
