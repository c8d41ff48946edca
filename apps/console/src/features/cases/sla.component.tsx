import type { CaseSla, SlaState } from '@homeward/shared';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The clock that matters now: the first response until it is met, then the next update. */
export function currentSla(sla: CaseSla): {
  target: 'firstResponse' | 'nextUpdate';
  state: SlaState;
  dueAt: string | null;
} {
  if (sla.firstResponse.state !== 'met') return { target: 'firstResponse', ...sla.firstResponse };
  return { target: 'nextUpdate', ...sla.nextUpdate };
}

/** Re-renders every `intervalMs` so "due in 12 min" stays true while the page is open. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** "2 h 5 min" / "2 小时 5 分钟": minutes under an hour, hours (and minutes) under two days, then days. */
export function useDuration(): (ms: number, options?: { coarse?: boolean }) => string {
  const { t } = useTranslation();
  return (ms, options = {}) => {
    const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
    if (minutes < 60) return t('cases.sla.minutes', { count: minutes });
    const hours = Math.floor(minutes / 60);
    if (hours < 48) {
      const rest = minutes % 60;
      // The queue's age column needs only the hours; a due time counts the minutes too.
      return rest === 0 || options.coarse
        ? t('cases.sla.hours', { count: hours })
        : `${t('cases.sla.hours', { count: hours })} ${t('cases.sla.minutes', { count: rest })}`;
    }
    return t('cases.sla.days', { count: Math.floor(hours / 24) });
  };
}

/** A shape per state, so the state reads without colour (WCAG 1.4.1); the text beside it says it in words. */
function SlaIcon({ state }: { state: SlaState }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {SHAPES[state]}
    </svg>
  );
}

const SHAPES: Record<SlaState, ReactNode> = {
  // An octagon with a cross: stop, breached.
  red: (
    <>
      <path d="M5 1h6l4 4v6l-4 4H5l-4-4V5z" fill="currentColor" />
      <path d="M5.5 5.5l5 5m0-5l-5 5" stroke="#fff" strokeWidth="2" />
    </>
  ),
  // A triangle with an exclamation mark: warning, about to breach.
  amber: (
    <>
      <path d="M8 1l7.5 14H.5z" fill="currentColor" />
      <path d="M8 6v4.5M8 12v1.5" stroke="#fff" strokeWidth="2" />
    </>
  ),
  paused: (
    <>
      <rect x="3" y="2" width="3.5" height="12" fill="currentColor" />
      <rect x="9.5" y="2" width="3.5" height="12" fill="currentColor" />
    </>
  ),
  met: <path d="M2 8.5l4 4 8-9" fill="none" stroke="currentColor" strokeWidth="2.5" />,
  // A full circle: on track.
  green: <circle cx="8" cy="8" r="6.5" fill="currentColor" />,
};

/**
 * One SLA clock as icon + text + colour ("Overdue 2 h", "Due in 40 min", "Met", "Paused"), as staff asked:
 * colour-blind colleagues read the icon and the words.
 */
export function SlaBadge({
  state,
  dueAt,
  now,
  label,
}: {
  state: SlaState;
  dueAt: string | null;
  now: number;
  /** Which clock, for the case page ("First response"); the queue leaves it out. */
  label?: string;
}) {
  const { t } = useTranslation();
  const duration = useDuration();
  const due = dueAt ? new Date(dueAt).getTime() : Number.NaN;
  let text: string;
  if (state === 'met') text = t('cases.sla.met');
  else if (state === 'paused') text = t('cases.sla.paused');
  else if (Number.isNaN(due)) text = t(`cases.sla.state.${state}`);
  else if (due <= now) text = t('cases.sla.overdue', { duration: duration(now - due) });
  else text = t('cases.sla.dueIn', { duration: duration(due - now) });
  return (
    <span className={`sla sla--${state}`}>
      <SlaIcon state={state} />
      <span>
        {label ? (
          <span className="sla__label">
            {label}
            {t('cases.sla.separator')}
          </span>
        ) : null}
        <span className="visually-hidden">
          {t(`cases.sla.state.${state}`)}
          {t('cases.sla.separator')}
        </span>
        {text}
      </span>
    </span>
  );
}
