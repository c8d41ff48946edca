import { useEffect, useRef } from 'react';
import { LIVE_EVENT, LIVE_PATH, type LiveCaseEvent } from './cases.api.ts';

/**
 * Calls `onEvent` for every live case event the server sends this person (only their own cases, only what they
 * may see). EventSource reconnects by itself and resumes with Last-Event-ID, so a dropped connection on a
 * phone loses nothing; the caller also re-reads when the connection opens again, for events sent meanwhile.
 */
export function useLiveCases(onEvent: (event: LiveCaseEvent) => void, onOpen?: () => void): void {
  const handler = useRef(onEvent);
  const opened = useRef(onOpen);
  handler.current = onEvent;
  opened.current = onOpen;
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(LIVE_PATH, { withCredentials: true });
    let first = true;
    const onMessage = (message: MessageEvent<string>) => {
      try {
        // Boundary: the server writes LiveCaseEventSchema as the data of each `case` event.
        handler.current(JSON.parse(message.data) as LiveCaseEvent);
      } catch {
        // A message that is not JSON is not for us.
      }
    };
    const onOpenEvent = () => {
      // The first open needs no catch-up: the page has just loaded.
      if (!first) opened.current?.();
      first = false;
    };
    source.addEventListener(LIVE_EVENT, onMessage as EventListener);
    source.addEventListener('open', onOpenEvent);
    return () => {
      source.removeEventListener(LIVE_EVENT, onMessage as EventListener);
      source.removeEventListener('open', onOpenEvent);
      source.close();
    };
  }, []);
}
