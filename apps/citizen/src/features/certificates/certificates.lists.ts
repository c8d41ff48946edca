import { readVerifierLists, type VerifierLists } from '@homeward/hcert';
import { readCache, writeCache } from '../../lib/cache.store.ts';

export const TRUST_LIST_PATH = '/api/v1/certificates/trust-list';
export const REVOCATION_LIST_PATH = '/api/v1/certificates/revocation-list';
const CACHE_KEY = 'certificates:lists';

interface RawLists {
  trust: unknown;
  revocation: unknown;
}

export interface LoadedLists {
  lists: VerifierLists;
  /** When the lists were downloaded (epoch ms). */
  savedAt: number;
  /** False when the network failed and the copy on this device is used. */
  fresh: boolean;
}

async function fetchJson(path: string): Promise<unknown> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/**
 * The trust list and revocation list for offline verification: downloaded when the network answers (the browser
 * revalidates with the ETag, so an unchanged list costs a 304), otherwise the copy saved on this device.
 * Resolves to null when there is neither.
 */
export async function loadVerifierLists(): Promise<LoadedLists | null> {
  try {
    const [trust, revocation] = await Promise.all([fetchJson(TRUST_LIST_PATH), fetchJson(REVOCATION_LIST_PATH)]);
    const lists = await readVerifierLists(trust, revocation);
    const savedAt = Date.now();
    writeCache<RawLists>(CACHE_KEY, { trust, revocation }, savedAt);
    return { lists, savedAt, fresh: true };
  } catch {
    const cached = readCache<RawLists>(CACHE_KEY);
    if (!cached) return null;
    try {
      const lists = await readVerifierLists(cached.data.trust, cached.data.revocation);
      return { lists, savedAt: cached.savedAt, fresh: false };
    } catch {
      return null;
    }
  }
}
