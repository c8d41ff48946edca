import { HcertError } from './errors.ts';

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses an ISO-8601 date-time as the test files and operators write it: fractions of any length, offsets as
 * Z, +02, +0200 or +02:00, and no zone at all meaning UTC (not the machine's zone, so results do not move).
 * A bare date means its midnight UTC.
 */
export function parseIsoInstant(text: string): Date {
  const match = ISO_INSTANT.exec(text.trim());
  if (!match) throw new HcertError('input', `time: ${JSON.stringify(text)} is not an ISO-8601 date-time`);
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const ms = Number(`${fraction ?? ''}000`.slice(0, 3));
  let time = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second ?? 0),
    ms,
  );
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0);
    time -= sign * offsetMinutes * 60_000;
  }
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) throw new HcertError('input', `time: ${JSON.stringify(text)} is out of range`);
  return date;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
// 0000-01-01 and 10000-01-01 in seconds since the epoch: toISOString writes years outside as ±YYYYYY.
const FIRST_FOUR_DIGIT_SECOND = -62_167_219_200;
const FIRST_FIVE_DIGIT_SECOND = 253_402_300_800;

/**
 * `new Date(seconds * 1000).toISOString()` for a whole number of seconds since the epoch, without the Date
 * (a verification writes two: about a microsecond together). Days to a civil date by H. Hinnant's algorithm;
 * fractions and years outside 0000–9999 go through Date. clock.test.ts compares both.
 */
export function isoFromEpochSeconds(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds < FIRST_FOUR_DIGIT_SECOND || seconds >= FIRST_FIVE_DIGIT_SECOND) {
    return new Date(seconds * 1000).toISOString();
  }
  const days = Math.floor(seconds / 86_400);
  let rest = seconds - days * 86_400;
  const hour = Math.floor(rest / 3600);
  rest -= hour * 3600;
  const minute = Math.floor(rest / 60);
  const second = rest - minute * 60;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const yearText = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${yearText}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.000Z`;
}
