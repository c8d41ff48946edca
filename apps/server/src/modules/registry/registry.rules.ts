import { parsePhoneNumberFromString } from 'libphonenumber-js';

// Pure rules of the citizen's registration (decision 0006), unit-tested in registry.rules.test.ts.

const DAY_MS = 86_400_000;

/** True for a YYYY-MM-DD the calendar has (no 2026-02-30). */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The UTC calendar date of a moment, YYYY-MM-DD. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The day `days` before `day` (YYYY-MM-DD). */
export function daysBefore(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS));
}

/** Upper case without spaces; null when it is not 5–20 letters and digits. */
export function normalizePassportNumber(raw: string): string | null {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z0-9]{5,20}$/.test(value) ? value : null;
}

/** E.164 for a possible international number, else null. */
export function toE164(raw: string): string | null {
  const phone = parsePhoneNumberFromString(raw.trim());
  return phone?.isPossible() ? phone.number : null;
}

export interface DatedPresence {
  id: string;
  kind: 'residence' | 'trip';
  arrivalOn: string;
  departureOn: string | null;
}

/** True when the presence's dates (inclusive; no departure means open-ended) include `day`. */
export function isPresentOn(presence: DatedPresence, day: string): boolean {
  return presence.arrivalOn <= day && (presence.departureOn === null || presence.departureOn >= day);
}

/**
 * "Where am I now": of the presences that include `day`, a trip beats a residence (someone living in Paris
 * on a trip in Tokyo this week is in Tokyo, decision 0005), and the smallest id wins a tie.
 */
export function whereAmINow<T extends DatedPresence>(presences: readonly T[], day: string): T | null {
  let best: T | null = null;
  for (const p of presences) {
    if (!isPresentOn(p, day)) continue;
    if (!best || (p.kind === 'trip' && best.kind !== 'trip') || (p.kind === best.kind && p.id < best.id)) {
      best = p;
    }
  }
  return best;
}
