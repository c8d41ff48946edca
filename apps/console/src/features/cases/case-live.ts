import { LIVE_CASE_EVENT, type LiveCaseEvent } from '@homeward/shared';
import { useEffect, useRef } from 'react';

export type { LiveCaseEvent };

type Listener = (event: LiveCaseEvent) => void;

const listeners = new Set<Listener>();
let source: EventSource | null = null;

function isLiveCaseEvent(value: unknown): value is LiveCaseEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.caseId === 'string' &&
    typeof v.eventId === 'string' &&
    typeof v.kind === 'string' &&
    typeof v.missionCode === 'string'
  );
}

function onMessage(message: MessageEvent<string>): void {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return;
  }
  if (!isLiveCaseEvent(data)) return;
  for (const listener of listeners) listener(data);
}

/**
 * One stream per tab, shared by every page that listens; it opens with the first listener and closes with the
 * last. EventSource reconnects by itself (and sends Last-Event-ID), so a dropped connection needs nothing here.
 */
function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  if (!source && typeof EventSource !== 'undefined') {
    source = new EventSource('/api/v1/live', { withCredentials: true });
    source.addEventListener(LIVE_CASE_EVENT, onMessage as EventListener);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && source) {
      source.close();
      source = null;
    }
  };
}

/** Calls `onEvent` for every live case event while the component is mounted (the latest callback wins). */
export function useLiveCaseEvents(onEvent: Listener): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => subscribe((event) => latest.current(event)), []);
}
