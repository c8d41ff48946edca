import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from './api.client.ts';
import { readCache, writeCache } from './cache.store.ts';

export type ApiState<T> =
  | { status: 'loading'; data: null; savedAt: null; error: null }
  | { status: 'ready'; data: T; savedAt: null; error: null }
  /** The server could not be reached; `data` is the copy saved on this device, `savedAt` its age. */
  | { status: 'stale'; data: T; savedAt: number; error: ApiError }
  | { status: 'error'; data: null; savedAt: null; error: ApiError };

const LOADING = { status: 'loading', data: null, savedAt: null, error: null } as const;

/**
 * Loads a GET resource, keeping the last good answer on this device so that offline the page still shows
 * something useful, labelled with its age. `path` null means "nothing to load yet". Personal data passes
 * `keepOnDevice: false`: a shared phone must not keep someone's account in localStorage.
 */
export function useApi<T>(
  path: string | null,
  { keepOnDevice = true }: { keepOnDevice?: boolean } = {},
): ApiState<T> & { retry: () => void } {
  const [state, setState] = useState<ApiState<T>>(LOADING);
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (path === null) return;
    // Re-read on each attempt so "Try again" re-fetches.
    void attempt;
    const controller = new AbortController();
    setState(LOADING);
    getJson<T>(path, controller.signal).then(
      (data) => {
        if (keepOnDevice) writeCache(path, data);
        setState({ status: 'ready', data, savedAt: null, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError = error instanceof ApiError ? error : new ApiError(0, null);
        const cached = keepOnDevice && (apiError.offline || apiError.status >= 500) ? readCache<T>(path) : null;
        setState(
          cached
            ? { status: 'stale', data: cached.data, savedAt: cached.savedAt, error: apiError }
            : { status: 'error', data: null, savedAt: null, error: apiError },
        );
      },
    );
    return () => controller.abort();
  }, [path, attempt, keepOnDevice]);

  return { ...state, retry };
}
