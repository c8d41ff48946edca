import type { Meta } from '@homeward/shared';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { getJson } from '../../lib/api.client.ts';
import { readCache, writeCache } from '../../lib/cache.store.ts';

const META_PATH = '/api/v1/meta';

export interface MetaState {
  meta: Meta | null;
  /** Set when `meta` is the copy saved on this device because the server could not be reached. */
  savedAt: number | null;
}

const MetaContext = createContext<MetaState>({ meta: null, savedAt: null });

/**
 * Who runs the service and the hotline number. Everything else can wait, this cannot: the saved copy is shown
 * at once (the hotline must appear even offline) and replaced when the server answers.
 */
export function MetaProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<MetaState>(() => {
    const cached = readCache<Meta>(META_PATH);
    return cached ? { meta: cached.data, savedAt: cached.savedAt } : { meta: null, savedAt: null };
  });

  useEffect(() => {
    const controller = new AbortController();
    getJson<Meta>(META_PATH, controller.signal).then(
      (meta) => {
        writeCache(META_PATH, meta);
        setState({ meta, savedAt: null });
      },
      () => {
        // Keep the saved copy (with its age) if there is one; the hotline component explains otherwise.
      },
    );
    return () => controller.abort();
  }, []);

  return <MetaContext.Provider value={state}>{children}</MetaContext.Provider>;
}

export function useMeta(): MetaState {
  return useContext(MetaContext);
}
