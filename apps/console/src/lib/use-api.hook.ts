import { useCallback, useEffect, useState } from 'react';
import { ApiError, getJson } from './api.client.ts';

export type ApiState<T> =
  | { status: 'loading'; data: T | null; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: null; error: ApiError };

/**
 * Loads a GET resource. While a new query loads, the previous answer stays on screen (a table that blanks on
 * every filter change loses the reader's place).
 */
export function useApi<T>(path: string | null): ApiState<T> & { retry: () => void } {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading', data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  useEffect(() => {
    if (path === null) return;
    void attempt;
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data, error: null }));
    getJson<T>(path, controller.signal).then(
      (data) => {
        // An abort while the body was read still resolves (the client reads a broken body as null): a newer
        // request is on its way, and this stale answer must not blank the page in between.
        if (controller.signal.aborted) return;
        setState({ status: 'ready', data, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', data: null, error: error instanceof ApiError ? error : new ApiError(0, null) });
      },
    );
    return () => controller.abort();
  }, [path, attempt]);

  return { ...state, retry };
}
