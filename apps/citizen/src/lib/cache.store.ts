/**
 * A small last-seen store in localStorage, so that offline the app can still show what it showed before
 * (the hotline above all) together with how old it is. Bounded, because localStorage is small and shared.
 */
const PREFIX = 'homeward.cache:';
const INDEX_KEY = 'homeward.cache-index';
const MAX_ENTRIES = 40;

export interface CachedEntry<T> {
  data: T;
  /** Epoch milliseconds when the data was fetched from the server. */
  savedAt: number;
}

function readIndex(): string[] {
  try {
    const raw = localStorage.getItem(INDEX_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

export function readCache<T>(key: string): CachedEntry<T> | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (!raw) return null;
    // Boundary: we wrote this value ourselves with writeCache for the same key and type.
    const entry = JSON.parse(raw) as CachedEntry<T>;
    return typeof entry.savedAt === 'number' ? entry : null;
  } catch {
    return null;
  }
}

export function writeCache<T>(key: string, data: T, savedAt = Date.now()): void {
  try {
    const index = readIndex().filter((k) => k !== key);
    index.push(key);
    // Keep the most recent entries; the oldest ones are the least likely to be needed offline.
    while (index.length > MAX_ENTRIES) {
      const oldest = index.shift();
      if (oldest !== undefined) localStorage.removeItem(PREFIX + oldest);
    }
    localStorage.setItem(PREFIX + key, JSON.stringify({ data, savedAt }));
    localStorage.setItem(INDEX_KEY, JSON.stringify(index));
  } catch {
    // Storage full or disabled (private mode): the app still works online, it only loses the offline copy.
  }
}
