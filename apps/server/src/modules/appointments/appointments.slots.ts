import type { OpeningWindow } from '@homeward/shared';
import { instantOfLocal, zoneOffsetMs } from '../cases/cases.sla.ts';

/**
 * Slot arithmetic (decision 0019): pure functions over a schedule and the mission's time zone, using the same
 * wall-clock conversion as the case SLA business hours (`cases.sla.ts`): minutes after local midnight, ISO
 * weekdays, local YYYY-MM-DD holidays. A slot is identified by its start instant (UTC ISO text).
 */
export interface SlotSchedule {
  timeZone: string;
  slotMinutes: number;
  counters: number;
  hours: readonly OpeningWindow[];
  holidays: readonly string[];
}

export interface Slot {
  start: string;
  end: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The UTC-based day number (ms at 00:00Z) of a local date text. */
function dayOf(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The local date (YYYY-MM-DD) at the mission of an instant. */
export function localDateOf(instant: Date | string, timeZone: string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date. */
export function isoWeekdayOf(date: string): number {
  return ((new Date(dayOf(date)).getUTCDay() + 6) % 7) + 1;
}

/** The day after a local date. */
export function nextDate(date: string): string {
  return new Date(dayOf(date) + DAY).toISOString().slice(0, 10);
}

export type DayClosure = 'holiday' | 'closed' | null;

export function closureOf(schedule: SlotSchedule, date: string): DayClosure {
  if (schedule.holidays.includes(date)) return 'holiday';
  return schedule.hours.some((w) => w.weekday === isoWeekdayOf(date)) ? null : 'closed';
}

/**
 * Every slot of a local date, in order. A window holds as many whole slots as fit; a wall time that does not
 * exist (spring-forward gap) moves forward as clocks do, and a repeated wall time (fall-back) yields one slot,
 * so no two slots share a start instant.
 */
export function slotsOfDay(schedule: SlotSchedule, date: string): readonly Slot[] {
  // The same day of the same schedule is asked for on every booking of a rush: remember it (pure, small).
  const key = `${schedule.timeZone}|${schedule.slotMinutes}|${JSON.stringify(schedule.hours)}|${schedule.holidays.join()}|${date}`;
  const known = dayCache.get(key);
  if (known) return known;
  const slots = computeSlotsOfDay(schedule, date);
  if (dayCache.size >= DAY_CACHE_SIZE) dayCache.clear();
  dayCache.set(key, slots);
  return slots;
}

const DAY_CACHE_SIZE = 5000;
const dayCache = new Map<string, readonly Slot[]>();

function computeSlotsOfDay(schedule: SlotSchedule, date: string): Slot[] {
  if (closureOf(schedule, date) !== null) return [];
  const day = dayOf(date);
  const weekday = isoWeekdayOf(date);
  const windows = schedule.hours
    .filter((w) => w.weekday === weekday && w.endMinute > w.startMinute)
    .sort((a, b) => a.startMinute - b.startMinute);
  const seen = new Set<number>();
  const slots: Slot[] = [];
  for (const window of windows) {
    for (let m = window.startMinute; m + schedule.slotMinutes <= window.endMinute; m += schedule.slotMinutes) {
      const start = instantOfLocal(day + m * MINUTE, schedule.timeZone);
      const end = instantOfLocal(day + (m + schedule.slotMinutes) * MINUTE, schedule.timeZone);
      if (seen.has(start) || end <= start) continue;
      seen.add(start);
      slots.push({ start: new Date(start).toISOString(), end: new Date(end).toISOString() });
    }
  }
  return slots.sort((a, b) => a.start.localeCompare(b.start));
}

export type SlotCheck =
  | { ok: true; slot: Slot }
  | { ok: false; reason: 'slot_in_past' | 'slot_on_holiday' | 'slot_outside_hours' };

/** Whether a requested start is a real, future slot of the schedule. */
export function checkSlot(schedule: SlotSchedule, start: string, now: Date): SlotCheck {
  const ms = Date.parse(start);
  if (Number.isNaN(ms)) return { ok: false, reason: 'slot_outside_hours' };
  if (ms <= now.getTime()) return { ok: false, reason: 'slot_in_past' };
  const date = localDateOf(new Date(ms), schedule.timeZone);
  if (schedule.holidays.includes(date)) return { ok: false, reason: 'slot_on_holiday' };
  const iso = new Date(ms).toISOString();
  const slot = slotsOfDay(schedule, date).find((s) => s.start === iso);
  return slot ? { ok: true, slot } : { ok: false, reason: 'slot_outside_hours' };
}

/** The slots after `from`, one local day at a time, for at most `days` days (for "next free times"). */
export function* upcomingDays(schedule: SlotSchedule, from: Date, days: number): Generator<Slot[]> {
  let date = localDateOf(from, schedule.timeZone);
  const fromIso = from.toISOString();
  for (let i = 0; i < days; i++) {
    yield slotsOfDay(schedule, date).filter((slot) => slot.start > fromIso);
    date = nextDate(date);
  }
}
