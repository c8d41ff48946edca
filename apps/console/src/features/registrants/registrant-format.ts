import type { Locale } from '@homeward/shared';

/** A calendar day (YYYY-MM-DD) as "2026年3月5日" / "5 March 2026", without moving it across time zones. */
export function formatDay(day: string, locale: Locale): string {
  const at = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return day;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(at);
}
