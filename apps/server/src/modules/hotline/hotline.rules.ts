import type { CaseCategory, CasePriority } from '@homeward/shared';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

// Pure rules of the hotline, unit-tested in hotline.rules.test.ts.

/**
 * The priority a case opened from a call starts at, unless the agent picks another: threats to life and
 * liberty first (P1 kidnapping and disaster or conflict; P2 detention, accidents, missing persons, deaths,
 * children), then harm already done (P3), then the rest.
 */
export const DEFAULT_PRIORITY: Record<CaseCategory, CasePriority> = {
  kidnapping: 'P1',
  disaster_conflict: 'P1',
  detention: 'P2',
  accident: 'P2',
  missing_person: 'P2',
  death: 'P2',
  child_welfare: 'P2',
  crime_victim: 'P3',
  lost_passport: 'P3',
  fraud: 'P3',
  other: 'P4',
};

/**
 * A caller's number as E.164: international (+81 90…, 0081 90…) as it is, national (090…) read as the hint
 * country's. Null when it is not a possible number.
 */
export function callerE164(raw: string, country?: string): string | null {
  const text = raw.trim().replace(/^00/, '+');
  const phone = parsePhoneNumberFromString(text, country ? { defaultCountry: country as CountryCode } : undefined);
  return phone?.isPossible() ? phone.number : null;
}

/** True when the search text reads as a phone number rather than a name or a passport number. */
export function looksLikePhone(q: string): boolean {
  const compact = q.replace(/[\s\-().]/g, '');
  return /^(\+|00)?\d{6,17}$/.test(compact);
}

/** True for a case number or its start (HW-2026-0001). */
export function looksLikeCaseNumber(q: string): boolean {
  return /^HW-\d{4}(-\d{0,6})?$/i.test(q.trim());
}

/** Whole seconds from `start` to `end`, never negative. */
export function durationSeconds(startIso: string, endIso: string): number {
  return Math.max(0, Math.round((Date.parse(endIso) - Date.parse(startIso)) / 1000));
}

/** Every UTC day from `from` to `to` inclusive (YYYY-MM-DD). */
export function daysInRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** The words of a knowledge-base search: split on spaces and punctuation of both scripts, at most 8. */
export function searchWords(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .split(/[\s,.;:!?，。；：！？、]+/u)
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
    .slice(0, 8);
}
