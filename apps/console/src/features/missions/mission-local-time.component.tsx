import { useEffect, useState } from 'react';
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

/** Missions span time zones: staff see the mission's time and its UTC offset before they call. */
export function MissionLocalTime({ timeZone }: { timeZone: string }) {
  const now = useNow(30_000);
  const locale = currentLocale();
  try {
    return (
      <time dateTime={now.toISOString()}>
        {localTime(timeZone, locale, now)} <span className="muted">{utcOffset(timeZone, now)}</span>
      </time>
    );
  } catch {
    // An unknown zone name must not break the table.
    return <>{timeZone}</>;
  }
}
