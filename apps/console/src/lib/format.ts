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

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function sortByName<T extends { name: LocalizedText }>(items: readonly T[], locale: Locale): T[] {
  const collator = new Intl.Collator(locale);
  return [...items].sort((a, b) => collator.compare(a.name[locale], b.name[locale]));
}
