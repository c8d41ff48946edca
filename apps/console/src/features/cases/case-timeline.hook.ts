import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, getJson } from '../../lib/api.client.ts';
import { type CaseEvent, type CaseEventList, caseEventsPath } from './cases.api.ts';

export interface Timeline {
  events: CaseEvent[];
  status: 'loading' | 'ready' | 'error';
  error: ApiError | null;
  /** Fetches what happened since the last event shown and appends it. */
  refresh: () => void;
}

/** A case's timeline: loaded once, then only the newer events (`?after=`), so nothing on screen jumps. */
export function useCaseTimeline(caseId: string): Timeline {
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const [status, setStatus] = useState<Timeline['status']>('loading');
  const [error, setError] = useState<ApiError | null>(null);
  const lastId = useRef<string | undefined>(undefined);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  const load = useCallback((): Promise<void> => {
    // One request at a time; a refresh asked for meanwhile runs once after it, from the newest id.
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    const run = getJson<CaseEventList>(caseEventsPath(caseId, lastId.current))
      .then(({ items }) => {
        if (items.length > 0) {
          lastId.current = items[items.length - 1]?.id;
          setEvents((current) => {
            const known = new Set(current.map((e) => e.id));
            return [...current, ...items.filter((e) => !known.has(e.id))];
          });
        }
        setStatus('ready');
        setError(null);
      })
      .catch((caught: unknown) => {
        setError(caught instanceof ApiError ? caught : new ApiError(0, null));
        setStatus((current) => (current === 'ready' ? current : 'error'));
      })
      .finally(() => {
        inFlight.current = null;
        if (again.current) {
          again.current = false;
          void load();
        }
      });
    inFlight.current = run;
    return run;
  }, [caseId]);

  useEffect(() => {
    lastId.current = undefined;
    setEvents([]);
    setStatus('loading');
    void load();
  }, [load]);

  return { events, status, error, refresh: () => void load() };
}
