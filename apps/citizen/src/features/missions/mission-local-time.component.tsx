import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { localTime, utcOffset } from '../../lib/format.ts';

function useNow(intervalMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** The mission's wall-clock time and UTC offset, so a caller knows whether it is the middle of the night there. */
export function MissionLocalTime({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const locale = currentLocale();
  let text: string;
  try {
    text = t('mission.localTimeValue', { time: localTime(timeZone, locale, now), offset: utcOffset(timeZone, now) });
  } catch {
    // An unknown zone name must not break the page; show the raw name instead.
    text = timeZone;
  }
  return <time dateTime={now.toISOString()}>{text}</time>;
}
