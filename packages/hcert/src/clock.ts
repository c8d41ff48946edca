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
