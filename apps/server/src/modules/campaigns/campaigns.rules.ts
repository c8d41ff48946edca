import type { CampaignEligibility, CampaignIneligibleReason } from '@homeward/shared';
import { isoWeekdayOf, nextDate, type Slot, slotsOfDay } from '../appointments/appointments.slots.ts';
import { instantOfLocal } from '../cases/cases.sla.ts';

/** Pure campaign rules (decision 0024): age, eligibility, the slots of a session, times of day. */

/** Age in whole years on a day (both YYYY-MM-DD); a 29 February birthday counts on 1 March in other years. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

export interface EligibilityInput {
  /** Countries the person is present in today (registry presences); empty when not registered abroad. */
  presentIn: readonly string[];
  birthDate: string | null;
  today: string;
}

export type EligibilityVerdict =
  | { eligible: true; countries: string[]; needsBirthDate: false }
  | { eligible: false; reason: CampaignIneligibleReason | null; needsBirthDate: boolean };

/**
 * Whether a person may register: present in one of the campaign's countries, and of the right age when the
 * campaign has an age limit. An unknown birth date under an age limit is not a refusal: the person is asked for
 * it (`needsBirthDate`), and the check runs again with it.
 */
export function checkEligibility(rules: CampaignEligibility, input: EligibilityInput): EligibilityVerdict {
  if (input.presentIn.length === 0) return { eligible: false, reason: 'not_registered_abroad', needsBirthDate: false };
  const countries = rules.countries.filter((c) => input.presentIn.includes(c));
  if (countries.length === 0) return { eligible: false, reason: 'country', needsBirthDate: false };
  const limited = rules.minAge !== null || rules.maxAge !== null;
  if (limited) {
    if (!input.birthDate) return { eligible: false, reason: null, needsBirthDate: true };
    const age = ageOn(input.birthDate, input.today);
    if (rules.minAge !== null && age < rules.minAge)
      return { eligible: false, reason: 'too_young', needsBirthDate: false };
    if (rules.maxAge !== null && age > rules.maxAge)
      return { eligible: false, reason: 'too_old', needsBirthDate: false };
  }
  return { eligible: true, countries, needsBirthDate: false };
}

/** "HH:MM" → minutes after midnight ("24:00" is 1440). */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export interface SessionShape {
  date: string;
  startMinute: number;
  endMinute: number;
  slotMinutes: number;
  capacityPerSlot: number;
}

/**
 * The slots of a session: the appointments' slot arithmetic (decision 0019) over a one-window schedule on the
 * session's weekday, so daylight-saving gaps and repeats behave the same way.
 */
export function slotsOfSession(session: SessionShape, timeZone: string): readonly Slot[] {
  return slotsOfDay(
    {
      timeZone,
      slotMinutes: session.slotMinutes,
      counters: session.capacityPerSlot,
      hours: [{ weekday: isoWeekdayOf(session.date), startMinute: session.startMinute, endMinute: session.endMinute }],
      holidays: [],
    },
    session.date,
  );
}

/** The instants a local date spans in a time zone. */
export function dayBounds(date: string, timeZone: string): [string, string] {
  const from = instantOfLocal(Date.parse(`${date}T00:00:00Z`), timeZone);
  const to = instantOfLocal(Date.parse(`${nextDate(date)}T00:00:00Z`), timeZone);
  return [new Date(from).toISOString(), new Date(to).toISOString()];
}

/** Whether a YYYY-MM-DD text is a real calendar date. */
export function isCalendarDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}
