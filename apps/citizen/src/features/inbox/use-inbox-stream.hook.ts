import { useEffect, useRef, useState } from 'react';
import { INBOX_EVENT, INBOX_STREAM_PATH } from './inbox.api.ts';

export interface InboxState {
  unread: number;
  latestId: string | null;
}

/**
 * The inbox as the server reports it live (SSE `inbox` events: unread count and newest item). Calls `onChange`
 * after the first report whenever something changed, so a page re-reads its list. EventSource reconnects by
 * itself; `enabled` is false while signed out.
 */
export function useInboxStream(enabled: boolean, onChange?: () => void): InboxState | null {
  const [state, setState] = useState<InboxState | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(INBOX_STREAM_PATH, { withCredentials: true });
    let first = true;
    const onMessage = (message: MessageEvent<string>) => {
      try {
        // Boundary: the server writes { unread, latestId } as the data of each `inbox` event.
        setState(JSON.parse(message.data) as InboxState);
        if (!first) changed.current?.();
        first = false;
      } catch {
        // Not JSON: not for us.
      }
    };
    source.addEventListener(INBOX_EVENT, onMessage as EventListener);
    return () => {
      source.removeEventListener(INBOX_EVENT, onMessage as EventListener);
      source.close();
    };
  }, [enabled]);
  return state;
}
