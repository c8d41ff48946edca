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

/**
 * "2026年3月5日 14:30" / "5 March 2026, 14:30" in the reader's time zone, with its UTC offset so records read the
 * same to colleagues in other zones.
 */
export function formatDateTime(iso: string, locale: Locale): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const text = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  return `${text} (${utcOffset(zone, at)})`;
}
