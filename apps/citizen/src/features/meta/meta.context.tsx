import type { Meta } from '@homeward/shared';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { getJson } from '../../lib/api.client.ts';
import { readCache, writeCache } from '../../lib/cache.store.ts';

const META_PATH = '/api/v1/meta';

export interface MetaState {
  meta: Meta | null;
  /** Set when `meta` is the copy saved on this device and the server could not be reached to refresh it. */
  savedAt: number | null;
}

interface InternalState {
  meta: Meta | null;
  cachedAt: number | null;
  failed: boolean;
}

const MetaContext = createContext<MetaState>({ meta: null, savedAt: null });

/**
 * Who runs the service and the hotline number. Everything else can wait, this cannot: the saved copy is shown
 * at once (the hotline must appear even offline) and replaced when the server answers.
 */
export function MetaProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<InternalState>(() => {
    const cached = readCache<Meta>(META_PATH);
    return { meta: cached?.data ?? null, cachedAt: cached?.savedAt ?? null, failed: false };
  });

  useEffect(() => {
    const controller = new AbortController();
    getJson<Meta>(META_PATH, controller.signal).then(
      (meta) => {
        writeCache(META_PATH, meta);
        setState({ meta, cachedAt: null, failed: false });
      },
      () => {
        // Keep the saved copy and from now on show its age; without one, the hotline component explains.
        if (!controller.signal.aborted) setState((previous) => ({ ...previous, failed: true }));
      },
    );
    return () => controller.abort();
  }, []);

  const value = useMemo<MetaState>(
    () => ({ meta: state.meta, savedAt: state.failed ? state.cachedAt : null }),
    [state],
  );
  return <MetaContext.Provider value={value}>{children}</MetaContext.Provider>;
}

export function useMeta(): MetaState {
  return useContext(MetaContext);
}
