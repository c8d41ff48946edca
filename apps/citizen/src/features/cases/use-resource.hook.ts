import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, getJson } from '../../lib/api.client.ts';

export type Resource<T> =
  | { status: 'loading'; data: null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: null; error: ApiError };

/**
 * A personal resource that live updates re-read in place: `refresh` keeps what is shown until the new answer
 * arrives (no flash of "Loading…", focus stays where it was), while `retry` after a failure starts over.
 * Nothing is saved on the device (a shared phone must not keep someone's case).
 */
export function useResource<T>(path: string | null): Resource<T> & { refresh: () => void; retry: () => void } {
  const [state, setState] = useState<Resource<T>>({ status: 'loading', data: null, error: null });
  const [tick, setTick] = useState(0);
  const quiet = useRef(false);
  const refresh = useCallback(() => {
    quiet.current = true;
    setTick((n) => n + 1);
  }, []);
  const retry = useCallback(() => {
    quiet.current = false;
    setTick((n) => n + 1);
  }, []);

  useEffect(() => {
    if (path === null) return;
    void tick;
    const controller = new AbortController();
    if (!quiet.current) setState({ status: 'loading', data: null, error: null });
    getJson<T>(path, controller.signal).then(
      (data) => setState({ status: 'ready', data, error: null }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // A failed quiet refresh keeps what is shown; the next live event or reconnect tries again.
        if (quiet.current) return;
        setState({ status: 'error', data: null, error: error instanceof ApiError ? error : new ApiError(0, null) });
      },
    );
    return () => controller.abort();
  }, [path, tick]);

  return { ...state, refresh, retry };
}
