import type { Locale, LocalizedText } from '@homeward/shared';

/** "UTC+09:00" for a time zone at a given instant (offsets change with daylight saving). */
export function utcOffset(timeZone: string, at: Date): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  // longOffset gives "GMT+09:00", or plain "GMT" for UTC itself.
  const offset = part?.value.replace(/^GMT/, '') ?? '';
  return `UTC${offset === '' ? '+00:00' : offset}`;
}

/** Wall-clock time in a mission's time zone, e.g. "周二 14:30" / "Tue 14:30". */
export function localTime(timeZone: string, locale: Locale, at: Date): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(at);
}

/** How long ago something was saved, e.g. "3 minutes ago" / "3分钟前". */
export function age(savedAt: number, locale: Locale, now = Date.now()): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = Math.round((savedAt - now) / 1000);
  const minutes = Math.round(seconds / 60);
  const hours = Math.round(minutes / 60);
  const days = Math.round(hours / 24);
  if (Math.abs(seconds) < 60) return rtf.format(seconds, 'second');
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  if (Math.abs(hours) < 24) return rtf.format(hours, 'hour');
  return rtf.format(days, 'day');
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** tel: links need the number without spaces or punctuation (RFC 3966 global number). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export function sortByName<T extends { name: LocalizedText }>(items: readonly T[], locale: Locale): T[] {
  const collator = new Intl.Collator(locale);
  return [...items].sort((a, b) => collator.compare(a.name[locale], b.name[locale]));
}

/** A date and time as people write it: "2026年3月5日 14:30" / "5 March 2026 at 14:30", in the device's time zone. */
export function dateTime(iso: string, locale: Locale): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeStyle: 'short' }).format(
    at,
  );
}
